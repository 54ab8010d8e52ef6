package sim

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// firstDraws returns the first n 64-bit outputs of src.
func firstDraws(src rand.Source, n int) []uint64 {
	out := make([]uint64, n)
	for i := range out {
		out[i] = src.Uint64()
	}
	return out
}

// sameDraws counts the positions at which a and b agree.
func sameDraws(a, b []uint64) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}

// TestStreamDeterministic checks that equal arguments give equal sequences.
func TestStreamDeterministic(t *testing.T) {
	a := firstDraws(NewStream(42, 3, "press", "process"), 1000)
	b := firstDraws(NewStream(42, 3, "press", "process"), 1000)
	if n := sameDraws(a, b); n != len(a) {
		t.Errorf("equal arguments: only %d of %d draws agree", n, len(a))
	}
}

// TestStreamDistinct checks that changing any one argument gives another
// sequence. Two unrelated 64-bit sequences agree at a given position with
// probability 2⁻⁶⁴, so any agreement at all in 1000 draws is a failure.
func TestStreamDistinct(t *testing.T) {
	type args struct {
		seed     uint64
		rep      int
		elem, pp string
	}
	base := args{42, 3, "press", "process"}
	variants := []args{
		{43, 3, "press", "process"},
		{0, 3, "press", "process"},
		{42, 0, "press", "process"},
		{42, 4, "press", "process"},
		{42, 3, "press2", "process"},
		{42, 3, "", "process"},
		{42, 3, "press", "route"},
		{42, 3, "press", ""},
		{42, 3, "process", "press"}, // element and purpose swapped
	}
	draws := func(a args) []uint64 { return firstDraws(NewStream(a.seed, a.rep, a.elem, a.pp), 1000) }
	all := append([]args{base}, variants...)
	seqs := make([][]uint64, len(all))
	for i, a := range all {
		seqs[i] = draws(a)
	}
	// every pair, not only against the base
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if n := sameDraws(seqs[i], seqs[j]); n != 0 {
				t.Errorf("%+v and %+v agree on %d of 1000 draws", all[i], all[j], n)
			}
		}
	}
}

// TestStreamReplicationsDistinct checks replications 0..99 of one stream and
// seeds 0..99 of replication 0 against each other: all first draws distinct.
func TestStreamReplicationsDistinct(t *testing.T) {
	seen := make(map[uint64]string)
	for i := 0; i < 100; i++ {
		for _, s := range []struct {
			what string
			src  rand.Source
		}{
			{fmt.Sprintf("seed 7 replication %d", i), NewStream(7, i, "m", "p")},
			{fmt.Sprintf("seed %d replication 0", 1000+i), NewStream(uint64(1000+i), 0, "m", "p")},
		} {
			x := s.src.Uint64()
			if prev, dup := seen[x]; dup {
				t.Errorf("%s and %s start with the same draw %#x", prev, s.what, x)
			}
			seen[x] = s.what
		}
	}
}

// TestStreamCreationOrder checks that a stream's draws do not depend on which
// other streams were created, or drawn from, before or while it is used:
// adding an element to a model does not shift anyone else's draws.
func TestStreamCreationOrder(t *testing.T) {
	alone := firstDraws(NewStream(9, 1, "lathe", "process"), 200)

	others := []*rand.PCG{NewStream(9, 1, "mill", "process"), NewStream(9, 1, "lathe", "ttf")}
	for _, o := range others {
		o.Uint64()
	}
	s := NewStream(9, 1, "lathe", "process")
	got := make([]uint64, 0, len(alone))
	for i := range alone {
		got = append(got, s.Uint64())
		// interleave draws from other streams and create new ones
		NewStream(9, 1, fmt.Sprint("extra", i), "process").Uint64()
		others[i%2].Uint64()
	}
	if n := sameDraws(alone, got); n != len(alone) {
		t.Errorf("with other streams around: only %d of %d draws agree with the stream alone", n, len(alone))
	}
}

