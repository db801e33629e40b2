package solver

// Travel time (WorkRules.TravelSlots): a resource that travels to the
// work needs TravelSlots before the first slot it works on a visit and
// after the last, available (its availability runs door to door) and
// not worked. A visit is the one RateCard.Travel charges: a run of used
// days, where a gap of unused days bridged by holding days (Hold*gap <
// Travel) does not end it; between the days of one visit the resource
// stays nearby and travels nothing.
//
// Whether a day opens or closes a visit depends on the other days used,
// so the rule is checked two ways. Placing work (rulesOK) checks the
// journey there on the days it touches, as the schedule stands: the
// days before are mostly placed already, since construction and repair
// insert work in order of time; adding work only merges visits, so it
// can break the rule on those days alone. The journey home depends on
// the days after, often not placed yet (a session that runs late is
// fine when the next day's work keeps the artiste over), and taking
// work away can split a visit: the search counts each day whose travel
// does not fit, either way, as a penalty (travelExcess), as it counts
// caps exceeded, so insertions prefer the starts that leave room for
// travel or join a visit, and a schedule with any such day is not
// feasible.

// travelPenalty is what the search adds for each day whose travel does
// not fit, as capPenalty is for a cap exceeded: far above any schedule's
// cost, so such states rank below feasible ones.
const travelPenalty = 1e6

// bridged reports whether a gap of g > 0 unused days between two used
// days is held over (one visit) rather than travelled home.
func (rc *RateCard) bridged(g int) bool {
	return rc.Hold > 0 && rc.Hold*float64(g) < rc.Travel
}

// travelOK checks the travel time of resource r on day d: when d opens
// a visit, the TravelSlots before its first busy slot must be available
// and free, and the TravelSlots before those free of work too, so that
// the journey home from the visit before ends first; with home, when d
// closes a visit, the TravelSlots after its last busy slot must be
// available and free. A day r does not work holds nothing to check.
func (st *state) travelOK(r ResourceID, d int, home bool) bool {
	n := Slot(st.p.Resources[r].Rules.TravelSlots)
	tl := &st.tl[r]
	if n == 0 || d < 0 || d >= st.dv.nDays || tl.busyDay[d] == 0 {
		return true
	}
	spd := Slot(st.dv.spd)
	if st.opensVisit(r, d, -1) {
		first := Slot(d) * spd
		for tl.use[first] == 0 {
			first++
		}
		if !st.travelFree(r, first-n, first) || st.busyIn(r, first-2*n, first-n) {
			return false
		}
	}
	if home && st.opensVisit(r, d, 1) {
		last := Slot(d+1)*spd - 1
		for tl.use[last] == 0 {
			last--
		}
		if !st.travelFree(r, last+1, last+1+n) {
			return false
		}
	}
	return true
}

// opensVisit reports whether used day d of r is the first day of its
// visit (dir -1) or the last (dir 1): no day used on that side before a
// gap too long to hold the resource over.
func (st *state) opensVisit(r ResourceID, d, dir int) bool {
	rc := &st.p.Resources[r].Rate
	busy := st.tl[r].busyDay
	for g, e := 0, d+dir; e >= 0 && e < len(busy); g, e = g+1, e+dir {
		if busy[e] > 0 {
			return false
		}
		if !rc.bridged(g + 1) {
			return true
		}
	}
	return true
}

// travelFree reports whether r is available and not busy in [a, b), all
// of it inside the horizon.
func (st *state) travelFree(r ResourceID, a, b Slot) bool {
	if a < 0 || int(b) > st.p.Slots {
		return false
	}
	av, use := st.p.Resources[r].Available, st.tl[r].use
	for s := a; s < b; s++ {
		if use[s] != 0 || !av.Has(s) {
			return false
		}
	}
	return true
}

// busyIn reports whether r works in a slot of [a, b) (clipped to the
// horizon).
func (st *state) busyIn(r ResourceID, a, b Slot) bool {
	use := st.tl[r].use
	for s := max(a, 0); s < min(b, Slot(len(use))); s++ {
		if use[s] != 0 {
			return true
		}
	}
	return false
}

// travelExcess is the penalty for the days whose travel does not fit
// (0 when all do). Only the resources whose timeline changed since the
// last call are walked again.
func (st *state) travelExcess() float64 {
	if st.dv.spd == 0 {
		return 0
	}
	pen := 0.0
	for _, r := range st.dv.travellers {
		tl := &st.tl[r]
		if tl.travelStale {
			tl.travelPen, tl.travelStale = 0, false
			for d, n := range tl.busyDay {
				if n > 0 && !st.travelOK(r, d, true) {
					tl.travelPen += travelPenalty
				}
			}
		}
		pen += tl.travelPen
	}
	return pen
}
