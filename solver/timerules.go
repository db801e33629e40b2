package solver

import "fmt"

// SameResource asks two tasks to use the same resource for one demand
// entry each: the editor of a director's cut is the editor of its
// assembly. A and B index Problem.Tasks; SlotA and SlotB index their
// flattened Placement.Resources (demand by demand, Count entries each).
type SameResource struct {
	A, B         TaskID
	SlotA, SlotB int
	// Group is the constraint group of the link.
	Group GroupID
}

// MaxLag bounds from above how long To may wait after From: To starts at
// or before latest(end of From, Lag) (FinishToStart) or latest(start of
// From, Lag) (StartToStart), where latest(x, Lag) is x+Lag, or with
// LagWorking the last slot y ≥ x such that [x, y) holds at most Lag
// Working slots. A MaxLag is not a precedence: it adds no order, so it
// usually comes with a Precedence between the same tasks.
type MaxLag struct {
	From, To   TaskID
	Kind       PrecedenceKind
	Lag        int
	LagWorking bool
	Group      GroupID
}

// sameLink is one SameResource seen from one of its tasks.
type sameLink struct {
	slot, otherSlot int32
	other           TaskID
}

// checkTimeRules checks the structure of SameResources and MaxLags.
func (p *Problem) checkTimeRules() error {
	n := len(p.Tasks)
	nRes := func(t TaskID) int {
		k := 0
		for _, d := range p.Tasks[t].Demands {
			k += d.count()
		}
		return k
	}
	for i, l := range p.SameResources {
		if l.A < 0 || int(l.A) >= n || l.B < 0 || int(l.B) >= n {
			return fmt.Errorf("solver: same resource %d: task out of range", i)
		}
		if l.A == l.B {
			return fmt.Errorf("solver: same resource %d: task %q linked to itself", i, p.Tasks[l.A].Name)
		}
		if l.SlotA < 0 || l.SlotA >= nRes(l.A) || l.SlotB < 0 || l.SlotB >= nRes(l.B) {
			return fmt.Errorf("solver: same resource %d: demand entry out of range", i)
		}
	}
	if err := p.checkHandovers(nRes); err != nil {
		return err
	}
	for i, m := range p.MaxLags {
		if m.From < 0 || int(m.From) >= n || m.To < 0 || int(m.To) >= n || m.From == m.To {
			return fmt.Errorf("solver: max lag %d: task out of range", i)
		}
		if m.Lag < 0 {
			return fmt.Errorf("solver: max lag %d: negative lag %d", i, m.Lag)
		}
		if m.Kind == FinishToFinish {
			return fmt.Errorf("solver: max lag %d: a max lag counts to To's start, never finish to finish", i)
		}
	}
	return nil
}

// deriveTimeRules fills the per-task link tables of dv.
func (p *Problem) deriveTimeRules(dv *derived) {
	dv.hand = make([][]int32, len(p.Tasks))
	for i, h := range p.Handovers {
		dv.hand[h.A] = append(dv.hand[h.A], int32(i))
		dv.hand[h.B] = append(dv.hand[h.B], int32(i))
	}
	if len(p.SameResources) > 0 {
		dv.same = make([][]sameLink, len(p.Tasks))
		for _, l := range p.SameResources {
			dv.same[l.A] = append(dv.same[l.A], sameLink{int32(l.SlotA), int32(l.SlotB), l.B})
			dv.same[l.B] = append(dv.same[l.B], sameLink{int32(l.SlotB), int32(l.SlotA), l.A})
		}
	}
	if len(p.MaxLags) > 0 {
		dv.maxIn = make([][]int32, len(p.Tasks))
		dv.maxOut = make([][]int32, len(p.Tasks))
		for i, m := range p.MaxLags {
			dv.maxIn[m.To] = append(dv.maxIn[m.To], int32(i))
			dv.maxOut[m.From] = append(dv.maxOut[m.From], int32(i))
		}
	}
}

