package schedule

import (
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// TaskEnds returns, per task of c.Problem, where sol has it end: the end
// of its last worked piece, or for a milestone the slot it sits at. Every
// report reads milestones and the delivery from here, so they agree.
//
// A milestone sits where its work is done: at the latest end (start, for
// a start-to-start link) of its predecessors' last pieces, plus each
// link's lag, moved on to the first instant its Window allows (the
// compile step gives milestones the start and the end of each working
// day); at its pin when confirmed. That is the end of the working day its
// last predecessor ends on, not the slot the search happened to leave it
// at, which may be any later one before its successors. A milestone held
// back by its own release (a score delivered no earlier than a date) sits
// at the start of the first working day from the release.
func TaskEnds(c *compile.Compiled, sol *solver.Solution) []solver.Slot {
	p := c.Problem
	ends := make([]solver.Slot, len(p.Tasks))
	starts := make([]solver.Slot, len(p.Tasks))
	for t := range p.Tasks {
		starts[t], ends[t] = sol.Placements[t].Start, sol.Ends[t]
		if pieces := sol.Pieces[t]; len(pieces) > 0 {
			starts[t], ends[t] = pieces[0].Start, pieces[len(pieces)-1].End
		}
	}
	for _, t := range p.TopologicalOrder() {
		task := &p.Tasks[t]
		if task.Duration != 0 || task.Pin != nil {
			continue
		}
		at, released := max(task.Release, 0), true
		for _, e := range p.Predecessors(t) {
			pr := p.Precedences[e]
			x := ends[pr.From]
			if pr.Kind == solver.StartToStart {
				x = starts[pr.From]
			}
			if x = p.Advance(x, pr.Lag, pr.LagWorking); x >= at {
				at, released = x, false
			}
		}
		switch {
		case task.Window != nil:
			// The compiled milestone falls only at the start or end of
			// a working day: the first such instant from at.
			at = firstIn(task.Window, at, sol.Placements[t].Start)
		case released:
			at = openFrom(p, at, sol.Placements[t].Start)
		}
		// Never later than where the search put it: its successors were
		// placed after that.
		at = min(at, sol.Placements[t].Start)
		starts[t], ends[t] = at, at
	}
	return ends
}

// firstIn returns the first slot of w at or after x, no further than
// limit.
func firstIn(w solver.Bitset, x, limit solver.Slot) solver.Slot {
	for y := max(x, 0); y < limit; y++ {
		if w.Has(y) {
			return y
		}
	}
	return limit
}

// openFrom moves a milestone at slot x that is not at the end of working
// time to the next working slot, no further than limit.
func openFrom(p *solver.Problem, x, limit solver.Slot) solver.Slot {
	work := p.Calendar.Working
	if work == nil || work.Has(x) || (x > 0 && work.Has(x-1)) {
		return x
	}
	for y := x; y <= limit; y++ {
		if work.Has(y) {
			return y
		}
	}
	return x
}

// IsDelivery reports whether a milestone is a delivery: its id, less any
// episode or production prefix (ep3/delivered), or its name begins with
// "deliver" (delivery, delivered), in any case.
func IsDelivery(m Milestone) bool {
	id := m.ID[strings.LastIndex(m.ID, "/")+1:]
	return strings.HasPrefix(strings.ToLower(id), "deliver") || strings.HasPrefix(strings.ToLower(m.Name), "deliver")
}

// DeliveryOf is the one definition of a schedule's delivery: the latest
// delivery milestone (see IsDelivery) when there is one, else the end of
// the last worked piece of any booking; the zero time when there is
// neither. Build sets Schedule.Delivery from it.
func DeliveryOf(milestones []Milestone, bookings []Booking) time.Time {
	var t time.Time
	for _, m := range milestones {
		if IsDelivery(m) && m.At.After(t) {
			t = m.At
		}
	}
	if !t.IsZero() {
		return t
	}
	for _, b := range bookings {
		if n := len(b.Pieces); n > 0 && b.Pieces[n-1].End.After(t) {
			t = b.Pieces[n-1].End
		}
	}
	return t
}
