package solver

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"time"
)

// progressEvery is how often Options.Progress is called.
const progressEvery = 250 * time.Millisecond

// Solve searches for a feasible, low-cost schedule of a frozen problem and
// returns the best one found when the time or iteration limit is reached or
// ctx ends. When the search runs its course (its iteration limit, or a
// check that proves the problem infeasible) without a schedule it returns
// an *InfeasibleError, for which errors.Is(err, ErrInfeasible) holds. When
// ctx is cancelled or the time runs out (TimeLimit or ctx's deadline)
// before any schedule is found it returns a *StoppedError instead, for
// which errors.Is(err, ErrCancelled) or errors.Is(err, ErrTimeLimit)
// holds and errors.Is(err, ErrInfeasible) does not: a search cut short
// says nothing about feasibility.
//
// Each of Options.Workers workers has its own generator seeded from
// (Seed, worker index). When the objective is makespan alone (PSPLIB) the
// workers run a genetic algorithm over activity lists with
// forward–backward improvement, except that on a small plain problem (at
// most 40 tasks, such as PSPLIB's J30) the second worker searches it
// exactly by branch and bound and, when it finishes, proves the best
// makespan optimal: the solution's Bound then meets it (Method ends in
// MethodExact) and a search limited by time stops there. Otherwise they
// build a schedule by the serial schedule generation scheme (or repair
// the warm start), rebuild it by squeaky-wheel rounds while tasks are
// left unplaced (see squeak), and improve it by large neighbourhood
// search under late acceptance. The best feasible schedule wins, ties
// going to the lowest worker index, so a run stopped by Iterations is
// repeatable. An iteration is one ruin and recreate step of the LNS, one
// child list (decoded and justified) of the genetic algorithm, or 16
// nodes of the branch and bound.
func Solve(ctx context.Context, p *Problem, opts Options) (*Solution, error) {
	if !p.frozen {
		return nil, errNotFrozen
	}
	if opts.TimeLimit <= 0 && opts.Iterations <= 0 && ctx.Done() == nil {
		return nil, errors.New("solver: no limit: set Options.TimeLimit or Options.Iterations, or pass a context that ends")
	}
	if opts.WarmStart != nil && len(opts.WarmStart) != len(p.Tasks) {
		return nil, fmt.Errorf("solver: warm start has %d placements for %d tasks", len(opts.WarmStart), len(p.Tasks))
	}
	nw := opts.Workers
	if nw <= 0 {
		nw = runtime.GOMAXPROCS(0)
	}
	ctl := &control{ctx: ctx, begin: time.Now(), iterCap: opts.Iterations, firstOnly: opts.FirstFeasible}
	if opts.TimeLimit > 0 {
		ctl.deadline = ctl.begin.Add(opts.TimeLimit)
	}
	if opts.GiveUpAfter > 0 {
		ctl.giveUp = ctl.begin.Add(opts.GiveUpAfter)
	}
	// The lower bound is proven beside the search; workers stop early
	// when they reach it. A search limited by iterations alone must give
	// the same answer every time, so there the bound is proven first: run
	// beside the search, whether it finished (and so whether workers saw
	// it, and what the solution reports) would depend on the machine.
	bctx, cancelBound := context.WithCancel(ctx)
	defer cancelBound()
	boundCh := make(chan Bound, 1)
	proveBound := func() {
		b := p.LowerBound(bctx)
		ctl.setBound(b)
		boundCh <- b
	}
	if opts.TimeLimit == 0 {
		proveBound()
	} else {
		go proveBound()
	}
	if nw >= 2 && p.Calendar.SlotsPerDay > 0 {
		// Productions only: on iMOPSE (no days) meeting cost the workers
		// their spread (every 6th instance at 5 s: -0.40 % against the
		// 23 Nov makespans, 28 of 30 at or below, against -0.66 % and 30).
		ctl.exch = newExchange(nw)
	}
	workers := make([]*worker, nw)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{
			idx: i,
			st:  newState(p),
			rng: rand.New(rand.NewPCG(opts.Seed, uint64(i)*0x9E3779B97F4A7C15+0x632BE59BD9B4E019)),
			ctl: ctl,
		}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run(opts.WarmStart)
		}()
	}
	if opts.Progress != nil {
		done := make(chan struct{})
		go func() {
			wg.Wait()
			close(done)
		}()
		tick := time.NewTicker(progressEvery)
	loop:
		for {
			select {
			case <-done:
				break loop
			case <-tick.C:
				opts.Progress(ctl.snapshot())
			}
		}
		tick.Stop()
	} else {
		wg.Wait()
	}
	// The bound goes on while the schedule is checked, and a little
	// longer: cut short, it leaves out its later steps, and the gap it
	// reports is the wider for it (a 40-episode series at 3 s: £3,999,129
	// against £4,013,033 in full).
	sol, err := finish(p, opts, ctl, workers)
	var bound Bound
	select {
	case bound = <-boundCh:
	case <-time.After(boundGrace(opts.TimeLimit)):
		cancelBound()
		bound = <-boundCh
	}
	if proof := Slot(ctl.exactProof.Load()); proof > bound.Makespan {
		bound.Makespan = proof
		bound.Method += " + " + MethodExact
		if sol != nil && sol.Makespan == proof {
			bound.Cost = max(bound.Cost, sol.Cost.Total)
		}
	}
	if sol != nil {
		sol.Bound = bound
	}
	return sol, err
}

