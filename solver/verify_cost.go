package solver

import (
	"iter"
	"math/bits"
)

// termAmount returns the amount of the named term, 0 when absent.
func termAmount(b Breakdown, name string) float64 {
	for _, tc := range b.Terms {
		if tc.Term == name {
			return tc.Amount
		}
	}
	return 0
}

// dayUsage is how one resource works on one calendar day.
type dayUsage struct {
	slots       int
	first, last Slot
}

// busySlots calls f with each slot set in busy, in order; a nil busy has
// none.
func busySlots(busy Bitset, f func(s int)) {
	for wi, w := range busy {
		for ; w != 0; w &= w - 1 {
			f(wi<<6 | bits.TrailingZeros64(w))
		}
	}
}

// dayUse splits a resource's busy slots into calendar days.
func dayUse(p *Problem, busy Bitset) []dayUsage {
	spd := p.Calendar.SlotsPerDay
	days := make([]dayUsage, (p.Slots+spd-1)/spd)
	busySlots(busy, func(s int) {
		d := &days[s/spd]
		if d.slots == 0 {
			d.first = Slot(s)
		}
		d.slots++
		d.last = Slot(s)
	})
	return days
}

// weekOf returns the week of day d (doc of Calendar.WeekOffset).
func weekOf(p *Problem, d int) int { return (d + p.Calendar.WeekOffset) / 7 }

// dayKind returns the kind of day d; days past Calendar.Days are workdays.
func dayKind(p *Problem, d int) DayKind {
	if d < len(p.Calendar.Days) {
		return p.Calendar.Days[d]
	}
	return Workday
}

// slotsPerHour converts hourly rates to per-slot ones. It goes by
// SlotsPerDay alone: Calendar.SlotMinutes is informational.
func slotsPerHour(p *Problem) float64 {
	if p.Calendar.SlotsPerDay > 0 {
		return float64(p.Calendar.SlotsPerDay) / 24
	}
	return 1
}

func mapKeys(m map[int]float64) func(func(int) bool) {
	return func(yield func(int) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// costOf works out the full breakdown of a derived schedule: it reads the
// day usage and the tasks served from its own walk of the schedule and
// prices them with each term of the table.
// With Problem.Charging it also returns the shares of resource cost by
// production and department, and the recall and cancellation fees
// (productionExtras), which ByProduction adds in.
func costOf(p *Problem, sc *schedule) (Breakdown, ledger, ledger) {
	out := Breakdown{
		ByResource:   make([]float64, len(p.Resources)),
		ByDepartment: make([]float64, len(p.Departments)),
	}
	v := &verifyView{p: p, sc: sc, lastBusy: -1, byResource: out.ByResource, byWeek: map[int]float64{}}
	spd := p.Calendar.SlotsPerDay
	if spd > 0 {
		v.days = make([][]dayUsage, len(p.Resources))
		for r := range p.Resources {
			v.days[r] = dayUse(p, sc.busy[r])
		}
	}
	v.starts = make([][]Slot, len(p.Resources))
	for i := range p.Tasks {
		for _, r := range sc.place[i].Resources {
			v.starts[r] = append(v.starts[r], sc.place[i].Start)
		}
		if n := len(sc.pieces[i]); n > 0 {
			v.lastBusy = max(v.lastBusy, sc.pieces[i][n-1].End-1)
		}
	}
	out.Terms, out.Total = termBreakdown(func(t costTerm) float64 { return t.verify(v) })
	var l, extra ledger
	if p.charging() {
		l = newLedger(p)
		verifyCharges(v, l)
		l.fill(&out)
		extra = p.productionExtras(v.reading())
		p.addExtras(&out, extra)
	} else {
		for r, c := range out.ByResource {
			if d := p.Resources[r].Department; d >= 0 && d < len(out.ByDepartment) {
				out.ByDepartment[d] += c
			}
		}
	}
	if spd > 0 {
		out.ByWeek = make([]float64, weekOf(p, (p.Slots-1)/spd)+1)
		for w, c := range v.byWeek {
			if w < len(out.ByWeek) {
				out.ByWeek[w] += c
			}
		}
	}
	return out, l, extra
}

// reading is the verifier's reading of the schedule for
// productionExtras.
func (v *verifyView) reading() scheduleReading {
	tasksOf := make([][]TaskID, len(v.p.Resources))
	for i := range v.p.Tasks {
		for _, r := range v.sc.place[i].Resources {
			tasksOf[r] = append(tasksOf[r], TaskID(i))
		}
	}
	rd := scheduleReading{
		tasksOn: func(res int) []TaskID { return tasksOf[res] },
		pieces:  func(t TaskID) []Interval { return v.sc.pieces[t] },
		owes: func(t TaskID, i int) bool {
			return v.p.Tasks[t].owes(i, v.sc.place[t].Start, v.sc.place[t].Resources)
		},
	}
	if v.days != nil {
		rd.days = func(res int) iter.Seq[int] {
			return func(yield func(int) bool) {
				for d, u := range v.days[res] {
					if u.slots > 0 && !yield(d) {
						return
					}
				}
			}
		}
	}
	return rd
}

// checkPoolBounds checks the bound's split by pool: no pool's bound is
// above the recomputed cost of its resources, and the pools are disjoint.
func (v *verifier) checkPoolBounds(pools []PoolBound, byResource []float64) {
	seen := make([]bool, len(byResource))
	for _, pool := range pools {
		cost := 0.0
		for _, r := range pool.Resources {
			if r < 0 || int(r) >= len(byResource) || seen[r] {
				v.add(ViolationBound, -1, -1, -1, "pool bound names resource %d twice or out of range", r)
				return
			}
			seen[r] = true
			cost += byResource[r]
		}
		if len(pool.Resources) > 0 && pool.Cost > cost && !nearlyEqual(pool.Cost, cost) {
			v.add(ViolationBound, -1, pool.Resources[0], -1, "bound %.6f of the pool of %s above its resources' cost %.6f",
				pool.Cost, v.p.Resources[pool.Resources[0]].Name, cost)
		}
	}
}
