package theory

// BatchCycleTime is the mean cycle time of a part at a station that
// processes parts in batches of k (a process batch: an oven, or a press run
// with one setup per batch), from Hopp & Spearman, Factory Physics, 3rd ed.,
// §9.4.1:
//
//	WTBT = (k − 1) / (2 ra)                      wait to form a batch
//	ca_b² = ca² / k                               batches' arrival variability
//	u     = ra · te / k                           te: time per batch
//	CT    = WTBT + Kingman(ca_b², ce², u, te) + te
//
// with ra the part arrival rate and ca² its squared coefficient of
// variation, te the mean and ce² the squared coefficient of variation of
// the time to process one batch. The queue term is Kingman's approximation,
// so CT is approximate; it is +Inf when u >= 1.
func BatchCycleTime(ra, ca2 float64, k int, te, ce2 float64) float64 {
	kf := float64(k)
	u := ra * te / kf
	return (kf-1)/(2*ra) + Kingman(ca2/kf, ce2, u, te) + te
}
