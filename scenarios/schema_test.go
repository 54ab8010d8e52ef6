package scenarios

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// compileSchema compiles Schema with a JSON Schema library, which also
// checks that it is a valid draft-07 schema.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("scenario.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tomlAsJSON converts a TOML document to the JSON value an editor checks
// against the schema.
func tomlAsJSON(t *testing.T, src string) any {
	t.Helper()
	var doc map[string]any
	if _, err := toml.Decode(src, &doc); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSchemaValidatesExamples checks every bundled scenario against the
// schema, and that the schema refuses what the decoder refuses by shape:
// an unknown key, a wrong type, a value out of an enumeration.
func TestSchemaValidatesExamples(t *testing.T) {
	s := compileSchema(t)
	for _, e := range Examples() {
		src, err := ExampleSource(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(tomlAsJSON(t, string(src))); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
	}
	base := "name = \"t\"\n[run]\nhorizon = 10\n[[source]]\nname = \"in\"\nto = \"a\"\ninterarrival = 2\n[[sink]]\nname = \"done\"\n[[station]]\nname = \"a\"\nto = \"done\"\nprocess = 1\n"
	if err := s.Validate(tomlAsJSON(t, base)); err != nil {
		t.Errorf("the minimal scenario: %v", err)
	}
	for _, bad := range []string{
		"proces = 1\n",
		"machines = \"two\"\n",
		"machines = 0\n",
		"dispatch = \"random\"\n",
		"failures = { name = \"jam\", mtbf = \"2h\", mttr = \"5min\", basis = \"wall\" }\n",
		"to = [{ station = \"a\", p = 1.5 }]\n",
	} {
		src := strings.Replace(base, "process = 1\n", "process = 1\n"+bad, 1)
		if strings.HasPrefix(bad, "to = ") {
			src = strings.Replace(base, "to = \"done\"\n", bad, 1)
		}
		if err := s.Validate(tomlAsJSON(t, src)); err == nil {
			t.Errorf("the schema accepts a station with %s", strings.TrimSpace(bad))
		}
	}
}

// schemaCoverage is a scenario using the tables no bundled example has, so
// that the key test sees every kind of table the decoder knows. (It need
// not be valid: the decoder reads every table's keys anyway.)
const schemaCoverage = `name = "coverage"
[run]
horizon = 100
until = { parts = 10 }
[[source]]
name = "in"
to = "a"
interarrival = 2
[[source]]
name = "in2"
to = "a"
arrivals = [{ during = "Mon-Fri 06:00-14:00", rate = "30/h" }, { at = "Sat 06:00", parts = 40 }]
[[source]]
name = "in3"
to = "a"
rope = { station = "b", length = "4h" }
[[station]]
name = "a"
process = 1
to = [{ station = "b", p = 0.5 }, { sink = "done", p = 0.5 }]
pm = { every = 10, duration = 1 }
rework = { p = 0.1, to = "a" }
[[station]]
name = "b"
process = 1
to = "done"
[[sink]]
name = "done"
[[order]]
name = "o1"
`

// TestSchemaKeysMatchDecoder checks that every kind of table has the same
// keys in the schema as in the decoder (recorded from its own key lists
// while it decodes every bundled scenario), so neither can drift from the
// other.
func TestSchemaKeysMatchDecoder(t *testing.T) {
	decoded := map[string][]string{}
	record := func(name string, src []byte) {
		ps := &problems{file: name, keys: decoded, lines: indexLines(string(src))}
		var doc map[string]any
		if _, err := toml.Decode(string(src), &doc); err != nil {
			t.Fatal(err)
		}
		root := &table{ps: ps, m: doc}
		sc := decode(root, name, bundled.ReadFile)
		decodeVariants(sc, root, ps)
	}
	for _, e := range Examples() {
		src, err := ExampleSource(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		record(e.Name+".toml", src)
	}
	record("coverage.toml", []byte(schemaCoverage))
	inSchema := map[string]bool{}
	for _, tb := range schemaTables() {
		inSchema[tb.kind] = true
		var keys []string
		for _, k := range tb.keys {
			keys = append(keys, k.name)
		}
		want, ok := decoded[tb.kind]
		if !ok {
			t.Errorf("schema table %q: the decoder never decoded one (add it to schemaCoverage)", tb.kind)
			continue
		}
		slices.Sort(keys)
		want = slices.Sorted(slices.Values(want))
		if !slices.Equal(keys, want) {
			t.Errorf("table %q: schema keys %v, decoder keys %v", tb.kind, keys, want)
		}
		for _, k := range tb.keys {
			if strings.TrimSpace(k.desc) == "" {
				t.Errorf("table %q, key %q: no description", tb.kind, k.name)
			}
		}
		for _, r := range tb.required {
			if !slices.Contains(keys, r) {
				t.Errorf("table %q: required key %q is not one of its keys", tb.kind, r)
			}
		}
	}
	for kind := range decoded {
		if !inSchema[kind] {
			t.Errorf("the decoder knows table %q, the schema does not", kind)
		}
	}
}
