package sim

// State is what a machine is doing. Each machine is in exactly one state at
// every instant, so a station's state fractions sum to 1.
type State int

const (
	// Busy: processing a part.
	Busy State = iota
	// Starved: idle, nothing to do.
	Starved
	// Blocked: holding a finished part that the next station cannot take yet
	// (blocking after service).
	Blocked
	// Down: failed and in repair.
	Down
	// WaitingCrew: failed or due for maintenance, waiting for a member of
	// the crew it needs.
	WaitingCrew
	// Maintenance: in planned (preventive) maintenance.
	Maintenance
	// OffShift: outside the station's working time (shifts and breaks).
	OffShift
	// WaitingOperator: has a part to work on but not the operators it
	// needs.
	WaitingOperator
	// InSetup: changing over to another family or product.
	InSetup
	// StarvedMaterial: has a part but not the raw material it consumes
	// (starved, with the cause material).
	StarvedMaterial
	// WaitingTransport: holding a finished part until a vehicle of a
	// transporter picks it up (blocked, with the cause transport).
	WaitingTransport
	// WaitingCard: idle with work in front of it (parts in its buffer,
	// held upstream, or a saturated source) but no free kanban card: the
	// first station of a kanban loop whose cards are all in use.
	WaitingCard
	// NumStates is the number of states.
	NumStates
)

var stateNames = [NumStates]string{"busy", "starved", "blocked", "down", "waiting_crew", "maintenance", "off_shift", "waiting_operator", "setup", "starved_material", "waiting_transport", "waiting_card"}

// waiting reports whether a machine in state s waits — for work or for room
// downstream — rather than being active; see the bottleneck detector.
// A machine off shift is not active either: breaks and nights are not
// bottleneck time; nor is one starved of material (the supply is the
// constraint, not the station), nor one waiting for a vehicle (blocked:
// the transport is the constraint), nor one waiting for a kanban card
// (the loop's cards are: downstream has not withdrawn).
func (s State) waiting() bool { return waitingStates>>s&1 != 0 }

// waitingStates has bit s set for every state s in which a machine waits:
// one shift and test per state change, however many states wait.
const waitingStates = 1<<Starved | 1<<Blocked | 1<<OffShift | 1<<StarvedMaterial | 1<<WaitingTransport | 1<<WaitingCard

// Unavailable reports whether s is a state in which the machine cannot work:
// down, waiting for a crew member, or in maintenance.
func (s State) Unavailable() bool { return s == Down || s == WaitingCrew || s == Maintenance }

// String is the state's name as used in the output: "busy", "starved", ….
func (s State) String() string { return stateNames[s] }

// States lists every state in output order.
func States() []State {
	s := make([]State, NumStates)
	for i := range s {
		s[i] = State(i)
	}
	return s
}
