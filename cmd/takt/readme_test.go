package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeSamples checks that every output sample in README.md — a code
// block whose first line is "$ takt ARGS" — is what takt prints for ARGS,
// run from the repository's root, byte for byte. `go test ./cmd/takt -run
// TestReadmeSamples -update` rewrites the samples from the real output.
func TestReadmeSamples(t *testing.T) {
	readme := filepath.Join("..", "..", "README.md")
	b, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join("..", ".."))
	lines := strings.SplitAfter(string(b), "\n")
	var out strings.Builder
	samples := 0
	for i := 0; i < len(lines); i++ {
		out.WriteString(lines[i])
		if strings.TrimSpace(lines[i]) != "```" || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "$ takt ") {
			continue
		}
		command := strings.TrimSpace(lines[i+1])
		end := i + 2
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		want := strings.Join(lines[i+2:end], "")
		code, got, stderr := takt(context.Background(), strings.Fields(strings.TrimPrefix(command, "$ takt "))...)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", command, code, stderr)
		}
		if got != want && !*update {
			t.Errorf("README.md: the output of %q differs from the sample (go test ./cmd/takt -run TestReadmeSamples -update rewrites it):\n--- README\n%s--- takt\n%s", command, want, got)
		}
		out.WriteString(lines[i+1] + got)
		i = end - 1
		samples++
	}
	if samples == 0 {
		t.Fatal("README.md has no $ takt sample")
	}
	if *update {
		if err := os.WriteFile("README.md", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
