package scenarios

import (
	"reflect"
	"strings"
	"testing"
)

const layoutLine = `name = "line"
[run]
horizon = 100
[[source]]
name = "in"
to = "a"
interarrival = 2
[[station]]
name = "a"
process = 1
to = "b"
[[station]]
name = "b"
process = 1
to = "out"
[[sink]]
name = "out"
`

// TestLayoutHints reads [layout] hints: row and column per element,
// either may be left out.
func TestLayoutHints(t *testing.T) {
	sc, err := Parse("line.toml", []byte(layoutLine+"[layout]\na = { row = 2, column = 3 }\nout = { column = 5 }\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]LayoutHint{"a": {Row: 2, Column: 3}, "out": {Column: 5}}
	if !reflect.DeepEqual(sc.Layout, want) {
		t.Errorf("layout %v, want %v", sc.Layout, want)
	}
	if sc, err := Parse("line.toml", []byte(layoutLine)); err != nil || sc.Layout != nil {
		t.Errorf("without [layout]: %v, %v; want no hints", sc.Layout, err)
	}
}

// TestLayoutHintErrors reports bad hints with file, line and key.
func TestLayoutHintErrors(t *testing.T) {
	src := layoutLine + "[layout]\nbb = { row = 1 }\na = { row = 0, col = 2 }\nb = 3\n"
	_, err := Parse("line.toml", []byte(src))
	if err == nil {
		t.Fatal("bad hints accepted")
	}
	for _, want := range []string{
		`line.toml:19: layout: "bb" is no source, station or sink`,
		`line.toml:20: layout "a": row must be between 1 and 1000, got 0`,
		`line.toml:20: layout "a": unknown key "col"; a layout hint has row and column`,
		`line.toml:21: layout: b must be a table`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error\n%v\nlacks %q", err, want)
		}
	}
}
