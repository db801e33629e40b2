package solver

import (
	"cmp"
	"slices"
)

// Activity-list search for makespan objectives (PSPLIB): a genetic
// algorithm over precedence-feasible activity lists (two-point crossover
// and adjacent-swap plus shift mutation, after Hartmann 1998; on plain
// problems half the children come from peak crossover, alist_peak.go),
// each list decoded by the serial schedule generation scheme and
// improved by forward–backward improvement (justification, Valls,
// Ballestín and Quintanilla 2005). On plain problems the lists are
// evaluated by the flat scheme of alist_fast.go.

// gaMutation is the chance of each adjacent swap.
const gaMutation = 0.05

// peakChance is the share of children bred by peak crossover on plain
// problems, and peakSpanMin and peakSpanMax bound the length of the
// mother's stretch it keeps, as shares of her makespan (drawn evenly in
// between). Every 30th J120 instance at 140,000 lists per worker, seeds
// 1-6: +0.91 % over the best known on average with two-point crossover
// alone, +0.73 % so (each seed better). On seeds 1-3, peak crossover
// for every child gave +0.74 % and stretches of up to half the makespan
// +0.70 %, against +0.64 % for this on the same random stream.
const (
	peakChance  = 0.5
	peakSpanMin = 0.05
	peakSpanMax = 0.30
)

// gaSizes is the number of activity lists kept (population) and how many
// generations without a better makespan trigger a restart from fresh
// lists, keeping the best one (restartAfter), for a problem of n tasks:
// 40 and 40 up to PSPLIB's J30 (32 tasks with the two dummies), rising
// in a line to 400 and 200 at J120's 122 and staying there. Forty lists
// find J30's optima fastest, but on J120 a small population agrees with
// itself within seconds and more time then buys little; a large one
// stays apart for longer. Every 30th J120 instance, 140,000 lists per
// worker, seeds 1-6, mean over the best known: 200 and 100, +0.73 %;
// 300 and 100, +0.66 %; 300 and 150, +0.65 %; 400 and 200, +0.60 %;
// 600 and 300, +0.63 % (and at 10 s, 40 against 200: +1.04 % and
// +0.85 %).
func gaSizes(n int) (population, restartAfter int) {
	f := min(max(float64(n-32)/90, 0), 1)
	return 40 + int(360*f+0.5), 40 + int(160*f+0.5)
}

// individual is an activity list, the makespan it decodes to and a hash of
// its schedule's starts (to keep the population free of duplicates).
type individual struct {
	list   []TaskID
	ms     Slot
	hash   uint64
	starts []Slot // the plain scheme's starts, for peakCrossover
}

// startsHash is an FNV-1a hash of the state's start slots.
func (st *state) startsHash() uint64 {
	h := uint64(14695981039346656037)
	for _, s := range st.start {
		h ^= uint64(uint32(s))
		h *= 1099511628211
	}
	return h
}

// decode schedules the list by the serial SGS: pins first, then each task
// at its earliest feasible start. It reports false when a task does not
// fit.
func (st *state) decode(list []TaskID) bool {
	st.clear()
	if st.placePins() != nil {
		return false
	}
	for _, t := range list {
		if !st.placed[t] && !st.placeEarliest(t) {
			return false
		}
	}
	return true
}

// justify runs forward–backward improvement on a list that decode has
// just scheduled: right-justify every task against the makespan in order
// of decreasing end, then left-justify in order of the new starts. It
// rewrites list in the order of the final schedule's starts, leaves that
// schedule in the state and returns its makespan, or false when the list
// does not decode.
func (st *state) justify(list []TaskID, key []Slot, rounds int) (Slot, bool) {
	if !st.decode(list) {
		return 0, false
	}
	ms := st.maxEnd
	idx := st.dv.topoIdx
	for round := 0; round < rounds; round++ {
		for t := range key {
			key[t] = st.end[t]
		}
		slices.SortFunc(list, func(a, b TaskID) int {
			if c := cmp.Compare(key[b], key[a]); c != 0 {
				return c
			}
			return cmp.Compare(idx[b], idx[a])
		})
		st.clear()
		ok := st.placePins() == nil
		for _, t := range list {
			if ok && !st.placed[t] {
				ok = st.placeLatest(t, ms)
			}
		}
		if ok {
			for t := range key {
				key[t] = st.start[t]
			}
		}
		// Back to increasing order (of backward starts when the pass
		// worked, else of the forward ends, which is still feasible).
		slices.SortFunc(list, func(a, b TaskID) int {
			if c := cmp.Compare(key[a], key[b]); c != 0 {
				return c
			}
			return cmp.Compare(idx[a], idx[b])
		})
		if !st.decode(list) {
			return 0, false
		}
		if !ok || st.maxEnd >= ms {
			ms = min(ms, st.maxEnd)
			break
		}
		ms = st.maxEnd
	}
	return st.maxEnd, true
}

