package solver

// exactSolveMaxTasks is the largest problem a worker searches exactly.
// On PSPLIB's J30 (32 tasks with the two dummies) alone it proves every
// instance within 6.3 s (reversed, with the optimum plus one to beat),
// and a J30 solve at a 1 s limit ends in 0.03 s on average. Larger sets were not measured (J60 is not here; J120,
// 122 tasks, is far beyond a tree search), and there the worker is
// better spent on the activity-list search.
const exactSolveMaxTasks = 40

// exactNodesPerIteration is how many branch and bound nodes count as one
// iteration: about what one activity list (decoded and justified) costs
// on J30 (6-11 µs a list against 0.4-0.6 µs a node, measured on four
// instances), so that Options.Iterations buys both workers similar time.
const exactNodesPerIteration = 16

// runExact searches a small plain problem exactly (exactSearch) on the
// second worker, to the end of the tree or of the worker's limits. It
// reports whether the worker's search is over: false when the problem is
// not for it, or when the tree holds no schedule (deadlines), so that the
// worker goes on as before. A proof (the best schedule found, or the
// best the other workers published when it drew on theirs, is optimal)
// is kept in the control for the solution's bound. A search with no
// iteration cap reads the other workers' best makespan as its bound to
// beat and, once proven, stops them; one with a cap neither reads nor
// stops them, so that it stays repeatable.
func (w *worker) runExact() bool {
	p := w.st.p
	if w.idx != 1 || len(p.Tasks) > exactSolveMaxTasks {
		return false
	}
	// The reversed problem first, where there is one: its trees are the
	// smaller on J30 (all 480 instances proved within 20 million nodes,
	// 27 s in all and 6.3 s at most, given the optimum plus one to beat;
	// forwards j3013_1 alone took 19 s).
	plain := newPlainSGS(p)
	if plain == nil {
		return false
	}
	var forwardTopo []int32
	x := newExactSearchOf(plain.reversed(Slot(p.Slots)), Slot(p.Slots))
	if x != nil {
		forwardTopo = p.drv.topoIdx
	} else if x = newExactSearchOf(plain, Slot(p.Slots)); x == nil {
		return false
	}
	// The exact search never meets the LNS workers (exchange): leave
	// now, so that a worker searching by LNS does not wait for it.
	w.leaveExchange()
	shared := w.ctl.iterCap <= 0
	counted, reached := 0, false
	x.stop = func(nodes int) bool {
		w.iters = nodes / exactNodesPerIteration
		w.ctl.iters.Add(int64(w.iters - counted))
		counted = w.iters
		if shared {
			if ms, ok := w.ctl.bestMakespan(); ok && ms < x.bestMs {
				x.bestMs = ms
			}
			if x.bestMs <= Slot(w.ctl.lbMakespan.Load()) {
				reached = true // the lower bound is reached: nothing to prove
				return true
			}
		}
		return w.ctl.stop(w.iters)
	}
	x.found = func() {
		if w.st.decode(x.forwardList(forwardTopo)) {
			w.consider()
		}
	}
	proved := x.run()
	switch {
	case reached:
		w.ctl.proven.Store(true)
	case !proved:
		// Stopped by the limits: the worker has spent its share.
	case x.bestMs == farSlot:
		return false
	default:
		w.ctl.exactProof.Store(int64(x.bestMs))
		if shared {
			w.ctl.setBound(Bound{Makespan: x.bestMs})
			w.ctl.proven.Store(true)
		}
	}
	return true
}

// bestMakespan is the makespan of the best feasible schedule published
// so far.
func (c *control) bestMakespan() (Slot, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.makespan, c.feasible
}
