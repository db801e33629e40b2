package solver

import (
	"context"
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
	pools  []jobSets
	visits int
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
	backward := slices.Clone(order)
	slices.Reverse(backward)
	// A finish-to-finish successor ends after t; only what follows it is
	// sure to start after t ends.
	after := func(pr *Precedence) (TaskID, bool) { return pr.To, !pr.toEnd() }
	sets := energySets(ctx, p, backward, tb, succ, after)
	if len(sets) == 0 {
		return nil
	}
	return &successorEnergy{pools: sets}
}

// lower is the latest end of t that the work after it on each pool
// allows, given the latest ends le of the tasks after it; ok is false
// when no pool lowers it.
func (se *successorEnergy) lower(t TaskID, le []Slot) (Slot, bool) {
	best, lowered := Slot(0), false
	for i := range se.pools {
		ap := &se.pools[i]
		if !ap.own[t] || se.visits > maxBeforeVisits {
			continue
		}
		// The jobs with latest ends at or before b, earliest ends first.
		se.visits += ap.sweep(t, func(x TaskID) Slot { return le[x] }, false, func(b Slot, work int) {
			if x := ap.rm.latestStart(b, work); !lowered || x < best {
				best, lowered = x, true
			}
		})
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
