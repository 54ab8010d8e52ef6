package main

import "runtime/debug"

// version is takt's version; a release build sets it with
// -ldflags "-X main.version=v1.2.3". Otherwise it comes from the module
// (go install …@v1.2.3), or is "dev".
var version = ""

// versionString is what takt --version prints after "takt version ":
// the version, the commit it was built from (vcs.revision, "+dirty" with
// uncommitted changes; "unknown" when the build did not record it, as in
// go run or a build outside a checkout) and the Go version.
func versionString() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(version, bi)
}

// versionOf is versionString for the version set at link time (or "") and
// the build information (nil when there is none).
func versionOf(v string, bi *debug.BuildInfo) string {
	commit, goVersion := "unknown", ""
	if bi != nil {
		goVersion = bi.GoVersion
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		var rev, dirty string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = "+dirty"
				}
			}
		}
		if rev != "" {
			commit = rev[:min(len(rev), 12)] + dirty
		}
	}
	if v == "" {
		v = "dev"
	}
	if goVersion != "" {
		commit += ", " + goVersion
	}
	return v + " (commit " + commit + ")"
}