// TestStreamFormula checks NewStream against the formula of its doc comment,
// with FNV-1a computed here from its definition (offset basis
// 14695981039346656037, prime 1099511628211; Fowler, Noll & Vo,
// draft-eastlake-fnv): the formula is part of every published result, since
// changing it changes every draw.
func TestStreamFormula(t *testing.T) {
	fnv1a := func(s string) uint64 {
		h := uint64(14695981039346656037)
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
		return h
	}
	// FNV-1a 64 reference values from the FNV specification's test suite.
	for s, want := range map[string]uint64{"": 0xcbf29ce484222325, "a": 0xaf63dc4c8601ec8c, "foobar": 0x85944171f73967e8} {
		if got := fnv1a(s); got != want {
			t.Fatalf("test's FNV-1a(%q) = %#x, want %#x", s, got, want)
		}
	}
	for _, c := range []struct {
		seed     uint64
		rep      int
		elem, pp string
	}{{0, 0, "a", "b"}, {20261122, 7, "press", "process"}, {1<<64 - 1, 1000, "src", "interarrival"}} {
		want := firstDraws(rand.NewPCG(splitmix64(c.seed^splitmix64(uint64(c.rep)+1)), fnv1a(c.elem+"\x00"+c.pp)), 10)
		got := firstDraws(NewStream(c.seed, c.rep, c.elem, c.pp), 10)
		if sameDraws(got, want) != len(want) {
			t.Errorf("NewStream%+v does not follow the documented formula", c)
		}
	}
}

// TestSplitmix64KnownValues checks splitmix64 against the reference
// generator (Vigna, splitmix64.c, prng.di.unimi.it), whose k-th output from
// state s is splitmix64(s + k·γ), γ = 0x9e3779b97f4a7c15: next() adds γ to
// the state and then scrambles it, exactly as splitmix64 here does with its
// argument.
//
// Seed 0: first two outputs 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
// Seed 1234567: the five outputs listed by Rosetta Code
// ("Pseudo-random numbers/Splitmix64"). Both were recomputed with an
// independent Python implementation of splitmix64.c before being written
// here.
func TestSplitmix64KnownValues(t *testing.T) {
	const gamma = 0x9e3779b97f4a7c15
	cases := []struct {
		seed uint64
		want []uint64
	}{
		{0, []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4}},
		{1234567, []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423,
			4593380528125082431, 16408922859458223821}},
	}
	for _, c := range cases {
		for k, want := range c.want {
			if got := splitmix64(c.seed + uint64(k)*gamma); got != want {
				t.Errorf("output %d for seed %d = %d (%#x), want %d (%#x)", k, c.seed, got, got, want, want)
			}
		}
	}
}

// TestSplitmix64Bijective checks that splitmix64 is a bijection on the 10 000
// consecutive inputs from −5000 to 4999 (mod 2⁶⁴): each output is undone by
// the inverse of its steps (y = x ⊕ x≫s is undone by y ⊕ y≫s ⊕ y≫2s ⊕ …; a
// multiplication by an odd constant by its inverse mod 2⁶⁴), and all outputs
// are distinct.
func TestSplitmix64Bijective(t *testing.T) {
	seen := make(map[uint64]uint64, 10_000)
	for i := -5000; i < 5000; i++ {
		x := uint64(int64(i))
		y := splitmix64(x)
		if back := unsplitmix64(y); back != x {
			t.Fatalf("unsplitmix64(splitmix64(%#x)) = %#x", x, back)
		}
		if prev, dup := seen[y]; dup {
			t.Fatalf("splitmix64(%#x) = splitmix64(%#x) = %#x", prev, x, y)
		}
		seen[y] = x
	}
}

// unsplitmix64 inverts splitmix64 step by step.
func unsplitmix64(y uint64) uint64 {
	unxorshift := func(y uint64, s uint) uint64 {
		x := y
		for k := s; k < 64; k += s {
			x ^= y >> k
		}
		return x
	}
	// inverse of an odd a mod 2⁶⁴ by Newton's iteration: each step doubles
	// the number of correct low bits (3 from a·a ≡ 1 mod 8 to start).
	inv := func(a uint64) uint64 {
		x := a
		for range 5 {
			x *= 2 - a*x
		}
		return x
	}
	y = unxorshift(y, 31)
	y *= inv(0x94d049bb133111eb)
	y = unxorshift(y, 27)
	y *= inv(0xbf58476d1ce4e5b9)
	y = unxorshift(y, 30)
	return y - 0x9e3779b97f4a7c15
}
