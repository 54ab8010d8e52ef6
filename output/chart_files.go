package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// chartFormats are the file formats of WriteCharts, in the order written.
var chartFormats = []struct {
	ext   string
	write func(io.Writer, *plot.Plot, vg.Length, vg.Length) error
}{{".svg", WriteSVG}, {".png", WritePNG}}

// WriteCharts writes every chart into dir, creating dir if needed, as
// NAME.svg and NAME.png, each file atomically.
func WriteCharts(dir string, charts []Chart) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("charts: %w", err)
	}
	for _, c := range charts {
		w, h := c.Size()
		for _, f := range chartFormats {
			err := WriteFileAtomic(filepath.Join(dir, c.Name+f.ext), func(out io.Writer) error {
				return f.write(out, c.Plot, w, h)
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
