package scenarios

import (
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// DefaultExample is the example shown when none is named.
const DefaultExample = "demo"

// bundled holds the example scenarios of this folder.
//
//go:embed *.toml *.csv
var bundled embed.FS

// Example is a bundled example scenario.
type Example struct {
	Name        string // the file name without ".toml", e.g. "penny-fab"
	Description string // the scenario's description
}

// Examples returns the bundled examples sorted by name.
func Examples() []Example {
	entries, err := bundled.ReadDir(".")
	if err != nil {
		return nil // cannot happen: the embedded root always exists
	}
	var list []Example
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok {
			continue
		}
		ex := Example{Name: name}
		if data, err := bundled.ReadFile(e.Name()); err == nil {
			var head struct{ Description string }
			if _, err := toml.Decode(string(data), &head); err == nil {
				ex.Description = head.Description
			}
		}
		list = append(list, ex)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list
}

// ExampleSource returns the TOML text of the bundled example name ("demo"
// or "demo.toml"), or a data file a bundled example reads
// ("order-book.csv").
func ExampleSource(name string) ([]byte, error) {
	file := strings.TrimSuffix(name, ".toml") + ".toml"
	if strings.HasSuffix(name, ".csv") { // a file an example reads, e.g. order-book.csv
		file = name
	}
	name = strings.TrimSuffix(name, ".toml")
	if name == "" || strings.ContainsAny(name, `/\`) {
		return nil, unknownExample(name)
	}
	data, err := bundled.ReadFile(file)
	if err != nil {
		return nil, unknownExample(name)
	}
	return data, nil
}

func unknownExample(name string) error {
	var names []string
	for _, ex := range Examples() {
		names = append(names, ex.Name)
	}
	return fmt.Errorf("unknown example %q (available: %s)", name, strings.Join(names, ", "))
}

// LoadExample parses the bundled example name; messages name the file
// "NAME.toml".
func LoadExample(name string) (*Scenario, error) {
	data, err := ExampleSource(name)
	if err != nil {
		return nil, err
	}
	return parse(strings.TrimSuffix(name, ".toml")+".toml", data, bundled.ReadFile)
}
