package solver

import (
	"context"
	"errors"
)

// Solve searches for a feasible, low-cost schedule of a frozen problem and
// returns the best one found when the time or iteration limit is reached or
// ctx ends. When no schedule is found it returns an error for which
// errors.Is(err, ErrInfeasible) holds.
func Solve(ctx context.Context, p *Problem, opts Options) (*Solution, error) {
	// TEMPORARY: replaced by the search engine (construction + LNS).
	return nil, errors.New("solver: search not implemented yet")
}
