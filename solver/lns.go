package solver

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// lateAcceptanceLength is the history length of late-acceptance hill
// climbing: a candidate is accepted when it is no worse than the current
// schedule or than the one of that many iterations ago.
const lateAcceptanceLength = 64

// ruinMaxSize is the most tasks one LNS step takes out (drawn uniformly
// from 1 up to it, and at most a quarter of the movable tasks plus two).
// Small steps are cheap, and after the insertion learned to fill paid
// days (tryFills) they are also the ones that pay: at 10 s, 10 against
// the former 40 gave a mean of £1,144,316 against £1,154,546 on the
// generated 10-episode series (seeds 1-4; 5, 7 and 20 in between), and
// on iMOPSE (every 6th, 5 s) -0.65 % against -0.20 % from the 23 Nov
// makespans.
const ruinMaxSize = 10

// wideAfter is how many LNS steps without a feasible schedule go by
// before insertions look at every start (state.everyStart): most searches
// that start infeasible are repaired within a few steps the usual way,
// and then find the schedule they always found.
const wideAfter = 8

// wideMostLeft is the most tasks left out for which insertions look at
// every start: the wide look costs up to a day's slots times as much, so
// it is kept for a search stuck on its last session or two, not for a
// repair of many (a 40-episode series cut short by its time limit).
const wideMostLeft = 2

// improveEps ignores cost changes below rounding noise.
const improveEps = 1e-7

// control is what every worker reads to know when to stop, and where it
// reports progress. Only stop reads the clock; no search decision does.
type control struct {
	ctx      context.Context
	begin    time.Time
	deadline time.Time // zero when there is no time limit
	giveUp   time.Time // zero when never; see Options.GiveUpAfter
	iterCap  int       // per worker; 0 when none
	// firstOnly stops a worker at its first feasible schedule; see
	// Options.FirstFeasible.
	firstOnly bool

	// anyFeasible is set once some worker has found a feasible schedule.
	anyFeasible atomic.Bool

	// Lower bounds proven so far (LowerBound runs beside the search); a
	// worker whose best reaches them stops, since it cannot improve.
	lbMakespan atomic.Int64
	lbCost     atomic.Uint64 // math.Float64bits; 0 means none yet
	// exactProof is the makespan the exact search proved optimal (0 when
	// none); proven is set with it when that ends every worker.
	exactProof atomic.Int64
	proven     atomic.Bool

	// exch lets the LNS workers meet (nil with one worker).
	exch *exchange

	mu       sync.Mutex
	best     float64
	feasible bool
	makespan Slot
	iters    atomic.Int64
}

// stop reports whether a worker that has done iter iterations must stop.
func (c *control) stop(iter int) bool {
	if c.iterCap > 0 && iter >= c.iterCap {
		return true
	}
	if c.ctx.Err() != nil || c.proven.Load() {
		return true
	}
	if c.deadline.IsZero() && c.giveUp.IsZero() {
		return false
	}
	now := time.Now()
	if !c.giveUp.IsZero() && !now.Before(c.giveUp) && !c.anyFeasible.Load() {
		return true
	}
	return !c.deadline.IsZero() && !now.Before(c.deadline)
}

// setBound publishes a proven lower bound.
func (c *control) setBound(b Bound) {
	if int64(b.Makespan) > c.lbMakespan.Load() {
		c.lbMakespan.Store(int64(b.Makespan))
	}
	if b.Cost > 0 {
		c.lbCost.Store(math.Float64bits(b.Cost))
	}
}

// atBound reports whether a feasible schedule of this cost and makespan
// is proven optimal.
func (c *control) atBound(obj float64, makespan Slot, pure bool) bool {
	if pure {
		return int64(makespan) <= c.lbMakespan.Load()
	}
	lb := c.lbCost.Load()
	return lb != 0 && obj <= math.Float64frombits(lb)+improveEps
}

// publish records a worker's new best for progress reports.
func (c *control) publish(obj float64, feasible bool, makespan Slot) {
	if feasible {
		c.anyFeasible.Store(true)
	}
	c.mu.Lock()
	if (feasible && !c.feasible) || (feasible == c.feasible && obj < c.best) {
		c.best, c.feasible, c.makespan = obj, feasible, makespan
	}
	c.mu.Unlock()
}

// worker is one search thread with its own state and random generator.
type worker struct {
	idx int
	st  *state
	rng *rand.Rand
	ctl *control

	best          []Placement
	bestObj       float64
	bestFeasible  bool
	bestMakespan  Slot
	iters         int
	improving     int
	left          bool // has left the exchange
	firstFeasible time.Duration
	bestAt        time.Duration
	err           error
}

