package sim

import "fmt"

// Basis says which clock a failure or maintenance interval runs on.
type Basis int

const (
	// Operating time: the clock runs only while the machine processes.
	Operating Basis = iota
	// Calendar time: the clock runs always.
	Calendar
)

// String returns the scenario keyword of the basis.
func (b Basis) String() string {
	switch b {
	case Operating:
		return "operating"
	case Calendar:
		return "calendar"
	}
	return fmt.Sprintf("Basis(%d)", int(b))
}

// Failure is one failure mode of a station's machines. Each machine fails
// independently: TTF, on the Basis clock, runs from the end of the previous
// repair (from time 0 for the first); the repair takes TTR once a member of
// Crew (if any) is there. A part in process is interrupted and resumes after
// the repair (preempt-resume).
type Failure struct {
	Name     string
	TTF      Dist   // time to failure
	TTR      Dist   // time to repair, crew present
	Basis    Basis  // clock of TTF
	Crew     string // crew a repair needs one member of; "" for none
	Priority int    // higher is served first by the crew; ties first come, first served
}

// PM is planned (preventive) maintenance of each machine of a station: due
// every Every time units on the Basis clock, counted from the end of the
// previous maintenance, it takes Duration once a member of Crew (if any) is
// there. Like a failure it interrupts a part in process, which resumes
// afterwards. Maintenance renews the machine: every failure clock restarts
// from a fresh draw at its end, unless KeepFailureClocks.
type PM struct {
	Every             float64
	Duration          Dist
	Basis             Basis
	Crew              string
	Priority          int
	KeepFailureClocks bool
}

// Crew is a pool of identical workers shared by the stations that need them
// (repair technicians). Requests are served by priority, then first come,
// first served.
type Crew struct {
	Name string
	Size int
	// Shift names the calendar the members work; "" for around the clock.
	Shift string
	// Cost is what each member costs; used when Model.Costs is set.
	Cost LabourCost
}

// Phase is the part of a machine's work that needs operators.
type Phase int

const (
	// DuringProcess: the whole processing time (the load phase included).
	DuringProcess Phase = iota
	// DuringLoad: the load phase at the start of each part only.
	DuringLoad
	// DuringSetup: changeovers only.
	DuringSetup
)

// Operators says which crew members a station's machines need to work:
// Count members of the first crew in Crews (in preference order, e.g. by
// skill) that has them free, for the Phase. A machine that has a part but
// no operators waits in the state waiting_operator.
type Operators struct {
	Crews  []string
	Count  int
	During Phase
}