// runActivityList is the genetic algorithm over activity lists.
func (w *worker) runActivityList() {
	st, rng := w.st, w.rng
	p := st.p
	n := len(p.Tasks)
	key := make([]Slot, n)
	if cp := int64(st.criticalPathBound()); cp > w.ctl.lbMakespan.Load() {
		w.ctl.lbMakespan.Store(cp)
	}
	gaPopulation, gaRestartAfter := gaSizes(n)
	pop := make([]individual, 0, 2*gaPopulation)
	it := 0
	// On plain problems the flat scheme evaluates lists, and the state
	// rebuilds only a new best (the same schedule, from the same list).
	// Where the problem can be read backwards, odd workers start on the
	// reversed problem and every worker turns round at each restart.
	plain := newPlainSGS(p)
	var schemes [2]*plainSGS
	dir := 0
	if plain != nil {
		schemes[0] = plain
		if schemes[1] = plain.reversed(Slot(p.Slots)); schemes[1] != nil {
			dir = w.idx % 2
			plain = schemes[dir]
		}
	}
	fwd := make([]TaskID, n)
	load := make([]float64, p.Slots+1) // peakCrossover's scratch
	breed := func(mother, father *individual) []TaskID {
		if plain != nil && rng.Float64() < peakChance {
			span := Slot(float64(mother.ms) * (peakSpanMin + (peakSpanMax-peakSpanMin)*rng.Float64()))
			if child := plain.peakCrossover(mother.list, father.list, mother.starts, mother.ms, span, load); child != nil {
				return child
			}
		}
		return st.crossover(mother.list, father.list, rng)
	}
	evaluate := func(ind *individual) bool {
		if plain != nil {
			ms, ok := plain.justify(ind.list, key, 2)
			if !ok {
				ind.ms = farSlot
				return false
			}
			ind.ms, ind.hash = ms, plain.startsHash()
			ind.starts = append(ind.starts[:0], plain.start...)
			if w.bestFeasible && ms >= w.bestMakespan {
				return false
			}
			decoded := ind.list
			if dir == 1 {
				copy(fwd, ind.list)
				plain.mirrorList(fwd, schemes[0])
				decoded = fwd
			}
			if !st.decode(decoded) {
				return false
			}
		} else {
			ms, ok := st.justify(ind.list, key, 2)
			if !ok {
				ind.ms = farSlot
				return false
			}
			ind.ms, ind.hash = ms, st.startsHash()
		}
		w.consider()
		return w.bestFeasible && (w.ctl.firstOnly || w.ctl.atBound(w.bestObj, w.bestMakespan, true))
	}
	done := false
	seedPop := func(first bool) {
		for i := len(pop); i < gaPopulation && !done && (first && i == 0 || !w.ctl.stop(it)); i++ {
			noise := 1.0
			if first && i == 0 {
				noise = 0
			}
			ind := individual{list: w.seedList(dir == 1, noise)}
			done = evaluate(&ind)
			pop = append(pop, ind)
			it++
			w.iters++
		}
	}
	seedPop(true)
	if !w.bestFeasible {
		return // no list decodes: the caller falls back to LNS repair
	}
	stale, popBest := 0, Slot(farSlot)
	restarts := 0
	for !done && !w.ctl.stop(it) {
		if stale >= gaRestartAfter {
			slices.SortStableFunc(pop, func(a, b individual) int { return cmp.Compare(a.ms, b.ms) })
			pop = pop[:1]
			// Every other restart drops the best list too (the worker
			// keeps the best schedule): kept, it pulls the new lists
			// back into its basin, where a hard J120 instance stays
			// for good (j12016_1 at 203 from 10 s to 40 s, seed 1).
			// Every 30th J120 instance at 10 s, seeds 1-3: +0.77,
			// +0.93, +0.86 % over the best known with the best always
			// kept; +0.68, +0.75, +0.73 % so; +0.87, +0.71 % (seeds
			// 1-2) with it never kept.
			if restarts++; restarts%2 == 0 {
				pop[0].list = w.seedList(dir == 1, 1)
				done = evaluate(&pop[0])
			}
			if schemes[1] != nil {
				// Turn round, keeping the list it restarts from, mirrored.
				if _, ok := plain.justify(pop[0].list, key, 0); ok {
					other := schemes[1-dir]
					plain.mirrorList(pop[0].list, other)
					dir, plain = 1-dir, other
					done = evaluate(&pop[0])
				}
			}
			seedPop(false)
			stale, popBest = 0, farSlot
		}
		m := len(pop)
		rng.Shuffle(m, func(i, j int) { pop[i], pop[j] = pop[j], pop[i] })
		for i := 0; i+1 < m && !done && !w.ctl.stop(it); i += 2 {
			for c := 0; c < 2 && !done; c++ {
				mother, father := &pop[i], &pop[i+1]
				if c == 1 {
					mother, father = father, mother
				}
				child := individual{list: breed(mother, father)}
				st.mutate(child.list, dir == 1, rng)
				done = evaluate(&child)
				if child.ms < pop[i].ms && child.ms < pop[i+1].ms {
					w.improving++
				}
				pop = append(pop, child)
				it++
				w.iters++
				if it%64 == 0 {
					w.ctl.iters.Add(64)
				}
			}
		}
		slices.SortStableFunc(pop, func(a, b individual) int { return cmp.Compare(a.ms, b.ms) })
		pop = dedup(pop)
		pop = pop[:min(len(pop), gaPopulation)]
		if pop[0].ms < popBest {
			popBest, stale = pop[0].ms, 0
		} else {
			stale++
		}
	}
	// Leave the best schedule in the state for the caller.
	if w.best != nil {
		st.loadPlacements(w.best)
	}
}