// consider keeps the current state of st when it beats the worker's best.
func (w *worker) consider() {
	st := w.st
	feas := st.feasible()
	obj := st.objective()
	if w.best != nil && !(feas && !w.bestFeasible) && obj >= w.bestObj-improveEps {
		return
	}
	now := time.Since(w.ctl.begin)
	if feas && !w.bestFeasible {
		w.firstFeasible = now
	}
	w.best = st.snapshot(w.best)
	w.bestObj, w.bestFeasible, w.bestAt, w.bestMakespan = obj, feas, now, st.maxEnd
	w.ctl.publish(obj, feas, st.maxEnd)
}

// runLNS improves the worker's schedule by large neighbourhood search:
// ruin a few tasks, recreate them greedily with noise or by regret, and
// accept by late acceptance.
func (w *worker) runLNS() {
	st, rng := w.st, w.rng
	p := st.p
	n := len(p.Tasks)
	movable := 0
	for t := range p.Tasks {
		if p.Tasks[t].Pin == nil {
			movable++
		}
	}
	w.consider()
	if movable == 0 {
		return
	}
	cur := st.objective()
	var hist [lateAcceptanceLength]float64
	for i := range hist {
		hist[i] = cur
	}
	kmax := min(movable, max(2, min(ruinMaxSize, movable/4+2)))
	kinds := ruinKinds
	if st.dv.spd <= 0 {
		kinds = ruinTimeless
	}
	first := w.iters
	for !w.ctl.stop(w.iters) {
		if w.bestFeasible && (w.ctl.firstOnly || w.ctl.atBound(w.bestObj, w.bestMakespan, false)) {
			break
		}
		st.everyStart = !w.bestFeasible && w.iters-first >= wideAfter && n-st.nPlaced <= wideMostLeft
		it := w.iters
		w.iters++
		if it%64 == 0 {
			w.ctl.iters.Add(64)
		}
		if w.meetOthers(it) {
			cur = st.objective()
			for i := range hist {
				hist[i] = cur
			}
		}
		removed := st.sc.removed[:0]
		if st.nPlaced < n { // a schedule with every task placed needs no walk
			for t := 0; t < n; t++ {
				if !st.placed[t] && p.Tasks[t].Pin == nil {
					removed = append(removed, TaskID(t))
				}
			}
			if rng.IntN(2) == 0 {
				removed = st.withNeighbours(removed)
			}
		}
		k := 1 + rng.IntN(kmax)
		kind := ruinKind(rng.IntN(int(kinds)))
		handed := false
		var h dayHandover
		if kind == ruinHandover {
			removed, h, handed = st.handOverDay(removed, rng)
			if !handed {
				kind = ruinPool
			}
		}
		if !handed {
			removed = st.ruin(removed, kind, len(removed)+k, rng)
		}
		for _, t := range removed {
			st.sc.oldWas[t] = st.placed[t]
			if st.placed[t] {
				st.sc.oldStart[t] = st.start[t]
				copy(st.sc.oldRes[t], st.res[t])
				st.unplace(t)
			}
		}
		st.sortTopo(removed)
		st.sc.removed = removed
		if handed {
			st.recreateHandedOver(removed, h, rng, 0.6*rng.Float64())
		} else if len(removed) <= 12 && rng.IntN(4) == 0 {
			st.regretRecreate(removed, rng)
		} else {
			st.greedyRecreate(removed, rng, 0.6*rng.Float64())
		}
		st.justInTime(removed)
		st.resync()
		obj := st.objective()
		v := it % lateAcceptanceLength
		if obj <= cur+improveEps || obj <= hist[v] {
			if obj < cur-improveEps {
				w.improving++
			}
			cur = obj
			if obj < w.bestObj-improveEps || (st.feasible() && !w.bestFeasible) {
				w.consider()
			}
		} else {
			st.restore(removed)
		}
		hist[v] = cur
	}
	st.everyStart = false // a stuck search's wide look ends with it
}

// restore puts the removed tasks back where they were before a rejected
// move.
func (st *state) restore(removed []TaskID) {
	for _, t := range removed {
		if st.placed[t] {
			st.unplace(t)
		}
	}
	for _, t := range removed {
		if !st.sc.oldWas[t] {
			continue
		}
		res := st.sc.oldRes[t]
		pieces, end, _ := st.p.expand(st.sc.pieces, &st.p.Tasks[t], st.sc.oldStart[t], res)
		st.sc.pieces = pieces
		st.place(t, st.sc.oldStart[t], res, pieces, end)
	}
	st.resync()
}

// sortTopo sorts tasks by topological position (insertion sort: the
// lists are short).
func (st *state) sortTopo(ts []TaskID) {
	idx := st.dv.topoIdx
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && idx[ts[j]] < idx[ts[j-1]]; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}
