package solver

import "iter"

// capSurcharge is what budget cap b counts beyond the resource cost and
// the overhead, as the cost report counts it: the recall fees (on the
// total, since the report puts them on their own line, in no
// department) and the cancellation fees the moves owe (on the total
// and on the department of the resource owing each, as the charges
// owed already are: those are taken off the caps' limits before the
// search, so Objective.Cancelled is not counted again here). A
// production's cap in a facility counts the recall fees and
// cancellation fees of that production's tasks, read from extra
// (productionExtras), as well as its share of the resource cost.
//
// recall is the schedule's recall term; moved is the cancellation term
// less Objective.Cancelled; owes reports whether task t owes its i-th
// cancellation fee where it is placed. owes is read only for a
// department's cap, and only when moved is not 0.
func (p *Problem) capSurcharge(b BudgetCap, recall, moved float64, owes func(t TaskID, i int) bool, extra ledger) float64 {
	if pr := p.capProduction(b); pr >= 0 {
		if extra.cells == nil {
			return 0
		}
		return extra.spend(pr, b.Department)
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

// productionCapped reports whether p splits cost among productions and
// caps some production's spend: only then are productionExtras needed.
func (p *Problem) productionCapped() bool {
	if !p.charging() {
		return false
	}
	for _, b := range p.Budgets {
		if p.capProduction(b) >= 0 {
			return true
		}
	}
	return false
}

// scheduleReading is how a pricer reads a schedule for productionExtras:
// days lists the days resource res works, in order (nil: none, or
// abstract time); tasksOn the tasks it serves; pieces task t's pieces;
// owes whether task t owes its i-th cancellation fee where it is placed.
type scheduleReading struct {
	days    func(res int) iter.Seq[int]
	tasksOn func(res int) []TaskID
	pieces  func(t TaskID) []Interval
	owes    func(t TaskID, i int) bool
}

// productionExtras books, by production and department, the money a
// schedule owes beyond resource cost: each recall fee goes to the
// production of the task that opens the visit (the first to start, on
// the recalled day, of the tasks the artiste works that day; the lower
// task id on a tie), in no department; each cancellation fee a move
// owes goes to the production of the task moved, in the department of
// the resource owing it. Charges owed already are not booked: they are
// off the caps' limits (Objective.CancelledByProduction).
func (p *Problem) productionExtras(rd scheduleReading) ledger {
	l := newLedger(p)
	spd := p.Calendar.SlotsPerDay
	for res := range p.Resources {
		rc := &p.Resources[res].Rate
		if rc.RecallFee == 0 || spd <= 0 || rd.days == nil {
			continue
		}
		used := rd.days(res)
		if used == nil {
			continue
		}
		for d := range (recallTerm{}).recalls(rc, used) {
			if t := opener(rd, res, Slot(d*spd), Slot((d+1)*spd)); t >= 0 {
				l.cells[l.extraCell(p, t, -1)] += rc.RecallFee
			}
		}
	}
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if task.Previous == nil {
			continue
		}
		for i, f := range task.Cancellation {
			if f.Resource >= 0 && int(f.Resource) < len(p.Resources) && rd.owes(TaskID(t), i) {
				l.cells[l.extraCell(p, TaskID(t), p.Resources[f.Resource].Department)] += f.Fee
			}
		}
	}
	return l
}

// opener is the task resource res serves that first works a slot of
// [from, to), the lower id on a tie; -1 when none does.
func opener(rd scheduleReading, res int, from, to Slot) TaskID {
	best, bestAt := TaskID(-1), to
	for _, t := range rd.tasksOn(res) {
		for _, pc := range rd.pieces(t) {
			if pc.End <= from || pc.Start >= to {
				continue
			}
			if at := max(pc.Start, from); at < bestAt || at == bestAt && t < best {
				best, bestAt = t, at
			}
			break
		}
	}
	return best
}

// extraCell is the cell of task t's production (the no-production row
// when it has none) and department d (-1 or out of range: none).
func (l ledger) extraCell(p *Problem, t TaskID, d int) int {
	pr := l.nProd
	if int(t) < len(p.Charging) {
		if ch := p.Charging[t].Production; ch >= 0 && ch < l.nProd {
			pr = ch
		}
	}
	if d < 0 || d >= l.nDept {
		d = l.nDept
	}
	return pr*(l.nDept+1) + d
}

// addExtras adds to each production's cost in b its recall fees and
// cancellation charges: those of extra and those owed already.
func (p *Problem) addExtras(b *Breakdown, extra ledger) {
	for i := range b.ByProduction {
		b.ByProduction[i] += extra.spend(i, -1)
		if i < len(p.Objective.CancelledByProduction) {
			b.ByProduction[i] += p.Objective.CancelledByProduction[i]
		}
	}
}
