package experiment

import (
	"context"
	"testing"
)

// TestRankingTiesAndWinner ranks four alternatives of the saturated
// two-station line: buffers 1, 3, 3 again and 0. Exact birth–death
// throughputs (twoStationTH): 0.75, 0.8333, 0.8333, 0.6667. The two
// identical buffers of 3 differ by exactly 0 and must share rank 1 as a tie;
// buffer 1 and buffer 0 are clearly worse and rank alone.
func TestRankingTiesAndWinner(t *testing.T) {
	r := testRun(3000, 100, 8)
	c, err := Compare(context.Background(), []Alternative{
		{Name: "buffer 1", Model: twoStation(1), Run: r},
		{Name: "buffer 3", Model: twoStation(3), Run: r},
		{Name: "buffer 3 again", Model: twoStation(3), Run: r},
		{Name: "buffer 0", Model: twoStation(0), Run: r}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := c.Ranking(KPIs()[0], nil)
	want := []Place{{1, 1, true}, {2, 1, true}, {0, 3, false}, {3, 4, false}}
	if len(got) != len(want) {
		t.Fatalf("ranking %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("place %d: %+v, want %+v (ranking %+v)", i+1, got[i], want[i], got)
		}
	}
	// Among a subset, and lower-is-better: by WIP the smallest buffer
	// wins alone.
	wip, _ := KPIByName("wip")
	if p := c.Ranking(wip, []int{3, 0}); p[0] != (Place{3, 1, false}) || p[1] != (Place{0, 2, false}) {
		t.Errorf("by WIP among buffers 0 and 1: %+v", p)
	}
}

// TestRankingNoiseIsATie checks that alternatives the replications cannot
// tell apart tie: two buffers whose exact throughputs differ by 0.2%
// (buffers 30 and 31 of a balanced line: (b+2)/(b+3) = 0.9697 and 0.9706)
// with 4 short replications.
func TestRankingNoiseIsATie(t *testing.T) {
	r := testRun(500, 50, 4)
	c, err := Compare(context.Background(), []Alternative{
		{Name: "30", Model: twoStation(30), Run: r}, {Name: "31", Model: twoStation(31), Run: r}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Ranking(KPIs()[0], nil) {
		if p.Rank != 1 || !p.Tie {
			t.Errorf("%s: %+v, want a tie at rank 1", c.Alternatives[p.Index].Name, p)
		}
	}
}

// TestRankingUnequalReplications ranks alternatives that ran different
// numbers of replications (as a sequential procedure leaves them): pairs
// are formed over the replications both have.
func TestRankingUnequalReplications(t *testing.T) {
	r := testRun(1000, 50, 6)
	c, err := Compare(context.Background(), []Alternative{
		{Name: "buffer 0", Model: twoStation(0), Run: r}, {Name: "buffer 3", Model: twoStation(3), Run: r}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	short := c.Alternatives[0].Summary
	short.Replications = short.Replications[:3]
	if p := c.Ranking(KPIs()[0], nil); p[0].Index != 1 || len(p) != 2 {
		t.Errorf("ranking %+v, want buffer 3 first", p)
	}
}
