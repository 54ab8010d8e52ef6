package scenarios

import (
	"reflect"
	"testing"

	"github.com/BurntSushi/toml"
)

// mustBeTOML fails the test if src is not valid TOML, so that the line
// index is tested on input the decoder accepts.
func mustBeTOML(t *testing.T, src string) {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		t.Fatalf("test input is not valid TOML: %v", err)
	}
}

// lineSample exercises what the line index must not be fooled by: comments,
// strings with brackets, '#' and '=', multi-line strings and arrays, and
// dotted keys.
const lineSample = `# a comment with key = 1 and [table]
name = "x # not a comment = [" # trailing
description = """
first = line
[not a table]
"""
time_unit = 'min'

[run]
horizon = 100
  warmup = 5 # indented

[[station]]
name = "a"
to = [
  { station = "b", p = 0.5 },   # first branch
  # a comment line inside the array
  { sink = "done", p = 0.5 },
]
buffer = 2

[[station]]
name = "b"
process.kind = "x"
literal = '''
proces = 1
'''
to = "done"

[ "run" . "sub" ]
k = [[1, 2], [3]]
k2 = 1
mixed = [
  "s,]", # a comment, ]
  { a = 1 },
  [1,
   2],
  3]
empty = [ ]
`

func TestIndexLines(t *testing.T) {
	mustBeTOML(t, lineSample)
	x := indexLines(lineSample)
	tests := []struct {
		path string
		want int
	}{
		{"name", 2},
		{"description", 3},
		{"time_unit", 7},
		{"run", 9},
		{"run.horizon", 10},
		{"run.warmup", 11},
		{"station", 13},
		{"station[0]", 13},
		{"station[0].name", 14},
		{"station[0].to", 15},
		{"station[0].buffer", 20},
		{"station[1]", 22},
		{"station[1].name", 23},
		{"station[1].process", 24},
		{"station[1].process.kind", 24},
		{"station[1].literal", 25},
		{"station[1].to", 28},
		{"run.sub", 30},
		{"run.sub.k", 31},
		{"run.sub.k2", 32},
		// Not written: the nearest enclosing table or key.
		{"station[1].machines", 22},
		{"station[0].to.p", 15},
		{"run.confidence", 9},
		{"sink", 0},
		{"first", 0},
		{"proces", 0},
	}
	for _, tt := range tests {
		if got := x.line(tt.path); got != tt.want {
			t.Errorf("line(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
	if got, want := x.items["station[0].to"], []int{16, 18}; !reflect.DeepEqual(got, want) {
		t.Errorf("items of station[0].to = %v, want %v", got, want)
	}
	if got := x.item("station[0].to", 1); got != 18 {
		t.Errorf("item(station[0].to, 1) = %d, want 18", got)
	}
	if got := x.item("station[0].to", 5); got != 15 {
		t.Errorf("item(station[0].to, 5) = %d, want the key's line 15", got)
	}
	for path, want := range map[string][]int{
		"run.sub.k":     {31, 31},
		"run.sub.mixed": {34, 35, 36, 38},
		"run.sub.empty": nil,
		"run.sub.k2":    nil,
	} {
		if got := x.items[path]; !reflect.DeepEqual(got, want) {
			t.Errorf("items of %s = %v, want %v", path, got, want)
		}
	}
}

func TestIndexLinesEscapesAndCRLF(t *testing.T) {
	src := "a = \"quote \\\" [ still a string\"\r\nb = '''x''''' \r\n[t]\r\nc = \"\"\"\\\"\"\"\"\"\r\nd = 1\r\n"
	mustBeTOML(t, src)
	x := indexLines(src)
	for path, want := range map[string]int{"a": 1, "b": 2, "t": 3, "t.c": 4, "t.d": 5} {
		if got := x.line(path); got != want {
			t.Errorf("line(%q) = %d, want %d", path, got, want)
		}
	}
}

func TestParentPath(t *testing.T) {
	tests := map[string]string{
		"station[2].buffer": "station[2]",
		"station[2]":        "station",
		"run.horizon":       "run",
		"name":              "",
		"a.b[0].c":          "a.b[0]",
	}
	for in, want := range tests {
		if got := parentPath(in); got != want {
			t.Errorf("parentPath(%q) = %q, want %q", in, got, want)
		}
	}
}
