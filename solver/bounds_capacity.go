package solver

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// capacityResourceCost bounds the resource cost like greedyResourceCost,
// but no candidate works beyond its room (rooms, from roomsOf): a relaxation of the
// LP of lpResourceCost that is cheap enough for any size, where the LP
// is skipped. The demands that are not pinned are grouped by their
// candidate list. In a group every demand pays at least the least task
// fee among its candidates, and the group's work goes to its candidates
// cheapest slot first, each up to its room (a fractional knapsack).
// Pinned demands cost what they cost on their pinned resources, and the
// first visit of every resource a task cannot do without is added, as in
// greedyResourceCost.
//
// Why it is a bound: every schedule gives a 0/1 point of the LP, whose
// value is at most the schedule's resource cost. Filling each group as if
// it were alone drops the capacity the groups share, pricing fees and
// work apart takes each at its own minimum, and a fractional knapsack is
// the exact minimum of the work's price under the room caps; each step
// can only lower the optimum. The room of a resource is at least what it
// can work, so the caps are looser than the LP's.
func capacityResourceCost(p *Problem, rooms []float64) float64 {
	return sumParts(capacityParts(p, rooms))
}

// sumParts adds the parts in order.
func sumParts(parts []capacityPart) float64 {
	total := 0.0
	for _, part := range parts {
		total += part.amount
	}
	return total
}

// capacityPart is one addend of capacityResourceCost and a resource it
// charges: the pinned or visited resource, or a candidate list's first.
type capacityPart struct {
	owner  ResourceID
	amount float64
	// fill is the share of amount that prices a candidate list's work
	// (fillCheapest), which flowFill may replace.
	fill float64
}

// capacityParts lists the addends of capacityResourceCost in the order
// it sums them.
func capacityParts(p *Problem, rooms []float64) []capacityPart {
	rates := allResourceRates(p)
	type group struct {
		cands      []ResourceID
		fees, work float64
	}
	groups := map[string]*group{}
	var keys []string
	forced := make([]bool, len(p.Resources))
	var parts []capacityPart
	for i, task := range p.Tasks {
		t := TaskID(i)
		k := 0
		for _, d := range task.Demands {
			n := d.count()
			cands := d.Candidates
			pinned := task.Pin != nil && len(task.Pin.Resources) >= k+n
			if pinned {
				cands = task.Pin.Resources[k : k+n]
			}
			k += n
			if len(cands) == n && task.Duration > 0 {
				for _, r := range cands {
					forced[r] = true
				}
			}
			if pinned || len(cands) == 0 {
				for _, r := range cands {
					parts = append(parts, capacityPart{owner: r, amount: demandCost(p, t, d, r, rates)})
				}
				continue
			}
			key := fmt.Sprint(cands)
			g := groups[key]
			if g == nil {
				g = &group{cands: cands}
				groups[key] = g
				keys = append(keys, key)
			}
			fee := math.Inf(1)
			for _, r := range cands {
				fee = min(fee, rates[r].task+useRule{}.task(p, t, r))
			}
			g.fees += float64(min(n, len(cands))) * fee
			g.work += float64(min(n, len(cands)) * task.Duration * d.units())
		}
	}
	// Map order is random; sum in the order the groups were met, so that
	// the bound is the same float on every run.
	for _, key := range keys {
		g := groups[key]
		fill := fillCheapest(g.cands, g.work, rates, rooms, p)
		parts = append(parts, capacityPart{owner: g.cands[0], amount: g.fees + fill, fill: fill})
	}
	for r, f := range forced {
		if f {
			parts = append(parts, capacityPart{owner: ResourceID(r), amount: rates[r].visit})
		}
	}
	return parts
}

