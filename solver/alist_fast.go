package solver

import (
	"cmp"
	"slices"
)

// plainSGS is a schedule generation scheme for plain RCPSP problems: every
// demand names one resource, no task is pinned, split or windowed, no lag
// counts working time, no resource has working-time rules and there are
// no budget caps. On such problems it builds exactly the schedules the
// state's serial and backward passes build (earliest, respectively
// latest, feasible start of each task in list order) on flat usage
// arrays, without the state's cost bookkeeping, so the activity-list
// search evaluates several times more lists per second.
type plainSGS struct {
	dur, release, limit []Slot
	pred, succ          [][]plainArc
	dem                 [][]plainDemand
	capacity            []int32
	use                 [][]int32 // per resource and slot; farUse where unavailable
	base                [][]int32 // use when empty, kept when copying it is cheap (clear)
	start, end          []Slot
	placed              []bool
	maxEnd              Slot
	topoIdx             []int32
	byTopo              []TaskID // the tasks in topological order (by topoIdx)
	count               []int32  // sortByKey's buckets, one per slot and one more
}

// plainArc is one precedence seen from one of its tasks: the other task,
// the lag and whether it runs from the finish of From.
type plainArc struct {
	other  TaskID
	lag    Slot
	finish bool
}

// plainDemand is units of one resource.
type plainDemand struct {
	r     ResourceID
	units int32
}

// farUse fills the usage of slots where a resource is unavailable, so
// that no demand fits there.
const farUse = 1 << 30

// copyPerBooking is how many slots of usage clear copies in the time it
// takes one booked slot off.
const copyPerBooking = 4

// newPlainSGS returns the plain scheme of p, or nil when p is not plain.
func newPlainSGS(p *Problem) *plainSGS {
	if len(p.Budgets) > 0 {
		return nil
	}
	n := len(p.Tasks)
	g := &plainSGS{
		dur: make([]Slot, n), release: make([]Slot, n), limit: make([]Slot, n),
		pred: make([][]plainArc, n), succ: make([][]plainArc, n),
		dem:      make([][]plainDemand, n),
		capacity: make([]int32, len(p.Resources)),
		use:      make([][]int32, len(p.Resources)),
		start:    make([]Slot, n), end: make([]Slot, n),
		placed:  make([]bool, n),
		topoIdx: p.drv.topoIdx,
		count:   make([]int32, p.Slots+2),
	}
	g.byTopo = tasksByIndex(g.topoIdx)
	for r := range p.Resources {
		res := &p.Resources[r]
		ru := &res.Rules
		if p.drv.spd > 0 && ru.limits() {
			return nil
		}
		g.capacity[r] = int32(res.Capacity)
		g.use[r] = make([]int32, p.Slots)
		for s := range g.use[r] {
			if !res.Available.Has(Slot(s)) {
				g.use[r][s] = farUse
			}
		}
	}
	for t := range p.Tasks {
		task := &p.Tasks[t]
		if task.Pin != nil || task.Split || task.Window != nil {
			return nil
		}
		g.dur[t] = Slot(task.Duration)
		g.release[t] = max(task.Release, 0)
		g.limit[t] = p.endLimit(task)
		for _, d := range task.Demands {
			if len(d.Candidates) != 1 || d.count() != 1 {
				return nil
			}
			r := d.Candidates[0]
			for _, o := range g.dem[t] {
				if o.r == r {
					return nil
				}
			}
			g.dem[t] = append(g.dem[t], plainDemand{r: r, units: int32(d.units())})
		}
	}
	booked := 0
	for t := range g.dem {
		booked += int(g.dur[t]) * len(g.dem[t])
		// The tightest demand first: conflict stops at the first demand
		// that does not fit, and that one is the likeliest. The earliest
		// (latest) feasible start is the same in any order.
		slices.SortStableFunc(g.dem[t], func(a, b plainDemand) int {
			return cmp.Compare(int64(b.units)*int64(g.capacity[a.r]), int64(a.units)*int64(g.capacity[b.r]))
		})
	}
	if len(p.Resources)*p.Slots <= copyPerBooking*booked {
		g.base = make([][]int32, len(g.use))
		for r := range g.use {
			g.base[r] = slices.Clone(g.use[r])
		}
	}
	for _, pr := range p.Precedences {
		if pr.LagWorking || pr.Kind == FinishToFinish {
			return nil
		}
		fin := pr.Kind == FinishToStart
		g.succ[pr.From] = append(g.succ[pr.From], plainArc{other: pr.To, lag: Slot(pr.Lag), finish: fin})
		g.pred[pr.To] = append(g.pred[pr.To], plainArc{other: pr.From, lag: Slot(pr.Lag), finish: fin})
	}
	return g
}

// clear removes every task: by copying the empty usage arrays when they
// are small next to what a schedule books (a memmove is cheap), else by
// taking each booking off.
func (g *plainSGS) clear() {
	if g.base != nil {
		for r := range g.use {
			copy(g.use[r], g.base[r])
		}
		clear(g.placed)
		g.maxEnd = 0
		return
	}
	for t, ok := range g.placed {
		if !ok {
			continue
		}
		s, e := g.start[t], g.end[t]
		for _, dm := range g.dem[t] {
			use := g.use[dm.r][s:e]
			for i := range use {
				use[i] -= dm.units
			}
		}
		g.placed[t] = false
	}
	g.maxEnd = 0
}

