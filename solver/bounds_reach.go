package solver

import (
	"cmp"
	"slices"
)

// reach is, per resource and calendar day, the most slots the resource
// can work that day in any schedule: the slots in which it is available
// and some task it may serve may run (the task's Window, every slot when
// the task has no window; a pinned task's own slots, as Layout lays it
// out, on its pinned resources, or every slot when it cannot be laid
// out or its pin leaves resources to choose). A resource that serves no task has nil; so has every
// resource in abstract time. One pass over the tasks serves all
// resources.
//
// It bounds a rate card's price per slot from below: a day's price
// covers at most the day's reach, a week's hire at most the week's, so
// pricing a day or a week over more slots than can be worked in it (a
// whole day of the grid, seven of them a week) undercharges every slot
// worked.
func reach(p *Problem) [][]int { return reachOf(p, -1) }

// reachOf is reach for resource only (the others nil), or for every
// resource when only is -1: a problem that is not frozen keeps no reach,
// and pricing all its resources one by one must not work out every
// resource's reach for each (316 resources of a 40-episode series: 80 s).
func reachOf(p *Problem, only ResourceID) [][]int {
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 {
		return make([][]int, len(p.Resources))
	}
	unions := make([]Bitset, len(p.Resources))
	everywhere := make([]bool, len(p.Resources))
	serves := make([]bool, len(p.Resources))
	windows := newWindowSets(len(p.Resources))
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if task.Pin != nil && len(task.Pin.Resources) == demandCount(task) && inRange(p, task.Pin.Resources) {
			if runs, _, why := taskPieces(p, TaskID(t), *task.Pin); why == "" {
				for _, r := range task.Pin.Resources {
					if only >= 0 && r != only {
						continue
					}
					serves[r] = true
					if everywhere[r] {
						continue
					}
					if unions[r] == nil {
						unions[r] = NewBitset(p.Slots)
					}
					for _, run := range runs {
						for s := run.Start; s < run.End; s++ {
							unions[r].Set(s)
						}
					}
				}
				continue
			}
		}
		window := -1 // task.Window's index among windows, found once per task
		for _, d := range task.Demands {
			for _, r := range d.Candidates {
				if r < 0 || int(r) >= len(p.Resources) || everywhere[r] || (only >= 0 && r != only) {
					continue
				}
				serves[r] = true
				if task.Window == nil || task.Pin != nil {
					everywhere[r] = true
					continue
				}
				if window < 0 {
					window = windows.index(task.Window)
				}
				windows.add(r, window)
			}
		}
	}
	windows.union(unions, p.Slots)
	out := make([][]int, len(p.Resources))
	for r := range p.Resources {
		if !serves[r] {
			continue
		}
		avail := p.Resources[r].Available
		days := make([]int, (p.Slots+spd-1)/spd)
		for s := range p.Slots {
			if (everywhere[r] || unions[r].Has(Slot(s))) && (avail == nil || avail.Has(Slot(s))) {
				days[s/spd]++
			}
		}
		out[r] = days
	}
	return out
}

// windowSets gathers, per resource, the distinct task windows it may
// serve in, so that reach ORs each window into a resource's union once
// rather than once per task: a 40-episode series has 7,727 tasks with 32
// candidates each on average, all serving in a few dozen distinct
// windows (61 million word ORs down to about 3 million).
type windowSets struct {
	distinct []Bitset         // every distinct window seen
	byHash   map[uint64][]int // window hash to indexes into distinct
	last     []int            // per resource, the last window index added (-1: none)
	of       [][]int          // per resource, the window indexes it serves in
	seen     map[[2]int]bool  // resource and window index pairs in of
}

func newWindowSets(resources int) *windowSets {
	w := &windowSets{byHash: map[uint64][]int{}, seen: map[[2]int]bool{}, last: make([]int, resources), of: make([][]int, resources)}
	for r := range w.last {
		w.last[r] = -1
	}
	return w
}

// add records that r may serve in the window of index i.
func (w *windowSets) add(r ResourceID, i int) {
	if w.last[r] == i {
		return // consecutive tasks of an episode share a window
	}
	w.last[r] = i
	if key := [2]int{int(r), i}; !w.seen[key] {
		w.seen[key] = true
		w.of[r] = append(w.of[r], i)
	}
}

// index is the index of window among the distinct windows, adding it
// when new.
func (w *windowSets) index(window Bitset) int {
	h := uint64(14695981039346656037)
	for _, word := range window {
		h = (h ^ word) * 1099511628211
	}
	for _, i := range w.byHash[h] {
		if slices.Equal(w.distinct[i], window) {
			return i
		}
	}
	w.distinct = append(w.distinct, window)
	w.byHash[h] = append(w.byHash[h], len(w.distinct)-1)
	return len(w.distinct) - 1
}

