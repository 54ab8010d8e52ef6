package scenarios

import (
	"strconv"
	"strings"
)

// lineIndex maps the keys and tables of a TOML text to the line they are
// written on, because the TOML decoder does not report key positions.
//
// Paths name tables and keys the way the decoded document nests them; each
// element of an array of tables gets its index:
//
//	name                 top-level key
//	run                  the [run] table (its header line)
//	run.horizon          a key in [run]
//	station[2]           the third [[station]] (its header line)
//	station[2].buffer    a key in it
//
// items holds, per key path whose value is an array, the line on which each
// element of the array starts, e.g. the branches of a split route.
type lineIndex struct {
	at    map[string]int
	items map[string][]int
}

// line returns the line of path, or of its nearest enclosing table or key
// that has one; 0 if none has.
func (x *lineIndex) line(path string) int {
	for path != "" {
		if n, ok := x.at[path]; ok {
			return n
		}
		path = parentPath(path)
	}
	return 0
}

// item returns the line of the i-th element of the array value of the key
// at path, falling back to the key's own line.
func (x *lineIndex) item(path string, i int) int {
	if lines := x.items[path]; i >= 0 && i < len(lines) {
		return lines[i]
	}
	return x.line(path)
}

// parentPath strips the last ".key" or "[n]" from path.
func parentPath(path string) string {
	if strings.HasSuffix(path, "]") {
		if i := strings.LastIndexByte(path, '['); i >= 0 {
			return path[:i]
		}
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

func joinPath(base, key string) string {
	if base == "" {
		return key
	}
	return base + "." + key
}

// indexLines scans a TOML text once. It tolerates malformed input (the
// decoder reports syntax errors); it only has to be right for valid TOML.
func indexLines(src string) *lineIndex {
	s := &lineScanner{src: src, line: 1, arrays: map[string]int{},
		x: &lineIndex{at: map[string]int{}, items: map[string][]int{}}}
	for s.i < len(s.src) {
		switch c := s.src[s.i]; c {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			s.skipComment()
		case '[':
			s.header()
		default:
			s.keyValue()
		}
	}
	return s.x
}

// lineScanner is the state of indexLines.
type lineScanner struct {
	src    string
	i      int
	line   int
	table  string         // path of the current table
	arrays map[string]int // elements seen so far per array-of-tables path
	x      *lineIndex
}

func (s *lineScanner) next() {
	if s.src[s.i] == '\n' {
		s.line++
	}
	s.i++
}

func (s *lineScanner) skipSpace() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t') {
		s.i++
	}
}

// skipComment skips to the end of the line, leaving the newline.
func (s *lineScanner) skipComment() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// mark records the line of path unless an earlier line is known.
func (s *lineScanner) mark(path string, line int) {
	if _, ok := s.x.at[path]; !ok {
		s.x.at[path] = line
	}
}

// header reads "[a.b]" or "[[a.b]]" and makes it the current table.
func (s *lineScanner) header() {
	line := s.line
	s.i++
	array := s.i < len(s.src) && s.src[s.i] == '['
	if array {
		s.i++
	}
	keys := s.key()
	s.skipComment()
	path := ""
	for j, k := range keys {
		p := joinPath(path, k)
		if j == len(keys)-1 {
			s.mark(p, line)
			if array {
				n := s.arrays[p]
				s.arrays[p] = n + 1
				p += "[" + strconv.Itoa(n) + "]"
			}
		} else if n, ok := s.arrays[p]; ok {
			p += "[" + strconv.Itoa(n-1) + "]"
		}
		path = p
	}
	s.table = path
	s.mark(path, line)
}

// keyValue reads "a.b = value", recording the line of the key.
func (s *lineScanner) keyValue() {
	line := s.line
	keys := s.key()
	if s.i >= len(s.src) || s.src[s.i] != '=' || len(keys) == 0 {
		s.skipComment() // not a key: malformed, let the decoder say so
		return
	}
	s.i++
	path := s.table
	for _, k := range keys {
		path = joinPath(path, k)
		s.mark(path, line)
	}
	s.value(path)
}

// key reads a dotted key ("a", "a.b", `"quoted key"`) up to '=' or ']'.
func (s *lineScanner) key() []string {
	var keys []string
	for s.i < len(s.src) {
		s.skipSpace()
		if s.i >= len(s.src) {
			break
		}
		switch c := s.src[s.i]; {
		case c == '"' || c == '\'':
			start := s.i
			s.skipString()
			keys = append(keys, unquoteKey(s.src[start:s.i]))
		case isBareKeyChar(c):
			start := s.i
			for s.i < len(s.src) && isBareKeyChar(s.src[s.i]) {
				s.i++
			}
			keys = append(keys, s.src[start:s.i])
		default:
			return keys
		}
		s.skipSpace()
		if s.i < len(s.src) && s.src[s.i] == '.' {
			s.i++
			continue
		}
		break
	}
	return keys
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

func unquoteKey(q string) string {
	if strings.HasPrefix(q, "'") {
		return strings.Trim(q, "'")
	}
	if u, err := strconv.Unquote(q); err == nil {
		return u
	}
	return strings.Trim(q, `"`)
}

// value skips a value to the end of its last line. When the value is an
// array, it records the line on which each of its elements starts.
func (s *lineScanner) value(path string) {
	var open []byte // unclosed brackets and braces
	elem := false   // the next token in the array starts an element
	for s.i < len(s.src) {
		c := s.src[s.i]
		if elem && len(open) == 1 && !strings.ContainsRune(" \t\r\n#]", rune(c)) {
			s.x.items[path] = append(s.x.items[path], s.line)
			elem = false
		}
		switch c {
		case '"', '\'':
			s.skipString()
			continue
		case '#':
			s.skipComment()
			continue
		case '[', '{':
			elem = len(open) == 0 && c == '['
			open = append(open, c)
		case ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case ',':
			elem = len(open) == 1 && open[0] == '['
		case '\n':
			if len(open) == 0 {
				return
			}
		}
		s.next()
	}
}

// skipString skips a basic, literal or multi-line string starting at s.i.
func (s *lineScanner) skipString() {
	q := s.src[s.i]
	delim := string(q)
	if strings.HasPrefix(s.src[s.i:], strings.Repeat(delim, 3)) {
		delim = strings.Repeat(delim, 3)
	}
	s.i += len(delim)
	for s.i < len(s.src) {
		if q == '"' && s.src[s.i] == '\\' && s.i+1 < len(s.src) {
			s.next()
			s.next()
			continue
		}
		if strings.HasPrefix(s.src[s.i:], delim) {
			s.i += len(delim)
			// A multi-line string may end with up to two more quotes.
			for n := 0; len(delim) == 3 && n < 2 && s.i < len(s.src) && s.src[s.i] == q; n++ {
				s.i++
			}
			return
		}
		if len(delim) == 1 && s.src[s.i] == '\n' {
			return // unterminated: malformed
		}
		s.next()
	}
}
