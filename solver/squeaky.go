package solver

// squeakyRounds caps the rebuilds after a construction that left tasks
// unplaced.
const squeakyRounds = 24

// windowStarts returns the window-aware latest starts, working them out
// once per problem.
func (p *Problem) windowStarts() []Slot {
	dv := p.drv
	dv.wlstOnce.Do(func() { dv.wlst = p.windowLatestStarts() })
	return dv.wlst
}

// squeak repairs a construction that left tasks unplaced by squeaky-wheel
// optimisation: each round blames the tasks that could not be placed and
// every task they wait for (the picture-lock chain before an artiste's
// ADR), moves them forward in the priority order, by more each round,
// and rebuilds the schedule time-first from scratch. Even rounds order by
// the window-aware latest starts, so that an agent's window a few days
// wide pulls its chain early from the first round on; odd rounds by the
// plain latest starts, for when the windows mislead (a warm start that
// holds the later sessions of a chain, say). Blame carries over between
// the two.
//
// It stops at the first complete schedule, after squeakyRounds rounds or
// when the search must stop, and leaves st at the rebuild that placed the
// most tasks (the first such, so that a seed and an iteration limit give
// one result), then repairs it by unblockAll. noise blurs the order as
// in priorityList, halved each round so that blame soon outweighs it.
// Rounds are not search iterations: Options.Iterations does not count
// them.
func (w *worker) squeak(warm []Placement, noise float64) error {
	st := w.st
	p := st.p
	n := len(p.Tasks)
	if st.nPlaced == n {
		return nil
	}
	bases := [2][]Slot{p.windowStarts(), p.drv.lst}
	blame := make([]float64, n)
	key := make([]float64, n)
	seen := make([]bool, n)
	var queue, order []TaskID
	step := float64(p.blameStep())
	best, bestRound, round := st.nPlaced, -1, 0
	bestPl := st.snapshot(nil)
	bestPlaced := append([]bool(nil), st.placed...)
	for ; round < squeakyRounds && !w.ctl.stop(w.iters); round++ {
		noise /= 2
		queue = st.blameUnplaced(blame, step*float64(round+1), seen, queue)
		base := bases[round%2]
		for t := range key {
			key[t] = float64(base[t]) - blame[t]
		}
		order = p.keyedList(order, key, w.rng, noise)
		if err := st.constructUntil(order, warm, w.rng, 0.1*noise, false, w.halt); err != nil {
			return err
		}
		if st.nPlaced > best {
			best, bestRound = st.nPlaced, round
			bestPl = st.snapshot(bestPl)
			copy(bestPlaced, st.placed)
		}
		if st.nPlaced == n {
			return nil
		}
	}
	if bestRound != round-1 { // the last rebuild is not the best one
		st.restorePlaced(bestPl, bestPlaced)
	}
	// Blame reorders tasks only within precedence order; a successor
	// boxed in by its predecessors' resources needs them moved aside.
	st.unblockAll(w.halt)
	return nil
}

// halt reports whether the worker must stop before it has done any search
// iteration (the time limit, the context).
func (w *worker) halt() bool { return w.ctl.stop(w.iters) }

// blameStep is how far the first round of blame moves a task forward
// (round r moves it r+1 times as far): half a day, or in abstract time a
// fiftieth of the horizon.
func (p *Problem) blameStep() Slot {
	if spd := p.Calendar.SlotsPerDay; spd > 0 {
		return Slot(max(spd/2, 1))
	}
	return Slot(max(p.Slots/50, 1))
}

// blameUnplaced adds step to the blame of every unplaced task and of every
// task it waits for, directly or not (each once per round). seen and
// queue are scratch space; the queue is returned for reuse.
func (st *state) blameUnplaced(blame []float64, step float64, seen []bool, queue []TaskID) []TaskID {
	p := st.p
	clear(seen)
	queue = queue[:0]
	for t := range p.Tasks {
		if !st.placed[t] && p.Tasks[t].Pin == nil {
			seen[t] = true
			queue = append(queue, TaskID(t))
		}
	}
	for i := 0; i < len(queue); i++ {
		t := queue[i]
		blame[t] += step
		for _, ei := range p.pred[t] {
			if from := p.Precedences[ei].From; !seen[from] {
				seen[from] = true
				queue = append(queue, from)
			}
		}
	}
	return queue
}

// restorePlaced rebuilds st from a snapshot: the tasks marked placed at
// their placements, the others unplaced.
func (st *state) restorePlaced(pl []Placement, placed []bool) {
	st.clear()
	for _, t := range st.p.topo {
		if !placed[t] {
			continue
		}
		pieces, end, _ := st.p.expand(st.sc.pieces, &st.p.Tasks[t], pl[t].Start, pl[t].Resources)
		st.sc.pieces = pieces
		st.place(t, pl[t].Start, pl[t].Resources, pieces, end)
	}
	st.resync()
}
