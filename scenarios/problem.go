package scenarios

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a scenario file.
type Problem struct {
	File    string // the file name as given to Parse or Load
	Line    int    // 1-based; 0 when the problem has no place in the file
	Element string // e.g. `station "weld"`, `source #2`, `run`; empty for top-level keys
	Key     string // the key at fault, e.g. "buffer"; empty if none
	Msg     string // the message, which names the key, e.g. "buffer must be >= 0, got -2"
}

// Error formats the problem as "FILE:LINE: ELEMENT: MSG", leaving out
// ":LINE" when Line is 0 and "ELEMENT: " when Element is empty (and
// writing "line LINE" when File is empty):
//
//	line.toml:14: station "weld": buffer must be >= 0, got -2
//	line.toml:3: time_unit: unknown unit "parsec" (want s, min, h, d or w)
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Line > 0 && p.File == "":
		fmt.Fprintf(&b, "line %d", p.Line)
	case p.Line > 0:
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Element != "" {
		b.WriteString(p.Element)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// InvalidError reports every problem found in a scenario file, in the order
// of their lines (problems without a line last).
type InvalidError struct {
	Problems []Problem
}

// Error returns the problems, one per line.
func (e *InvalidError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems as errors.
func (e *InvalidError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// IsInvalid reports whether err is, or wraps, an *InvalidError: whether the
// input, rather than the file system, is at fault.
func IsInvalid(err error) bool {
	var inv *InvalidError
	return errors.As(err, &inv)
}

// problems collects the problems of one file, and its warnings: things
// that run but are probably not what the author meant.
type problems struct {
	file     string
	lines    *lineIndex
	list     []Problem
	warnings []Problem
	// keys, when not nil, records the keys each kind of table accepts
	// (see table.kind), for the test that keeps Schema in step.
	keys map[string][]string
}

// warn records a warning at a line.
func (ps *problems) warn(line int, element, key, format string, args ...any) {
	ps.warnings = append(ps.warnings, Problem{File: ps.file, Line: line, Element: element,
		Key: key, Msg: fmt.Sprintf(format, args...)})
}

// add records a problem at a line.
func (ps *problems) add(line int, element, key, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: ps.file, Line: line, Element: element,
		Key: key, Msg: fmt.Sprintf(format, args...)})
}

// err returns the collected problems as an *InvalidError, or nil.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &InvalidError{Problems: byLine(ps.list)}
}

// byLine returns a copy of list in the order of its lines, problems without
// a line last.
func byLine(list []Problem) []Problem {
	list = append([]Problem(nil), list...)
	sort.SliceStable(list, func(i, j int) bool {
		li, lj := list[i].Line, list[j].Line
		if li == 0 || lj == 0 {
			return li != 0 && lj == 0
		}
		return li < lj
	})
	return list
}
