package repencil

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/repencil"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// Change is a one-input edit of a project file: every Old is replaced by
// New.
type Change struct {
	Name     string
	Old, New string
}

// Changes are the measured edits of testdata/series.yaml.
var Changes = []Change{
	// Maya's agent withdraws 10-18 August: the ADR of episodes 3 and 4
	// falls there in the first schedule.
	{Name: "artiste window shrinks", Old: "2026-08-10..2026-09-04", New: "2026-08-19..2026-09-04"},
	// Every episode is due three days earlier. The series has two weeks
	// and more of slack, so the first schedule still meets it.
	{Name: "deadline 3 days earlier", Old: "first_delivery: 2026-09-25", New: "first_delivery: 2026-09-22"},
	// The re-recording mixer is off two more weeks, over the mix of
	// episode 2: a change that forces moves.
	{Name: "mixer off 2 weeks more", Old: "off: [2026-08-03..2026-08-07]", New: "off: [2026-08-03..2026-08-21]"},
}

// Result is one measured re-pencil.
type Result struct {
	Change string
	// Repencil is the wall time of the re-pencil: compile against the
	// store, search, and commit.
	Repencil time.Duration
	// Pencils counts the pencils of the first run; Moved those the
	// re-pencil moved or reassigned.
	Pencils, Moved int
	// Cost is the re-pencil's cost without its disruption term; Scratch
	// the cost of a from-scratch solve of the changed input with the same
	// options; Disruption the move costs charged.
	Cost, Scratch, Disruption float64
	// Conflicts counts confirmed bookings that need a person.
	Conflicts int
}

// MovedPct is the share of pencils moved, in percent.
func (r Result) MovedPct() float64 {
	if r.Pencils == 0 {
		return 0
	}
	return 100 * float64(r.Moved) / float64(r.Pencils)
}

// GapPct is how much more the re-pencil costs than the from-scratch solve
// (without disruption), in percent; negative when it costs less.
func (r Result) GapPct() float64 { return 100 * (r.Cost - r.Scratch) / r.Scratch }

// String is one line of the measurement table.
func (r Result) String() string {
	return fmt.Sprintf("%-24s re-pencil %6.0f ms  moved %2d of %2d pencils (%4.1f%%)  cost £%.0f vs from scratch £%.0f (%+.2f%%)  disruption £%.0f  conflicts %d",
		r.Change, float64(r.Repencil.Microseconds())/1000, r.Moved, r.Pencils, r.MovedPct(), r.Cost, r.Scratch, r.GapPct(), r.Disruption, r.Conflicts)
}

// Measure solves file from scratch as of now, commits it to a store in
// dir, applies change and re-pencils against the store, then solves the
// changed input from scratch for comparison. Every search uses o.
func Measure(ctx context.Context, file, dir string, now time.Time, change Change, o solver.Options) (Result, error) {
	res := Result{Change: change.Name}
	data, err := os.ReadFile(file)
	if err != nil {
		return res, err
	}
	if !strings.Contains(string(data), change.Old) {
		return res, fmt.Errorf("repencil: %s has no %q", file, change.Old)
	}
	changed, err := model.Parse(file, []byte(strings.Replace(string(data), change.Old, change.New, 1)))
	if err != nil {
		return res, err
	}
	first, err := model.Parse(file, data)
	if err != nil {
		return res, err
	}
	st, err := store.Open(ctx, filepath.Join(dir, "pencil.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		return res, err
	}
	defer st.Close()
	ro := repencil.Options{Now: now, FrozenDays: 2}
	base, err := solveAndCommit(ctx, st, first, nil, ro, o)
	if err != nil {
		return res, fmt.Errorf("first run: %w", err)
	}
	for _, b := range base.bookings {
		if b.Status == booking.Pencil || b.Status == booking.SecondPencil {
			res.Pencils++
		}
	}
	current, err := st.Bookings(ctx, store.Filter{})
	if err != nil {
		return res, err
	}
	start := time.Now()
	again, err := solveAndCommit(ctx, st, changed, current, ro, o)
	res.Repencil = time.Since(start)
	if err != nil {
		return res, fmt.Errorf("re-pencil: %w", err)
	}
	res.Moved = again.report.Count(store.ChangeMoved) + again.report.Count(store.ChangeReassigned)
	res.Disruption = term(again.sol, "disruption")
	res.Cost = again.sol.Cost.Total - res.Disruption
	res.Conflicts = len(again.plan.Conflicts)
	scratch, err := repencil.Prepare(changed, nil, ro)
	if err != nil {
		return res, err
	}
	sol, err := scratch.Solve(ctx, o)
	if err != nil {
		return res, fmt.Errorf("from scratch: %w", err)
	}
	res.Scratch = sol.Cost.Total - term(sol, "disruption")
	return res, nil
}

// run is one committed solve.
type run struct {
	plan     *repencil.Plan
	sol      *solver.Solution
	bookings []store.Booking
	report   store.Report
}

// solveAndCommit re-pencils p against current and commits the run.
func solveAndCommit(ctx context.Context, st *store.Store, p *model.Project, current []store.Booking, ro repencil.Options, o solver.Options) (run, error) {
	plan, err := repencil.Prepare(p, current, ro)
	if err != nil {
		return run{}, err
	}
	sol, err := plan.Solve(ctx, o)
	if err != nil {
		return run{}, err
	}
	bs := plan.Bookings(sol)
	res, err := st.CommitRun(ctx, store.RunInput{Production: plan.Production, Fingerprint: store.Fingerprint([]byte(p.File)),
		Seed: int64(o.Seed), Who: "bench", Bookings: bs})
	if err != nil {
		return run{}, err
	}
	return run{plan: plan, sol: sol, bookings: bs, report: res.Report}, nil
}

// term returns one cost term of a solution.
func term(sol *solver.Solution, name string) float64 {
	for _, tc := range sol.Cost.Terms {
		if tc.Term == name {
			return tc.Amount
		}
	}
	return 0
}
