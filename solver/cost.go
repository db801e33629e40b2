package solver

// The arithmetic of the resource rules (rateCardRule, travelRule in
// terms_resource.go) and the search's incremental helpers built on it.

import (
	"math"
	"math/bits"
)

// dayCost is the rate-card price of one day of kind k with u > 0 busy
// slots, before the weekend or holiday multiplier: the billable slots are
// billable(rc, u, k); the standard part is the cheapest offered of Hour pro
// rata, HalfDay and Day; each slot past DaySlots is paid at the per-slot
// equivalent times the overtime band that applies to its index.
func dayCost(rc *RateCard, u int, k DayKind, hoursPerSlot float64) float64 {
	b := billable(rc, u, k)
	std := b
	if rc.DaySlots > 0 && std > rc.DaySlots {
		std = rc.DaySlots
	}
	best := math.Inf(1)
	if rc.Hour > 0 {
		best = rc.Hour * float64(std) * hoursPerSlot
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
	if rc.DaySlots <= 0 || b <= rc.DaySlots {
		return best
	}
	per := slotRate(rc, hoursPerSlot)
	for i := rc.DaySlots; i < b; i++ {
		best += per * overtimeMultiplier(rc.Overtime, i)
	}
	return best
}

// billable is the number of slots charged on a day of kind k with u > 0
// busy slots: FreeSlots fewer on a day of at least FreeAfterSlots,
// rounded up to the billing unit, and at least the day kind's minimum
// call.
func billable(rc *RateCard, u int, k DayKind) int {
	b := u
	if rc.FreeSlots > 0 && rc.FreeAfterSlots > 0 && u >= rc.FreeAfterSlots {
		b = max(b-rc.FreeSlots, 0)
	}
	if unit := rc.UnitSlots; unit > 1 {
		b = (b + unit - 1) / unit * unit
	}
	call := rc.MinimumCall
	if k != Workday && rc.MinimumCallOff > 0 {
		call = rc.MinimumCallOff
	}
	return max(b, call)
}

// slotRate is the per-slot equivalent of a rate card's standard day, the
// price overtime and clock-time premiums multiply: Day/DaySlots when a day
// rate is offered, else Hour pro rata.
func slotRate(rc *RateCard, hoursPerSlot float64) float64 {
	if rc.Day > 0 && rc.DaySlots > 0 {
		return rc.Day / float64(rc.DaySlots)
	}
	return rc.Hour * hoursPerSlot
}

// clockPremium is the clock-time premium of one day, before the weekend
// or holiday multiplier: busy(i) says whether the i-th slot of the day is
// worked. The k-th slot worked that day is already paid at 1 (k <
// DaySlots) or at its overtime band; when ClockX for its time of day is
// higher, the difference times the per-slot rate is added.
func clockPremium(rc *RateCard, spd int, hoursPerSlot float64, busy func(i int) bool) float64 {
	if len(rc.ClockX) == 0 {
		return 0
	}
	per := slotRate(rc, hoursPerSlot)
	prem := 0.0
	k := 0
	for i := 0; i < spd; i++ {
		if !busy(i) {
			continue
		}
		paid := 1.0
		if rc.DaySlots > 0 && k >= rc.DaySlots {
			paid = overtimeMultiplier(rc.Overtime, k)
		}
		if i < len(rc.ClockX) && rc.ClockX[i] > paid {
			prem += per * (rc.ClockX[i] - paid)
		}
		k++
	}
	return prem
}

// overtimeMultiplier is the Multiplier of the last band whose AfterSlots
// is at most the slot index i, or 1 when none applies.
func overtimeMultiplier(bands []OvertimeBand, i int) float64 {
	m := 1.0
	for _, b := range bands {
		if b.AfterSlots <= i {
			m = b.Multiplier
		}
	}
	return m
}

// kindMultiplier is the premium a rate card charges on a day of kind k.
func kindMultiplier(rc *RateCard, k DayKind) float64 {
	switch {
	case k == Weekend && rc.WeekendMultiplier != 0:
		return rc.WeekendMultiplier
	case k == Holiday && rc.HolidayMultiplier != 0:
		return rc.HolidayMultiplier
	}
	return 1
}

// gapCost is the travel cost of a gap of g > 0 unused days between two
// used days: holding days when they are cheaper than a new visit.
func gapCost(rc *RateCard, g int) float64 {
	if rc.Hold == 0 {
		return rc.Travel
	}
	return min(rc.Travel, rc.Hold*float64(g))
}

// travelCost is the travel cost of an artiste whose busy slot counts per
// day are busy: one visit opens on the first used day, and every gap
// between used days costs gapCost. When byWeek is not nil each charge is
// also added to the week of the day that incurs it.
func travelCost(rc *RateCard, busy []int32, dv *derived, byWeek []float64) float64 {
	if rc.Travel == 0 {
		return 0
	}
	total := 0.0
	last := -1
	for d, u := range busy {
		if u == 0 {
			continue
		}
		c := visitCharge(rc, last, d)
		total += c
		if byWeek != nil {
			byWeek[dv.weekOf(d)] += c
		}
		last = d
	}
	return total
}

// visitCharge is what using day d costs in travel when the last day used
// before it was last (-1: none): the first day's travel, nothing for the
// next day, and the gap's charge after days off.
func visitCharge(rc *RateCard, last, d int) float64 {
	if last < 0 {
		return rc.Travel
	}
	if g := d - last - 1; g > 0 {
		return gapCost(rc, g)
	}
	return 0
}

// travelCostDays is travelCost from the set of used days: it visits the
// used days in the same order and adds the same charges, so it gives the
// same total, at a cost that follows the words of the set and the days
// used rather than every day of the horizon.
func travelCostDays(rc *RateCard, used Bitset) float64 {
	if rc.Travel == 0 {
		return 0
	}
	total := 0.0
	last := -1
	for wi, w := range used {
		for ; w != 0; w &= w - 1 {
			d := wi<<6 | bits.TrailingZeros64(w)
			total += visitCharge(rc, last, d)
			last = d
		}
	}
	return total
}

// latenessCost is the soft due-date penalty of a task ending at end
// (latenessTerm's rule, for the search).
func (dv *derived) latenessCost(t *Task, end Slot) float64 {
	return latenessTerm{}.charge(dv.spd, t, end)
}

// moved reports whether a placement differs from the previous one in its
// start or in any resource.
func moved(prev *Placement, start Slot, res []ResourceID) bool {
	if prev.Start != start || len(prev.Resources) != len(res) {
		return true
	}
	for i, r := range res {
		if prev.Resources[i] != r {
			return true
		}
	}
	return false
}

// disruptionCost is MoveCost when the task has a Previous placement and
// the new one differs from it (disruptionTerm's rule, for the search).
func disruptionCost(t *Task, start Slot, res []ResourceID) float64 {
	return disruptionTerm{}.charge(t, start, res)
}

// overheadCost is OverheadPerDay for each day up to the one holding the
// last busy slot (overheadTerm's rule, for the search; lastBusyEnd is that
// slot plus one, 0 when none).
func (p *Problem) overheadCost(lastBusyEnd Slot) float64 {
	return overheadTerm{}.charge(p, lastBusyEnd)
}
