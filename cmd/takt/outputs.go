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
	if o.report != "" {
		if fi, err := os.Stat(o.report); err == nil && fi.IsDir() {
			return fmt.Errorf("--report %s: is a folder, not a file", o.report)
		}
		if err := checkOutputDir(filepath.Dir(o.report)); err != nil {
			return fmt.Errorf("--report %s: %w", o.report, err)
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
