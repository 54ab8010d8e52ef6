package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"slices"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
)

// scenarioSource says how to build a design point's model anywhere this
// binary runs: the scenario's text as it was loaded (a bundled example by
// name), and the variant or the --set values applied to it. It is the
// Source of an experiment.Recipe, so worker processes and shards build the
// same model the command built, from the same bytes.
type scenarioSource struct {
	File    string // as given; "" for a bundled example
	Example string // name of the bundled example, when File is ""
	Data    []byte // the file's text as loaded
	Variant string // a [[variant]] of the scenario, "" for the base
	Sets    []scenarios.Set
	Label   string // names the Sets in messages
}

func init() {
	// Values of --set and of variant tables travel as interfaces.
	gob.Register(map[string]any{})
	gob.Register([]any{})
}

// loadSource loads file (the bundled default scenario when file is "")
// and returns it with its source.
func loadSource(file string) (*scenarios.Scenario, scenarioSource, error) {
	src := scenarioSource{File: file}
	var sc *scenarios.Scenario
	var err error
	if file == "" {
		src.Example = scenarios.DefaultExample
		sc, err = scenarios.LoadExample(src.Example)
	} else {
		sc, err = scenarios.Load(file)
	}
	if err != nil {
		return nil, src, err
	}
	src.Data = sc.Data
	return sc, src, nil
}

// scenario parses the source and applies its variant and sets.
func (s scenarioSource) scenario() (*scenarios.Scenario, error) {
	var sc *scenarios.Scenario
	var err error
	if s.File == "" {
		sc, err = scenarios.LoadExample(s.Example)
	} else {
		sc, err = scenarios.Parse(s.File, s.Data)
	}
	if err != nil {
		return nil, err
	}
	if s.Variant != "" {
		i := slices.IndexFunc(sc.Variants, func(v *scenarios.Variant) bool { return v.Name == s.Variant })
		if i < 0 {
			return nil, fmt.Errorf("%s: no variant %q", s.File, s.Variant)
		}
		sc = sc.Variants[i].Scenario
	}
	if len(s.Sets) > 0 {
		return sc.With(s.Sets, 0, s.Label)
	}
	return sc, nil
}

// variant is the source of the variant called name.
func (s scenarioSource) variant(name string) scenarioSource {
	s.Variant = name
	return s
}

// with is the source with sets applied, named label in messages.
func (s scenarioSource) with(sets []scenarios.Set, label string) scenarioSource {
	s.Sets, s.Label = sets, label
	return s
}

// encode is the source as a Recipe's Source.
func (s scenarioSource) encode() []byte {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s); err != nil {
		panic(fmt.Sprintf("encode scenario source: %v", err)) // only plain data goes in
	}
	return buf.Bytes()
}

// buildModel is the model of an encoded source, for experiment.Recipe.Build.
func buildModel(data []byte) (*sim.Model, error) {
	var s scenarioSource
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&s); err != nil {
		return nil, fmt.Errorf("decode scenario source: %w", err)
	}
	sc, err := s.scenario()
	if err != nil {
		return nil, err
	}
	return sc.Model, nil
}
