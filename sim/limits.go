package sim

import "fmt"

// Limits bound what one model and one replication may hold, so that no
// input, however large its numbers, can take all the memory of the machine.
// Each is far beyond any plant takt is meant for; a scenario over one is
// refused with a message that names the limit.
const (
	// MaxMachines is the most machines one station may have, and
	// MaxCrewSize the most members of one crew: every machine and member is
	// an element with its own state and statistics.
	MaxMachines = 10_000
	MaxCrewSize = 10_000
	// MaxInPlant is the most parts one replication may hold at once: in the
	// plant (buffers, machines) plus those waiting at the sources to enter.
	// A CONWIP level and an order's quantity are bounded by it too. A run
	// that reaches it stops with a *LimitError: a queue that grows without
	// bound is a modelling answer (the line cannot keep up), not a result.
	MaxInPlant = 1_000_000
	// MaxReplications is the most replications of one experiment: the
	// summary keeps every replication's results.
	MaxReplications = 100_000
)

// LimitError reports that a replication stopped at one of the limits above,
// or because its simulated clock stopped advancing. Element names the
// element at fault, as the scenario does (`station "m"`, `source "s"`); Msg
// says what happened, what the limit is and what to change.
type LimitError struct {
	Kind, Name string // "station" or "source", and its name
	Msg        string
}

// Error is "station \"m\": MSG".
func (e *LimitError) Error() string { return fmt.Sprintf("%s %q: %s", e.Kind, e.Name, e.Msg) }
