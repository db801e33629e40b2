package solver

// Peak crossover, after Valls, Ballestín and Quintanilla (2008): a
// stretch of the schedule where the resources are packed tight is what a
// good activity list has to pass on, and two-point crossover cuts it
// apart wherever its points fall.

// peakWindow is the stretch [first, last) of [0, ms), span slots long
// (ms when span is longer), where the schedule with starts start (the
// plain scheme's tasks) loads the resources most, by the sum over slots
// and resources of usage over capacity. load is scratch of at least ms
// entries.
func (g *plainSGS) peakWindow(start []Slot, ms, span Slot, load []float64) (first, last Slot) {
	load = load[:ms]
	clear(load)
	for t, s := range start {
		for _, dm := range g.dem[t] {
			u := float64(dm.units) / float64(g.capacity[dm.r])
			for x := s; x < min(s+g.dur[t], ms); x++ {
				load[x] += u
			}
		}
	}
	span = min(span, ms)
	best, sum := -1.0, 0.0
	for x := range ms {
		sum += load[x]
		if x >= span {
			sum -= load[x-span]
		}
		if x >= span-1 && sum > best {
			best, first = sum, x-span+1
		}
	}
	return first, first + span
}

// peakCrossover is a child that keeps the mother's peak: the tasks she
// starts in peakWindow, in her order, after the tasks she starts before
// it and before those she starts after it, both in the father's order.
// mStart holds the mother's starts (in the scheme's direction), ms her
// makespan. It returns nil when the mother has no schedule (ms outside
// [1, len(load)]). The child is precedence-feasible when both parents
// are and no lag is negative: a task's predecessors start no later than
// it in the mother's schedule, so they fall in its part or an earlier
// one, and each part keeps the order of a feasible list.
func (g *plainSGS) peakCrossover(mother, father []TaskID, mStart []Slot, ms, span Slot, load []float64) []TaskID {
	if ms <= 0 || int(ms) > len(load) || span <= 0 || len(mStart) != len(mother) {
		return nil
	}
	first, last := g.peakWindow(mStart, ms, span, load)
	child := make([]TaskID, 0, len(mother))
	for _, t := range father {
		if mStart[t] < first {
			child = append(child, t)
		}
	}
	for _, t := range mother {
		if s := mStart[t]; s >= first && s < last {
			child = append(child, t)
		}
	}
	for _, t := range father {
		if mStart[t] >= last {
			child = append(child, t)
		}
	}
	return child
}
