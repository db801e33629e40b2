package solver

// capSurcharge is what budget cap b counts beyond the resource cost and
// the overhead, as the cost report counts it: the recall fees (on the
// total, since the report puts them on their own line, in no
// department) and the cancellation fees the moves owe (on the total
// and on the department of the resource owing each, as the charges
// owed already are: those are taken off the caps' limits before the
// search, so Objective.Cancelled is not counted again here). A
// production's cap in a facility counts neither: it bounds that
// production's share of the resource cost.
//
// recall is the schedule's recall term; moved is the cancellation term
// less Objective.Cancelled; owes reports whether task t owes its i-th
// cancellation fee where it is placed. owes is read only for a
// department's cap, and only when moved is not 0.
func (p *Problem) capSurcharge(b BudgetCap, recall, moved float64, owes func(t TaskID, i int) bool) float64 {
	if p.capProduction(b) >= 0 {
		return 0
	}
	if b.Department < 0 {
		return recall + moved
	}
	if moved == 0 {
		return 0
	}
	c := 0.0
	for t := range p.Tasks {
		for i, f := range p.Tasks[t].Cancellation {
			if r := f.Resource; r >= 0 && int(r) < len(p.Resources) && p.Resources[r].Department == b.Department && owes(TaskID(t), i) {
				c += f.Fee
			}
		}
	}
	return c
}
