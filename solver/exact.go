package solver

import (
	"cmp"
	"slices"
)

// exactSearch is a depth-first branch and bound over the schedules the
// serial scheme builds, for small plain problems (at most exactMaxTasks
// tasks, finish-to-start links with lags of zero or more): it proves a
// makespan optimal where the activity-list search can only hope.
//
// Why it is complete: some optimal schedule is active (no task can start
// earlier without moving another), and the serial scheme rebuilds an
// active schedule from its tasks listed by start (ties in topological
// order). So the search branches only on lists whose starts, as the
// scheme places them, never go down (a task whose earliest start is
// before the last one placed is left for a branch that lists it
// earlier), and a task that fits wholly before the last start can never
// be listed again: such a branch is dead.
//
// Prunes: a branch ends when its critical path from the heads it has
// reached (with every start at least the last one) or the work left on a
// resource after the last start cannot beat the best makespan; and when
// a branch placed the same tasks, no later and with nothing running
// longer past its last start (so every completion of this branch is a
// completion of that one), after that one's subtree was searched in full.
type exactSearch struct {
	g      *plainSGS
	n      int
	slots  Slot
	tail   []Slot // longest path from a task's start to the end of the project
	topo   []int32
	start  []Slot
	end    []Slot
	placed uint64
	order  []TaskID // the tasks placed, in list order
	head   []Slot   // scratch: the critical path heads of unplaced tasks
	left   []int64  // per resource, the work of the unplaced tasks
	work   []int64  // scratch: left plus the placed work past the last start

	best    []TaskID // the best list found
	bestEnd []Slot   // and its tasks' ends
	bestMs  Slot

	memo    map[uint64][]exactEntry // placed set → its branches searched in full
	entries int                     // how many memo holds
	running []exactRunning

	nodes   int
	stop    func(nodes int) bool // asked every exactCheckEvery nodes
	stopped bool
	found   func() // told of each new best list (best, bestEnd, bestMs)
}

// exactEntry is a branch searched in full: its last start, the
// topological index of its last task, and where its tasks still running
// past the last start are listed in running.
type exactEntry struct {
	last     Slot
	lastTopo int32
	from, to int32
}

// exactRunning is a task still running past a branch's last start, and
// its end.
type exactRunning struct {
	task TaskID
	end  Slot
}

const (
	// exactMaxTasks keeps the placed set in one word.
	exactMaxTasks = 64
	// exactMaxEntries caps the branches remembered at once (16 bytes
	// each, with the map's share counted as 64 in memExactSearch; the
	// longest J30 proof, j3013_6 in 6 s, added 29 MB to the process).
	exactMaxEntries = 1 << 18
	// exactMaxRunning caps the tasks the entries list as running (8
	// bytes each, kept when an entry is dropped).
	exactMaxRunning = 1 << 21
	// exactMinMemo is the fewest nodes a subtree must take for its root
	// to be remembered: smaller ones cost more to look up than to search
	// again (j3029_1 and j3029_8 reversed: 276 ms and 1.35 s to a proof
	// against 293 ms and 1.42 s remembering every subtree, 359 ms and
	// 1.47 s from 16 nodes).
	exactMinMemo = 4
	// exactCheckEvery is how often (in nodes) the search asks to stop.
	exactCheckEvery = 256
)

// newExactSearchOf is the branch and bound of the plain scheme g (nil
// when g is nil or has links it does not reason about).
func newExactSearchOf(g *plainSGS, slots Slot) *exactSearch {
	if g == nil || len(g.dur) == 0 || len(g.dur) > exactMaxTasks {
		return nil
	}
	n := len(g.dur)
	for t := range g.pred {
		for _, a := range g.pred[t] {
			if !a.finish || a.lag < 0 {
				return nil
			}
		}
	}
	x := &exactSearch{
		g: g, n: n, slots: slots,
		tail:   make([]Slot, n),
		topo:   g.topoIdx,
		start:  make([]Slot, n),
		end:    make([]Slot, n),
		head:   make([]Slot, n),
		bestMs: farSlot,
		memo:   make(map[uint64][]exactEntry, 1<<12),
	}
	x.left = make([]int64, len(g.capacity))
	x.work = make([]int64, len(g.capacity))
	for i := n - 1; i >= 0; i-- {
		t := g.byTopo[i]
		for _, dm := range g.dem[t] {
			x.left[dm.r] += int64(dm.units) * int64(g.dur[t])
		}
		tl := g.dur[t]
		for _, a := range g.succ[t] {
			tl = max(tl, g.dur[t]+a.lag+x.tail[a.other])
		}
		x.tail[t] = max(tl, g.dur[t]+x.successorsWork(t))
	}
	return x
}

