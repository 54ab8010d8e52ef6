package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// checkOutputs checks, before anything runs, that the files and folders
// the flags name can be written, so that a long run does not end in an
// error about its output.
func (o *expFlags) checkOutputs() error {
	for _, d := range []struct{ flag, dir string }{{"--csv", o.csvDir}, {"--plots", o.plotsDir}} {
		if d.dir == "" {
			continue
		}
		if err := checkOutputDir(d.dir); err != nil {
			return fmt.Errorf("%s %s: %w", d.flag, d.dir, err)
		}
	}
	for _, f := range []struct{ flag, file string }{{"--report", o.report}, {"--xlsx", o.xlsx}} {
		if f.file == "" {
			continue
		}
		if fi, err := os.Stat(f.file); err == nil && fi.IsDir() {
			return fmt.Errorf("%s %s: is a folder, not a file", f.flag, f.file)
		}
		if err := checkOutputDir(filepath.Dir(f.file)); err != nil {
			return fmt.Errorf("%s %s: %w", f.flag, f.file, err)
		}
	}
	return nil
}

// checkOutputDir checks that dir is a folder that can be written to, or
// that the nearest folder above it that exists can (takt creates the rest).
func checkOutputDir(dir string) error {
	at := dir
	for {
		fi, err := os.Stat(at)
		switch {
		case err == nil && !fi.IsDir():
			return fmt.Errorf("%s is not a folder", at)
		case err == nil:
			f, err := os.CreateTemp(at, ".takt-check-*")
			if err != nil {
				return fmt.Errorf("cannot write in %s", at)
			}
			f.Close()
			return os.Remove(f.Name())
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
		up := filepath.Dir(at)
		if up == at {
			return fmt.Errorf("no folder to create it in")
		}
		at = up
	}
}
