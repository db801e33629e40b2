package solver

import (
	"slices"
)

// timeCost bounds the time-driven terms (overhead, lateness, makespan and
// the disruption a pin forces): the bound piece of every term in the
// table, at the time bounds tb and the makespan bound.
func timeCost(p *Problem, tb timeBounds, makespan Slot) float64 {
	b := &boundView{p: p, tb: tb, makespan: makespan}
	_, total := termBreakdown(func(t costTerm) float64 { return t.bound(b) })
	return total
}

// allResourceRates is resourceRates of every resource: lower bounds on
// what each costs per slot worked, per task served and per visit, every
// resource term together. For the rate card the slot rate is the cheapest
// day rate per slot over every day length it may work and every kind of
// day in the horizon, or the weekly hire spread over a full week; the kit
// adds the kit spread over a full day.
func allResourceRates(p *Problem) []demandRates {
	if p.drv == nil {
		// A problem that is not frozen keeps no reach; a copy with an
		// empty derived table works it out once for every resource, not
		// once per resource (the quick conflict check prices every
		// resource of every relaxation it tries: 2.8 s of a 40-episode
		// series' solve).
		q := *p
		q.drv = &derived{}
		p = &q
	}
	rates := make([]demandRates, len(p.Resources))
	for r := range rates {
		rates[r] = resourceRates(p, ResourceID(r))
	}
	return rates
}

// demandCost is a lower bound on what choosing resource r for a demand of
// task t adds to r's cost: its fee and its share of slots worked (a
// resource of capacity c busy with w slot-units works at least w/c slots).
func demandCost(p *Problem, t TaskID, d Demand, r ResourceID, rates []demandRates) float64 {
	work := float64(p.Tasks[t].Duration*d.units()) / float64(p.Resources[r].Capacity)
	return rates[r].task + useRule{}.task(p, t, r) + work*rates[r].slot
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
	rates := allResourceRates(p)
	total := 0.0
	forced := make([]bool, len(p.Resources))
	var costs []float64
	for i := range p.Tasks {
		t := TaskID(i)
		task := &p.Tasks[i]
		eachChoice(task, func(d Demand, cands []ResourceID) {
			costs = costs[:0]
			for _, r := range cands {
				c := 0.0
				if counts(r) {
					c = demandCost(p, t, d, r, rates)
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
		})
	}
	for r, f := range forced {
		if f && counts(ResourceID(r)) {
			total += rates[r].visit
		}
	}
	return total
}

// eachChoice calls f with each demand of task and the resources it may
// take: its pinned ones when the task is pinned, else its candidates.
func eachChoice(task *Task, f func(d Demand, cands []ResourceID)) {
	k := 0
	for _, d := range task.Demands {
		cands := d.Candidates
		if task.Pin != nil && len(task.Pin.Resources) >= k+d.count() {
			cands = task.Pin.Resources[k : k+d.count()]
		}
		k += d.count()
		f(d, cands)
	}
}
