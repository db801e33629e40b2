package solver

import (
	"context"
	"math"
)

// weekSlotRates is, per resource hired by the week (and not under an
// engagement) and per calendar day, a lower bound on what one slot it
// works that day costs, every resource term together: its rate card's
// cheapest day price per slot on a day of that day's kind, or its weekly
// hire spread over the slots it can reach in that week, whichever is
// less (with on-costs), plus the other terms' slot rates. Other resources
// have nil: their one rate (demandRates) holds every day.
//
// demandRates spreads a weekly hire over the fullest week there is, so a
// week of four working days (a bank holiday) was priced as if it held
// five; here its slots cost the hire over four days' reach.
//
// Why it is a bound: a week's rate card charge is at least
// min(Week, the sum of its days' prices) (sixth days and premiums on
// top); with u slots worked on day d, the day's price is at least u
// times the cheapest price per slot of its kind, and Week is at least
// Week over the week's reach for each of the at most reach slots worked
// in it; the least of two sums is at least the sum of the lesser terms.
// Each day's rate is at least the resource's demandRates slot rate,
// which takes the least over every kind and the fullest week.
func weekSlotRates(p *Problem, rates []demandRates) [][]float64 {
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 {
		return nil
	}
	days := (p.Slots + spd - 1) / spd
	hps := 1 / slotsPerHour(p)
	var per [][]int
	out := make([][]float64, len(p.Resources))
	any := false
	for r := range p.Resources {
		card := &p.Resources[r].Rate
		if card.Week <= 0 || card.Engaged {
			continue
		}
		if per == nil {
			per = dayReach(p)
		}
		if per[r] == nil {
			continue
		}
		rule := rateCardRule{}
		id := ResourceID(r)
		others := rates[r].slot - rule.demandRates(p, id).slot
		maxDay, _ := reachLimits(p, id)
		reachOfWeek := weekReach(p, id, per[r])
		bestOfKind := map[DayKind]float64{}
		row := make([]float64, days)
		for d := range days {
			k := dayKind(p, d)
			best, ok := bestOfKind[k]
			if !ok {
				best = math.Inf(1)
				for u := 1; u <= maxDay; u++ {
					best = min(best, rule.day(card, u, k, hps)/float64(u))
				}
				bestOfKind[k] = best
			}
			if n := reachOfWeek[weekOf(p, d)]; n > 0 {
				best = min(best, rule.week(card, math.Inf(1))/float64(n))
			}
			row[d] = rates[r].slot
			if !math.IsInf(best, 1) {
				row[d] = max(rule.oncost(card, best)+others, rates[r].slot)
			}
			any = any || row[d] > rates[r].slot
		}
		out[r] = row
	}
	if !any {
		return nil
	}
	return out
}

// dayPricing is what the work by day is priced with: each resource's
// room per day (dayRoomsOf), its slot rates (allResourceRates) and, for
// weekly hires, its rates day by day (weekSlotRates). LowerBound works it
// out once for every pricing it does.
type dayPricing struct {
	rooms  [][]float64
	rates  []demandRates
	weekly [][]float64
}

func newDayPricing(p *Problem) *dayPricing {
	rates := allResourceRates(p)
	return &dayPricing{rooms: dayRoomsOf(p), rates: rates, weekly: weekSlotRates(p, rates)}
}

// pricedWork is the work by day's resource bound and its split by pool.
type pricedWork struct {
	cost  float64
	pools []PoolBound
}

// price bounds the resource cost with every task's work in the days tb
// allows (flowFill, then closedResourceCost); false when ctx ended first
// or the problem has no days.
func (d *dayPricing) price(ctx context.Context, p *Problem, tb timeBounds, parts []capacityPart) (pricedWork, bool) {
	flow, ok := flowFill(ctx, p, tb, d.rooms, d.rates, d.weekly)
	if !ok {
		return pricedWork{}, false
	}
	c, pools := closedResourceCost(p, tb, parts, flow, d.rates)
	return pricedWork{c, pools}, true
}
