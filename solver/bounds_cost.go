package solver

import (
	"math"
	"slices"
)

// timeCost bounds the time-driven terms: overhead, lateness, makespan and
// the disruption a pin forces.
func timeCost(p *Problem, tb timeBounds, makespan Slot) float64 {
	c := p.Objective.MakespanWeight * float64(makespan)
	spd := p.Calendar.SlotsPerDay
	if spd > 0 && tb.busyEnd > 0 {
		c += p.Objective.OverheadPerDay * float64((int(tb.busyEnd)-1)/spd+1)
	}
	for t, task := range p.Tasks {
		if task.Due > 0 && tb.ee[t] > task.Due {
			late := int(tb.ee[t] - task.Due)
			if spd > 0 {
				late = (late + spd - 1) / spd
			}
			c += task.LatenessPerDay * float64(late)
		}
		if task.Pin != nil && task.Previous != nil &&
			(task.Pin.Start != task.Previous.Start || !slices.Equal(task.Pin.Resources, task.Previous.Resources)) {
			c += task.MoveCost
		}
	}
	return c
}

// slotRate is a lower bound on what resource r costs per slot worked, rate
// card and kit together: the cheapest day rate per slot over every day
// length it may work and every kind of day in the horizon, the weekly
// hire spread over a full week, and the kit spread over a full day.
func slotRate(p *Problem, r ResourceID) float64 {
	card := &p.Resources[r].Rate
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 {
		return card.Hour
	}
	maxDay := spd
	if m := p.Resources[r].Rules.MaxSlotsPerDay; m > 0 {
		maxDay = min(maxDay, m)
	}
	kinds := []DayKind{Workday}
	if len(p.Calendar.Days) > 0 {
		kinds = slices.Compact(slices.Sorted(slices.Values(p.Calendar.Days)))
	}
	sph := slotsPerHour(p)
	best := math.Inf(1)
	for u := 1; u <= maxDay; u++ {
		for _, k := range kinds {
			best = min(best, dayRate(card, u, k, sph)/float64(u))
		}
	}
	if card.Week > 0 {
		days := 7
		if m := p.Resources[r].Rules.MaxDaysPerWeek; m > 0 {
			days = min(days, m)
		}
		best = min(best, card.Week/float64(days*maxDay))
	}
	return best + card.Kit/float64(maxDay)
}

// demandCost is a lower bound on what choosing resource r for a demand of
// task t adds to r's cost: its fee and its share of slots worked (a
// resource of capacity c busy with w slot-units works at least w/c slots).
func demandCost(p *Problem, t TaskID, d Demand, r ResourceID, rate []float64) float64 {
	work := float64(p.Tasks[t].Duration*d.units()) / float64(p.Resources[r].Capacity)
	return p.Resources[r].Rate.PerTask + work*rate[r]
}

// travels reports whether resource r is charged a first visit when used.
func travels(p *Problem, r ResourceID) bool {
	return p.Calendar.SlotsPerDay > 0 && p.Resources[r].Rate.Travel > 0
}

// greedyResourceCost bounds the resource cost of the resources for which
// counts is true (all when counts is nil): each demand at its Count
// cheapest candidates (or its pinned ones), where a candidate that does not
// count costs nothing, plus the first visit of every resource a task with
// work cannot do without.
func greedyResourceCost(p *Problem, counts func(ResourceID) bool) float64 {
	if counts == nil {
		counts = func(ResourceID) bool { return true }
	}
	rate := make([]float64, len(p.Resources))
	for r := range p.Resources {
		rate[r] = slotRate(p, ResourceID(r))
	}
	total := 0.0
	forced := make([]bool, len(p.Resources))
	var costs []float64
	for i, task := range p.Tasks {
		t := TaskID(i)
		k := 0
		for _, d := range task.Demands {
			cands := d.Candidates
			if task.Pin != nil && len(task.Pin.Resources) >= k+d.count() {
				cands = task.Pin.Resources[k : k+d.count()]
			}
			k += d.count()
			costs = costs[:0]
			for _, r := range cands {
				c := 0.0
				if counts(r) {
					c = demandCost(p, t, d, r, rate)
				}
				costs = append(costs, c)
			}
			slices.Sort(costs)
			for _, c := range costs[:min(d.count(), len(costs))] {
				total += c
			}
			if len(cands) == d.count() && task.Duration > 0 {
				for _, r := range cands {
					forced[r] = true
				}
			}
		}
	}
	for r, f := range forced {
		if f && counts(ResourceID(r)) && travels(p, ResourceID(r)) {
			total += p.Resources[r].Rate.Travel
		}
	}
	return total
}
