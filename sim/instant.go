package sim

import "math"

// timeTolerance is the relative difference up to which two times are the
// same instant (see simultaneous).
const timeTolerance = 1e-9

// simultaneous reports whether times a and b are the same instant up to
// the rounding of float64 arithmetic. Where an order of events at the same
// instant changes the outcome — a part done just as its shift ends is
// finished, not paused overnight; a machine free just as its shift ends
// starts no part — the decision must not depend on which way the sums
// that computed the two times were rounded, or the same plant would give
// other results in another time unit (8 parts of 1 h from 06:00 end at
// 14:00 exactly in h, but within an ulp before or after 14/24 in d). The
// rounding error of a time grows with its size and with the number of
// sums behind it; 1e-9 of the time leaves room for millions of them and is
// far below any duration a plant is modelled in. The same goes for the
// ends of the observation window, see justBefore.
func simultaneous(a, b float64) bool {
	d := math.Abs(a - b)
	return a == b || !math.IsInf(d, 0) && d <= timeTolerance*math.Max(math.Abs(a), math.Abs(b))
}

// justBefore is the earliest time simultaneous with t (t ≥ 0). The window
// of the statistics is [Warmup, Horizon) up to rounding: the warm-up ends
// at justBefore(Warmup), so that an event within rounding before Warmup is
// in the window, and the run stops at justBefore(Horizon), so that one
// within rounding before Horizon is not, as if each were exactly at it
// (the part of a deterministic line due at the horizon, 12/24 d after 6
// steps of 2/24 d, would otherwise count or not as the steps round).
func justBefore(t float64) float64 { return t - timeTolerance*t }
