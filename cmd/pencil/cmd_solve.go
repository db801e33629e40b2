package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/repencil"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// solveOptions are the settings of `pencil solve`, resolved from flags,
// environment and config file.
type solveOptions struct {
	timeLimit  time.Duration
	iterations int
	seed       uint64
	workers    int
	format     string
	out        string
	state      stateOptions
	progress   progressMode
}

func newSolveCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "solve FILE",
		Short: "Pencil a schedule for a project file",
		Long: `Compile a project file and search for a feasible, low-cost schedule: who is
in which suite when, what it costs per term, department, resource and week,
when you deliver, and the gap to a proven lower bound. Confirmed bookings
stay where they are; pencils are moved only when it pays.

Each solve re-pencils against the booking store (--store, default
series.pencil.db beside series.yaml: one store per project; --no-store
solves without state):
confirmed bookings, from the store and from the file's bookings:, are
pinned; pencils are warm-started and each move costs more the sooner the
pencil is (as of --now) and the more people and artistes it books; pencils
in the frozen window (--frozen, working days from --now) are pinned too.
A confirmed booking the new inputs make impossible is never moved: it is
reported as a conflict that needs a person, with the solver's suggestion,
and the store keeps it as it was. The run is committed in one
transaction (who: --who, why: --why), and the change report follows the
schedule: what each person and each artiste's agent must be told.
--dry-run prints the report without committing. A run records the store
version it read and commits only if nothing changed since: when someone
confirmed, released or re-pencilled a booking of the production (or
another solve committed) meanwhile, it solves again from the new state
with the time left, or exits 4 with nothing committed. Sessions keep their
booking ids across runs (the file's id, else the store's, else
B-<production>-<session>).

The table shows the schedule per suite, per person and per artiste, then
the cost breakdown, then "bound £X, gap Y%". --format json gives the same
as one JSON object (stable field names), --format csv one row per booking.
--out DIR writes schedule.txt, schedule.json and schedule.csv into DIR
instead (atomically: nothing is written when the solve fails).

With the same --seed and an --iterations limit (and no time limit) a solve
is repeatable. When no schedule exists, the conflict is printed in the
trade's words with file positions, and the exit status is 3; a conflict
that could not be checked in time (infeasible on its own, every smaller
set feasible) is worded "probably".

--time-limit is the whole command's: load, compile, search, explanation
and commit fit in it, and the command returns within it plus a second. A
search with no schedule after half its time stops so that the rest (at
least two seconds, or it never stops early) can explain why. When the time runs out before any schedule is found, that
is no answer about feasibility: the exit status is 5.
` + exitStatusHelp,
		Example: `  pencil solve testdata/feature.yaml
  pencil solve testdata/series.yaml --time-limit 30s --format json
  pencil solve testdata/facility.yaml --out out/ --seed 7
  PENCIL_TIME_LIMIT=1m pencil solve testdata/series.yaml
  pencil solve testdata/series.yaml --why "ep3 lock slipped a week" --dry-run
  pencil solve testdata/series.yaml --store state/harbour.db --frozen 3d`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := g.solveOptions()
			if err != nil {
				return err
			}
			return runSolve(cmd.Context(), g, args[0], opts)
		},
	}
	fs := cmd.Flags()
	fs.Duration("time-limit", 5*time.Second, "stop the search after this `duration` (0: only --iterations)")
	fs.Int("iterations", 0, "stop after `N` search iterations per worker (0: no cap)")
	fs.Uint64("seed", 1, "random `seed`; one seed and one iteration limit give one schedule")
	fs.Int("workers", 0, "search `workers` (0: one per CPU)")
	fs.String("format", schedule.FormatTable, "output `format`: "+strings.Join(schedule.Formats, ", "))
	fs.String("out", "", "write schedule.txt, schedule.json and schedule.csv into `DIR`")
	addProgressFlags(fs)
	addStateFlags(fs)
	addMemoryFlag(fs)
	return cmd
}

// solveOptions reads and checks the solve settings.
func (g *globals) solveOptions() (solveOptions, error) {
	var o solveOptions
	var err error
	if o.timeLimit, err = g.duration("time-limit"); err != nil {
		return o, err
	}
	if o.iterations, err = g.integer("iterations"); err != nil {
		return o, err
	}
	if o.seed, err = g.uint64Setting("seed"); err != nil {
		return o, err
	}
	if o.workers, err = g.integer("workers"); err != nil {
		return o, err
	}
	o.format, o.out = g.v.GetString("format"), g.v.GetString("out")
	if o.progress, err = g.progressMode(); err != nil {
		return o, err
	}
	if !slices.Contains(schedule.Formats, o.format) {
		return o, usageError{fmt.Errorf("format %q: want %s", o.format, strings.Join(schedule.Formats, ", "))}
	}
	if o.state, err = g.stateOptions(); err != nil {
		return o, err
	}
	if _, err = g.maxMemory(os.DirFS("/")); err != nil { // a bad --max-memory fails before the load
		return o, err
	}
	if o.timeLimit == 0 && o.iterations == 0 {
		return o, usageError{errors.New("set --time-limit or --iterations, or the search never stops")}
	}
	return o, nil
}

