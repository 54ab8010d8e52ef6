package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// dirNames lists the names in dir, sorted, hidden files included.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteFileAtomicWrites(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.csv")
	if err := WriteFileAtomic(path, writeString("a,b\n1,2\n")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "a,b\n1,2\n" {
		t.Errorf("content %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"summary.csv"}) {
		t.Errorf("folder holds %q", names)
	}
	// The temporary file is private (0600); the result is not.
	if fi, err := os.Stat(path); err != nil || runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", fi.Mode(), err)
	}
}

func TestWriteFileAtomicReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old, and longer than the new content\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, writeString("new\n")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != "new\n" {
		t.Errorf("content %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"out.txt"}) {
		t.Errorf("folder holds %q", names)
	}
}

// TestWriteFileAtomicFailedWrite checks that when the write callback fails,
// after writing part of the new content, the existing file is left as it
// was, no temporary file is left behind, and the error says which file.
func TestWriteFileAtomicFailedWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.csv")
	if err := os.WriteFile(path, []byte("complete old file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("replication 3 failed")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "summary.csv") {
		t.Errorf("error %v, want it to wrap %v and name the file", err, boom)
	}
	if got := readString(t, path); got != "complete old file\n" {
		t.Errorf("existing file changed to %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"summary.csv"}) {
		t.Errorf("folder holds %q, want the old file only", names)
	}

	// Without an existing file, none is created.
	fresh := filepath.Join(dir, "new.csv")
	if err := WriteFileAtomic(fresh, func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("failed write created %s: %v", fresh, err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"summary.csv"}) {
		t.Errorf("folder holds %q", names)
	}
}

func TestWriteFileAtomicMissingFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "out.txt")
	called := false
	err := WriteFileAtomic(path, func(w io.Writer) error { called = true; return nil })
	if err == nil || !strings.Contains(err.Error(), "out.txt") {
		t.Errorf("error %v, want one naming the file", err)
	}
	if called {
		t.Error("write called although no file could be created")
	}
	if names := dirNames(t, dir); len(names) != 0 {
		t.Errorf("folder holds %q", names)
	}
}

// TestWriteFileAtomicRelative checks a bare file name, written into the
// current folder.
func TestWriteFileAtomicRelative(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := WriteFileAtomic("plain.txt", writeString("x")); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(dir, "plain.txt")); got != "x" {
		t.Errorf("content %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"plain.txt"}) {
		t.Errorf("folder holds %q", names)
	}
}

// TestWriteFileAtomicOntoFolder checks that a folder in the way is an error
// and is left alone, with no temporary file behind.
func TestWriteFileAtomicOntoFolder(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "results")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(sub, writeString("x")); err == nil {
		t.Error("no error writing over a folder")
	}
	if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
		t.Errorf("folder replaced: %v", err)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"results"}) {
		t.Errorf("folder holds %q", names)
	}
}
