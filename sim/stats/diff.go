package stats

import "math"

// PairedDiff is the paired-t estimate of mean(b − a) over pairs (a[i], b[i]).
func PairedDiff(b, a []float64, conf float64) Estimate {
	d := make([]float64, len(a))
	for i := range a {
		d[i] = b[i] - a[i]
	}
	return NewEstimate(d, conf)
}

// WelchDiff is the estimate of mean(b) − mean(a) treating the samples as
// independent, with Welch's t interval (Welch–Satterthwaite degrees of
// freedom, rounded down).
func WelchDiff(b, a []float64, conf float64) Estimate {
	ea, eb := NewEstimate(a, conf), NewEstimate(b, conf)
	e := Estimate{Mean: eb.Mean - ea.Mean, HalfWidth: math.NaN(), StdDev: math.NaN(),
		Min: math.NaN(), Max: math.NaN(), N: min(ea.N, eb.N)}
	if ea.N < 2 || eb.N < 2 {
		return e
	}
	va, vb := ea.StdDev*ea.StdDev/float64(ea.N), eb.StdDev*eb.StdDev/float64(eb.N)
	se := math.Sqrt(va + vb)
	if se == 0 {
		e.HalfWidth = 0
		return e
	}
	df := (va + vb) * (va + vb) / (va*va/float64(ea.N-1) + vb*vb/float64(eb.N-1))
	e.HalfWidth = StudentT(conf, max(1, int(df))) * se
	return e
}
