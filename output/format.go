// Package output renders experiment summaries for people and for other
// tools: the console table, JSON, and CSV. It never simulates; it only reads
// a sim.Summary.
package output

import (
	"math"
	"strconv"
	"strings"

	"github.com/takt-sim/takt/sim/stats"
)

// decimals is the number of decimals that shows an estimate to the precision
// its confidence interval supports: two significant digits of the
// half-width, or four significant digits of the mean when there is no
// half-width or it is zero.
func decimals(e stats.Estimate, scale float64) int {
	ref, sig := e.HalfWidth*scale, 2
	if math.IsNaN(ref) || zeroWidth(e) || math.IsInf(ref, 0) {
		ref, sig = math.Abs(e.Mean*scale), 4
	}
	if ref == 0 || math.IsNaN(ref) {
		return 0
	}
	d := sig - 1 - int(math.Floor(math.Log10(ref)))
	if math.Round(ref*math.Pow10(d)) >= math.Pow10(sig) {
		d-- // 9.96 rounds to 10: two digits are 10, not 10.0
	}
	return min(max(d, 0), 10)
}

// num formats x with d decimals; "-" for NaN.
func num(x float64, d int) string {
	if math.IsNaN(x) {
		return "-"
	}
	s := strconv.FormatFloat(x, 'f', d, 64)
	if s == "-0" || strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// est formats an estimate as "mean ± half-width", scaled (100 for percent).
func est(e stats.Estimate, scale float64, unit string) string {
	if math.IsNaN(e.Mean) {
		return "-"
	}
	d := decimals(e, scale)
	s := num(e.Mean*scale, d) + unit
	switch {
	case math.IsNaN(e.HalfWidth):
	case zeroWidth(e):
		s += " ±0"
	default:
		s += " ±" + num(e.HalfWidth*scale, d)
	}
	return s
}

// zeroWidth reports whether e's half-width is zero: identical replications,
// up to the rounding of their mean (a half-width below 1e-12 of the mean
// is binary noise, not variation).
func zeroWidth(e stats.Estimate) bool {
	return e.HalfWidth == 0 || math.Abs(e.HalfWidth) <= 1e-12*math.Abs(e.Mean)
}

// table renders rows as aligned columns: the first column left-aligned, the
// others right-aligned, two spaces apart.
func table(rows [][]string, indent string) string {
	var width []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		line := indent
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			switch {
			case i == 0:
				line += c + pad
			default:
				line += "  " + pad + c
			}
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}

// ConsoleWidth is the width, in characters, that the wide console tables
// fit: wider ones are cut into blocks of columns (see tableFit).
const ConsoleWidth = 100

// tableFit is table, cut into blocks of whole columns when a line would be
// wider than width: each block repeats the first column (the names) and
// the blocks follow one another, a blank line apart, so that a narrow
// terminal wraps the table by rows, never in the middle of a number.
func tableFit(rows [][]string, indent string, width int) string {
	if len(rows) == 0 {
		return ""
	}
	ncol := 0
	for _, r := range rows {
		ncol = max(ncol, len(r))
	}
	colWidth := make([]int, ncol)
	for _, r := range rows {
		for i, c := range r {
			colWidth[i] = max(colWidth[i], len([]rune(c)))
		}
	}
	var blocks []string
	for from := 1; from < ncol || from == 1; {
		to, w := from, len(indent)+colWidth[0]
		for to < ncol && (to == from || w+2+colWidth[to] <= width) {
			w += 2 + colWidth[to]
			to++
		}
		block := make([][]string, len(rows))
		for i, r := range rows {
			block[i] = []string{r[0]}
			for k := from; k < to; k++ {
				cell := ""
				if k < len(r) {
					cell = r[k]
				}
				block[i] = append(block[i], cell)
			}
		}
		blocks = append(blocks, table(block, indent))
		if to == from {
			break
		}
		from = to
	}
	return strings.Join(blocks, "\n")
}

// g formats a float at full precision for machine-readable output.
func g(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// short formats a float for people: at most 6 significant digits, so that
// binary noise such as 16.799999999999997 reads 16.8.
func short(x float64) string { return strconv.FormatFloat(x, 'g', 6, 64) }
