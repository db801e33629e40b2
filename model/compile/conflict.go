package compile

import (
	"context"
	"errors"
	"time"

	"github.com/pencil-post/pencil/solver"
)

// ExplainIterations is the search effort FindConflict's oracle spends on
// each relaxed copy of the problem.
const ExplainIterations = 300

// FindConflict works out which constraints stop a schedule after the
// search reported err: the search's own conflict when it gives one, else
// the cheap checks of solver.ExplainQuick, else a minimal conflict found by
// solver.Explain with short searches (seeded with seed) as the oracle,
// within limit (and ctx). It returns nil when no conflict could be
// narrowed down, and an error only when the explanation itself failed (for
// example, limit ran out: an oracle search cut short is never taken for
// an infeasible answer); the caller decides whether to report it.
func (c *Compiled) FindConflict(ctx context.Context, err error, seed uint64, limit time.Duration) ([]solver.GroupID, error) {
	var ie *solver.InfeasibleError
	if errors.As(err, &ie) && len(ie.Conflict) > 0 {
		return ie.Conflict, nil
	}
	if conflict := solver.ExplainQuick(c.Problem); len(conflict) > 0 {
		return conflict, nil
	}
	ectx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	conflict, xerr := solver.Explain(ectx, c.Problem, oracle(seed))
	if xerr != nil {
		return nil, xerr
	}
	return conflict, nil
}

// CheckConflict checks a conflict before it is shown (see
// solver.CheckConflict) with the oracle FindConflict uses, seeded with
// seed, until ctx ends: solver.Confirmed when it is infeasible on its own
// and dropping any one of its groups gives a schedule, solver.Probable
// when the time ran out first. The error is the oracle's, when it failed.
func (c *Compiled) CheckConflict(ctx context.Context, conflict []solver.GroupID, seed uint64) (solver.Certainty, error) {
	return solver.CheckConflict(ctx, c.Problem, conflict, oracle(seed))
}

// oracle is the feasibility test of FindConflict and CheckConflict: a
// short seeded search with one worker, so that its answers are the same
// on every run. A search cut short by ctx is an error, not an answer.
func oracle(seed uint64) func(ctx context.Context, q *solver.Problem) (bool, error) {
	return func(ctx context.Context, q *solver.Problem) (bool, error) {
		_, err := solver.Solve(ctx, q, solver.Options{Seed: seed, Iterations: ExplainIterations, Workers: 1, FirstFeasible: true})
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, solver.ErrInfeasible):
			return false, nil
		}
		return false, err
	}
}
