package theory

import "math"

// Bounds of a line under CONWIP with w parts in it, from the bottleneck
// rate rb and the raw process time T0 (sum of the mean process times, no
// waiting). Hopp & Spearman, Factory Physics, 3rd ed., §7.3–7.4
// (Laws 7.1–7.3; eq. 7.4 for the practical worst case).

// CriticalWIP is the WIP at which a line without variability reaches the
// bottleneck rate with the raw process time (Factory Physics, Def. 7.1),
//
//	W0 = rb · T0.
func CriticalWIP(rb, t0 float64) float64 { return rb * t0 }

// BestCaseTH is the highest throughput of any line with WIP w (Law 7.1),
//
//	TH_best = min(w/T0, rb).
func BestCaseTH(w, rb, t0 float64) float64 { return math.Min(w/t0, rb) }

// BestCaseCT is the shortest cycle time with WIP w (Law 7.1),
//
//	CT_best = max(T0, w/rb).
func BestCaseCT(w, rb, t0 float64) float64 { return math.Max(t0, w/rb) }

// WorstCaseTH is the lowest throughput with WIP w (Law 7.2): all w parts
// move as one batch,
//
//	TH_worst = 1/T0.
func WorstCaseTH(t0 float64) float64 { return 1 / t0 }

// WorstCaseCT is the longest cycle time with WIP w (Law 7.2),
//
//	CT_worst = w · T0.
func WorstCaseCT(w, t0 float64) float64 { return w * t0 }

// PracticalWorstCaseTH is the throughput of a balanced line of single
// exponential stations with WIP w (Def. 7.4, eq. 7.4): the dividing line
// between good and bad lines,
//
//	TH_pwc = w / (W0 + w − 1) · rb.
func PracticalWorstCaseTH(w, rb, t0 float64) float64 {
	return w / (CriticalWIP(rb, t0) + w - 1) * rb
}

// PracticalWorstCaseCT is the cycle time of the practical worst case
// (Def. 7.4),
//
//	CT_pwc = T0 + (w − 1)/rb.
func PracticalWorstCaseCT(w, rb, t0 float64) float64 { return t0 + (w-1)/rb }

// BottleneckRate is the rate of the slowest station, the throughput no
// line can exceed (Factory Physics, Def. 7.1): the smallest of the station
// capacities.
func BottleneckRate(capacities []float64) float64 {
	rb := math.Inf(1)
	for _, c := range capacities {
		rb = math.Min(rb, c)
	}
	return rb
}

// Capacity is the rate of a station of m identical machines with mean
// process time te per part and availability a (Factory Physics, §8.4),
//
//	capacity = a · m / te.
func Capacity(m int, te, a float64) float64 { return a * float64(m) / te }

// Availability is the long-run fraction of time a machine is up (Factory
// Physics, eq. 8.3),
//
//	A = MTBF / (MTBF + MTTR).
func Availability(mtbf, mttr float64) float64 { return mtbf / (mtbf + mttr) }

// TaktTime is the time available per part demanded (Rother & Shook,
// Learning to See, 1999): a line meets demand when every station's cycle
// time (mean process time per machine) is at most the takt time,
//
//	takt = available time / demand.
func TaktTime(available, demand float64) float64 { return available / demand }
