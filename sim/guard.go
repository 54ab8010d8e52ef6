package sim

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/fschuetz04/simgo"
)

// checkEvery is how many events a replication processes between looks at
// its context and its clock: a counter on the hot path, not a system call,
// and still thousands of looks per second, so Ctrl-C stops a replication
// within a second whatever its horizon.
const checkEvery = 1024

// maxEventsAtOneInstant is how many events may pass without the simulated
// clock advancing before a replication is stopped as stuck: a loop of
// stations whose process times are 0 would otherwise run forever at one
// instant. A burst of MaxInPlant parts through a few zero-time stations
// stays well below it.
const maxEventsAtOneInstant = 10_000_000

// loop processes events until the horizon, stopping early when ctx is
// cancelled, a handler failed the replication (pl.err), or the clock is
// stuck. The event marking the horizon is scheduled before any other, so
// it comes first among events at the horizon and none of them is
// processed, as with simgo's RunUntil.
func (pl *plant) loop(ctx context.Context, end *simgo.Event) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	done := ctx.Done()
	last, still := math.Inf(-1), int64(0)
	var snapshot []int64
	step, reported := progressStep(ctx), 0
	for n := 1; !end.Processed() && pl.err == nil && pl.sim.Step(); n++ {
		if n%checkEvery != 0 {
			continue
		}
		select {
		case <-done:
			return ctx.Err()
		default:
		}
		if step != nil {
			reported = pl.progressTo(step, reported, ProgressSteps*max(pl.sim.Now()/pl.run.Horizon, pl.untilProgress()))
		}
		if now := pl.sim.Now(); now != last {
			last, still, snapshot = now, 0, nil
			continue
		}
		still += checkEvery
		switch {
		case snapshot == nil && still >= pl.maxStill/2:
			snapshot = pl.finishedCounts()
		case still >= pl.maxStill:
			pl.fail(pl.stuck(snapshot))
		}
	}
	if pl.err == errDone {
		pl.err = nil
	}
	if step != nil && pl.err == nil {
		pl.progressTo(step, reported, ProgressSteps)
	}
	return pl.err
}

// fail stops the replication with err (the first failure wins).
func (pl *plant) fail(err error) {
	if pl.err == nil {
		pl.err = err
	}
}

// finishedCounts are the parts each station has finished so far.
func (pl *plant) finishedCounts() []int64 {
	counts := make([]int64, len(pl.stations))
	for i, st := range pl.stations {
		counts[i] = st.finished
	}
	return counts
}

// stuck explains a clock that stopped: the stations that kept finishing
// parts since snapshot form the loop.
func (pl *plant) stuck(snapshot []int64) error {
	var loop []string
	first := ""
	for i, st := range pl.stations {
		if snapshot != nil && st.finished > snapshot[i] {
			loop = append(loop, fmt.Sprintf("%q", st.spec.Name))
			if first == "" {
				first = st.spec.Name
			}
		}
	}
	if first == "" {
		first = pl.stations[0].spec.Name
	}
	return &LimitError{Kind: "station", Name: first, Msg: fmt.Sprintf(
		"the simulated clock is stuck at %.6g %s: %d events without time advancing, parts going round %s in zero time; "+
			"give a station of that loop a process time > 0",
		pl.sim.Now(), pl.timeUnit(), pl.maxStill, orNone(strings.Join(loop, " → ")))}
}

func orNone(s string) string {
	if s == "" {
		return "the plant"
	}
	return s
}

func (pl *plant) timeUnit() string {
	if u := pl.plan.model.TimeUnit; u != "" {
		return u
	}
	return "time units"
}

// checkInPlant stops the replication when the parts it holds reach
// MaxInPlant; waiting is the number held at the sources.
func (pl *plant) checkInPlant() {
	if pl.entered-pl.exited-pl.joined+pl.waiting <= pl.maxHeld || pl.err != nil {
		return
	}
	pl.fail(pl.overloaded())
}