// bounds is state.startBounds: the starts of t allowed by its release,
// its end limit and the placed neighbours.
func (g *plainSGS) bounds(t TaskID) (lo, hi Slot) {
	lo = g.release[t]
	for _, a := range g.pred[t] {
		if !g.placed[a.other] {
			continue
		}
		x := g.start[a.other]
		if a.finish {
			x = g.end[a.other]
		}
		lo = max(lo, x+a.lag)
	}
	hi = g.limit[t] - g.dur[t]
	for _, a := range g.succ[t] {
		if !g.placed[a.other] {
			continue
		}
		v := g.start[a.other] - a.lag
		if a.finish {
			v -= g.dur[t]
		}
		hi = min(hi, v)
	}
	return lo, hi
}

// conflict is the last slot of [s, s+d) where a demand of t does not fit
// (scanning forward) or the first (backward).
func (g *plainSGS) conflict(t TaskID, s Slot, dir int) (Slot, bool) {
	d := g.dur[t]
	for _, dm := range g.dem[t] {
		use := g.use[dm.r]
		c := g.capacity[dm.r] - dm.units
		if dir == forward {
			for x := s + d - 1; x >= s; x-- {
				if use[x] > c {
					return x, true
				}
			}
			continue
		}
		for x := s; x < s+d; x++ {
			if use[x] > c {
				return x, true
			}
		}
	}
	return 0, false
}

// place books t at start s.
func (g *plainSGS) place(t TaskID, s Slot) {
	d := g.dur[t]
	for _, dm := range g.dem[t] {
		use := g.use[dm.r][s : s+d]
		for i := range use {
			use[i] += dm.units
		}
	}
	g.start[t], g.end[t], g.placed[t] = s, s+d, true
	g.maxEnd = max(g.maxEnd, s+d)
}

// earliest places t at its earliest feasible start (placeEarliest).
func (g *plainSGS) earliest(t TaskID) bool {
	lo, hi := g.bounds(t)
	for s := lo; s <= hi; {
		c, bad := g.conflict(t, s, forward)
		if !bad {
			g.place(t, s)
			return true
		}
		s = c + 1
	}
	return false
}

// latest places t at its latest feasible start ending by endBy
// (placeLatest).
func (g *plainSGS) latest(t TaskID, endBy Slot) bool {
	lo, hi := g.bounds(t)
	hi = min(hi, endBy-g.dur[t])
	for s := hi; s >= lo; {
		c, bad := g.conflict(t, s, backward)
		if !bad {
			g.place(t, s)
			return true
		}
		s = c - g.dur[t]
	}
	return false
}

// decode is state.decode: the serial SGS over list.
func (g *plainSGS) decode(list []TaskID) bool {
	g.clear()
	for _, t := range list {
		if !g.earliest(t) {
			return false
		}
	}
	return true
}

// justify is state.justify on the plain scheme: forward–backward
// improvement that rewrites list in the order of the final starts and
// returns the final makespan.
func (g *plainSGS) justify(list []TaskID, key []Slot, rounds int) (Slot, bool) {
	if !g.decode(list) {
		return 0, false
	}
	ms := g.maxEnd
	for round := 0; round < rounds; round++ {
		copy(key, g.end)
		g.sortByKey(list, key, true)
		g.clear()
		ok := true
		for _, t := range list {
			if ok {
				ok = g.latest(t, ms)
			}
		}
		if ok {
			copy(key, g.start)
		}
		g.sortByKey(list, key, false)
		if !g.decode(list) {
			return 0, false
		}
		if !ok || g.maxEnd >= ms {
			break
		}
		ms = g.maxEnd
	}
	return g.maxEnd, true
}

// sortByKey rewrites list, which holds every task once, in the order of
// key, ties by topological position: both increasing, or with desc both
// decreasing. Keys are slots of the horizon, so a counting sort over them
// does in one pass what a comparison sort did in a fifth of the search's
// time on J120; the order is the same.
func (g *plainSGS) sortByKey(list []TaskID, key []Slot, desc bool) {
	// Bucket off+dir*key, filled in topological order (reversed for desc).
	off, dir := Slot(0), Slot(1)
	if desc {
		off, dir = Slot(len(g.count)-2), -1
	}
	count := g.count
	clear(count)
	for _, t := range list {
		count[off+dir*key[t]+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	n := len(g.byTopo)
	for i := range n {
		t := g.byTopo[i]
		if desc {
			t = g.byTopo[n-1-i]
		}
		b := off + dir*key[t]
		list[count[b]] = t
		count[b]++
	}
}

// tasksByIndex is the tasks in order of their topological positions idx.
func tasksByIndex(idx []int32) []TaskID {
	order := make([]TaskID, len(idx))
	for t, i := range idx {
		order[i] = TaskID(t)
	}
	return order
}

// startsHash is state.startsHash of the plain scheme's schedule.
func (g *plainSGS) startsHash() uint64 {
	h := uint64(14695981039346656037)
	for _, s := range g.start {
		h ^= uint64(uint32(s))
		h *= 1099511628211
	}
	return h
}
