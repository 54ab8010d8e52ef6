package theory

// MVA is exact mean value analysis of a closed network of single-server
// stations with exponential service visited once per cycle, such as a
// CONWIP line, with n parts circulating (Reiser & Lavenberg, J. ACM 27,
// 1980; Hopp & Spearman, Factory Physics, 3rd ed., §7.4 uses it for the
// practical worst case). For m = 1 … n:
//
//	R_k(m) = s_k · (1 + Q_k(m − 1))
//	TH(m)  = m / Σ_k R_k(m)
//	Q_k(m) = TH(m) · R_k(m)
//
// where s_k is the mean service time of station k, R_k the mean time a
// part spends there and Q_k the mean number there. It returns TH(n), the
// cycle time Σ R_k(n) and the mean number at each station.
func MVA(service []float64, n int) (th, ct float64, queue []float64) {
	queue = make([]float64, len(service))
	resp := make([]float64, len(service))
	for m := 1; m <= n; m++ {
		ct = 0
		for k, s := range service {
			resp[k] = s * (1 + queue[k])
			ct += resp[k]
		}
		th = float64(m) / ct
		for k := range queue {
			queue[k] = th * resp[k]
		}
	}
	return th, ct, queue
}