// successorsWork bounds how long the tasks after t (all of its
// successors, near and far) take from t's end: on each resource, for
// each q, the work of those that leave at least q to go after them over
// the capacity, plus q. The tails of t's successors must be known.
func (x *exactSearch) successorsWork(t TaskID) Slot {
	g := x.g
	after := make([]bool, x.n)
	var walk func(TaskID)
	walk = func(u TaskID) {
		for _, a := range g.succ[u] {
			if !after[a.other] {
				after[a.other] = true
				walk(a.other)
			}
		}
	}
	walk(t)
	type job struct {
		work  int64
		later Slot // what is left after it ends
	}
	best := Slot(0)
	for r, capacity := range g.capacity {
		if capacity <= 0 {
			continue
		}
		var jobs []job
		for u, ok := range after {
			for _, dm := range g.dem[u] {
				if ok && int(dm.r) == r {
					jobs = append(jobs, job{int64(dm.units) * int64(g.dur[u]), x.tail[u] - g.dur[u]})
				}
			}
		}
		// Longest leftover first: each prefix is the set of jobs that
		// leave at least its last job's leftover.
		slices.SortFunc(jobs, func(a, b job) int { return cmp.Compare(b.later, a.later) })
		work := int64(0)
		for _, j := range jobs {
			work += j.work
			best = max(best, Slot((work+int64(capacity)-1)/int64(capacity))+j.later)
		}
	}
	return best
}

// run searches until the tree is exhausted (and returns true: the best
// list found is optimal, or there is none) or stop says to end.
func (x *exactSearch) run() bool {
	x.g.clear()
	x.placed, x.order = 0, x.order[:0]
	x.search(-1, -1, 0)
	return !x.stopped
}

// earliest is the serial scheme's start of t among the placed tasks: the
// first start from its heads where every demand fits, or farSlot when
// none ends within its limit.
func (x *exactSearch) earliest(t TaskID) Slot {
	g := x.g
	s := g.release[t]
	for _, a := range g.pred[t] {
		s = max(s, x.end[a.other]+a.lag)
	}
	for {
		if s+g.dur[t] > g.limit[t] || s+g.dur[t] > x.slots {
			return farSlot
		}
		c, bad := g.conflict(t, s, forward)
		if !bad {
			return s
		}
		s = c + 1
	}
}

func (x *exactSearch) place(t TaskID, s Slot) {
	g := x.g
	e := s + g.dur[t]
	for _, dm := range g.dem[t] {
		use := g.use[dm.r][s:e]
		for i := range use {
			use[i] += dm.units
		}
		x.left[dm.r] -= int64(dm.units) * int64(g.dur[t])
	}
	x.start[t], x.end[t] = s, e
	x.placed |= 1 << uint(t)
	x.order = append(x.order, t)
}

func (x *exactSearch) unplace(t TaskID) {
	g := x.g
	for _, dm := range g.dem[t] {
		use := g.use[dm.r][x.start[t]:x.end[t]]
		for i := range use {
			use[i] -= dm.units
		}
		x.left[dm.r] += int64(dm.units) * int64(g.dur[t])
	}
	x.placed &^= 1 << uint(t)
	x.order = x.order[:len(x.order)-1]
}