// overloaded explains a replication that reached MaxInPlant: the station
// with the longest buffer, or the source holding the most parts, and, for
// an open line, its arrival rate against its capacity.
func (pl *plant) overloaded() error {
	var worst *station
	for _, st := range pl.stations {
		if worst == nil || st.queue.len() > worst.queue.len() {
			worst = st
		}
	}
	var src *source
	for _, s := range pl.sources {
		if src == nil || s.backlog.len() > src.backlog.len() {
			src = s
		}
	}
	now, unit := pl.sim.Now(), pl.timeUnit()
	head := fmt.Sprintf("%d parts in the plant and waiting to enter at %.6g %s, the limit of one replication (to keep memory bounded)",
		pl.maxHeld, now, unit)
	if src != nil && src.backlog.len() > worst.queue.len() {
		return &LimitError{Kind: "source", Name: src.spec.Name, Msg: fmt.Sprintf(
			"%s; %d of them wait at this source: its orders release more than %q can take in; spread the releases or shrink the orders",
			head, src.backlog.len(), src.to.spec.Name)}
	}
	msg := fmt.Sprintf("%s; %d of them wait in this station's buffer", head, worst.queue.len())
	if arr, capa, over := pl.plan.overloaded(worst.index); over {
		msg += fmt.Sprintf(": this line cannot keep up: arrivals %s/%s, capacity %s/%s", rate(arr), unit, rate(capa), unit)
	}
	return &LimitError{Kind: "station", Name: worst.spec.Name, Msg: msg +
		"; give it a finite buffer (upstream then waits) or lower the arrival rate"}
}

func rate(x float64) string { return fmt.Sprintf("%.3g", x) }

// openRates are the long-run arrival rate at each station of an open line,
// from the traffic equations over the routing,
//
//	λ_j = Σ_sources→j 1/E[interarrival] + Σ_i λ_i P(i → j),
//
// and each station's capacity, an upper bound that ignores failures,
// shifts and setups: machines × batch / E[process]. Both are nil when the
// model is not a plain open line (products, other sources, quality) and
// the rates do not follow from the model alone.
func openRates(m *Model, p *Plan) (arrivals, capacity []float64) {
	if len(m.Products) > 0 {
		return nil, nil
	}
	n := len(m.Stations)
	ext := make([]float64, n)
	for k, so := range m.Sources {
		if so.Kind != Open {
			return nil, nil
		}
		ext[p.sourceTo[k]] += so.ArrivalRate()
	}
	type edge struct {
		from int
		p    float64
	}
	in := make([][]edge, n)
	capacity = make([]float64, n)
	for j, st := range m.Stations {
		if st.Quality != nil {
			return nil, nil
		}
		capacity[j] = float64(st.Machines*max(1, st.Batch)) / st.Process.Mean()
		prev := 0.0
		for k, to := range p.routes[j] {
			if to < n {
				in[to] = append(in[to], edge{j, p.cumP[j][k] - prev})
			}
			prev = p.cumP[j][k]
		}
	}
	// Gauss–Seidel sweeps in model order: one sweep solves a line written
	// in flow order; loops with exits converge geometrically.
	arrivals = make([]float64, n)
	for sweep := 0; sweep < 1000 && sweep*n < 10_000_000; sweep++ {
		change, size := 0.0, 0.0
		for j := range n {
			x := ext[j]
			for _, e := range in[j] {
				x += arrivals[e.from] * e.p
			}
			change, size = math.Max(change, math.Abs(x-arrivals[j])), math.Max(size, x)
			arrivals[j] = x
		}
		if change <= 1e-12*size {
			break
		}
	}
	return arrivals, capacity
}

// overloaded reports whether station i of an open line receives more than
// it can process, with both rates.
func (p *Plan) overloaded(i int) (arrivals, capacity float64, ok bool) {
	if p.arrivals == nil {
		return 0, 0, false
	}
	return p.arrivals[i], p.capacity[i], p.arrivals[i] > p.capacity[i]
}

// checkOverload refuses a run whose open line cannot keep up at a station
// with an unlimited buffer so badly that the buffer would outgrow
// MaxInPlant within the horizon: known before running, so said at once.
func (p *Plan) checkOverload(r Run) error {
	for i, st := range p.model.Stations {
		arr, capa, over := p.overloaded(i)
		if !over || st.Buffer != Unlimited || (arr-capa)*r.Horizon <= MaxInPlant {
			continue
		}
		unit := p.model.TimeUnit
		return &LimitError{Kind: "station", Name: st.Name, Msg: fmt.Sprintf(
			"this line cannot keep up: arrivals %s/%s, capacity %s/%s, so its buffer would grow by about %.3g parts over the horizon, "+
				"beyond the %d parts one replication may hold (to keep memory bounded); give it a finite buffer (upstream then waits), "+
				"lower the arrival rate or add capacity", rate(arr), unit, rate(capa), unit, (arr-capa)*r.Horizon, MaxInPlant)}
	}
	return nil
}
