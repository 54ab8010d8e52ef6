package lessons

import (
	"context"
	"testing"

	"github.com/takt-sim/takt/scenarios"
)

// runQuick runs lesson name with Config.Quick (fewer points, replications
// and shorter horizons, fixed seeds from the bundled scenarios) and fails
// for every check of its claim that does not hold. The checks compare the
// simulation with the theory using the confidence intervals (Bonferroni
// over the points of a sweep), so each lesson's claim is this test.
func runQuick(t *testing.T, name string) *Result {
	t.Helper()
	l, err := ByName(name)
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Run(context.Background(), Config{Quick: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Checks) == 0 || len(r.Rows) == 0 || len(r.Figures) == 0 {
		t.Fatalf("lesson %s: %d checks, %d rows, %d figures", name, len(r.Checks), len(r.Rows), len(r.Figures))
	}
	for _, c := range r.Checks {
		if !c.Holds {
			t.Errorf("%s: claim does not hold: %s (%s)", name, c.Claim, c.Detail)
		} else if testing.Verbose() {
			t.Logf("%s: %s (%s)", name, c.Claim, c.Detail)
		}
	}
	if r.Holds() != !t.Failed() {
		t.Errorf("Holds() = %v disagrees with the checks", r.Holds())
	}
	return r
}

func TestLessonLittle(t *testing.T)      { runQuick(t, "little") }
func TestLessonBottleneck(t *testing.T)  { runQuick(t, "bottleneck") }
func TestLessonVariability(t *testing.T) { runQuick(t, "variability") }
func TestLessonPooling(t *testing.T)     { runQuick(t, "pooling") }
func TestLessonBuffers(t *testing.T)     { runQuick(t, "buffers") }
func TestLessonPennyFab(t *testing.T)    { runQuick(t, "penny-fab") }
func TestLessonPushPull(t *testing.T)    { runQuick(t, "push-pull") }
func TestLessonTaktTime(t *testing.T)    { runQuick(t, "takt-time") }
func TestLessonBatching(t *testing.T)    { runQuick(t, "batching") }
func TestLessonBreakdowns(t *testing.T)  { runQuick(t, "breakdowns") }
func TestLessonMaintenance(t *testing.T) { runQuick(t, "maintenance") }
func TestLessonStaffing(t *testing.T)    { runQuick(t, "staffing") }

// TestLessonsListed checks the course: at least ten lessons, unique
// names, each with a question, an experiment and a takeaway, and a
// bundled scenario behind it; every lesson has its test above.
func TestLessonsListed(t *testing.T) {
	all := All()
	if len(all) < 10 {
		t.Errorf("%d lessons, want at least 10", len(all))
	}
	seen := map[string]bool{}
	for _, l := range all {
		if seen[l.Name] {
			t.Errorf("lesson %s listed twice", l.Name)
		}
		seen[l.Name] = true
		if l.Title == "" || l.Question == "" || l.Experiment == "" || l.Takeaway == "" {
			t.Errorf("lesson %s lacks a title, question, experiment or takeaway", l.Name)
		}
		if _, err := scenarios.ExampleSource(l.Scenario); err != nil {
			t.Errorf("lesson %s: %v", l.Name, err)
		}
	}
	if _, err := ByName("nope"); err == nil {
		t.Error("ByName(nope) should fail")
	}
}
