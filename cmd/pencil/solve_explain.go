package main

import (
	"context"
	"fmt"
	"time"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// explainInfeasible prints the conflict behind an infeasible solve (see
// compile.Compiled.FindConflict), narrowed down and then checked (see
// compile.Compiled.CheckConflict) within ctx's deadline, or a minute
// without a time limit. A conflict whose check could not be finished is
// worded "probably".
func explainInfeasible(ctx context.Context, g *globals, c *compile.Compiled, err error, o solveOptions) error {
	if o.timeLimit == 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Minute)
		defer cancel()
	}
	conflict, sure := findCheckedConflict(ctx, g, c, err, o.seed)
	fmt.Fprintf(g.stderr, "pencil: %v\n", err)
	if werr := c.WriteExplanation(g.stderr, conflict, sure); werr != nil {
		return werr
	}
	return reportedError{err}
}

// explainTimeLimit reports a search that ran out of time before it found
// any schedule: nothing is known about whether one exists. When the
// cheap checks or the time left name a conflict anyway, it is shown as
// the likely cause; a confirmed one makes the answer "no feasible
// schedule" after all (exit 3), anything less exits 5.
func explainTimeLimit(ctx context.Context, g *globals, c *compile.Compiled, err error, o solveOptions) error {
	conflict, sure := findCheckedConflict(ctx, g, c, err, o.seed)
	if len(conflict) > 0 && sure == solver.Confirmed {
		ierr := c.Problem.ConflictError(conflict)
		fmt.Fprintf(g.stderr, "pencil: %v\n", ierr)
		if werr := c.WriteExplanation(g.stderr, conflict, sure); werr != nil {
			return werr
		}
		return reportedError{ierr}
	}
	fmt.Fprintf(g.stderr, "pencil: no schedule found within --time-limit %v: the search ran out of time before it pencilled every session (%v).\n", o.timeLimit, err)
	fmt.Fprintln(g.stderr, "This says nothing about whether a schedule exists: give it a longer --time-limit, or --iterations N to search without a clock.")
	if len(conflict) > 0 && sure != solver.Refuted {
		fmt.Fprintln(g.stderr, "The likely cause:")
		if werr := c.WriteExplanation(g.stderr, conflict, solver.Probable); werr != nil {
			return werr
		}
	}
	return reportedError{err}
}

// findCheckedConflict finds the conflict behind err and checks it, both
// within ctx; a conflict not checked in time is Probable.
func findCheckedConflict(ctx context.Context, g *globals, c *compile.Compiled, err error, seed uint64) ([]solver.GroupID, solver.Certainty) {
	limit := time.Minute
	if dl, ok := ctx.Deadline(); ok {
		limit = time.Until(dl)
	}
	conflict, xerr := c.FindConflict(ctx, err, seed, limit)
	if xerr != nil {
		g.log.Warn().Err(xerr).Msg("could not narrow down the conflict")
	}
	if len(conflict) == 0 {
		return nil, solver.Probable
	}
	sure, cerr := c.CheckConflict(ctx, conflict, seed)
	if cerr != nil {
		g.log.Warn().Err(cerr).Msg("could not check the conflict")
	}
	g.log.Info().Int("groups", len(conflict)).Stringer("certainty", sure).Msg("conflict")
	return conflict, sure
}