// latest returns latest(x, lag) of the MaxLag semantics: x+lag, or with
// working lags the last y ≥ x such that [x, y) holds at most lag Working
// slots (farSlot when the horizon has no more than lag after x).
func (dv *derived) latest(x Slot, lag int, working bool) Slot {
	if !working || dv.workPrefix == nil {
		return x + Slot(lag)
	}
	if x < 0 {
		x = 0
	}
	if int(x) >= len(dv.workPrefix) {
		return farSlot
	}
	k := int(dv.workPrefix[x]) + lag
	if k >= len(dv.workPos) {
		return farSlot
	}
	return max(x, Slot(dv.workPos[k]))
}

// sameReq returns the resource that flat demand entry j of task t must
// be, from the placed tasks it is linked to (-1 when free), and false
// when two of them disagree.
func (st *state) sameReq(t TaskID, j int) (ResourceID, bool) {
	req := ResourceID(-1)
	for _, f := range st.force {
		if f.t == t && int(f.slot) == j {
			req = f.r
		}
	}
	for _, l := range st.dv.same[t] {
		if int(l.slot) != j || !st.placed[l.other] {
			continue
		}
		r := st.res[l.other][l.otherSlot]
		if req >= 0 && r != req {
			return -1, false
		}
		req = r
	}
	return req, true
}

// sameAllows reports whether flat demand entry j of task t may be r as
// far as its links to tasks not yet placed go: each must take the same
// resource later, so r must be among its candidates for the linked
// entry. Without this a session took a cheaper person its linked
// session could never have, and the linked one found no start.
func (st *state) sameAllows(t TaskID, j int, r ResourceID) bool {
	if st.dv.same == nil {
		return true
	}
	for _, l := range st.dv.same[t] {
		if int(l.slot) != j || st.placed[l.other] {
			continue
		}
		other := &st.p.Tasks[l.other]
		if other.Pin != nil {
			continue // a pin is placed before anything else
		}
		if d := demandOfSlot(other, int(l.otherSlot)); d != nil && !containsRes(d.Candidates, r) {
			return false
		}
	}
	return true
}

// sameOK checks every link of task t against the placed tasks for the
// resources res.
func (st *state) sameOK(t TaskID, res []ResourceID) bool {
	for _, l := range st.dv.same[t] {
		if st.placed[l.other] && st.res[l.other][l.otherSlot] != res[l.slot] {
			return false
		}
	}
	return true
}

// maxLagBase is the slot a max lag of task t counts from: its end or its
// start.
func maxLagBase(kind PrecedenceKind, s, e Slot) Slot {
	if kind == StartToStart {
		return s
	}
	return e
}

// maxLagHi lowers hi to the latest start the max lags from placed
// predecessors allow task t.
func (st *state) maxLagHi(t TaskID, hi Slot) Slot {
	if st.dv.maxIn == nil {
		return hi
	}
	for _, mi := range st.dv.maxIn[t] {
		m := &st.p.MaxLags[mi]
		if st.placed[m.From] && !st.relaxMax {
			hi = min(hi, st.dv.latest(maxLagBase(m.Kind, st.start[m.From], st.end[m.From]), m.Lag, m.LagWorking))
		}
	}
	return hi
}

// maxLagOK checks the max lags between task t (start s, end e) and the
// placed tasks exactly.
func (st *state) maxLagOK(t TaskID, s, e Slot) bool {
	dv := st.dv
	if dv.maxIn == nil || st.relaxMax {
		return true
	}
	for _, mi := range dv.maxIn[t] {
		m := &st.p.MaxLags[mi]
		if st.placed[m.From] && s > dv.latest(maxLagBase(m.Kind, st.start[m.From], st.end[m.From]), m.Lag, m.LagWorking) {
			return false
		}
	}
	for _, mi := range dv.maxOut[t] {
		m := &st.p.MaxLags[mi]
		if st.placed[m.To] && st.start[m.To] > dv.latest(maxLagBase(m.Kind, s, e), m.Lag, m.LagWorking) {
			return false
		}
	}
	return true
}

// maxShiftRounds caps how often one construction moves predecessors
// later for the max lags of their successors.
const maxShiftRounds = 64

