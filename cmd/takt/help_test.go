package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestHelpExamples runs every example shown in every --help, so that none
// names a file, key or element that does not exist. Each command's examples
// run in order in a fresh folder laid out like a checkout (the bundled
// scenarios under scenarios/), so an example may use a file an earlier one
// wrote with `takt examples NAME > FILE`. Commands that run replications
// get -r 2 -q appended (the last -r wins) to keep the test cheap; nothing
// else is changed.
func TestHelpExamples(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Example != "" {
			t.Run(c.CommandPath(), func(t *testing.T) { runExamples(t, c.Example) })
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRoot(&bytes.Buffer{}, &bytes.Buffer{}))
}

// runExamples runs the example lines of one help text in a fresh folder.
func runExamples(t *testing.T, examples string) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "scenarios"), os.DirFS(filepath.Join("..", "..", "scenarios"))); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, line := range strings.Split(examples, "\n") {
		line, _, _ = strings.Cut(line, "#") // a comment
		for _, command := range strings.Split(line, "&&") {
			if strings.TrimSpace(command) != "" {
				runExample(t, strings.TrimSpace(command))
			}
		}
	}
}

// runExample runs one example command: "takt ARGS [> FILE]", with globs
// expanded as a shell would.
func runExample(t *testing.T, command string) {
	command, redirect := cutRedirect(command)
	words, quoted := shellWords(command)
	if len(words) == 0 || words[0] != "takt" {
		t.Fatalf("example %q does not start with takt", command)
	}
	var args []string
	for i, w := range words[1:] {
		if !quoted[i+1] && strings.ContainsAny(w, "*?[") {
			matches, _ := filepath.Glob(w)
			if len(matches) == 0 {
				t.Fatalf("example %q: %s matches no file", command, w)
			}
			args = append(args, matches...)
			continue
		}
		args = append(args, w)
	}
	if c, _, err := newRoot(&bytes.Buffer{}, &bytes.Buffer{}).Find(args); err == nil && c.Flags().Lookup("replications") != nil {
		args = append(args, "-r", "2", "-q")
	}
	code, stdout, stderr := takt(context.Background(), args...)
	if code != 0 {
		t.Fatalf("example %q: exit %d\n%s", command, code, stderr)
	}
	if f := strings.TrimSpace(redirect); f != "" {
		if err := os.WriteFile(f, []byte(stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// cutRedirect splits "COMMAND > FILE" at a > outside double quotes.
func cutRedirect(command string) (string, string) {
	in := false
	for i, r := range command {
		switch {
		case r == '"':
			in = !in
		case r == '>' && !in:
			return command[:i], command[i+1:]
		}
	}
	return command, ""
}

// shellWords splits a command line into words as a shell would for the
// examples: at spaces, with "double quotes" grouping (and not globbing) a
// word.
func shellWords(s string) (words []string, quoted []bool) {
	var w strings.Builder
	in, any, q := false, false, false
	flush := func() {
		if any {
			words, quoted = append(words, w.String()), append(quoted, q)
		}
		w.Reset()
		any, q = false, false
	}
	for _, r := range s {
		switch {
		case r == '"':
			in, any, q = !in, true, true
		case (r == ' ' || r == '\t') && !in:
			flush()
		default:
			w.WriteRune(r)
			any = true
		}
	}
	flush()
	return words, quoted
}

// TestSharedFlags checks that every command that runs replications takes
// every flag of expFlags, with the same shorthand and default.
func TestSharedFlags(t *testing.T) {
	shared := &cobra.Command{}
	(&expFlags{}).register(shared)
	root := newRoot(&bytes.Buffer{}, &bytes.Buffer{})
	for _, name := range []string{"run", "compare", "sweep", "bottleneck", "warmup", "optimize"} {
		c, _, err := root.Find([]string{name})
		if err != nil || c.Name() != name {
			t.Fatalf("no command %s: %v", name, err)
		}
		shared.Flags().VisitAll(func(f *pflag.Flag) {
			g := c.Flags().Lookup(f.Name)
			if g == nil || g.Shorthand != f.Shorthand || g.DefValue != f.DefValue || g.Hidden {
				t.Errorf("takt %s: flag --%s missing or different", name, f.Name)
			}
		})
	}
}