// maxReplans bounds how often a solve starts again because the bookings
// changed while it ran.
const maxReplans = 2

// runSolve loads, compiles, re-pencils against the booking store,
// solves, commits the run and renders the schedule and its change report,
// all within --time-limit plus solveMargin (see commandClock). When a
// person (or another solve) changed the production's bookings while it
// searched, the commit is refused and the solve starts again from the new
// state with the time it has left; with too little left it exits 4 having
// committed nothing.
func runSolve(ctx context.Context, g *globals, file string, o solveOptions) error {
	clk := newCommandClock(o.timeLimit)
	p, err := model.Load(file)
	if err != nil {
		return reportProblems(g.stderr, err)
	}
	clk.lap(g.log, "load")
	for attempt := 0; ; attempt++ {
		res, err := solveOnce(ctx, g, file, p, o, clk)
		if errors.Is(err, store.ErrChanged) && attempt < maxReplans && ctx.Err() == nil {
			if o.timeLimit == 0 || clk.left() >= o.timeLimit/5 {
				g.log.Warn().Str("file", file).Err(err).Msg("the bookings changed while solving; solving again from the new state")
				continue
			}
		}
		if err != nil {
			return err
		}
		err = res.render(ctx, g, o)
		clk.lap(g.log, "render")
		return err
	}
}

// solveResult is one solve's schedule and, when it was committed, its
// change report.
type solveResult struct {
	plan     *repencil.Plan
	schedule *schedule.Schedule
	report   *store.Report
}

// solveOnce reads the store, solves and commits once, within clk's
// deadline.
func solveOnce(ctx context.Context, g *globals, file string, p *model.Project, o solveOptions, clk *commandClock) (*solveResult, error) {
	log := g.log.With().Str("file", file).Logger()
	st, err := openState(ctx, file, p, o.state, log)
	if err != nil {
		return nil, err
	}
	defer st.close()
	plan, err := repencil.Prepare(p, st.current, st.repencilOptions())
	if err != nil {
		return nil, reportProblems(g.stderr, err)
	}
	c := plan.Compiled
	if err := g.checkMemory(file, c.Problem, o.workers, 1); err != nil {
		return nil, err
	}
	clk.lap(log, "compile")
	for _, w := range c.Warnings {
		log.Warn().Msg(w)
	}
	search := clk.search(len(c.Problem.Tasks))
	log.Info().Uint64("seed", o.seed).Dur("time_limit", o.timeLimit).Dur("search_limit", search.TimeLimit).
		Int("iterations", o.iterations).
		Int("workers", o.workers).Int("tasks", len(c.Problem.Tasks)).Int("resources", len(c.Problem.Resources)).
		Int("slots", c.Problem.Slots).Bool("warm_start", c.WarmStart != nil).Int("bookings", len(st.current)).
		Int64("store_version", st.version).Time("frozen_until", plan.FrozenUntil).Msg("solving")
	prog := newProgressLine(g.stderr, c.Currency, o.progress)
	// Explanations, the search for pins in the way and the check of a
	// conflict run under the work deadline; the commit after it has its
	// own reserve.
	wctx, cancelWork := clk.work(ctx, len(c.Problem.Tasks))
	defer cancelWork()
	sctx, changed := st.watch(wctx)
	sol, err := plan.Solve(sctx, solver.Options{
		Seed:        o.seed,
		TimeLimit:   search.TimeLimit,
		GiveUpAfter: search.GiveUpAfter,
		Iterations:  o.iterations,
		Workers:     o.workers,
		Progress:    prog.update,
	})
	prog.done()
	clk.lap(log, "search")
	if changed() {
		// Someone decided while we searched: what we found may undo it.
		return nil, fmt.Errorf("solve %s: %w", file, store.ErrChanged)
	}
	c = plan.Compiled // unpinning a conflict replaces the problem
	switch {
	case err != nil && ctx.Err() != nil:
		// Interrupted before any schedule was found: not an answer about
		// feasibility.
		return nil, fmt.Errorf("solve %s: %w", file, ctx.Err())
	case errors.Is(err, solver.ErrInfeasible):
		err = explainInfeasible(wctx, g, c, err, o)
		clk.lap(log, "explain")
		return nil, err
	case errors.Is(err, solver.ErrTimeLimit):
		return nil, explainTimeLimit(wctx, g, c, err, o)
	case err != nil:
		return nil, fmt.Errorf("solve %s: %w", file, err)
	}
	// Never print a schedule the independent checker rejects.
	if err := solver.Verify(c.Problem, sol); err != nil {
		return nil, fmt.Errorf("solve %s: the schedule found fails verification: %w", file, err)
	}
	log.Info().Float64("cost", sol.Cost.Total).Float64("bound", sol.Bound.Cost).Float64("gap", sol.Gap()).
		Int("iterations", sol.Stats.Iterations).Dur("elapsed", sol.Stats.Elapsed).
		Dur("first_feasible", sol.Stats.FirstFeasible).Uint64("seed", sol.Stats.Seed).
		Int("conflicts", len(plan.Conflicts)).Msg("solved")
	s, err := schedule.Build(c, sol)
	if err != nil {
		return nil, err
	}
	markPencils(s, plan)
	st.workOutCash(s, plan)
	res := &solveResult{plan: plan, schedule: s}
	clk.lap(log, "verify")
	if ctx.Err() == nil {
		// A search cut short by Ctrl-C is shown but never committed.
		if res.report, err = st.commit(ctx, plan, sol, o.seed); err != nil {
			return nil, err
		}
		clk.lap(log, "commit")
	}
	return res, nil
}

