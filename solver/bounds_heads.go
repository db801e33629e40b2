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
	pools  []jobSets
	visits int
}

// jobSets is one pool with, per task, the pool's jobs that precedence
// ties to it: those that must end before it starts (precedenceEnergy), or
// start after it ends (successorEnergy). Tasks whose set adds nothing to
// a linked task's share its bitset, and own marks the tasks whose set is
// new (only they can move a bound beyond what their links give).
type jobSets struct {
	rm   room
	jobs []poolJob
	sets []Bitset
	own  []bool
	buf  []poolJob // sweep's, kept between calls
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
	// A start-to-start predecessor's own work may still run: only what
	// must end before it is sure to end before t.
	before := func(pr *Precedence) (TaskID, bool) { return pr.From, pr.fromEnd() }
	sets := energySets(ctx, p, order, tb, preds, before)
	if len(sets) == 0 {
		return nil
	}
	return &precedenceEnergy{pools: sets}
}

// loadedPool is a pool the energy bounds look at, with its room.
type loadedPool struct {
	pl   pool
	rm   room
	load float64
}

// energySets works out the job sets (newJobSets) of the most loaded
// pools within the budgets.
func energySets(ctx context.Context, p *Problem, order []TaskID, tb timeBounds, links [][]int, linked func(*Precedence) (TaskID, bool)) []jobSets {
	var out []jobSets
	for _, c := range loadedPools(ctx, p, tb) {
		out = append(out, newJobSets(p, order, links, c.pl, c.rm, linked))
	}
	return out
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

// newJobSets works out pl's job sets over the tasks in order, which
// lists every task after those its links lead to: links[t] are the
// precedences to follow from t, and linked(pr) is the task pr leads to
// and whether that task's own jobs join t's set (its set always does).
func newJobSets(p *Problem, order []TaskID, links [][]int, pl pool, rm room, linked func(*Precedence) (TaskID, bool)) jobSets {
	n := len(p.Tasks)
	js := jobSets{rm: rm, jobs: pl.jobs, sets: make([]Bitset, n), own: make([]bool, n)}
	jobsOf := make([][]int, n)
	for i, j := range pl.jobs {
		jobsOf[j.task] = append(jobsOf[j.task], i)
	}
	for _, t := range order {
		var set Bitset
		for _, i := range links[t] {
			x, withJobs := linked(&p.Precedences[i])
			from := js.sets[x]
			own := withJobs && len(jobsOf[x]) > 0
			if from == nil && !own {
				continue
			}
			if set == nil && !own {
				set = from // shared until something is added
				continue
			}
			if !js.own[t] {
				copied := NewBitset(len(pl.jobs))
				copy(copied, set)
				set, js.own[t] = copied, true
			}
			for k := range from {
				set[k] |= from[k]
			}
			if own {
				for _, j := range jobsOf[x] {
					set.Set(Slot(j))
				}
			}
		}
		js.sets[t] = set
	}
	return js
}

// raise is the earliest start of t that the work before it on each pool
// allows, given the heads already worked out in tb.
func (pe *precedenceEnergy) raise(t TaskID, tb *timeBounds) Slot {
	best := Slot(0)
	for i := range pe.pools {
		bp := &pe.pools[i]
		if !bp.own[t] || pe.visits > maxBeforeVisits {
			continue
		}
		// The jobs with heads at or after a, latest heads first.
		pe.visits += bp.sweep(t, func(x TaskID) Slot { return tb.es[x] }, true, func(a Slot, work int) {
			best = max(best, bp.rm.finish(a, work))
		})
	}
	return best
}

// sweep reads the key of each of t's jobs (key of its task), sorts them
// by key (descending: greatest first) and calls f for every distinct key
// with the work of the jobs up to and including it. It does nothing for
// fewer than two jobs (a lone job's chain already counts it) and returns
// how many jobs it read.
func (js *jobSets) sweep(t TaskID, key func(TaskID) Slot, descending bool, f func(k Slot, work int)) int {
	keyed := js.buf[:0]
	defer func() { js.buf = keyed[:0] }()
	for k, word := range js.sets[t] {
		for ; word != 0; word &= word - 1 {
			j := js.jobs[k*64+bits.TrailingZeros64(word)]
			keyed = append(keyed, poolJob{head: key(j.task), work: j.work})
		}
	}
	if len(keyed) < 2 {
		return len(keyed)
	}
	slices.SortFunc(keyed, func(x, y poolJob) int {
		if descending {
			return cmp.Compare(y.head, x.head)
		}
		return cmp.Compare(x.head, y.head)
	})
	work := 0
	for k, j := range keyed {
		work += j.work
		if k+1 < len(keyed) && keyed[k+1].head == j.head {
			continue
		}
		f(j.head, work)
	}
	return len(keyed)
}
