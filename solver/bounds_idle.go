package solver

import (
	"math"
)

// longDayIdle bounds what a closed pool pays, above the work by day
// (flowFill), for the time its long sessions leave idle on their days.
// A long session (longSession.long) has its resource's day to itself
// but for short sessions that fit the spare: an eight-hour VFX shot in
// a ten-hour day leaves two hours that no three-hour shot can fill, and
// the day (or the weekly hire) is paid for them all the same. The flow
// charges only the slots worked, so those idle slots are on top: at
// least the spares of all long days less what the short sessions can
// fill of them (spareFilled), each at the pool's cheapest rate-card slot
// rate.
//
// Why it is a bound: take any schedule and a pool member r. On a day d
// holding one of r's long sessions, r's work u and the idle slots add up
// to dayCap. The flow's price for r on d is at most its rate card's
// cheapest price per slot on a day of d's kind, and at most the weekly
// hire over the slots r can reach in d's week (weekSlotRates). The day
// price is flat from the shortest long session to dayCap (checked here),
// so the day costs at least dayCap slots at the flow's price; and every
// day r can reach holds at least dayCap slots (checked), so a weekly
// hire covers the idle slots as well as the work at that price. Summed
// over r's days, r costs at least the flow's price for its work plus the
// cheapest slot rate for its idle slots; the flow's least price is at
// most the first sum. Pools with a pinned session are left out: a pin's
// cost is counted apart, and its day may be the one a long session
// shares.
func longDayIdle(p *Problem, pool []ResourceID, tasks []int, ps *poolSessions) float64 {
	if ps == nil {
		return 0
	}
	for _, i := range tasks {
		if p.Tasks[i].Pin != nil {
			return 0
		}
	}
	dayCap := ps.dayCap
	spare, shortest := 0, dayCap
	for sp, n := range ps.split.spares {
		spare += sp * n
		shortest = min(shortest, dayCap-sp)
	}
	idle := float64(spare) - ps.split.filled
	if idle <= 0 {
		return 0
	}
	reach := dayReach(p)
	price := math.Inf(1)
	for _, r := range pool {
		for _, n := range reach[r] {
			if n > 0 && n < dayCap {
				return 0 // a short day: its weekly hire may not cover the idle slots
			}
		}
		if !flatDays(p, r, shortest, dayCap) {
			return 0
		}
		price = min(price, rateCardRule{}.demandRates(p, r).slot)
	}
	if math.IsInf(price, 1) {
		return 0
	}
	return idle * price
}

// flatDays reports whether r's rate card charges a day of from to most
// slots, on every kind of day in the calendar, at least most slots at
// its cheapest price per slot on that kind of day: a day rate with no
// hourly or half-day rate below it. An engaged card is never flat (its
// days cost only their extras).
func flatDays(p *Problem, r ResourceID, from, most int) bool {
	card := &p.Resources[r].Rate
	if card.Engaged {
		return false
	}
	rule := rateCardRule{}
	maxDay, _ := reachLimits(p, r)
	kinds := dayKindsOf(p)
	hps := 1 / slotsPerHour(p)
	for _, k := range kinds {
		best := math.Inf(1)
		for u := 1; u <= maxDay; u++ {
			best = min(best, rule.day(card, u, k, hps)/float64(u))
		}
		for u := from; u <= most; u++ {
			if rule.day(card, u, k, hps) < float64(most)*best-1e-9 {
				return false
			}
		}
	}
	return true
}
