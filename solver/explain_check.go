package solver

import (
	"context"
	"fmt"
	"slices"
)

// Certainty says how far a conflict was checked by CheckConflict.
type Certainty int

const (
	// Probable means the checks could not all be made: the context ended
	// or the oracle failed before they were done. The conflict is what
	// Explain found, as far as its own searches could tell.
	Probable Certainty = iota
	// Confirmed means the conflict alone is infeasible (a cheap check
	// proves it, or the oracle finds no schedule with only its groups
	// kept) and dropping any one of its groups gives a schedule the
	// oracle finds.
	Confirmed
	// NotMinimal means the conflict alone is infeasible, but dropping
	// some one of its groups leaves it infeasible all the same: it
	// names more than the clash needs.
	NotMinimal
	// Refuted means the oracle finds a schedule with only the conflict's
	// groups kept: they are no conflict.
	Refuted
)

// String names the certainty for logs.
func (c Certainty) String() string {
	switch c {
	case Confirmed:
		return "confirmed"
	case NotMinimal:
		return "not minimal"
	case Refuted:
		return "refuted"
	}
	return "probable"
}

// CheckConflict checks a conflict (from Explain, ExplainQuick or a
// caller) before it is shown to a person: that keeping only its groups is
// infeasible, and that dropping any one of them (a proper subset, one
// member at a time) is feasible. Infeasibility is proven by the cheap
// checks of ExplainQuick when they can, else taken from the oracle (no
// schedule found); feasibility is a schedule the oracle found. feasible
// is the oracle as for Explain. When ctx ends or the oracle fails before
// every check is made, CheckConflict returns Probable and the oracle's
// error (nil when only ctx ended).
func CheckConflict(ctx context.Context, p *Problem, conflict []GroupID, feasible func(ctx context.Context, q *Problem) (bool, error)) (Certainty, error) {
	// infeasible reports whether keeping only set is infeasible.
	infeasible := func(set []GroupID) (bool, error) {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		q := p.Relax(func(g GroupID) bool { return slices.Contains(set, g) })
		if quickConflict(q) != "" {
			return true, nil
		}
		if err := q.Freeze(); err != nil {
			return true, nil // a precedence cycle: a conflict in its own right
		}
		ok, err := feasible(ctx, q)
		if err != nil {
			return false, err
		}
		return !ok, nil
	}
	stopped := func(err error) (Certainty, error) {
		if ctx.Err() != nil {
			return Probable, nil
		}
		return Probable, fmt.Errorf("solver: check conflict: %w", err)
	}
	bad, err := infeasible(conflict)
	if err != nil {
		return stopped(err)
	}
	if !bad {
		return Refuted, nil
	}
	for i := range conflict {
		rest := slices.Delete(slices.Clone(conflict), i, i+1)
		bad, err := infeasible(rest)
		if err != nil {
			return stopped(err)
		}
		if bad {
			return NotMinimal, nil
		}
	}
	return Confirmed, nil
}