// fillCheapest is the least price of work slot-units spread over cands,
// each taking at most its room at its slot rate per slot worked (a
// resource of capacity c works at least 1/c of a slot per unit). Work
// beyond every room (an infeasible problem) is priced at the dearest
// rate.
func fillCheapest(cands []ResourceID, work float64, rates []demandRates, rooms []float64, p *Problem) float64 {
	perUnit := func(r ResourceID) float64 { return rates[r].slot / float64(p.Resources[r].Capacity) }
	order := slices.Clone(cands)
	slices.SortStableFunc(order, func(a, b ResourceID) int { return cmp.Compare(perUnit(a), perUnit(b)) })
	price := 0.0
	for _, r := range order {
		if work <= 0 {
			return price
		}
		take := min(work, rooms[r])
		price += take * perUnit(r)
		work -= take
	}
	if work > 0 {
		price += work * perUnit(order[len(order)-1])
	}
	return price
}

// roomsOf returns, per resource, an upper bound on the slot-units it can
// work on tasks that are not pinned: its capacity times the slots in which
// it is available and some such task it may serve may run (in the task's
// window, from its release to its deadline), at most the resource's
// daily maximum on each day of the calendar.
func roomsOf(p *Problem) []float64 {
	rooms := make([]float64, len(p.Resources))
	for r, days := range dayRoomsOf(p) {
		for _, room := range days {
			rooms[r] += room
		}
	}
	return rooms
}

// dayRoomsOf splits roomsOf by calendar day (one bucket in abstract
// time): per resource, per day, its capacity times the slots of the day
// in which it is available and some unpinned task it may serve may run,
// at most its daily maximum. A resource no unpinned task may use has
// none (nil).
func dayRoomsOf(p *Problem) [][]float64 {
	words := (p.Slots + 63) / 64
	union := make([]Bitset, len(p.Resources))
	mask := NewBitset(p.Slots)
	for _, task := range p.Tasks {
		if task.Pin != nil || len(task.Demands) == 0 {
			continue
		}
		taskMask(mask, task, p.Slots)
		for _, d := range task.Demands {
			for _, r := range d.Candidates {
				if union[r] == nil {
					union[r] = NewBitset(p.Slots)
				}
				for w := range words {
					union[r][w] |= mask[w]
				}
			}
		}
	}
	spd := p.Calendar.SlotsPerDay
	dayLen := p.Slots
	if spd > 0 {
		dayLen = spd
	}
	days := (p.Slots + dayLen - 1) / dayLen
	out := make([][]float64, len(p.Resources))
	for r, u := range union {
		if u == nil {
			continue
		}
		res := &p.Resources[r]
		maxDay := math.MaxInt
		if spd > 0 {
			maxDay = maxDaySlots(p, ResourceID(r))
		}
		out[r] = make([]float64, days)
		for d := range days {
			inDay := 0
			for s := d * dayLen; s < min((d+1)*dayLen, p.Slots); s++ {
				if u.Has(Slot(s)) && res.Available.Has(Slot(s)) {
					inDay++
				}
			}
			out[r][d] = float64(min(inDay, maxDay) * res.Capacity)
		}
	}
	return out
}

// taskMask sets mask to the slots in which task may run: its window (all
// slots when it has none) from its release to its deadline.
func taskMask(mask Bitset, task Task, slots int) {
	for w := range mask {
		mask[w] = math.MaxUint64
		if task.Window != nil {
			mask[w] = 0
			if w < len(task.Window) {
				mask[w] = task.Window[w]
			}
		}
	}
	end := Slot(slots)
	if task.Deadline > 0 {
		end = min(end, task.Deadline)
	}
	clearOutside(mask, min(max(task.Release, 0), end), end)
}

// clearOutside removes every slot of b before from and from to on.
func clearOutside(b Bitset, from, to Slot) {
	for w := range b {
		lo, hi := Slot(w*64), Slot(w*64+64)
		switch {
		case hi <= from || lo >= to:
			b[w] = 0
		case lo >= from && hi <= to:
		default:
			for s := lo; s < hi; s++ {
				if s < from || s >= to {
					b.Clear(s)
				}
			}
		}
	}
}