// shiftForMaxLags is called when the construction cannot place task t. When
// t could start at some s* but for the max lags from its placed
// predecessors, it raises those predecessors' earliest starts by the
// amount each one's lag is short (the grade waits for the online editor),
// unplaces every task of order[j:i] (j the first such predecessor's
// position) and returns j, where the construction resumes. It returns -1
// when moving predecessors cannot help (a pin, or no start at all).
func (st *state) shiftForMaxLags(t TaskID, order []TaskID, i int) int {
	dv := st.dv
	if dv.maxIn == nil || len(dv.maxIn[t]) == 0 {
		return -1
	}
	st.relaxMax = true
	lo, hi := st.startBounds(t)
	sStar := Slot(-1)
	for s := lo; s <= hi; {
		if _, _, ok, jump := st.tryStart(t, s, forward, false, nil, 0); ok {
			sStar = s
			break
		} else {
			s = max(jump, s+1)
		}
	}
	st.relaxMax = false
	if sStar < 0 {
		return -1
	}
	j := -1
	for _, mi := range dv.maxIn[t] {
		m := &st.p.MaxLags[mi]
		if !st.placed[m.From] {
			continue
		}
		short := sStar - dv.latest(maxLagBase(m.Kind, st.start[m.From], st.end[m.From]), m.Lag, m.LagWorking)
		if short <= 0 {
			continue
		}
		if st.p.Tasks[m.From].Pin != nil {
			return -1
		}
		st.minStart[m.From] = max(st.minStart[m.From], st.start[m.From]+short)
		for k := 0; k < i; k++ {
			if order[k] == m.From && (j < 0 || k < j) {
				j = k
			}
		}
	}
	if j < 0 {
		return -1
	}
	for _, u := range order[j:i] {
		if st.placed[u] && st.p.Tasks[u].Pin == nil {
			st.unplace(u)
		}
	}
	if dv.same != nil {
		// A SameResource group is placed together (placeGroup): its
		// members placed ahead of their turn go back with it.
		for _, u := range order[i:] {
			if st.placed[u] && st.p.Tasks[u].Pin == nil {
				st.unplace(u)
			}
		}
	}
	return j
}

// checkSameResources checks every SameResource link.
func (v *verifier) checkSameResources(sc *schedule) {
	p := v.p
	for i, l := range p.SameResources {
		if l.A < 0 || int(l.A) >= len(p.Tasks) || l.B < 0 || int(l.B) >= len(p.Tasks) {
			v.add(ViolationSameResource, -1, -1, -1, "link %d between tasks %d and %d out of range", i, l.A, l.B)
			continue
		}
		ra, rb := sc.place[l.A].Resources, sc.place[l.B].Resources
		if l.SlotA < 0 || l.SlotA >= len(ra) || l.SlotB < 0 || l.SlotB >= len(rb) {
			v.add(ViolationSameResource, l.B, -1, -1, "link %d names demand entries %d and %d out of range", i, l.SlotA, l.SlotB)
			continue
		}
		if ra[l.SlotA] != rb[l.SlotB] {
			v.add(ViolationSameResource, l.B, rb[l.SlotB], sc.place[l.B].Start, "uses %q where %q uses %q",
				p.Resources[rb[l.SlotB]].Name, p.Tasks[l.A].Name, p.Resources[ra[l.SlotA]].Name)
		}
	}
}

// checkMaxLags checks every MaxLag by counting the slots between the
// predecessor's end (or start) and the successor's start.
func (v *verifier) checkMaxLags(sc *schedule) {
	p := v.p
	for i, m := range p.MaxLags {
		if m.From < 0 || int(m.From) >= len(p.Tasks) || m.To < 0 || int(m.To) >= len(p.Tasks) {
			v.add(ViolationMaxLag, -1, -1, -1, "max lag %d between tasks %d and %d out of range", i, m.From, m.To)
			continue
		}
		base, which := sc.ends[m.From], "end"
		if m.Kind == StartToStart {
			base, which = sc.place[m.From].Start, "start"
		}
		start := sc.place[m.To].Start
		gap := int(start - base)
		if m.LagWorking && p.Calendar.Working != nil {
			gap = 0
			for x := base; x < start; x++ {
				if p.Calendar.Working.Has(x) {
					gap++
				}
			}
		}
		if gap > m.Lag {
			v.add(ViolationMaxLag, m.To, -1, start, "starts at %d, %d slots after the %s of %q, at most %d", start, gap, which, p.Tasks[m.From].Name, m.Lag)
		}
	}
}

