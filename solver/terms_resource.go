package solver

import (
	"math"
	"math/bits"
	"slices"
)

// resourceRule is the per-resource part of a resource term: the term's
// amount for one resource in each pricer's reading of a schedule, and
// what the lower bound may charge for using the resource.
type resourceRule interface {
	evalResource(e *evalView, r ResourceID) float64
	verifyResource(v *verifyView, r ResourceID) float64
	searchResource(st *state, r ResourceID) float64
	demandRates(p *Problem, r ResourceID) demandRates
}

// demandRates are lower bounds on what a resource costs: per slot it
// works, per task it serves, and once when some task cannot do without
// it.
type demandRates struct {
	slot, task, visit float64
}

// resourceTerm is a cost term priced resource by resource: it sums its
// rule over the resources and books each one's share in ByResource.
type resourceTerm struct {
	termName string
	rule     resourceRule
}

func (t resourceTerm) name() string { return t.termName }
func (t resourceTerm) evaluate(e *evalView) float64 {
	return sumResources(e.p, e.byResource, func(r ResourceID) float64 { return t.rule.evalResource(e, r) })
}
func (t resourceTerm) verify(v *verifyView) float64 {
	return sumResources(v.p, v.byResource, func(r ResourceID) float64 { return t.rule.verifyResource(v, r) })
}
func (t resourceTerm) search(st *state) float64 {
	return sumResources(st.p, nil, func(r ResourceID) float64 { return t.rule.searchResource(st, r) })
}
func (resourceTerm) bound(*boundView) float64 { return 0 }

// sumResources adds f over the resources of p, in order, and adds each
// share to byResource when it is not nil.
func sumResources(p *Problem, byResource []float64, f func(r ResourceID) float64) float64 {
	total := 0.0
	for r := range p.Resources {
		c := f(ResourceID(r))
		total += c
		if byResource != nil {
			byResource[r] += c
		}
	}
	return total
}

// resourceRates sums the demand rates of every resource term of the
// table for resource r.
func resourceRates(p *Problem, r ResourceID) demandRates {
	var sum demandRates
	for _, t := range costTerms {
		if rt, ok := t.(resourceTerm); ok {
			d := rt.rule.demandRates(p, r)
			sum.slot += d.slot
			sum.task += d.task
			sum.visit += d.visit
		}
	}
	return sum
}

// usedDays calls f with each day a resource works in the verifier's
// reading, in order.
func usedDays(days []dayUsage, f func(d, slots int)) {
	for d, u := range days {
		if u.slots > 0 {
			f(d, u.slots)
		}
	}
}

// maxDaySlots is the most slots resource r can work in one day.
func maxDaySlots(p *Problem, r ResourceID) int {
	maxDay := p.Calendar.SlotsPerDay
	if m := p.Resources[r].Rules.MaxSlotsPerDay; m > 0 {
		maxDay = min(maxDay, m)
	}
	return maxDay
}

// rateCardRule prices resource time under its rate card: per day, the
// cheapest standard rate for the billable slots (minimum call), overtime
// bands and the weekend or holiday premium; per week, the weekly hire cap.
// In abstract time, Hour per busy slot.
type rateCardRule struct{}

// day is the price of a day of kind k with u > 0 busy slots: under an
// engagement, only what lies beyond the standard day.
func (rateCardRule) day(rc *RateCard, u int, k DayKind, hoursPerSlot float64) float64 {
	if rc.Engaged {
		return engagedExtras(rc, u, k, hoursPerSlot) * kindMultiplier(rc, k)
	}
	return dayCost(rc, u, k, hoursPerSlot) * kindMultiplier(rc, k)
}

// clock is the clock-time premium of a day of kind k on a grid of spd
// slots a day, whose i-th slot is worked when busy(i) (0 for a card
// without ClockX).
func (rateCardRule) clock(rc *RateCard, k DayKind, spd int, hoursPerSlot float64, busy func(i int) bool) float64 {
	if len(rc.ClockX) == 0 {
		return 0
	}
	return clockPremium(rc, spd, hoursPerSlot, busy) * kindMultiplier(rc, k)
}

// week is the price of a week whose day prices add up to sum: weekly hire
// caps it (not under an engagement, paid by engagementCost).
func (rateCardRule) week(rc *RateCard, sum float64) float64 {
	if rc.Week > 0 && rc.Week < sum && !rc.Engaged {
		return rc.Week
	}
	return sum
}

// pastWeek reports whether a day worked after n others in its week is a
// sixth day: paid outside the weekly rate when SixthDayX is set.
func (rateCardRule) pastWeek(rc *RateCard, n int) bool {
	return rc.SixthDayX != 0 && n >= weekDays(rc)
}

