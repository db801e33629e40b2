package solver

import "iter"

// recallTerm charges an artiste's recalls (RateCard.RecallFee): each
// visit after the first that opens within RecallDays of the first day
// used. It is a whole-schedule term, not a resource's cost: a cap on
// the total counts it, a department's cap does not, a production's cap
// counts the recalls its tasks open (capSurcharge). The
// search prices it by walking the days used of the resources with a
// recall fee.
type recallTerm struct{}

// charge is the rule for a resource on card rc that works the days of
// used, in order.
func (r recallTerm) charge(rc *RateCard, used iter.Seq[int]) float64 {
	c := 0.0
	for range r.recalls(rc, used) {
		c += rc.RecallFee
	}
	return c
}

// recalls are the days, of the days used in order, that open a recall
// on card rc: a new visit, not a holding gap, inside the window.
func (recallTerm) recalls(rc *RateCard, used iter.Seq[int]) iter.Seq[int] {
	return func(yield func(int) bool) {
		if rc.RecallFee == 0 {
			return
		}
		first, last := -1, -1
		for d := range used {
			switch g := d - last - 1; {
			case first < 0:
				first = d
			case g > 0 && !(rc.Hold > 0 && rc.Hold*float64(g) < rc.Travel) && d-first <= rc.RecallDays:
				if !yield(d) {
					return
				}
			}
			last = d
		}
	}
}

// daysOf are the days d of counts with counts[d] > 0, in order.
func daysOf[T int32 | int](counts []T) iter.Seq[int] {
	return func(yield func(int) bool) {
		for d, n := range counts {
			if n > 0 && !yield(d) {
				return
			}
		}
	}
}

// sumRecalls adds the rule over the resources with a recall fee, reading
// each one's days used through days (nil: none).
func (r recallTerm) sumRecalls(p *Problem, days func(res int) iter.Seq[int]) float64 {
	total := 0.0
	for res := range p.Resources {
		if rc := &p.Resources[res].Rate; rc.RecallFee != 0 {
			if used := days(res); used != nil {
				total += r.charge(rc, used)
			}
		}
	}
	return total
}

func (recallTerm) name() string { return TermRecall }
func (r recallTerm) evaluate(e *evalView) float64 {
	if e.perDay == nil {
		return 0
	}
	return r.sumRecalls(e.p, func(res int) iter.Seq[int] { return daysOf(e.perDay[res]) })
}
func (r recallTerm) verify(v *verifyView) float64 {
	if v.days == nil {
		return 0
	}
	return r.sumRecalls(v.p, func(res int) iter.Seq[int] {
		return func(yield func(int) bool) {
			for d, u := range v.days[res] {
				if u.slots > 0 && !yield(d) {
					return
				}
			}
		}
	})
}

// search reads only the resources with a recall fee, listed once by
// derive: it runs on every cost the search takes.
func (r recallTerm) search(st *state) float64 {
	total := 0.0
	if st.dv.spd == 0 {
		return total
	}
	for _, res := range st.dv.recallers {
		total += r.charge(&st.p.Resources[res].Rate, daysOf(st.tl[res].busyDay))
	}
	return total
}

// bound charges nothing: whether a second visit is needed depends on the
// schedule.
func (recallTerm) bound(*boundView) float64 { return 0 }