// relaxTimeRules copies into q the links and max lags of p whose groups
// are kept.
// A link on a relaxed demand goes with it; the others follow their
// demand entries to where the dropped demands leave them.
func (q *Problem) relaxTimeRules(p *Problem, kept func(GroupID) bool) {
	slotOf := func(t TaskID, j int) int {
		k, out := 0, 0
		for _, d := range p.Tasks[t].Demands {
			n := d.count()
			if j < k+n {
				if !kept(d.Group) {
					return -1
				}
				return out + j - k
			}
			k += n
			if kept(d.Group) {
				out += n
			}
		}
		return -1
	}
	for _, l := range p.SameResources {
		if !kept(l.Group) {
			continue
		}
		l.SlotA, l.SlotB = slotOf(l.A, l.SlotA), slotOf(l.B, l.SlotB)
		if l.SlotA >= 0 && l.SlotB >= 0 {
			q.SameResources = append(q.SameResources, l)
		}
	}
	for _, m := range p.MaxLags {
		if kept(m.Group) {
			q.MaxLags = append(q.MaxLags, m)
		}
	}
	// Handovers are costs, not constraints: kept while both entries are.
	for _, h := range p.Handovers {
		h.SlotA, h.SlotB = slotOf(h.A, h.SlotA), slotOf(h.B, h.SlotB)
		if h.SlotA >= 0 && h.SlotB >= 0 {
			q.Handovers = append(q.Handovers, h)
		}
	}
}

// appendTimeRuleGroups appends the groups of p's links and max lags.
func (p *Problem) appendTimeRuleGroups(gs []GroupID) []GroupID {
	for _, l := range p.SameResources {
		gs = append(gs, l.Group)
	}
	for _, m := range p.MaxLags {
		gs = append(gs, m.Group)
	}
	return gs
}

// dayCap is the verifier's reading of the per-day cap on a split task's
// pieces: the smallest MaxSlotsPerDay among the chosen resources.
func dayCap(p *Problem, res []ResourceID) int {
	if p.Calendar.SlotsPerDay <= 0 {
		return 0
	}
	c := 0
	for _, r := range res {
		if m := p.Resources[r].Rules.MaxSlotsPerDay; m > 0 {
			if c == 0 {
				c = m
			}
			c = min(c, m)
		}
	}
	return c
}

// cappedPieces walks a split task from s slot by slot as doc.go says for
// resources that may work at most c slots a calendar day.
func cappedPieces(p *Problem, s Slot, duration, minChunk, c int, open func(Slot) bool) ([]Interval, Slot, string) {
	spd := p.Calendar.SlotsPerDay
	var pieces []Interval
	day, worked := -1, 0 // the day of x and the slots worked on it
	left := duration
	for x := s; left > 0; {
		for int(x) < p.Slots && !open(x) {
			x++
		}
		if int(x) >= p.Slots {
			return nil, s, fmt.Sprintf("%d slots of work left at the end of the horizon", left)
		}
		d := int(x) / spd
		if d != day {
			day, worked = d, 0
		}
		room := c - worked
		if room <= 0 {
			x = Slot((d + 1) * spd)
			continue
		}
		start := x
		for int(x) < p.Slots && open(x) && int(x)/spd == d && int(x-start) < min(left, room) {
			x++
		}
		n := int(x - start)
		if n < min(minChunk, left) {
			if start == s {
				return nil, s, fmt.Sprintf("first piece of %d slots is shorter than the minimum chunk of %d", n, min(minChunk, left))
			}
			x = Slot((d + 1) * spd)
			continue
		}
		pieces = append(pieces, Interval{start, x})
		worked += n
		left -= n
	}
	return pieces, pieces[len(pieces)-1].End, ""
}
