package solver

import "fmt"

// Handover is a soft SameResource: A's flat demand entry SlotA and B's
// SlotB should hold the same resource (the director's cut keeps the
// assembly's editor), and when they do not, Cost is charged once, the
// price of handing the cut over to another editor.
type Handover struct {
	A, B         TaskID
	SlotA, SlotB int
	// Cost is the money a switch costs (at least 0).
	Cost float64
}

// handoverTerm charges each Handover whose two entries hold different
// resources.
type handoverTerm struct{}

// charge is the rule for one handover, given the resources of its tasks
// (nil when a task is not placed: nothing is charged).
func (handoverTerm) charge(h *Handover, resA, resB []ResourceID) float64 {
	if resA == nil || resB == nil || h.SlotA >= len(resA) || h.SlotB >= len(resB) || resA[h.SlotA] == resB[h.SlotB] {
		return 0
	}
	return h.Cost
}

// total adds the rule over every handover, with res giving a task's
// resources.
func (h handoverTerm) total(p *Problem, res func(t TaskID) []ResourceID) float64 {
	sum := 0.0
	for i := range p.Handovers {
		l := &p.Handovers[i]
		sum += h.charge(l, res(l.A), res(l.B))
	}
	return sum
}

func (handoverTerm) name() string { return TermHandovers }
func (h handoverTerm) evaluate(e *evalView) float64 {
	return h.total(e.p, func(t TaskID) []ResourceID { return e.placements[t].Resources })
}
func (h handoverTerm) verify(v *verifyView) float64 {
	return h.total(v.p, func(t TaskID) []ResourceID { return v.sc.place[t].Resources })
}
func (handoverTerm) search(st *state) float64 { return st.handSum }

// bound is 0: every handover may be avoided as far as the time bounds
// know.
func (handoverTerm) bound(*boundView) float64 { return 0 }

// checkHandovers checks the structure of Handovers (nRes counts a task's
// flat demand entries).
func (p *Problem) checkHandovers(nRes func(TaskID) int) error {
	n := len(p.Tasks)
	for i, h := range p.Handovers {
		switch {
		case h.A < 0 || int(h.A) >= n || h.B < 0 || int(h.B) >= n || h.A == h.B:
			return fmt.Errorf("solver: handover %d: task out of range", i)
		case h.SlotA < 0 || h.SlotA >= nRes(h.A) || h.SlotB < 0 || h.SlotB >= nRes(h.B):
			return fmt.Errorf("solver: handover %d: demand entry out of range", i)
		case h.Cost < 0:
			return fmt.Errorf("solver: handover %d: negative cost", i)
		}
	}
	return nil
}

// handoverDelta is what the handovers of task t change by when t is
// placed with res (sign 1) or taken off (sign -1), against the placed
// tasks it is linked to.
func (st *state) handoverDelta(t TaskID, res []ResourceID) float64 {
	d := 0.0
	for _, i := range st.dv.hand[t] {
		h := &st.p.Handovers[i]
		other, mine, theirs := h.seenFrom(t)
		if st.placed[other] && res[mine] != st.res[other][theirs] {
			d += h.Cost
		}
	}
	return d
}

// seenFrom returns, for one of h's tasks t, the other task, t's entry
// and the other's.
func (h *Handover) seenFrom(t TaskID) (other TaskID, mine, theirs int) {
	if h.B == t {
		return h.A, h.SlotB, h.SlotA
	}
	return h.B, h.SlotA, h.SlotB
}

// handoverFor is what choosing resource r for flat demand entry j of
// task t adds in handovers against the placed tasks: the search's guide
// when it picks among candidates.
func (st *state) handoverFor(t TaskID, j int, r ResourceID) float64 {
	d := 0.0
	for _, i := range st.dv.hand[t] {
		h := &st.p.Handovers[i]
		other, mine, theirs := h.seenFrom(t)
		if mine == j && st.placed[other] && r != st.res[other][theirs] {
			d += h.Cost
		}
	}
	return d
}

// resyncHandovers recomputes the running handover sum exactly.
func (st *state) resyncHandovers() {
	st.handSum = handoverTerm{}.total(st.p, func(t TaskID) []ResourceID {
		if !st.placed[t] {
			return nil
		}
		return st.res[t]
	})
}
