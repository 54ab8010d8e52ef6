package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/takt-sim/takt/sim"
)

// MaxFileBytes is the largest input file takt reads, a scenario or an
// order book: 16 MiB holds 100 000 stations or orders, far beyond any plant,
// and bounds the memory a mistaken path (a log, a disk image) can take.
const MaxFileBytes = 16 << 20

// MaxOrders is the largest number of orders one scenario may hold, inline
// and from files together: every replication keeps one outcome per order.
const MaxOrders = 100_000

// maxEcho is the most characters of a file's content a message repeats.
const maxEcho = 40

// readInput reads an input file: it must be a regular file (not a device,
// a pipe or a folder) of at most MaxFileBytes, and text (UTF-8, no NUL).
// Errors reading it are returned wrapped as they came from the os package;
// a file that is not acceptable input gives an error that says why and
// repeats none of its content.
func readInput(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if fi.Size() > MaxFileBytes {
		return nil, tooLarge(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, tooLarge(path)
	}
	if !isText(data) {
		return nil, fmt.Errorf("%s is not a text file (it holds NUL bytes or is not UTF-8)", path)
	}
	return data, nil
}

func tooLarge(path string) error {
	return fmt.Errorf("%s is larger than %d MiB, the limit for an input file", path, MaxFileBytes>>20)
}

// isText reports whether data is UTF-8 without NUL bytes.
func isText(data []byte) bool {
	return utf8.Valid(data) && bytes.IndexByte(data, 0) < 0
}

// clip shortens a piece of a file's content for a message to at most
// maxEcho characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxEcho {
		return s
	}
	r := []rune(s)
	return string(r[:maxEcho-1]) + "…"
}

// Why each count has a limit, for the messages.
const (
	whyMachines     = "each machine is simulated on its own"
	whyCrew         = "each member is simulated on their own"
	whyInPlant      = "the limit on parts one replication may hold, to keep memory bounded"
	whyReplications = "the summary keeps every replication's results"
)

// countAtMost reports n over limit on key: "machines = 1000000000 is over
// the limit of 10000 (each machine is simulated on its own)".
func (t *table) countAtMost(key string, n int64, limit int, why string) bool {
	if n <= int64(limit) {
		return true
	}
	t.bad(key, "%s = %d is over the limit of %d (%s)", key, n, limit, why)
	return false
}

// Explain turns a run's error that is a *sim.LimitError (a replication
// stopped at a limit: a queue that grew without bound, a stuck clock) into
// an *InvalidError at the line of the element it names, so that it reads
// like every other problem of the scenario, FILE:LINE: element: message.
// Other errors are returned as they are.
func (sc *Scenario) Explain(err error) error {
	var le *sim.LimitError
	if sc == nil || !errors.As(err, &le) {
		return err
	}
	line := 0
	if sc.lines != nil {
		line = sc.lines.line(sc.elementPath(le.Kind, le.Name))
	}
	return &InvalidError{Problems: []Problem{{File: sc.File, Line: line,
		Element: fmt.Sprintf("%s %q", le.Kind, le.Name), Msg: le.Msg}}}
}

// elementPath is the line-index path of the element of the given kind and
// name ("station[2]"), or "" when there is none.
func (sc *Scenario) elementPath(kind, name string) string {
	tables, _ := sc.doc[kind].([]map[string]any)
	for i, t := range tables {
		if t["name"] == name {
			return fmt.Sprintf("%s[%d]", kind, i)
		}
	}
	return ""
}

// maxNesting is the deepest nesting of arrays and inline tables a scenario
// may have. takt's own format nests three deep; the TOML decoder takes
// memory quadratic in the depth (a 20 kB file of 5000 nested tables took
// 1.1 GB), so deeper files are refused before decoding.
const maxNesting = 32

// nestingTooDeep returns the line on which the nesting of [ and { (outside
// strings and comments) first exceeds maxNesting, or 0.
func nestingTooDeep(src string) int {
	depth, line := 0, 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i-- // the newline is counted above
		case '"', '\'':
			end := skipTOMLString(src, i)
			line += strings.Count(src[i:end], "\n")
			i = end - 1
		case '[', '{':
			if depth++; depth > maxNesting {
				return line
			}
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return 0
}

// skipTOMLString returns the index just after the string starting at i:
// basic ("…", with escapes) or literal ('…'), single- or multi-line.
func skipTOMLString(src string, i int) int {
	q := src[i]
	delim := string(q)
	if strings.HasPrefix(src[i:], strings.Repeat(delim, 3)) {
		delim = strings.Repeat(delim, 3)
	}
	for j := i + len(delim); j < len(src); j++ {
		switch {
		case q == '"' && src[j] == '\\':
			j++
		case delim == `"` || delim == "'":
			if src[j] == q || src[j] == '\n' {
				return j + 1
			}
		case strings.HasPrefix(src[j:], delim):
			return j + len(delim)
		}
	}
	return len(src)
}