// forwardList is the best list found, for the state's forward scheme:
// as found, or when x searched the reversed problem, the tasks by their
// ends there, latest first (their starts in forward time), ties in
// forward topological order. The forward scheme builds from it a
// schedule no longer than the one found: each task starts no later than
// there, by induction over the list. forwardTopo is the forward
// problem's topological index, nil when x searched it.
func (x *exactSearch) forwardList(forwardTopo []int32) []TaskID {
	list := slices.Clone(x.best)
	if forwardTopo == nil {
		return list
	}
	ends := x.bestEnd
	slices.SortFunc(list, func(a, b TaskID) int {
		if c := cmp.Compare(ends[b], ends[a]); c != 0 {
			return c
		}
		return cmp.Compare(forwardTopo[a], forwardTopo[b])
	})
	return list
}

func (x *exactSearch) isPlaced(t TaskID) bool { return x.placed&(1<<uint(t)) != 0 }

// exactCandidate is a task the branch may list next, at its start.
type exactCandidate struct {
	task  TaskID
	start Slot
}

// search extends the branch whose last task (-1 at the root) starts at
// last, its makespan so far ms.
func (x *exactSearch) search(last Slot, lastTask TaskID, ms Slot) {
	if len(x.order) == x.n {
		if ms < x.bestMs {
			x.bestMs = ms
			x.best = append(x.best[:0], x.order...)
			x.bestEnd = append(x.bestEnd[:0], x.end...)
			if x.found != nil {
				x.found()
			}
		}
		return
	}
	x.nodes++
	first := x.nodes
	if x.nodes%exactCheckEvery == 0 && x.stop != nil && x.stop(x.nodes) {
		x.stopped = true
	}
	if x.stopped {
		return
	}
	last = max(last, 0)
	lastTopo := int32(-1)
	if lastTask >= 0 {
		lastTopo = x.topo[lastTask]
	}
	if x.dominated(last, lastTopo) {
		return
	}
	var buf, waitBuf [exactMaxTasks]exactCandidate
	cands, eligible := buf[:0], waitBuf[:0]
	var eligibleSet uint64
	g := x.g
	for t := range x.n {
		tid := TaskID(t)
		if x.isPlaced(tid) || !x.eligible(tid) {
			continue
		}
		eligibleSet |= 1 << uint(t)
		s := x.earliest(tid)
		if s == farSlot {
			return // it cannot end in time, and never will
		}
		eligible = append(eligible, exactCandidate{tid, s})
		if s < last || s == last && x.topo[t] < lastTopo {
			if s+g.dur[t] <= last {
				return // it fits before the last start in every completion
			}
			continue
		}
		if s+x.tail[t] >= x.bestMs {
			return
		}
		cands = append(cands, exactCandidate{tid, s})
	}
	if x.lowerBound(last, ms, eligible, eligibleSet) >= x.bestMs {
		return
	}
	// Earliest first, then the longest way to the end: the first dive
	// is the serial scheme on a latest-start list.
	slices.SortFunc(cands, func(a, b exactCandidate) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(x.tail[b.task], x.tail[a.task]); c != 0 {
			return c
		}
		return cmp.Compare(x.topo[a.task], x.topo[b.task])
	})
	for _, c := range cands {
		if c.start+x.tail[c.task] >= x.bestMs || x.blocks(c, eligible) {
			continue
		}
		x.place(c.task, c.start)
		x.search(c.start, c.task, max(ms, x.end[c.task]))
		x.unplace(c.task)
		if x.stopped {
			return
		}
	}
	if x.nodes-first >= exactMinMemo {
		x.remember(last, lastTopo)
	}
}

// blocks reports whether listing c next leaves another eligible task
// fitting wholly before c's start (the branch would be dead at once).
func (x *exactSearch) blocks(c exactCandidate, eligible []exactCandidate) bool {
	for _, j := range eligible {
		if j.task == c.task {
			continue
		}
		end := j.start + x.g.dur[j.task]
		if end < c.start || end == c.start && (x.g.dur[j.task] > 0 || x.topo[j.task] < x.topo[c.task]) {
			return true
		}
	}
	return false
}

