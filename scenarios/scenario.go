package scenarios

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/takt-sim/takt/sim"
)

// Scenario is a decoded, validated scenario file.
type Scenario struct {
	File        string // as given (used in error messages)
	Name        string
	Description string
	TimeUnit    string // canonical: "s", "min", "h", "d" or "w"
	Model       *sim.Model
	Run         sim.Run
	// Variants are the scenario's [[variant]] alternatives, in file order.
	Variants []*Variant
	// Data is the file's text as parsed.
	Data []byte
	// Warnings are things that run but are probably not meant, e.g. a
	// station that only routes with p = 0 lead to. A variant's are those
	// the base does not have.
	Warnings []Problem
	// Layout places elements in the report's drawing of the plant by hand
	// ([layout]); nil without hints.
	Layout map[string]LayoutHint

	doc   map[string]any // the decoded TOML, for variants and sweeps
	lines *lineIndex
	read  reader
}

// Load reads the scenario file at path and parses it. Problems with its
// content, and a file that is not a regular text file of at most
// MaxFileBytes, are reported as an *InvalidError; an error reading the file
// is returned wrapped, as it came from the os package.
func Load(path string) (*Scenario, error) {
	data, err := readInput(path)
	var pe *os.PathError
	switch {
	case errors.As(err, &pe):
		return nil, fmt.Errorf("load scenario: %w", err)
	case err != nil:
		return nil, &InvalidError{Problems: []Problem{{File: path, Msg: err.Error()}}}
	}
	return Parse(path, data)
}

// Parse decodes and validates a scenario. file names it in messages. Every
// problem found is returned at once in an *InvalidError.
func Parse(file string, data []byte) (*Scenario, error) {
	return parse(file, data, osReader(file))
}

// parse is Parse with the reader of the files the scenario names.
func parse(file string, data []byte, read reader) (*Scenario, error) {
	ps := &problems{file: file}
	if line := nestingTooDeep(string(data)); line > 0 {
		ps.add(line, "", "", "arrays and inline tables nest more than %d deep, the limit (a scenario needs 3)", maxNesting)
		return nil, ps.err()
	}
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			ps.add(syntaxLine(data, pe), "", pe.LastKey, "syntax error: %s", pe.Message)
		} else {
			ps.add(0, "", "", "syntax error: %v", err)
		}
		return nil, ps.err()
	}
	ps.lines = indexLines(string(data))
	root := &table{ps: ps, m: doc}
	sc := decode(root, file, read)
	if err := validateModel(ps, sc); err != nil {
		return nil, err
	}
	sc.doc, sc.lines, sc.read, sc.Data = doc, ps.lines, read, data
	sc.Warnings = byLine(ps.warnings)
	decodeVariants(sc, root, ps)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return sc, nil
}

// syntaxLine is the line of a TOML syntax error. The decoder counts a
// newline it did not expect ("[[station]" at the end of line 6) into the
// next line; the byte offset of the error is on the right one.
func syntaxLine(data []byte, pe toml.ParseError) int {
	if p := pe.Position; p.Len > 0 && p.Start >= 0 && p.Start < len(data) {
		return 1 + strings.Count(string(data[:p.Start]), "\n")
	}
	return pe.Position.Line
}

// validateModel returns the problems collected while decoding sc, and
// otherwise runs sim's own checks as a safety net: the checks of this
// package should have caught everything.
func validateModel(ps *problems, sc *Scenario) error {
	if err := ps.err(); err != nil {
		return err
	}
	if k, loop := sim.ZeroTimeLoop(sc.Model); k >= 0 {
		ps.add(ps.lines.line(fmt.Sprintf("source[%d]", k)), fmt.Sprintf("source %q", sc.Model.Sources[k].Name), "",
			"%s", sim.ZeroTimeLoopMessage(sc.Model.Sources[k], loop))
		return ps.err()
	}
	if err := sc.Model.Validate(); err != nil {
		for _, e := range unjoin(err) {
			ps.add(0, "", "", "%v", e)
		}
		return ps.err()
	}
	return nil
}

// unjoin splits an errors.Join error into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// topKeys are the keys allowed at the top level of a scenario.
var topKeys = []string{"name", "description", "time_unit", "run", "source", "station", "sink", "crew", "shift", "product", "order", "variant", "costs", "material", "layout", "conveyor", "transporter", "kanban"}

// decode turns the top-level table into a Scenario, recording problems.
func decode(root *table, file string, read reader) *Scenario {
	root.known(topKeys...)
	sc := &Scenario{File: file, TimeUnit: "min"}
	switch name, ok := root.str("name"); {
	case ok && name == "":
		root.bad("name", "name must not be empty")
	case !root.has("name"):
		root.missing("name", "name is missing: give the scenario a name, e.g. name = \"My line\"")
	default:
		sc.Name = name
	}
	sc.Description, _ = root.str("description")
	if u, ok := root.str("time_unit"); ok {
		if c, err := CanonicalUnit(u); err != nil {
			root.bad("time_unit", "time_unit: %v", err)
		} else {
			sc.TimeUnit = c
		}
	}
	run := root.sub("run", "run")
	if run != nil {
		sc.Run = decodeRun(run, sc.TimeUnit)
	} else if !root.has("run") {
		root.missing("run", "[run] is missing: it needs at least horizon")
	}
	sc.Model = decodeModel(root, sc.Name, sc.TimeUnit, read)
	checkUntil(run, sc.Run, sc.Model)
	sc.Layout = decodeLayout(root, sc.Model)
	return sc
}

// decodeRun reads the [run] table.
func decodeRun(t *table, unit string) sim.Run {
	t.known("horizon", "warmup", "replications", "seed", "confidence", "until")
	r := sim.Run{Replications: 10, Seed: 1, Confidence: 0.95}
	h, hok := t.duration("horizon", unit)
	switch {
	case hok && h <= 0:
		t.bad("horizon", "horizon must be > 0, got %s %s", approx(h), unit)
	case hok:
		r.Horizon = h
	case !t.has("horizon"):
		t.missing("horizon", "horizon is missing: how long is one replication?")
	}
	if w, ok := t.duration("warmup", unit); ok {
		if hok && w >= h {
			t.bad("warmup", "warmup (%s %s) must be less than horizon (%s %s)", approx(w), unit, approx(h), unit)
		}
		r.Warmup = w
	}
	if n, ok := t.integer("replications"); ok {
		if n < 1 {
			t.bad("replications", "replications must be >= 1, got %d", n)
		}
		t.countAtMost("replications", n, sim.MaxReplications, whyReplications)
		r.Replications = int(n)
	}
	if s, ok := t.integer("seed"); ok {
		if s < 0 {
			t.bad("seed", "seed must be >= 0, got %d", s)
		}
		r.Seed = uint64(s)
	}
	if c, ok := t.number("confidence"); ok {
		if !(c > 0 && c < 1) {
			t.bad("confidence", "confidence must be between 0 and 1 (exclusive), got %v", c)
		}
		r.Confidence = c
	}
	decodeUntil(t, &r)
	return r
}