// sixth is the price of a sixth day of kind k with u > 0 busy slots and
// clock premium clock: its whole day price, the standard day included
// (under an engagement too), times SixthDayX (at least 1).
func (rateCardRule) sixth(rc *RateCard, u int, k DayKind, hoursPerSlot, clock float64) float64 {
	return (dayCost(rc, u, k, hoursPerSlot)*kindMultiplier(rc, k) + clock) * max(1, rc.SixthDayX)
}

// overWeek is the weekly hours premium of a week in which n slots are
// worked: the slots past WeekSlots at the per-slot equivalent times
// OverWeekX - 1 (nothing below 1).
func (rateCardRule) overWeek(rc *RateCard, n int, hoursPerSlot float64) float64 {
	if rc.WeekSlots <= 0 || n <= rc.WeekSlots || rc.OverWeekX <= 1 {
		return 0
	}
	return float64(n-rc.WeekSlots) * slotRate(rc, hoursPerSlot) * (rc.OverWeekX - 1)
}

// oncost adds a person's on-costs (holiday pay, pension) to c, an
// amount of their rate-card cost.
func (rateCardRule) oncost(rc *RateCard, c float64) float64 {
	if rc.OnCost == 0 {
		return c
	}
	return c * (1 + rc.OnCost)
}

// abstract is the price of n busy slots in abstract time.
func (rateCardRule) abstract(rc *RateCard, n int) float64 { return rc.Hour * float64(n) }

func (rule rateCardRule) evalResource(e *evalView, r ResourceID) float64 {
	rc := &e.p.Resources[r].Rate
	if e.perDay == nil {
		n := 0
		for _, w := range e.busy[r] {
			n += bits.OnesCount64(w)
		}
		return rule.oncost(rc, rule.abstract(rc, n))
	}
	dv := e.dv
	weekSum := make([]float64, dv.nWeeks)
	later := make([]float64, dv.nWeeks)
	worked := make([]int, dv.nWeeks)
	slots := make([]int, dv.nWeeks)
	busy := e.busy[r]
	for d, u := range e.perDay[r] {
		if u > 0 {
			w := dv.weekOf(d)
			clock := 0.0
			if len(rc.ClockX) > 0 {
				clock = rule.clock(rc, dv.kinds[d], dv.spd, dv.hoursPerSlot, func(i int) bool { return busy.Has(Slot(d*dv.spd + i)) })
			}
			if rule.pastWeek(rc, worked[w]) {
				later[w] += rule.sixth(rc, int(u), dv.kinds[d], dv.hoursPerSlot, clock)
			} else {
				c := rule.day(rc, int(u), dv.kinds[d], dv.hoursPerSlot)
				if len(rc.ClockX) > 0 {
					c += clock
				}
				weekSum[w] += c
			}
			worked[w]++
			slots[w] += int(u)
		}
	}
	rate := 0.0
	for w, sum := range weekSum {
		c := rule.oncost(rc, rule.week(rc, sum)+later[w]+rule.overWeek(rc, slots[w], dv.hoursPerSlot))
		rate += c
		e.byWeek[w] += c
	}
	if rc.Engaged {
		first, last := -1, -1
		for d, u := range e.perDay[r] {
			if u > 0 {
				if first < 0 {
					first = d
				}
				last = d
			}
		}
		engagementCost(rc, first, last, dv.weekOffset, dv.kindOf,
			func(d int) bool { return e.perDay[r][d] > 0 }, func(w int, c float64) {
				c = rule.oncost(rc, c)
				rate += c
				e.byWeek[w] += c
			})
	}
	return rate
}

