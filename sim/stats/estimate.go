package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Estimate summarises one statistic over independent replications: the mean
// and a Student-t confidence interval for it,
//
//	half_width = t(1 − (1−c)/2; n−1) · s / √n
//
// where s is the sample standard deviation of the n replication values and c
// the confidence level. With one replication HalfWidth and StdDev are NaN.
type Estimate struct {
	Mean      float64
	HalfWidth float64
	StdDev    float64
	Min, Max  float64
	N         int
}

// NewEstimate computes the estimate of xs at the given confidence level. NaN
// values (a statistic a replication could not observe, such as the wait in
// a buffer no part entered) are left out; N counts the values used.
func NewEstimate(xs []float64, confidence float64) Estimate {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	e := Estimate{Mean: math.NaN(), HalfWidth: math.NaN(), StdDev: math.NaN(),
		Min: math.NaN(), Max: math.NaN(), N: len(vals)}
	if len(vals) == 0 {
		return e
	}
	e.Min, e.Max = vals[0], vals[0]
	for _, v := range vals {
		e.Min, e.Max = math.Min(e.Min, v), math.Max(e.Max, v)
	}
	if e.Min == e.Max {
		// Equal values: summing them could round the mean off the value.
		e.Mean = e.Min
		if len(vals) > 1 {
			e.StdDev, e.HalfWidth = 0, 0
		}
		return e
	}
	e.Mean, e.StdDev = stat.MeanStdDev(vals, nil)
	e.HalfWidth = StudentT(confidence, len(vals)-1) * e.StdDev / math.Sqrt(float64(len(vals)))
	return e
}

// StudentT is the two-sided critical value of Student's t distribution with
// df degrees of freedom at the given confidence level: the (1+c)/2 quantile.
func StudentT(confidence float64, df int) float64 {
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}
	return t.Quantile(1 - (1-confidence)/2)
}

// Contains reports whether x lies inside the confidence interval.
func (e Estimate) Contains(x float64) bool {
	return math.Abs(e.Mean-x) <= e.HalfWidth
}
