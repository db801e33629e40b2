package solver

import "sync"

// exchangeEvery is how many LNS iterations a worker runs between two
// meetings of the workers (exchange).
const exchangeEvery = 10000

// exchange lets the LNS workers meet every exchangeEvery iterations and
// go on from the best schedule any of them has found, so that the time of
// both is spent near the better one (a population of the workers' bests,
// the simplest kind). Generated 10-episode series at 10 s, seeds 1-8:
// −0.32 % (meeting every 5,000 or 20,000 iterations gained less). Every worker takes part in every meeting until it
// leaves (its search is over), so that, under an iteration cap, each
// meeting sees the same schedules whatever the machine does: a run stays
// repeatable.
type exchange struct {
	mu      sync.Mutex
	cond    *sync.Cond
	workers int // taking part: every worker until it leaves
	arrived int // at the meeting under way
	rounds  int // meetings held

	// The best schedule posted at the meeting under way, and at the last
	// one held (what the workers take away).
	best, held       []Placement
	bestObj, heldObj float64
	bestIdx, heldIdx int
}

func newExchange(workers int) *exchange {
	x := &exchange{workers: workers, bestIdx: -1, heldIdx: -1}
	x.cond = sync.NewCond(&x.mu)
	return x
}

// meet posts w's best feasible schedule to meeting round (the worker's
// count of meetings so far), waits until every worker still searching has
// posted or left, and returns the best schedule posted (ties to the lowest
// worker index) with the index of the worker that found it, or -1 when
// none was feasible.
func (x *exchange) meet(w *worker, round int) ([]Placement, float64, int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if w.bestFeasible && (x.bestIdx < 0 || w.bestObj < x.bestObj-improveEps ||
		w.bestObj <= x.bestObj+improveEps && w.idx < x.bestIdx) {
		x.best = copyPlacements(x.best, w.best)
		x.bestObj, x.bestIdx = w.bestObj, w.idx
	}
	x.arrived++
	x.closeIfAll()
	for x.rounds == round {
		x.cond.Wait()
	}
	return x.held, x.heldObj, x.heldIdx
}

// leave takes w out of the meetings still to come.
func (x *exchange) leave() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.workers--
	x.closeIfAll()
}

// closeIfAll holds the meeting under way once every worker taking part
// has arrived.
func (x *exchange) closeIfAll() {
	if x.arrived == 0 || x.arrived < x.workers {
		return
	}
	x.held, x.best = x.best, x.held[:0]
	x.heldObj, x.heldIdx = x.bestObj, x.bestIdx
	x.bestIdx, x.arrived = -1, 0
	x.rounds++
	x.cond.Broadcast()
}

// copyPlacements copies src into dst, resources and all (the worker's own
// best keeps changing), reusing dst's memory.
func copyPlacements(dst, src []Placement) []Placement {
	if cap(dst) < len(src) {
		dst = append(dst[:cap(dst)], make([]Placement, len(src)-cap(dst))...)
	}
	dst = dst[:len(src)]
	for i := range src {
		dst[i].Start = src[i].Start
		dst[i].Resources = append(dst[i].Resources[:0], src[i].Resources...)
	}
	return dst
}

// meetOthers is w's part in the meeting due at LNS iteration it: when
// another worker's best beats w's own, w goes on from it. It reports
// whether w's schedule changed.
func (w *worker) meetOthers(it int) bool {
	x := w.ctl.exch
	if x == nil || it == 0 || it%exchangeEvery != 0 {
		return false
	}
	pl, obj, from := x.meet(w, it/exchangeEvery-1)
	if from < 0 || from == w.idx || (w.bestFeasible && obj >= w.bestObj-improveEps) {
		return false
	}
	w.st.loadPlacements(pl)
	w.consider()
	return true
}

// leaveExchange takes w out of the meetings, once.
func (w *worker) leaveExchange() {
	if w.ctl.exch != nil && !w.left {
		w.left = true
		w.ctl.exch.leave()
	}
}