func (rule rateCardRule) verifyResource(v *verifyView, r ResourceID) float64 {
	p := v.p
	card := &p.Resources[r].Rate
	if v.days == nil {
		n := 0
		busySlots(v.sc.busy[r], func(int) { n++ })
		return rule.oncost(card, rule.abstract(card, n))
	}
	hps := 1 / slotsPerHour(p)
	spd := p.Calendar.SlotsPerDay
	busy := v.sc.busy[r]
	weekRate, later := map[int]float64{}, map[int]float64{}
	worked, weekSlots := map[int]int{}, map[int]int{}
	usedDays(v.days[r], func(d, slots int) {
		w := weekOf(p, d)
		clock := 0.0
		if len(card.ClockX) > 0 {
			clock = rule.clock(card, dayKind(p, d), spd, hps, func(i int) bool { return busy.Has(Slot(d*spd + i)) })
		}
		if rule.pastWeek(card, worked[w]) {
			later[w] += rule.sixth(card, slots, dayKind(p, d), hps, clock)
		} else {
			c := rule.day(card, slots, dayKind(p, d), hps)
			if len(card.ClockX) > 0 {
				c += clock
			}
			weekRate[w] += c
		}
		worked[w]++
		weekSlots[w] += slots
	})
	// Sum the weeks in order so that the total does not depend on map order.
	rate := 0.0
	for _, w := range slices.Sorted(mapKeys(weekRate)) {
		c := rule.oncost(card, rule.week(card, weekRate[w])+later[w]+rule.overWeek(card, weekSlots[w], hps))
		rate += c
		v.byWeek[w] += c
	}
	if card.Engaged {
		first, last := -1, -1
		usedDays(v.days[r], func(d, _ int) {
			if first < 0 {
				first = d
			}
			last = d
		})
		engagementCost(card, first, last, p.Calendar.WeekOffset, func(d int) DayKind { return dayKind(p, d) },
			func(d int) bool { return d < len(v.days[r]) && v.days[r][d].slots > 0 }, func(w int, c float64) {
				c = rule.oncost(card, c)
				rate += c
				v.byWeek[w] += c
			})
	}
	return rate
}

func (rule rateCardRule) searchResource(st *state, r ResourceID) float64 {
	return rule.oncost(&st.p.Resources[r].Rate, st.tl[r].rate+st.tl[r].engaged)
}

// demandRates is the cheapest price per slot over every day length the
// resource may work and every kind of day in the horizon, and the weekly
// hire spread over a full week. Clock-time premiums are never negative,
// so leaving them out keeps it a lower bound.
func (rule rateCardRule) demandRates(p *Problem, r ResourceID) demandRates {
	card := &p.Resources[r].Rate
	if p.Calendar.SlotsPerDay <= 0 {
		return demandRates{slot: rule.oncost(card, rule.abstract(card, 1))}
	}
	days := maxWeekDays(p, r)
	// Neither a day nor a week can hold more slots than r can reach in
	// it (reach): their prices are spread over at most those.
	maxDay, maxWeek := reachLimits(p, r)
	kinds := dayKindsOf(p)
	hps := 1 / slotsPerHour(p)
	best := math.Inf(1)
	for u := 1; u <= maxDay; u++ {
		for _, k := range kinds {
			best = min(best, rule.day(card, u, k, hps)/float64(u))
		}
	}
	if card.Engaged && card.Week > 0 {
		// A week with k days worked (at most days) is paid Week, or
		// Week times n/WeekDays for n >= k engaged days: at least Week
		// over max(WeekDays, days) days' worth of slots. The day
		// prices (beyond the standard day) come on top.
		best += card.Week / float64(max(days, weekDays(card))*maxDay)
	} else if card.Week > 0 {
		best = min(best, rule.week(card, math.Inf(1))/float64(maxWeek))
	}
	return demandRates{slot: rule.oncost(card, best)}
}

// kitRule charges Kit per day worked (nothing in abstract time).
type kitRule struct{}

// day is the charge for one day worked.
func (kitRule) day(rc *RateCard) float64 { return rc.Kit }

func (rule kitRule) evalResource(e *evalView, r ResourceID) float64 {
	if e.perDay == nil {
		return 0
	}
	rc := &e.p.Resources[r].Rate
	kit := 0.0
	for d, u := range e.perDay[r] {
		if u > 0 {
			kit += rule.day(rc)
			e.byWeek[e.dv.weekOf(d)] += rule.day(rc)
		}
	}
	return kit
}

func (rule kitRule) verifyResource(v *verifyView, r ResourceID) float64 {
	if v.days == nil {
		return 0
	}
	card := &v.p.Resources[r].Rate
	kit := 0.0
	usedDays(v.days[r], func(d, _ int) {
		kit += rule.day(card)
		v.byWeek[weekOf(v.p, d)] += rule.day(card)
	})
	return kit
}

func (rule kitRule) searchResource(st *state, r ResourceID) float64 {
	if st.dv.spd == 0 {
		return 0
	}
	return rule.day(&st.p.Resources[r].Rate) * float64(st.tl[r].usedDays)
}

// demandRates spreads the kit over a full day.
func (rule kitRule) demandRates(p *Problem, r ResourceID) demandRates {
	if p.Calendar.SlotsPerDay <= 0 {
		return demandRates{}
	}
	return demandRates{slot: rule.day(&p.Resources[r].Rate) / float64(maxDaySlots(p, r))}
}

// feeRule charges PerTask for each task a resource serves; ByWeek puts it
// in the week of the task's start (the last day for a milestone at the
// end of the horizon).
type feeRule struct{}

// task is the fee for one task served.
func (feeRule) task(rc *RateCard) float64 { return rc.PerTask }

