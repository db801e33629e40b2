package solver

import (
	"errors"
	"time"
)

// Options control a search.
type Options struct {
	// Seed derives one random generator per worker. The same Seed and
	// Iterations give the same Solution.
	Seed uint64
	// TimeLimit stops the search; 0 means no limit (Iterations must then
	// be set).
	TimeLimit time.Duration
	// Iterations caps the large neighbourhood search iterations per
	// worker; 0 means no cap.
	Iterations int
	// Workers is the number of parallel search workers (portfolio of
	// seeds, merged deterministically); 0 means runtime.GOMAXPROCS.
	Workers int
	// WarmStart, when not nil, is a starting schedule (one Placement per
	// task) that the search repairs and improves.
	WarmStart []Placement
	// Progress, when not nil, is called from time to time with the state
	// of the search. It must be quick and safe for concurrent use.
	Progress func(Progress)
	// GiveUpAfter, when positive, stops a search that has found no
	// feasible schedule after this long (a *StoppedError of
	// ErrTimeLimit), so that a caller with one deadline for a whole
	// command keeps the rest of its time to explain why. A search that
	// has found one runs on to TimeLimit. 0 means never.
	GiveUpAfter time.Duration
	// FirstFeasible stops each worker at its first feasible schedule,
	// for a caller that asks only whether one exists (the oracle of an
	// explanation). With one worker the answer is still repeatable.
	FirstFeasible bool
}

// Progress is a snapshot of a running search.
type Progress struct {
	Elapsed    time.Duration
	Iterations int
	Feasible   bool
	BestCost   float64
	Makespan   Slot
}

// Interval is a half-open run of slots [Start, End).
type Interval struct {
	Start, End Slot
}

// Solution is a schedule: where every task runs, what it costs, and how far
// from optimal it may be.
type Solution struct {
	// Placements has one entry per task: start and chosen resources.
	Placements []Placement
	// Pieces has, per task, the slot intervals it runs in (one interval
	// unless the task is split; none for a milestone).
	Pieces [][]Interval
	// Ends has, per task, the slot after its last piece (the start for a
	// milestone).
	Ends []Slot
	// Makespan is the latest end over all tasks.
	Makespan Slot
	// Cost is the objective value broken down.
	Cost Breakdown
	// Bound is a lower bound on the objective and on the makespan.
	Bound Bound
	// Stats describe the search that found this solution.
	Stats Stats
}

// Gap is (Cost.Total - Bound.Cost) / Cost.Total, or 0 when the cost is 0.
func (s *Solution) Gap() float64 {
	if s.Cost.Total <= 0 {
		return 0
	}
	g := (s.Cost.Total - s.Bound.Cost) / s.Cost.Total
	if g < 0 {
		return 0
	}
	return g
}

// Breakdown is a cost broken down per term, resource, department and week.
type Breakdown struct {
	// Total is the objective value: the sum of Terms.
	Total float64
	// Terms lists each cost term's share, in a fixed order.
	Terms []TermCost
	// ByResource is the resource cost of each resource.
	ByResource []float64
	// ByDepartment is the resource cost per department.
	ByDepartment []float64
	// ByProduction is the cost per production of Problem.Productions:
	// its share of resource cost, and its recall fees and cancellation
	// charges (empty without Problem.Charging).
	ByProduction []float64
	// ByWeek is the resource cost per week of the horizon (empty in
	// abstract time).
	ByWeek []float64
}

// TermCost is one cost term's share of the total.
type TermCost struct {
	Term   string
	Amount float64
}

// Bound is a lower bound and the method that proved it.
type Bound struct {
	// Makespan is a lower bound on the makespan.
	Makespan Slot
	// Cost is a lower bound on Breakdown.Total.
	Cost float64
	// Method names how the bound was found (critical path, energy, LP).
	Method string
	// Pools splits the resource part of Cost by pools of resources that
	// stand in for each other, when that part is the sum of the pools'
	// bounds (the long days or the work by day bound it); nil otherwise.
	// The resource cost of every feasible schedule on a pool's resources
	// is at least the pool's Cost, which shows where a gap lies. When the
	// overhead trade-off raised Cost, the raise lies between the pools
	// and the time terms, and is in neither.
	Pools []PoolBound
}

// PoolBound is a lower bound on the cost of one closed pool of
// resources: every demand that may use one of them chooses only among
// them.
type PoolBound struct {
	// Resources are the pool's members, in ID order.
	Resources []ResourceID
	// Cost bounds the sum of Breakdown.ByResource over Resources.
	Cost float64
}

// Stats describe a search.
type Stats struct {
	Iterations     int
	Elapsed        time.Duration
	FirstFeasible  time.Duration
	BestFoundAt    time.Duration
	Workers        int
	Seed           uint64
	ImprovingMoves int
}

// ErrInfeasible is the kind of every error that says the search ran its
// course without a schedule: the problem is infeasible (a cheap check or
// a conflict proves it), or the search used its whole iteration limit
// without finding one. A search cut short by its context or time limit is
// not an answer about feasibility: it returns a *StoppedError instead.
var ErrInfeasible = errors.New("solver: no feasible schedule")

// ErrCancelled is the kind of error Solve returns when its context was
// cancelled before any feasible schedule was found: not an answer about
// feasibility, so errors.Is(err, ErrInfeasible) does not hold.
var ErrCancelled = errors.New("solver: cancelled before a feasible schedule was found")

// ErrTimeLimit is the kind of error Solve returns when Options.TimeLimit
// or the context's deadline ran out before any feasible schedule was
// found: not an answer about feasibility, so errors.Is(err,
// ErrInfeasible) does not hold.
var ErrTimeLimit = errors.New("solver: time limit reached before a feasible schedule was found")

// InfeasibleError explains why no schedule was found: a minimal set of
// constraint groups that cannot hold together. errors.Is(err,
// ErrInfeasible) holds.
type InfeasibleError struct {
	// Conflict is a minimal set of groups (dropping any one of them makes
	// the rest satisfiable, as far as the search could tell).
	Conflict []GroupID
	// Reason is a short sentence for logs.
	Reason string
}

// Error gives the reason.
func (e *InfeasibleError) Error() string {
	if e.Reason == "" {
		return ErrInfeasible.Error()
	}
	return ErrInfeasible.Error() + ": " + e.Reason
}

// Unwrap makes errors.Is(err, ErrInfeasible) true.
func (e *InfeasibleError) Unwrap() error { return ErrInfeasible }

// StoppedError says a search was cut short before it found any feasible
// schedule. errors.Is(err, Err) holds (ErrCancelled or ErrTimeLimit);
// errors.Is(err, ErrInfeasible) does not: nothing is known about
// feasibility.
type StoppedError struct {
	// Err is ErrCancelled or ErrTimeLimit.
	Err error
	// Reason says how far the search got, for logs and messages: "3
	// task(s) could not be placed yet, first "mix".
	Reason string
	// Elapsed is how long the search ran.
	Elapsed time.Duration
}

// Error gives the kind and how far the search got.
func (e *StoppedError) Error() string {
	if e.Reason == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + ": " + e.Reason
}

// Unwrap makes errors.Is(err, e.Err) true.
func (e *StoppedError) Unwrap() error { return e.Err }