// seedList is a fresh activity list: the latest-start priority list, or
// for the reversed problem the forward list by earliest finish, read
// backwards (the latest start of the reversed problem, up to the
// makespan). Noise blurs either as priorityList describes.
func (w *worker) seedList(reversed bool, noise float64) []TaskID {
	p := w.st.p
	if !reversed {
		return p.priorityList(nil, w.rng, noise)
	}
	key := make([]float64, len(p.Tasks))
	for t := range p.Tasks {
		key[t] = float64(p.drv.est[t] + Slot(p.Tasks[t].Duration))
	}
	list := p.keyedList(nil, key, w.rng, noise)
	slices.Reverse(list)
	return list
}

// dedup drops individuals whose schedule equals one already kept (the
// population is sorted by makespan, so only equal makespans compare).
func dedup(pop []individual) []individual {
	out := pop[:0]
	for _, ind := range pop {
		dup := false
		for j := len(out) - 1; j >= 0 && out[j].ms == ind.ms; j-- {
			if out[j].hash == ind.hash {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, ind)
		}
	}
	return out
}

// crossover is the two-point crossover of activity lists: the mother's
// first q1 tasks, then the father's next tasks not yet taken up to q2,
// then the mother's remaining tasks, in their own orders.
func (st *state) crossover(mother, father []TaskID, rng interface{ IntN(int) int }) []TaskID {
	n := len(mother)
	q1 := rng.IntN(n + 1)
	q2 := q1 + rng.IntN(n-q1+1)
	child := make([]TaskID, 0, n)
	taken := st.sc.mark
	child = append(child, mother[:q1]...)
	for _, t := range mother[:q1] {
		taken[t] = true
	}
	for _, t := range father {
		if len(child) >= q2 {
			break
		}
		if !taken[t] {
			taken[t] = true
			child = append(child, t)
		}
	}
	for _, t := range mother {
		if !taken[t] {
			taken[t] = true
			child = append(child, t)
		}
	}
	for _, t := range child {
		taken[t] = false
	}
	return child
}

// mutate swaps neighbours of the list with a small probability when no
// precedence links them, then shifts one random task (see shift): the
// shift lets a child move a task far, which hard instances need. A
// reversed list reads every precedence backwards.
func (st *state) mutate(list []TaskID, reversed bool, rng interface {
	Float64() float64
	IntN(int) int
}) {
	for i := 0; i+1 < len(list); i++ {
		if rng.Float64() < gaMutation && !st.linkedIn(list[i], list[i+1], reversed) {
			list[i], list[i+1] = list[i+1], list[i]
		}
	}
	st.shift(list, rng.IntN(len(list)), reversed, rng)
}

// shift moves list[i] to a random position where the list stays
// precedence-feasible (in the list's direction).
func (st *state) shift(list []TaskID, i int, reversed bool, rng interface{ IntN(int) int }) {
	t := list[i]
	lo, hi := i, i
	for lo > 0 && !st.linkedIn(list[lo-1], t, reversed) {
		lo--
	}
	for hi+1 < len(list) && !st.linkedIn(t, list[hi+1], reversed) {
		hi++
	}
	j := lo + rng.IntN(hi-lo+1)
	if j < i {
		copy(list[j+1:i+1], list[j:i])
	} else {
		copy(list[i:j], list[i+1:j+1])
	}
	list[j] = t
}

// linked reports whether a precedence goes from a to b.
func (st *state) linked(a, b TaskID) bool {
	for _, ei := range st.p.succ[a] {
		if st.p.Precedences[ei].To == b {
			return true
		}
	}
	return false
}

// criticalPathBound is the resource-free lower bound on the makespan.
func (st *state) criticalPathBound() Slot {
	var lb Slot
	for t := range st.p.Tasks {
		lb = max(lb, st.dv.est[t]+Slot(st.p.Tasks[t].Duration))
	}
	return lb
}

// loadPlacements replaces the state's schedule with placements that are
// known to be feasible (a worker's own best).
func (st *state) loadPlacements(pl []Placement) {
	st.clear()
	for _, t := range st.p.topo {
		pieces, end, _ := st.p.expand(st.sc.pieces, &st.p.Tasks[t], pl[t].Start, pl[t].Resources)
		st.sc.pieces = pieces
		st.place(t, pl[t].Start, pl[t].Resources, pieces, end)
	}
	st.resync()
}
