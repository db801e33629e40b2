package solver

import (
	"cmp"
	"context"
	"math/bits"
	"slices"
)

// Budgets of the precedence energy: the bitsets it keeps (words, over
// every pool) and the jobs it looks at when raising starts. Past either
// it raises fewer starts, which leaves the bound lower but still a bound.
const (
	maxBeforeWords  = 8 << 20
	maxBeforeVisits = 30_000_000
)

// precedenceEnergy raises a task's earliest start to when the work on a
// pool that must end before it starts can be done at all: a VFX review
// waits for every shot, and one VFX artist with 26 days of shots after
// picture lock ends them no sooner than 26 working days after the
// earliest lock, whatever the chain of single sessions says. The jobs
// that must end before a task are those of its predecessors, finish to
// start with no negative lag, and theirs, and those before a start to
// start predecessor; the work of the ones with heads at or after a fits
// in the pool's room from a (room.finish) at the earliest.
type precedenceEnergy struct {
	pools  []beforePool
	visits int
}

// beforePool is one pool with, per task, the pool's jobs that must end
// before the task starts.
type beforePool struct {
	rm   room
	jobs []poolJob
	// before is indexed by task; tasks that share a predecessor's set
	// share its bitset, and own marks the tasks whose set is new (only
	// they can raise a start beyond what their predecessors give).
	before []Bitset
	own    []bool
}

// newPrecedenceEnergy gathers the most loaded pools within the budgets,
// or returns nil when none has two jobs.
func newPrecedenceEnergy(ctx context.Context, p *Problem, order []TaskID, tb timeBounds) *precedenceEnergy {
	preds := make([][]int, len(p.Tasks))
	for i, pr := range p.Precedences {
		if pr.Lag >= 0 && !pr.toEnd() {
			preds[pr.To] = append(preds[pr.To], i)
		}
	}
	pe := &precedenceEnergy{}
	for _, c := range loadedPools(ctx, p, tb) {
		pe.pools = append(pe.pools, newBeforePool(p, order, preds, c.pl, c.rm))
	}
	if len(pe.pools) == 0 {
		return nil
	}
	return pe
}

// loadedPool is a pool the energy bounds look at, with its room.
type loadedPool struct {
	pl   pool
	rm   room
	load float64
}

// loadedPools returns the pools with two jobs or more, most loaded
// first, as many as maxBeforeWords allows a bitset per task for.
func loadedPools(ctx context.Context, p *Problem, tb timeBounds) []loadedPool {
	var cands []loadedPool
	for _, pl := range pools(p, tb) {
		if len(pl.jobs) < 2 {
			continue
		}
		work := 0
		for _, j := range pl.jobs {
			work += j.work
		}
		cands = append(cands, loadedPool{pl: pl, load: float64(work) / float64(poolCapacity(p, pl.members, -1))})
	}
	slices.SortStableFunc(cands, func(a, b loadedPool) int { return cmp.Compare(b.load, a.load) })
	var out []loadedPool
	words := 0
	for _, c := range cands {
		if ctx.Err() != nil {
			break
		}
		per := len(NewBitset(len(c.pl.jobs)))
		if words+per*len(p.Tasks) > maxBeforeWords {
			continue
		}
		words += per * len(p.Tasks)
		c.rm = newRoom(p, c.pl, nil)
		if c.rm.full == 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// newBeforePool works out, in topological order, which of pl's jobs
// must end before each task starts.
func newBeforePool(p *Problem, order []TaskID, preds [][]int, pl pool, rm room) beforePool {
	n := len(p.Tasks)
	bp := beforePool{rm: rm, jobs: pl.jobs, before: make([]Bitset, n), own: make([]bool, n)}
	jobsOf := make([][]int, n)
	for i, j := range pl.jobs {
		jobsOf[j.task] = append(jobsOf[j.task], i)
	}
	for _, t := range order {
		var set Bitset
		for _, i := range preds[t] {
			pr := p.Precedences[i]
			from := bp.before[pr.From]
			own := pr.fromEnd() && len(jobsOf[pr.From]) > 0
			if from == nil && !own {
				continue
			}
			if set == nil && !own {
				set = from // shared until something is added
				continue
			}
			if !bp.own[t] {
				copied := NewBitset(len(pl.jobs))
				copy(copied, set)
				set, bp.own[t] = copied, true
			}
			for k := range from {
				set[k] |= from[k]
			}
			if own {
				for _, j := range jobsOf[pr.From] {
					set.Set(Slot(j))
				}
			}
		}
		bp.before[t] = set
	}
	return bp
}

// raise is the earliest start of t that the work before it on each pool
// allows, given the heads already worked out in tb.
func (pe *precedenceEnergy) raise(t TaskID, tb *timeBounds) Slot {
	best := Slot(0)
	var heads []poolJob
	for i := range pe.pools {
		bp := &pe.pools[i]
		set := bp.before[t]
		if !bp.own[t] || pe.visits > maxBeforeVisits {
			continue
		}
		heads = heads[:0]
		for k, word := range set {
			for ; word != 0; word &= word - 1 {
				j := bp.jobs[k*64+bits.TrailingZeros64(word)]
				heads = append(heads, poolJob{head: tb.es[j.task], work: j.work})
			}
		}
		pe.visits += len(heads)
		if len(heads) < 2 {
			continue
		}
		slices.SortFunc(heads, func(x, y poolJob) int { return cmp.Compare(y.head, x.head) })
		work := 0
		for k, j := range heads {
			work += j.work
			if k+1 < len(heads) && heads[k+1].head == j.head {
				continue
			}
			best = max(best, bp.rm.finish(j.head, work))
		}
	}
	return best
}
