package main

import (
	"context"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersion checks takt --version and where its parts come from: the
// version set at link time, else the module's, else "dev"; the commit from
// vcs.revision (shortened, "+dirty" with uncommitted changes), else
// "unknown".
func TestVersion(t *testing.T) {
	code, out, _ := takt(context.Background(), "--version")
	if code != 0 || !strings.HasPrefix(out, "takt version ") || !strings.Contains(out, "commit ") {
		t.Errorf("takt --version: exit %d, %q", code, out)
	}
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}
	for _, c := range []struct {
		linked string
		bi     *debug.BuildInfo
		want   string
	}{
		{"", nil, "dev (commit unknown)"},
		{"", &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Version: "(devel)"}}, "dev (commit unknown, go1.26)"},
		{"", &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Version: "v0.4.0"}}, "v0.4.0 (commit unknown, go1.26)"},
		{"v1.0.0", &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Version: "v0.4.0"}, Settings: rev},
			"v1.0.0 (commit 0123456789ab+dirty, go1.26)"},
		{"", &debug.BuildInfo{GoVersion: "go1.26", Settings: rev[:1]}, "dev (commit 0123456789ab, go1.26)"},
	} {
		if got := versionOf(c.linked, c.bi); got != c.want {
			t.Errorf("versionOf(%q, %+v) = %q, want %q", c.linked, c.bi, got, c.want)
		}
	}
}