// render writes the schedule (to --out or stdout) and the change report.
func (res *solveResult) render(ctx context.Context, g *globals, o solveOptions) error {
	if o.out != "" {
		if err := writeOutputs(o.out, res.schedule); err != nil {
			return err
		}
		g.log.Info().Str("dir", o.out).Msg("wrote schedule.txt, schedule.json, schedule.csv")
	} else if err := schedule.Write(g.stdout, res.schedule, o.format); err != nil {
		return err
	}
	if res.report != nil {
		ro := store.RenderOptions{Location: res.plan.Compiled.Grid.Location, Names: res.plan.Names()}
		if err := writeRunReport(g.stdout, o.format, *res.report, res.plan.Conflicts, ro); err != nil {
			return err
		}
	}
	// A solve cut short by Ctrl-C still prints its best schedule, and
	// then exits 130.
	return ctx.Err()
}

// reportProblems prints a validation error's problems, one per line, and
// marks it reported; other errors pass through.
func reportProblems(w io.Writer, err error) error {
	var verr *model.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	for _, p := range verr.Problems {
		fmt.Fprintln(w, p)
	}
	return reportedError{err}
}

// outputFiles are what --out DIR holds, by format.
var outputFiles = []struct{ name, format string }{
	{"schedule.txt", schedule.FormatTable},
	{"schedule.json", schedule.FormatJSON},
	{"schedule.csv", schedule.FormatCSV},
}

// writeOutputs renders every format in memory, writes each to a
// temporary file in dir and renames them into place, so a failure leaves
// no partial file behind.
func writeOutputs(dir string, s *schedule.Schedule) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("out: %w", err)
	}
	temps := make([]string, 0, len(outputFiles))
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, of := range outputFiles {
		var buf bytes.Buffer
		if err := schedule.Write(&buf, s, of.format); err != nil {
			cleanup()
			return err
		}
		f, err := os.CreateTemp(dir, "."+of.name+".*")
		if err != nil {
			cleanup()
			return fmt.Errorf("out: %w", err)
		}
		temps = append(temps, f.Name())
		_, err = f.Write(buf.Bytes())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			cleanup()
			return fmt.Errorf("out: %w", err)
		}
	}
	for i, of := range outputFiles {
		if err := os.Rename(temps[i], filepath.Join(dir, of.name)); err != nil {
			cleanup()
			return fmt.Errorf("out: %w", err)
		}
	}
	return nil
}

// markPencils shows the pencils pinned in the frozen window as pencils:
// schedule.Build calls every pinned session confirmed.
func markPencils(s *schedule.Schedule, plan *repencil.Plan) {
	pencil := map[string]bool{}
	for t, info := range plan.Compiled.Tasks {
		pencil[info.ID] = !plan.Confirmed(t)
	}
	for i := range s.Bookings {
		if pencil[s.Bookings[i].ID] {
			s.Bookings[i].Status = booking.Pencil
		}
	}
}
