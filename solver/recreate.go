package solver

import (
	"math"
	"math/rand/v2"
)

// Insertion limits: how many feasible starts a cost-aware insertion
// compares (in abstract time, or on a calendar of days, where they are
// the first start on each day), and how far past the first one it looks.
//
// Eight days rather than six: an episode's VFX shots, free from its lock
// on a Thursday, were compared on Thursday to the next Thursday only,
// so the cheapest artists worked Monday to Thursday at their day rate
// while the Friday that would have made their weekly hire pay went
// unused. Generated 10-episode series, 200,000 steps, seeds 1-8: mean
// £1,131,736 against £1,135,324 (-0.32 %, 6 seeds better); ten gained no
// more. In abstract time iMOPSE (every 6th, 5 s) lost with eight
// (-0.49 % against -0.71 % from the 23 Nov makespans), so it keeps six.
// Eight working days reach past ten calendar days over a weekend or a
// bank holiday, so the span is fourteen: £1,129,779 against £1,131,736
// at 200,000 steps (6 of 8 seeds better).
const (
	insertCandidates     = 6
	insertCandidatesDays = 8
	insertSpanDays       = 14
)

// insertion is the best and second-best way found to insert a task.
type insertion struct {
	ok           bool
	start, end   Slot
	score        float64 // cost the insertion adds (penalties for caps included)
	second       float64 // score of the runner-up start (+Inf when none)
	res          []ResourceID
	pieces       []Interval
	resBuf       []ResourceID
	piecesBuffer []Interval
}

// findInsertion compares the first few feasible starts of task t (the
// earliest, then the first one on each following day, or further on in
// abstract time), choosing resources by cost, and keeps the best two.
// A search that is stuck (state.everyStart) compares every start instead,
// and half the time keeps one drawn at random.
func (st *state) findInsertion(t TaskID, rng *rand.Rand, noise float64, in *insertion) {
	in.ok = false
	in.score, in.second = math.Inf(1), math.Inf(1)
	lo, hi := st.startBounds(t)
	d := Slot(st.p.Tasks[t].Duration)
	found, extra := 0, 0
	limit := hi
	task := &st.p.Tasks[t]
	most := insertCandidates
	if st.dv.spd > 0 {
		most = insertCandidatesDays
	}
	anyStart := false
	if st.everyStart {
		// No schedule yet: look wider and choose more at random, since
		// the cheapest start for this task may be the one that leaves
		// no room for the next.
		if st.dv.spd > 0 {
			most *= st.dv.spd
		} else {
			most *= int(max(1, d/2))
		}
		noise = max(noise, 1)
		// Noise scales with a score, so a milestone (nothing to pay)
		// always took its cheapest start: half the time the
		// start is drawn at random, those that break no cap first.
		anyStart = rng.IntN(2) == 0
	}
	for s := lo; s <= limit && found < most; {
		if s = st.p.nextInWindow(task, s); s > limit {
			break
		}
		sc, end, ok, jump := st.tryStart(t, s, forward, true, rng, noise)
		if !ok {
			s = max(jump, s+1)
			continue
		}
		if found == 0 && extra == 0 {
			span := 4*d + 8
			if st.dv.spd > 0 {
				span = Slot(insertSpanDays * st.dv.spd)
			}
			limit = min(hi, s+span)
		}
		key := blur(sc, noise, rng)
		if anyStart {
			key = rng.Float64()
			if sc >= travelPenalty {
				key++
			}
		}
		in.offer(s, end, key, st.sc.res, st.sc.pieces)
		if st.dv.spd > 0 {
			st.tryFills(t, s, limit, rng, noise, in)
			if sc >= travelPenalty && extra < st.dv.spd {
				// A start that leaves no time to travel (or breaks a cap)
				// may be a slot or two from one that does not: the
				// journey fits once the work ends before a closed hour.
				// It is not counted, so that a day of such starts does
				// not use up the ones worth comparing.
				extra++
				s++
				continue
			}
		}
		found++
		switch {
		case st.everyStart:
			s++
		case st.dv.spd > 0:
			s = max(s+1, Slot((st.dv.dayOf(s)+1)*st.dv.spd))
		default:
			s += max(1, d/2)
		}
	}
	in.res, in.pieces = in.resBuf, in.piecesBuffer
}

// blur adds noise to a score: up to noise times its size (plus one), so
// that ties and near-ties break differently from one step to the next.
// With no noise it draws nothing from rng.
func blur(sc, noise float64, rng *rand.Rand) float64 {
	if noise > 0 {
		sc += noise * rng.Float64() * (math.Abs(sc) + 1)
	}
	return sc
}

// offer keeps the start s (ending at end, on res in pieces) when its
// score beats the best or the runner-up so far.
func (in *insertion) offer(s, end Slot, sc float64, res []ResourceID, pieces []Interval) {
	if sc < in.score {
		in.second = in.score
		in.ok, in.start, in.end, in.score = true, s, end, sc
		in.resBuf = append(in.resBuf[:0], res...)
		in.piecesBuffer = append(in.piecesBuffer[:0], pieces...)
	} else if sc < in.second {
		in.second = sc
	}
}

// insertBest inserts task t at the cheapest of its first feasible starts.
func (st *state) insertBest(t TaskID, rng *rand.Rand, noise float64) bool {
	in := &st.sc.ins
	st.findInsertion(t, rng, noise, in)
	if !in.ok {
		return false
	}
	st.place(t, in.start, in.res, in.pieces, in.end)
	return true
}

// insertEarliest inserts task t at its earliest feasible start, choosing
// the cheapest resources there.
func (st *state) insertEarliest(t TaskID, rng *rand.Rand, noise float64) bool {
	return st.earliestFit(t, farSlot, true, rng, noise)
}

// greedyRecreate inserts the tasks (in topological order) one by one at
// their best start, with noise on the scores.
func (st *state) greedyRecreate(tasks []TaskID, rng *rand.Rand, noise float64) {
	for _, t := range tasks {
		if !st.placed[t] {
			st.insertBest(t, rng, noise)
		}
	}
}

// regretRecreate repeatedly inserts, among the tasks whose removed
// predecessors are all back, the one with the largest regret: the gap
// between its best and second-best insertion.
func (st *state) regretRecreate(tasks []TaskID, rng *rand.Rand) {
	left := append(st.sc.left[:0], tasks...)
	for len(left) > 0 {
		bi, bestRegret := -1, math.Inf(-1)
		bestScore := math.Inf(1)
		for i, t := range left {
			if !st.readyAmong(t, left) {
				continue
			}
			in := &st.sc.ins
			st.findInsertion(t, rng, 0, in)
			if !in.ok {
				continue
			}
			reg := in.second - in.score
			if bi < 0 || reg > bestRegret || (reg == bestRegret && in.score < bestScore) {
				bi, bestRegret, bestScore = i, reg, in.score
			}
		}
		if bi < 0 {
			break
		}
		t := left[bi]
		st.insertBest(t, rng, 0)
		copy(left[bi:], left[bi+1:])
		left = left[:len(left)-1]
	}
	st.sc.left = left
}

// readyAmong reports whether no predecessor of t is still in left.
func (st *state) readyAmong(t TaskID, left []TaskID) bool {
	for _, ei := range st.p.pred[t] {
		from := st.p.Precedences[ei].From
		if !st.placed[from] && containsTask(left, from) {
			return false
		}
	}
	return true
}

func containsTask(ts []TaskID, t TaskID) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}