func (rule feeRule) evalResource(e *evalView, r ResourceID) float64 {
	rc := &e.p.Resources[r].Rate
	if dv := e.dv; dv.spd > 0 {
		for _, t := range e.tasksOf[r] {
			d := min(dv.dayOf(e.placements[t].Start), dv.nDays-1)
			e.byWeek[dv.weekOf(max(d, 0))] += rule.task(rc)
		}
	}
	return rule.task(rc) * float64(len(e.tasksOf[r]))
}

func (rule feeRule) verifyResource(v *verifyView, r ResourceID) float64 {
	p := v.p
	card := &p.Resources[r].Rate
	if spd := p.Calendar.SlotsPerDay; spd > 0 {
		lastDay := (p.Slots - 1) / spd
		for _, s := range v.starts[r] {
			v.byWeek[weekOf(p, min(int(s)/spd, lastDay))] += rule.task(card)
		}
	}
	return rule.task(card) * float64(v.sc.served[r])
}

func (rule feeRule) searchResource(st *state, r ResourceID) float64 {
	return rule.task(&st.p.Resources[r].Rate) * float64(st.tl[r].tasks)
}

func (rule feeRule) demandRates(p *Problem, r ResourceID) demandRates {
	return demandRates{task: rule.task(&p.Resources[r].Rate)}
}

// travelRule charges Travel per visit: the first used day opens a visit
// and each gap of g unused days between used days costs min(Travel,
// Hold*g) (Travel when Hold is 0). ByWeek puts each charge in the week of
// the day that incurs it.
type travelRule struct{}

// visit is the rule: what using day d costs when the last day used
// before it was last (-1: none).
func (travelRule) visit(rc *RateCard, last, d int) float64 { return visitCharge(rc, last, d) }

func (travelRule) evalResource(e *evalView, r ResourceID) float64 {
	if e.perDay == nil {
		return 0
	}
	return travelCost(&e.p.Resources[r].Rate, e.perDay[r], e.dv, e.byWeek)
}

func (rule travelRule) verifyResource(v *verifyView, r ResourceID) float64 {
	if v.days == nil {
		return 0
	}
	card := &v.p.Resources[r].Rate
	travel, last := 0.0, -1
	usedDays(v.days[r], func(d, _ int) {
		leg := rule.visit(card, last, d)
		travel += leg
		v.byWeek[weekOf(v.p, d)] += leg
		last = d
	})
	return travel
}

func (travelRule) searchResource(st *state, r ResourceID) float64 { return st.tl[r].travel }

// demandRates charges the first visit of a resource some task needs.
func (rule travelRule) demandRates(p *Problem, r ResourceID) demandRates {
	if p.Calendar.SlotsPerDay <= 0 {
		return demandRates{}
	}
	return demandRates{visit: rule.visit(&p.Resources[r].Rate, -1, 0)}
}

// useRule charges a task's use of a resource apart from the card
// (Task.UseRates): the use's extra per slot (never below 0) times the
// task's work, in the week of the task's start, as a fee is.
type useRule struct{}

// task is what task t's use of resource r adds.
func (useRule) task(p *Problem, t TaskID, r ResourceID) float64 {
	task := &p.Tasks[t]
	for _, u := range task.UseRates {
		if u.Resource == r {
			return max(0, u.Slot) * float64(task.Duration)
		}
	}
	return 0
}

func (rule useRule) evalResource(e *evalView, r ResourceID) float64 {
	total := 0.0
	for _, t := range e.tasksOf[r] {
		c := rule.task(e.p, t, r)
		if dv := e.dv; dv.spd > 0 && c != 0 {
			e.byWeek[dv.weekOf(max(min(dv.dayOf(e.placements[t].Start), dv.nDays-1), 0))] += c
		}
		total += c
	}
	return total
}

func (rule useRule) verifyResource(v *verifyView, r ResourceID) float64 {
	p := v.p
	total := 0.0
	for i := range p.Tasks {
		if !slices.Contains(v.sc.place[i].Resources, r) {
			continue
		}
		c := rule.task(p, TaskID(i), r)
		if spd := p.Calendar.SlotsPerDay; spd > 0 && c != 0 {
			v.byWeek[weekOf(p, min(int(v.sc.place[i].Start)/spd, (p.Slots-1)/spd))] += c
		}
		total += c
	}
	return total
}

func (useRule) searchResource(st *state, r ResourceID) float64 { return st.tl[r].uses }

// demandRates leaves uses out: they belong to a task, not to the
// resource, and demandCost adds them task by task.
func (useRule) demandRates(*Problem, ResourceID) demandRates { return demandRates{} }