// boundGraceMost is the longest a search limited by time waits, after its
// workers stop, for the lower bound to finish; it waits a twentieth of
// its time limit when that is less.
const boundGraceMost = 150 * time.Millisecond

// boundGrace is how long a search with time limit limit waits for its
// bound (nothing without a limit: there the bound was proven first, or
// the caller's context ends it).
func boundGrace(limit time.Duration) time.Duration {
	if limit <= 0 {
		return 0
	}
	return min(boundGraceMost, limit/20)
}

// snapshot is the progress report of the search so far.
func (c *control) snapshot() Progress {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Progress{
		Elapsed:    time.Since(c.begin),
		Iterations: int(c.iters.Load()),
		Feasible:   c.feasible,
		BestCost:   c.best,
		Makespan:   c.makespan,
	}
}

// run is one worker's search.
func (w *worker) run(warm []Placement) {
	defer w.leaveExchange()
	st := w.st
	p := st.p
	if p.drv.pure && warm == nil {
		if w.runExact() {
			return
		}
		w.runActivityList()
		if w.bestFeasible || w.ctl.stop(w.iters) {
			return
		}
		// No list decoded into a feasible schedule (deadlines, pins):
		// fall back to construction and repair by LNS.
	}
	noise := 0.0
	if w.idx > 0 {
		noise = 0.3
	}
	order := p.priorityList(nil, w.rng, noise)
	// Odd workers build cost-first, even ones time-first: a portfolio.
	if err := st.constructUntil(order, warm, w.rng, 0.1*noise, w.idx%2 == 1, w.halt); err != nil {
		w.err = err
		return
	}
	if err := w.squeak(warm, noise); err != nil {
		w.err = err
		return
	}
	w.runLNS()
}

// finish merges the workers' results deterministically (best cost, ties
// to the lowest worker index) and builds the Solution. Each candidate is
// checked by the independent verifier before it is returned, so a search
// bug surfaces as an error rather than as a broken schedule.
func finish(p *Problem, opts Options, ctl *control, workers []*worker) (*Solution, error) {
	iters := 0
	var ranked []*worker
	for _, w := range workers {
		iters += w.iters
		if w.err != nil {
			return nil, w.err
		}
		if w.bestFeasible {
			ranked = append(ranked, w)
		}
	}
	if len(ranked) == 0 {
		if stopped := ctl.stoppedBy(workers); stopped != nil {
			return nil, &StoppedError{Err: stopped, Reason: infeasibleReason(p, workers, " yet"), Elapsed: time.Since(ctl.begin)}
		}
		return nil, &InfeasibleError{Reason: infeasibleReason(p, workers, "")}
	}
	slices.SortStableFunc(ranked, func(a, b *worker) int {
		if c := cmp.Compare(a.bestObj, b.bestObj); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx)
	})
	var firstErr error
	for _, best := range ranked {
		sol, err := p.Evaluate(tidied(p, best.best))
		if err == nil {
			err = Verify(p, sol)
		}
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("solver: internal error: schedule of worker %d fails verification: %w", best.idx, err)
			}
			continue
		}
		sol.Stats = Stats{
			Iterations:     iters,
			Elapsed:        time.Since(ctl.begin),
			FirstFeasible:  best.firstFeasible,
			BestFoundAt:    best.bestAt,
			Workers:        len(workers),
			Seed:           opts.Seed,
			ImprovingMoves: best.improving,
		}
		for _, w := range ranked {
			sol.Stats.FirstFeasible = min(sol.Stats.FirstFeasible, w.firstFeasible)
		}
		return sol, nil
	}
	return nil, firstErr
}

// stoppedBy says what cut a search short that found no feasible schedule:
// ErrCancelled when its context was cancelled, ErrTimeLimit when its time
// limit, its give-up time or its context's deadline ran out, nil when every worker ran to
// the iteration limit (or a check proved the problem infeasible).
func (c *control) stoppedBy(workers []*worker) error {
	switch err := c.ctx.Err(); {
	case errors.Is(err, context.DeadlineExceeded):
		return ErrTimeLimit
	case err != nil:
		return ErrCancelled
	}
	now := time.Now()
	late := !c.deadline.IsZero() && !now.Before(c.deadline) || !c.giveUp.IsZero() && !now.Before(c.giveUp)
	if !late {
		return nil
	}
	for _, w := range workers {
		if c.iterCap <= 0 || w.iters < c.iterCap {
			return ErrTimeLimit
		}
	}
	return nil
}

// infeasibleReason says, in a sentence, what the search could not do
// (yet, when it was cut short: yet is " yet" or "").
func infeasibleReason(p *Problem, workers []*worker, yet string) string {
	w := workers[0]
	unplaced := 0
	name := ""
	for t := range p.Tasks {
		if !w.st.placed[t] {
			if unplaced == 0 {
				name = p.Tasks[t].Name
			}
			unplaced++
		}
	}
	if unplaced > 0 {
		return fmt.Sprintf("%d task(s) could not be placed%s, first %q", unplaced, yet, name)
	}
	if w.st.travelExcess() > 0 {
		return "every schedule found leaves a resource no time to travel"
	}
	return "every schedule found breaks a budget cap"
}
