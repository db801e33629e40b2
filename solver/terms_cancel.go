package solver

import "slices"

// cancellationTerm charges the cancellation fees of the tasks moved off
// their Previous placement (Task.Cancellation), plus the charges already
// owed for released bookings (Objective.Cancelled). It is money, unlike
// the disruption weight.
type cancellationTerm struct{}

// charge is the rule for task t placed at start with res: each fee whose
// resource the task no longer holds at its previous time.
func (cancellationTerm) charge(t *Task, start Slot, res []ResourceID) float64 {
	if t.Previous == nil || len(t.Cancellation) == 0 {
		return 0
	}
	c := 0.0
	for i, f := range t.Cancellation {
		if t.owes(i, start, res) {
			c += f.Fee
		}
	}
	return c
}

// Owes reports whether the task placed at pl owes its i-th cancellation
// fee: it has a Previous placement and no longer holds the fee's
// resource at that time.
func (t *Task) Owes(i int, pl Placement) bool {
	return t.Previous != nil && t.owes(i, pl.Start, pl.Resources)
}

// owes is Owes for a task with a Previous placement.
func (t *Task) owes(i int, start Slot, res []ResourceID) bool {
	return t.Previous.Start != start || !slices.Contains(res, t.Cancellation[i].Resource)
}

func (cancellationTerm) name() string { return TermCancellation }
func (c cancellationTerm) evaluate(e *evalView) float64 {
	return e.p.Objective.Cancelled + sumTasks(e.p, func(t int) float64 {
		return c.charge(&e.p.Tasks[t], e.placements[t].Start, e.placements[t].Resources)
	})
}
func (c cancellationTerm) verify(v *verifyView) float64 {
	return v.p.Objective.Cancelled + sumTasks(v.p, func(t int) float64 {
		return c.charge(&v.p.Tasks[t], v.sc.place[t].Start, v.sc.place[t].Resources)
	})
}
func (cancellationTerm) search(st *state) float64 { return st.p.Objective.Cancelled + st.cancSum }

// bound charges what is owed already and the fees that pins force.
func (c cancellationTerm) bound(b *boundView) float64 {
	return b.p.Objective.Cancelled + sumTasks(b.p, func(t int) float64 {
		task := &b.p.Tasks[t]
		if task.Pin == nil {
			return 0
		}
		return c.charge(task, task.Pin.Start, task.Pin.Resources)
	})
}