// eligible reports whether every predecessor of t is placed.
func (x *exactSearch) eligible(t TaskID) bool {
	for _, a := range x.g.pred[t] {
		if !x.isPlaced(a.other) {
			return false
		}
	}
	return true
}

// lowerBound is the least makespan of a completion of the branch: the
// critical path from the heads (every start at least last), and per
// resource the work left after last over its capacity.
func (x *exactSearch) lowerBound(last, ms Slot, eligible []exactCandidate, eligibleSet uint64) Slot {
	g := x.g
	lb := ms
	for _, e := range eligible {
		x.head[e.task] = max(e.start, last)
	}
	for _, t := range g.byTopo {
		if x.isPlaced(t) {
			continue
		}
		h := max(g.release[t], last)
		if eligibleSet&(1<<uint(t)) != 0 {
			h = x.head[t] // its earliest start among the placed tasks
		}
		for _, a := range g.pred[t] {
			if x.isPlaced(a.other) {
				h = max(h, x.end[a.other]+a.lag)
			} else {
				h = max(h, x.head[a.other]+g.dur[a.other]+a.lag)
			}
		}
		x.head[t] = h
		if h+g.dur[t] > g.limit[t] {
			return farSlot
		}
		lb = max(lb, h+x.tail[t])
	}
	copy(x.work, x.left)
	for _, t := range x.order {
		if x.end[t] > last {
			for _, dm := range g.dem[t] {
				x.work[dm.r] += int64(dm.units) * int64(x.end[t]-max(x.start[t], last))
			}
		}
	}
	for r, work := range x.work {
		if capacity := int64(g.capacity[r]); capacity > 0 && work > 0 {
			lb = max(lb, last+Slot((work+capacity-1)/capacity))
		}
	}
	return lb
}

// dominated reports whether a branch searched in full placed the same
// tasks with its last start no later (ties: last task no later in
// topological order) and every task it left running past last ending no
// later than here (or at last).
func (x *exactSearch) dominated(last Slot, lastTopo int32) bool {
	entries := x.memo[x.placed]
	for i := range entries {
		e := &entries[i]
		if e.last > last || e.last == last && e.lastTopo > lastTopo {
			continue
		}
		covered := true
		for _, r := range x.running[e.from:e.to] {
			if r.end > max(x.end[r.task], last) {
				covered = false
				break
			}
		}
		if covered {
			return true
		}
	}
	return false
}

// remember records the branch, searched in full, for dominated, and
// drops the entries of the same placed set it dominates (so the lists
// dominated walks stay short).
func (x *exactSearch) remember(last Slot, lastTopo int32) {
	if x.stopped || x.entries >= exactMaxEntries || len(x.running) >= exactMaxRunning {
		return
	}
	from := int32(len(x.running))
	for _, t := range x.order {
		if x.end[t] > last {
			x.running = append(x.running, exactRunning{t, x.end[t]})
		}
	}
	mine := x.running[from:]
	old := x.memo[x.placed]
	kept := old[:0]
	for i := range old {
		if !x.covers(last, lastTopo, mine, &old[i]) {
			kept = append(kept, old[i])
		}
	}
	x.entries += len(kept) + 1 - len(old)
	x.memo[x.placed] = append(kept, exactEntry{last: last, lastTopo: lastTopo, from: from, to: int32(len(x.running))})
}

// covers reports whether a branch at last, lastTopo with running tasks
// mine dominates entry e of the same placed set.
func (x *exactSearch) covers(last Slot, lastTopo int32, mine []exactRunning, e *exactEntry) bool {
	if last > e.last || last == e.last && lastTopo > e.lastTopo {
		return false
	}
	theirs := x.running[e.from:e.to]
	for _, r := range mine {
		end := e.last // a task not listed ends by e.last
		for _, o := range theirs {
			if o.task == r.task {
				end = o.end
				break
			}
		}
		if r.end > max(end, e.last) {
			return false
		}
	}
	return true
}
