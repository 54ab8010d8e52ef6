package scenarios

import (
	"slices"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// kanbanScenario is a line a → b → c with two products; KANBAN is replaced
// by the [[kanban]] tables under test, which start on line 27.
const kanbanScenario = `name = "kanban"
[run]
horizon = 1000
[[product]]
name = "A"
[[product]]
name = "B"
[[source]]
name = "raw"
to = "a"
saturated = true
mix = { A = 0.5, B = 0.5 }
[[station]]
name = "a"
process = 1
to = "b"
[[station]]
name = "b"
process = 1
to = "c"
[[station]]
name = "c"
process = 1
to = "done"
[[sink]]
name = "done"
KANBAN`

func parseKanban(kanban string) (*Scenario, error) {
	return Parse("k.toml", []byte(strings.Replace(kanbanScenario, "KANBAN", kanban, 1)))
}

// TestKanbanDecode checks shared cards, cards per product (in name order)
// and a chain of loops.
func TestKanbanDecode(t *testing.T) {
	sc, err := parseKanban(`[[kanban]]
name = "first"
stations = ["a", "b"]
cards = 3
[[kanban]]
name = "second"
stations = ["c"]
cards = { B = 1, A = 2 }
`)
	if err != nil {
		t.Fatal(err)
	}
	ks := sc.Model.Kanbans
	if len(ks) != 2 || ks[0].Name != "first" || !slices.Equal(ks[0].Stations, []string{"a", "b"}) || ks[0].Cards != 3 {
		t.Fatalf("kanbans %+v", ks)
	}
	want := []sim.ProductCards{{Product: "A", Cards: 2}, {Product: "B", Cards: 1}}
	if ks[1].Cards != 0 || !slices.Equal(ks[1].ProductCards, want) {
		t.Errorf("second loop %+v, want cards per product %v", ks[1], want)
	}
}

// TestKanbanBad checks that every mistake is reported with file, line,
// loop and key.
func TestKanbanBad(t *testing.T) {
	head := "[[kanban]]\nname = \"k\"\n"
	for body, want := range map[string]string{
		`stations = ["a", "x"]` + "\ncards = 2":     `k.toml:29: kanban "k": stations: "x" is not a station`,
		`stations = ["a", "c"]` + "\ncards = 2":     `k.toml:29: kanban "k": stations: "a" does not route to "c"`,
		`stations = ["a"]` + "\ncards = 0":          `k.toml:30: kanban "k": cards must be >= 1, got 0`,
		`stations = ["a"]` + "\ncards = { C = 1 }":  `k.toml:30: kanban "k": cards: "C" is not a product`,
		`stations = ["a"]` + "\ncards = { A = 0 }":  `k.toml:30: kanban "k": cards: A must be >= 1, got 0`,
		`stations = ["a"]`:                          `k.toml:27: kanban "k": cards is missing`,
		`cards = 2`:                                 `k.toml:27: kanban "k": stations is missing`,
		`stations = []` + "\ncards = 2":             `k.toml:29: kanban "k": stations must be a non-empty list of station names`,
		`stations = ["a"]` + "\ncards = 2\nwip = 3": `k.toml:31: kanban "k": unknown key "wip"`,
	} {
		_, err := parseKanban(head + body + "\n")
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\nerr = %v\nwant %q", body, err, want)
		}
	}
	// A station in two loops, and a loop named like a station.
	_, err := parseKanban(head + "stations = [\"a\"]\ncards = 1\n[[kanban]]\nname = \"b\"\nstations = [\"b\", \"a\"]\ncards = 1\n")
	for _, want := range []string{`k.toml:32: kanban "b": name "b" is already used by a station on line 17`,
		`k.toml:33: kanban "b": stations: "a" is already in kanban "k"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v\nwant %q", err, want)
		}
	}
	_, err = parseKanban(head + "stations = [\"a\"]\ncards = 1\n[[kanban]]\nname = \"k2\"\nstations = [\"a\"]\ncards = 1\n")
	if want := `k.toml:33: kanban "k2": stations: "a" is already in kanban "k"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v\nwant %q", err, want)
	}
}

// TestKanbanFirstStation checks what a loop's first station must allow:
// one part at a time, and room in its buffer for parts waiting for a card
// of their product.
func TestKanbanFirstStation(t *testing.T) {
	for key, want := range map[string]string{
		"batch = 2\nbuffer = 4": `kanban "k": stations: the loop starts at "a", which batches or assembles`,
		"buffer = 0":            `kanban "k": cards per product need room in the buffer of "a" (buffer = 0)`,
		"":                      `k.toml:33: kanban "k": cards: the saturated source "raw" makes the product whose card is free, but "C" is not in its mix`,
	} {
		text := strings.Replace(kanbanScenario, "name = \"a\"\nprocess = 1\n", "name = \"a\"\nprocess = 1\n"+key+"\n", 1)
		text = strings.Replace(text, "KANBAN", "[[product]]\nname = \"C\"\n[[kanban]]\nname = \"k\"\nstations = [\"a\"]\ncards = { A = 1, C = 1 }\n", 1)
		_, err := Parse("k.toml", []byte(text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v\nwant %q", key, err, want)
		}
	}
}
