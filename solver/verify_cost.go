package solver

import (
	"math"
	"math/bits"
	"slices"
)

// termNames lists the cost terms in the order of Breakdown.Terms
// (doc.go).
var termNames = [...]string{TermRateCards, TermKit, TermFees, TermTravel, TermOverhead, TermLateness, TermDisruption, TermMakespan}

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

// dayMultiplier is a rate card's premium on a kind of day.
func dayMultiplier(rc *RateCard, kind DayKind) float64 {
	m := 1.0
	switch kind {
	case Weekend:
		m = rc.WeekendMultiplier
	case Holiday:
		m = rc.HolidayMultiplier
	}
	if m == 0 {
		return 1
	}
	return m
}

// dayRate is the rate-card cost of one day on which a resource works u > 0
// slots, before any weekly cap: minimum call, the cheapest standard rate,
// overtime bands and the day's premium.
func dayRate(rc *RateCard, u int, kind DayKind, sph float64) float64 {
	b := max(u, rc.MinimumCall)
	std := b
	if rc.DaySlots > 0 {
		std = min(b, rc.DaySlots)
	}
	best := math.Inf(1)
	if rc.Hour > 0 {
		best = rc.Hour * float64(std) / sph
	}
	if rc.HalfDay > 0 && b <= rc.HalfDaySlots {
		best = min(best, rc.HalfDay)
	}
	if rc.Day > 0 {
		best = min(best, rc.Day)
	}
	if math.IsInf(best, 1) {
		best = 0
	}
	perSlot := rc.Hour / sph
	if rc.Day > 0 && rc.DaySlots > 0 {
		perSlot = rc.Day / float64(rc.DaySlots)
	}
	for i := std; i < b; i++ {
		mult := 1.0
		for _, band := range rc.Overtime {
			if band.AfterSlots <= i {
				mult = band.Multiplier
			}
		}
		best += perSlot * mult
	}
	return best * dayMultiplier(rc, kind)
}

// resourceCost is one resource's share of each resource term.
type resourceCost struct {
	rate, kit, fees, travel float64
	byWeek                  map[int]float64
}

func (rc resourceCost) total() float64 { return rc.rate + rc.kit + rc.fees + rc.travel }

// costOfResource prices resource r from its busy slots and the number of
// tasks it serves.
func costOfResource(p *Problem, r ResourceID, busy Bitset, served int) resourceCost {
	card := &p.Resources[r].Rate
	out := resourceCost{fees: card.PerTask * float64(served)}
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 {
		n := 0
		for _, w := range busy {
			n += bits.OnesCount64(w)
		}
		out.rate = card.Hour * float64(n)
		return out
	}
	out.byWeek = map[int]float64{}
	sph := slotsPerHour(p)
	weekRate := map[int]float64{}
	var used []int
	for d, u := range dayUse(p, busy) {
		if u.slots == 0 {
			continue
		}
		used = append(used, d)
		weekRate[weekOf(p, d)] += dayRate(card, u.slots, dayKind(p, d), sph)
		out.kit += card.Kit
		out.byWeek[weekOf(p, d)] += card.Kit
	}
	// Sum the weeks in order so that the total does not depend on map order.
	for _, w := range slices.Sorted(mapKeys(weekRate)) {
		c := weekRate[w]
		if card.Week > 0 {
			c = min(c, card.Week)
		}
		out.rate += c
		out.byWeek[w] += c
	}
	for i, d := range used {
		leg := card.Travel
		if i > 0 {
			if g := d - used[i-1] - 1; g == 0 {
				leg = 0
			} else if card.Hold > 0 {
				leg = min(card.Travel, card.Hold*float64(g))
			}
		}
		out.travel += leg
		out.byWeek[weekOf(p, d)] += leg
	}
	return out
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

// costOf works out the full breakdown of a derived schedule.
func costOf(p *Problem, sc *schedule) Breakdown {
	terms := make(map[string]float64, len(termNames))
	out := Breakdown{
		ByResource:   make([]float64, len(p.Resources)),
		ByDepartment: make([]float64, len(p.Departments)),
	}
	spd := p.Calendar.SlotsPerDay
	var byWeek map[int]float64
	if spd > 0 {
		byWeek = map[int]float64{}
	}
	for r := range p.Resources {
		rc := costOfResource(p, ResourceID(r), sc.busy[r], sc.served[r])
		terms[TermRateCards] += rc.rate
		terms[TermKit] += rc.kit
		terms[TermFees] += rc.fees
		terms[TermTravel] += rc.travel
		out.ByResource[r] = rc.total()
		if d := p.Resources[r].Department; d >= 0 && d < len(out.ByDepartment) {
			out.ByDepartment[d] += rc.total()
		}
		for w, c := range rc.byWeek {
			byWeek[w] += c
		}
	}
	if spd > 0 {
		// Fees are charged per task served; ByWeek puts them in the week
		// of the task's start (the last day for a milestone at the end).
		lastDay := (p.Slots - 1) / spd
		for i := range p.Tasks {
			for _, r := range sc.place[i].Resources {
				byWeek[weekOf(p, min(int(sc.place[i].Start)/spd, lastDay))] += p.Resources[r].Rate.PerTask
			}
		}
		out.ByWeek = make([]float64, weekOf(p, lastDay)+1)
		for w, c := range byWeek {
			if w < len(out.ByWeek) {
				out.ByWeek[w] += c
			}
		}
	}
	last := Slot(-1)
	for i := range p.Tasks {
		if n := len(sc.pieces[i]); n > 0 {
			last = max(last, sc.pieces[i][n-1].End-1)
		}
		task := &p.Tasks[i]
		if task.Due > 0 && sc.ends[i] > task.Due {
			late := int(sc.ends[i] - task.Due)
			if spd > 0 {
				late = (late + spd - 1) / spd
			}
			terms[TermLateness] += task.LatenessPerDay * float64(late)
		}
		if prev := task.Previous; prev != nil {
			if prev.Start != sc.place[i].Start || !slices.Equal(prev.Resources, sc.place[i].Resources) {
				terms[TermDisruption] += task.MoveCost
			}
		}
	}
	if spd > 0 && last >= 0 {
		terms[TermOverhead] = p.Objective.OverheadPerDay * float64(int(last)/spd+1)
	}
	terms[TermMakespan] = p.Objective.MakespanWeight * float64(sc.makespan)
	for _, name := range termNames {
		out.Terms = append(out.Terms, TermCost{Term: name, Amount: terms[name]})
		out.Total += terms[name]
	}
	return out
}
