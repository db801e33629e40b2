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
	moved := t.Previous.Start != start
	c := 0.0
	for _, f := range t.Cancellation {
		if moved || !slices.Contains(res, f.Resource) {
			c += f.Fee
		}
	}
	return c
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
