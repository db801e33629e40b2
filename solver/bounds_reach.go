package solver

import (
	"cmp"
	"slices"
)

// reach is, per calendar day, the most slots resource r can work that day
// in any schedule: the slots in which it is available and some task it
// may serve may run (the task's Window; every slot when the task has no
// window or is pinned, since a booking may lie anywhere). It is nil when
// r serves no task or the problem is in abstract time.
//
// It bounds a rate card's price per slot from below: a day's price
// covers at most the day's reach, a week's hire at most the week's, so
// pricing a day or a week over more slots than can be worked in it (a
// whole day of the grid, seven of them a week) undercharges every slot
// worked.
func reach(p *Problem, r ResourceID) []int {
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 {
		return nil
	}
	var union Bitset
	everywhere, serves := false, false
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if !slices.ContainsFunc(task.Demands, func(d Demand) bool { return slices.Contains(d.Candidates, r) }) {
			continue
		}
		serves = true
		if task.Window == nil || task.Pin != nil {
			everywhere = true
			break
		}
		if union == nil {
			union = NewBitset(p.Slots)
		}
		for i, w := range task.Window {
			if i < len(union) {
				union[i] |= w
			}
		}
	}
	if !serves {
		return nil
	}
	avail := p.Resources[r].Available
	days := make([]int, (p.Slots+spd-1)/spd)
	for s := range p.Slots {
		if (everywhere || union.Has(Slot(s))) && (avail == nil || avail.Has(Slot(s))) {
			days[s/spd]++
		}
	}
	return days
}

// reachLimits are the most slots r can work in a day and in a week, each
// at most what its rules allow (maxDay slots a day, days days a week):
// from reach, or maxDay and days × maxDay when r has no reach.
func reachLimits(p *Problem, r ResourceID, maxDay, days int) (day, week int) {
	per := reach(p, r)
	day, week = maxDay, days*maxDay
	if per == nil {
		return day, week
	}
	most := 0
	for _, n := range per {
		most = max(most, min(n, maxDay))
	}
	if most == 0 {
		return day, week // works nowhere: no schedule uses it
	}
	byWeek := map[int][]int{}
	for d, n := range per {
		if n > 0 {
			w := weekOf(p, d)
			byWeek[w] = append(byWeek[w], min(n, maxDay))
		}
	}
	weekMost := 0
	for _, ns := range byWeek {
		slices.SortFunc(ns, func(a, b int) int { return cmp.Compare(b, a) })
		sum := 0
		for _, n := range ns[:min(days, len(ns))] {
			sum += n
		}
		weekMost = max(weekMost, sum)
	}
	return most, min(week, weekMost)
}
