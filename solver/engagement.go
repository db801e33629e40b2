package solver

import "math/bits"

// The arithmetic of a weekly engagement (RateCard.Engaged), the part of
// rateCardRule that is paid for the span of days worked rather than for
// each day.

// weekDays is the number of days a card's weekly rate pays for.
func weekDays(rc *RateCard) int {
	if rc.WeekDays > 0 {
		return rc.WeekDays
	}
	return 5
}

// engagementCost is what an engaged card costs for the days first to
// last (both worked; first < 0: never used), week by week: a week the
// span covers whole costs Week; one it covers in part costs Week times
// its engaged days that are working days or worked, over weekDays, at
// most Week. weekOffset is Calendar.WeekOffset; kind and used give each
// day's kind and whether it is worked. Each week's amount goes to
// addWeek when it is not nil.
func engagementCost(rc *RateCard, first, last, weekOffset int, kind func(d int) DayKind, used func(d int) bool, addWeek func(w int, c float64)) float64 {
	if !rc.Engaged || rc.Week == 0 || first < 0 {
		return 0
	}
	total := 0.0
	wd := float64(weekDays(rc))
	for w := (first + weekOffset) / 7; w <= (last+weekOffset)/7; w++ {
		start, end := 7*w-weekOffset, 7*w-weekOffset+6
		c := rc.Week
		if lo, hi := max(first, start), min(last, end); lo != start || hi != end {
			n := 0
			for d := lo; d <= hi; d++ {
				if kind(d) != Weekend || used(d) {
					n++
				}
			}
			c = rc.Week * min(1, float64(n)/wd)
		}
		total += c
		if addWeek != nil {
			addWeek(w, c)
		}
	}
	return total
}

// engagementDays is engagementCost from the set of days used, as the
// search state keeps it.
func engagementDays(rc *RateCard, used Bitset, dv *derived) float64 {
	first, last := -1, -1
	for wi, w := range used {
		if w == 0 {
			continue
		}
		if first < 0 {
			first = wi<<6 | bits.TrailingZeros64(w)
		}
		last = wi<<6 | (63 - bits.LeadingZeros64(w))
	}
	return engagementCost(rc, first, last, dv.weekOffset, dv.kindOf, func(d int) bool { return used.Has(Slot(d)) }, nil)
}

// kindOf is the kind of day d (Workday past the calendar's days).
func (dv *derived) kindOf(d int) DayKind {
	if d < len(dv.kinds) {
		return dv.kinds[d]
	}
	return Workday
}

// engagedExtras is the part of a day's price an engagement does not
// cover: each of the b billable slots past DaySlots at the per-slot
// equivalent times its overtime band.
func engagedExtras(rc *RateCard, u int, k DayKind, hoursPerSlot float64) float64 {
	b := billable(rc, u, k)
	if rc.DaySlots <= 0 || b <= rc.DaySlots {
		return 0
	}
	per := slotRate(rc, hoursPerSlot)
	extra := 0.0
	for i := rc.DaySlots; i < b; i++ {
		extra += per * overtimeMultiplier(rc.Overtime, i)
	}
	return extra
}
