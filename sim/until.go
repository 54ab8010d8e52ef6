package sim

import (
	"errors"
	"fmt"
)

// A run with Until set ends at the event that completes its work: the
// sink or the order that does it calls done, which stops the event loop
// like a failure would, and the statistics close at that instant (pl.end)
// instead of the horizon. A plant that does not use it pays one comparison
// per part reaching a sink (untilParts is 0) and none per event.

// errDone stops the event loop when the run's work is done.
var errDone = errors.New("done")

// startUntil prepares the counts of an Until run; parts are counted once
// the warm-up is over (see countUntil).
func (pl *plant) startUntil() {
	pl.end = pl.run.Horizon
	if pl.run.Warmup == 0 {
		pl.untilParts = pl.run.Until.Parts
	}
	if pl.run.Until.Orders {
		pl.openOrders = len(pl.orders)
	}
}

// countUntil starts counting parts toward Until.Parts at the end of the
// warm-up.
func (pl *plant) countUntil() { pl.untilParts = pl.run.Until.Parts }

// orderComplete records that an order is complete; the last one ends a
// run until the orders are done.
func (pl *plant) orderComplete(now float64) {
	if !pl.run.Until.Orders {
		return
	}
	if pl.openOrders--; pl.openOrders == 0 {
		pl.done(now)
	}
}

// done ends the replication at now: its work is done.
func (pl *plant) done(now float64) {
	if pl.err == nil {
		pl.end, pl.workDone = now, true
		pl.err = errDone
	}
}

// untilProgress is the share of an Until run's work done so far, 0 for a
// run to the horizon.
func (pl *plant) untilProgress() float64 {
	switch u := pl.run.Until; {
	case u.Parts > 0 && pl.untilParts > 0:
		return float64(pl.cycle.N()) / float64(u.Parts)
	case u.Orders && len(pl.orders) > 0:
		return 1 - float64(pl.openOrders)/float64(len(pl.orders))
	}
	return 0
}

// notDone explains a run whose work was not done by the horizon.
func (pl *plant) notDone(index int) error {
	u, unit := pl.run.Until, pl.timeUnit()
	if u.Parts > 0 {
		return fmt.Errorf("replication %d: %d of %d parts reached a sink by the horizon (%g %s): "+
			"not done; raise [run] horizon, the longest a replication may take", index+1, pl.cycle.N(), u.Parts, pl.run.Horizon, unit)
	}
	return fmt.Errorf("replication %d: %d of %d orders complete at the horizon (%g %s): "+
		"not done; raise [run] horizon, the longest a replication may take", index+1, len(pl.orders)-pl.openOrders, len(pl.orders), pl.run.Horizon, unit)
}

// checkUntil refuses an Until the model cannot satisfy.
func (p *Plan) checkUntil(r Run) error {
	if !r.Until.Orders {
		return nil
	}
	for _, so := range p.model.Sources {
		if so.Kind == OrderBook {
			if r.Warmup > 0 {
				return errors.New("run: until orders: an order book runs from time 0; set warmup to 0")
			}
			return nil
		}
	}
	return errors.New("run: until orders: the model has no order book")
}