// union ORs into unions[r] every window r serves in.
func (w *windowSets) union(unions []Bitset, slots int) {
	for r, idx := range w.of {
		if len(idx) == 0 {
			continue
		}
		if unions[r] == nil {
			unions[r] = NewBitset(slots)
		}
		for _, i := range idx {
			for k, word := range w.distinct[i] {
				if k < len(unions[r]) {
					unions[r][k] |= word
				}
			}
		}
	}
}

// reachLimits are the most slots r can work in a day and in a week, each
// at most what its rules allow (maxDaySlots a day, maxWeekDays days a
// week): from reach, or those limits when r has no reach. On a frozen
// problem they are worked out once for every resource.
func reachLimits(p *Problem, r ResourceID) (day, week int) {
	if dv := p.drv; dv != nil {
		frozenReach(p, dv)
		return dv.reachDay[r], dv.reachWeek[r]
	}
	return limitsOf(p, r, reachOf(p, r)[r])
}

// frozenReach works out reach and the limits of every resource of a
// frozen problem, once.
func frozenReach(p *Problem, dv *derived) {
	dv.reachOnce.Do(func() {
		per := reach(p)
		dv.reachPer = per
		dv.reachDay, dv.reachWeek = make([]int, len(per)), make([]int, len(per))
		dv.reachWeekDays = make([]int, len(per))
		for x := range per {
			dv.reachDay[x], dv.reachWeek[x] = limitsOf(p, ResourceID(x), per[x])
			dv.reachWeekDays[x] = weekDaysOf(p, ResourceID(x), per[x])
		}
	})
}

// dayReach is reach, worked out once on a frozen problem.
func dayReach(p *Problem) [][]int {
	if dv := p.drv; dv != nil {
		frozenReach(p, dv)
		return dv.reachPer
	}
	return reach(p)
}

// maxWeekDays is the most days a week r may work: seven, or fewer by its
// rules.
func maxWeekDays(p *Problem, r ResourceID) int {
	days := 7
	if m := p.Resources[r].Rules.MaxDaysPerWeek; m > 0 {
		days = min(days, m)
	}
	return days
}

// weekDaysReach is the most days r can work in any week: the days of
// the week it reaches (reach), at most maxWeekDays; at least one. On a
// frozen problem it is worked out once for every resource, with the
// limits.
func weekDaysReach(p *Problem, r ResourceID) int {
	if dv := p.drv; dv != nil {
		frozenReach(p, dv)
		return dv.reachWeekDays[r]
	}
	return weekDaysOf(p, r, reachOf(p, r)[r])
}

// weekDaysOf is weekDaysReach from r's reach per day (nil: its rules).
func weekDaysOf(p *Problem, r ResourceID, per []int) int {
	days := maxWeekDays(p, r)
	if per == nil {
		return days
	}
	byWeek := map[int]int{}
	most := 0
	for d, n := range per {
		if n > 0 {
			w := weekOf(p, d)
			byWeek[w]++
			most = max(most, byWeek[w])
		}
	}
	return max(1, min(days, most))
}

// limitsOf turns r's reach per day into its day and week limits.
func limitsOf(p *Problem, r ResourceID, per []int) (day, week int) {
	maxDay, days := maxDaySlots(p, r), maxWeekDays(p, r)
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
	weekMost := 0
	for _, n := range weekReach(p, r, per) {
		weekMost = max(weekMost, n)
	}
	return most, min(week, weekMost)
}

// weekReach is, per week, the most slots r can work in it: the sum of
// its fullest maxWeekDays days' reach, each day at most maxDaySlots.
func weekReach(p *Problem, r ResourceID, per []int) map[int]int {
	maxDay, days := maxDaySlots(p, r), maxWeekDays(p, r)
	byWeek := map[int][]int{}
	for d, n := range per {
		if n > 0 {
			w := weekOf(p, d)
			byWeek[w] = append(byWeek[w], min(n, maxDay))
		}
	}
	out := make(map[int]int, len(byWeek))
	for w, ns := range byWeek {
		slices.SortFunc(ns, func(a, b int) int { return cmp.Compare(b, a) })
		sum := 0
		for _, n := range ns[:min(days, len(ns))] {
			sum += n
		}
		out[w] = sum
	}
	return out
}

// demandCount is how many resources task needs in all: a pin that names
// fewer leaves the rest to be chosen.
func demandCount(task *Task) int {
	n := 0
	for _, d := range task.Demands {
		n += d.count()
	}
	return n
}

// inRange reports whether every resource of rs exists.
func inRange(p *Problem, rs []ResourceID) bool {
	for _, r := range rs {
		if r < 0 || int(r) >= len(p.Resources) {
			return false
		}
	}
	return true
}
