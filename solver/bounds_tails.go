package solver

import (
	"cmp"
	"context"
	"math/bits"
	"slices"
)

// successorEnergy lowers a task's latest end to when the work on a pool
// that must start after it ends can still be done by its own latest
// ends: the grade, the mix and the ADR of an episode all follow its
// picture lock, and with two colourists its five reels of grade take
// more than the one reel the chain of single sessions counts. It is the
// mirror of precedenceEnergy, read backwards: the jobs that must start
// after a task ends are those of its finish-to-start successors with no
// negative lag, and theirs, and those after a finish-to-finish
// successor's end; the work of the ones with latest ends at or before L
// needs the pool's room between the task's end and L.
type successorEnergy struct {
	pools  []afterPool
	visits int
}

// afterPool is one pool with, per task, the pool's jobs that must start
// after the task ends; sets are shared as in beforePool.
type afterPool struct {
	rm    room
	jobs  []poolJob
	after []Bitset
	own   []bool
}

// newSuccessorEnergy gathers the most loaded pools within the budgets
// shared with precedenceEnergy, or returns nil when none has two jobs.
func newSuccessorEnergy(ctx context.Context, p *Problem, order []TaskID, tb timeBounds) *successorEnergy {
	succ := make([][]int, len(p.Tasks))
	for i, pr := range p.Precedences {
		if pr.Lag >= 0 && pr.fromEnd() {
			succ[pr.From] = append(succ[pr.From], i)
		}
	}
	se := &successorEnergy{}
	for _, c := range loadedPools(ctx, p, tb) {
		se.pools = append(se.pools, newAfterPool(p, order, succ, c.pl, c.rm))
	}
	if len(se.pools) == 0 {
		return nil
	}
	return se
}

// newAfterPool works out, in reverse topological order, which of pl's
// jobs must start after each task ends.
func newAfterPool(p *Problem, order []TaskID, succ [][]int, pl pool, rm room) afterPool {
	n := len(p.Tasks)
	ap := afterPool{rm: rm, jobs: pl.jobs, after: make([]Bitset, n), own: make([]bool, n)}
	jobsOf := make([][]int, n)
	for i, j := range pl.jobs {
		jobsOf[j.task] = append(jobsOf[j.task], i)
	}
	for _, t := range slices.Backward(order) {
		var set Bitset
		for _, i := range succ[t] {
			pr := p.Precedences[i]
			from := ap.after[pr.To]
			// A finish-to-finish successor ends after t; only what
			// follows it is sure to start after t ends.
			own := !pr.toEnd() && len(jobsOf[pr.To]) > 0
			if from == nil && !own {
				continue
			}
			if set == nil && !own {
				set = from
				continue
			}
			if !ap.own[t] {
				copied := NewBitset(len(pl.jobs))
				copy(copied, set)
				set, ap.own[t] = copied, true
			}
			for k := range from {
				set[k] |= from[k]
			}
			if own {
				for _, j := range jobsOf[pr.To] {
					set.Set(Slot(j))
				}
			}
		}
		ap.after[t] = set
	}
	return ap
}

// lower is the latest end of t that the work after it on each pool
// allows, given the latest ends le of the tasks after it; ok is false
// when no pool lowers it.
func (se *successorEnergy) lower(t TaskID, le []Slot) (Slot, bool) {
	best, lowered := Slot(0), false
	var ends []poolJob
	for i := range se.pools {
		ap := &se.pools[i]
		if !ap.own[t] || se.visits > maxBeforeVisits {
			continue
		}
		ends = ends[:0]
		for k, word := range ap.after[t] {
			for ; word != 0; word &= word - 1 {
				j := ap.jobs[k*64+bits.TrailingZeros64(word)]
				ends = append(ends, poolJob{deadline: le[j.task], work: j.work})
			}
		}
		se.visits += len(ends)
		if len(ends) < 2 {
			continue
		}
		slices.SortFunc(ends, func(x, y poolJob) int { return cmp.Compare(x.deadline, y.deadline) })
		work := 0
		for k, j := range ends {
			work += j.work
			if k+1 < len(ends) && ends[k+1].deadline == j.deadline {
				continue
			}
			x := ap.rm.latestStart(j.deadline, work)
			if !lowered || x < best {
				best, lowered = x, true
			}
		}
	}
	return best, lowered
}

// latestStart is the greatest x such that [x, b) holds work units of
// capacity; below 0 when even [0, b) does not.
func (rm room) latestStart(b Slot, work int) Slot {
	h := Slot(len(rm.cum) - 1)
	if b > h {
		// Past the horizon every slot has full capacity.
		past := int(b-h) * rm.full
		if past >= work {
			return b - Slot((work+rm.full-1)/rm.full)
		}
		work -= past
		b = h
	}
	b = max(b, 0)
	target := rm.cum[b] - work
	if target < 0 {
		return -1
	}
	// The greatest x <= b with cum[x] <= target (cum never falls).
	x, _ := slices.BinarySearch(rm.cum[:b+1], target+1)
	return Slot(x - 1)
}
