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
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/schedule"
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
}

func newSolveCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "solve FILE",
		Short: "Pencil a schedule for a project file",
		Long: `Compile a project file and search for a feasible, low-cost schedule: who is
in which suite when, what it costs per term, department, resource and week,
when you deliver, and the gap to a proven lower bound. Confirmed bookings
stay where they are; pencils are moved only when it pays.

The table shows the schedule per suite, per person and per artiste, then
the cost breakdown, then "bound £X, gap Y%". --format json gives the same
as one JSON object (stable field names), --format csv one row per booking.
--out DIR writes schedule.txt, schedule.json and schedule.csv into DIR
instead (atomically: nothing is written when the solve fails).

With the same --seed and an --iterations limit (and no time limit) a solve
is repeatable. When no schedule exists, the conflict is printed in the
trade's words with file positions, and the exit status is 3.
` + exitStatusHelp,
		Example: `  pencil solve testdata/feature.yaml
  pencil solve testdata/series.yaml --time-limit 30s --format json
  pencil solve testdata/facility.yaml --out out/ --seed 7
  PENCIL_TIME_LIMIT=1m pencil solve testdata/series.yaml`,
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
	if !slices.Contains(schedule.Formats, o.format) {
		return o, usageError{fmt.Errorf("format %q: want %s", o.format, strings.Join(schedule.Formats, ", "))}
	}
	if o.timeLimit == 0 && o.iterations == 0 {
		return o, usageError{errors.New("set --time-limit or --iterations, or the search never stops")}
	}
	return o, nil
}

// runSolve loads, compiles, solves and renders one project file.
func runSolve(ctx context.Context, g *globals, file string, o solveOptions) error {
	log := g.log.With().Str("file", file).Logger()
	p, err := model.Load(file)
	if err != nil {
		return reportProblems(g.stderr, err)
	}
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		return reportProblems(g.stderr, err)
	}
	for _, w := range c.Warnings {
		log.Warn().Msg(w)
	}
	log.Info().Uint64("seed", o.seed).Dur("time_limit", o.timeLimit).Int("iterations", o.iterations).
		Int("workers", o.workers).Int("tasks", len(c.Problem.Tasks)).Int("resources", len(c.Problem.Resources)).
		Int("slots", c.Problem.Slots).Bool("warm_start", c.WarmStart != nil).Msg("solving")
	prog := newProgressLine(g.stderr, c.Currency)
	sol, err := solver.Solve(ctx, c.Problem, solver.Options{
		Seed:       o.seed,
		TimeLimit:  o.timeLimit,
		Iterations: o.iterations,
		Workers:    o.workers,
		WarmStart:  c.WarmStart,
		Progress:   prog.update,
	})
	prog.done()
	if err != nil && ctx.Err() != nil {
		// Interrupted before any schedule was found: not an answer about
		// feasibility.
		return fmt.Errorf("solve %s: %w", file, ctx.Err())
	}
	if errors.Is(err, solver.ErrInfeasible) {
		return explainInfeasible(ctx, g, c, err, o)
	}
	if err != nil {
		return fmt.Errorf("solve %s: %w", file, err)
	}
	// Never print a schedule the independent checker rejects.
	if err := solver.Verify(c.Problem, sol); err != nil {
		return fmt.Errorf("solve %s: the schedule found fails verification: %w", file, err)
	}
	log.Info().Float64("cost", sol.Cost.Total).Float64("bound", sol.Bound.Cost).Float64("gap", sol.Gap()).
		Int("iterations", sol.Stats.Iterations).Dur("elapsed", sol.Stats.Elapsed).
		Dur("first_feasible", sol.Stats.FirstFeasible).Uint64("seed", sol.Stats.Seed).Msg("solved")
	s, err := schedule.Build(c, sol)
	if err != nil {
		return err
	}
	if o.out != "" {
		if err := writeOutputs(o.out, s); err != nil {
			return err
		}
		log.Info().Str("dir", o.out).Msg("wrote schedule.txt, schedule.json, schedule.csv")
	} else if err := schedule.Write(g.stdout, s, o.format); err != nil {
		return err
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

// explainIterations is the search effort the explanation oracle spends on
// each relaxed copy of the problem.
const explainIterations = 300

// explainInfeasible prints the conflict behind an infeasible solve: the
// search's own when it gives one, else the cheap checks' of
// solver.ExplainQuick, else a minimal conflict found by solver.Explain with a short search as the oracle (bounded by the solve's
// time limit, or a minute).
func explainInfeasible(ctx context.Context, g *globals, c *compile.Compiled, err error, o solveOptions) error {
	var conflict []solver.GroupID
	var ie *solver.InfeasibleError
	if errors.As(err, &ie) {
		conflict = ie.Conflict
	}
	if len(conflict) == 0 {
		conflict = solver.ExplainQuick(c.Problem)
	}
	if len(conflict) == 0 {
		limit := o.timeLimit
		if limit == 0 {
			limit = time.Minute
		}
		ectx, cancel := context.WithTimeout(ctx, limit)
		var xerr error
		conflict, xerr = solver.Explain(ectx, c.Problem, func(ctx context.Context, q *solver.Problem) (bool, error) {
			_, err := solver.Solve(ctx, q, solver.Options{Seed: o.seed, Iterations: explainIterations, Workers: 1})
			switch {
			case err == nil:
				return true, nil
			case errors.Is(err, solver.ErrInfeasible):
				return false, nil
			}
			return false, err
		})
		cancel()
		if xerr != nil {
			g.log.Warn().Err(xerr).Msg("could not narrow down the conflict")
			conflict = nil
		}
	}
	fmt.Fprintf(g.stderr, "pencil: %v\n", err)
	if werr := c.WriteExplanation(g.stderr, conflict); werr != nil {
		return werr
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

// progressLine shows the state of a search on a terminal once it has run
// for a second, rewriting one line of stderr. It is safe for concurrent
// use, as solver.Options.Progress requires.
type progressLine struct {
	mu       sync.Mutex
	w        io.Writer
	currency string
	on       bool
	shown    bool
	last     time.Duration
}

func newProgressLine(w io.Writer, currency string) *progressLine {
	return &progressLine{w: w, currency: currency, on: isTerminal(w)}
}

// update is the solver's progress callback.
func (p *progressLine) update(pr solver.Progress) {
	if !p.on || pr.Elapsed < time.Second {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && pr.Elapsed-p.last < 200*time.Millisecond {
		return
	}
	p.shown, p.last = true, pr.Elapsed
	best := "no schedule yet"
	if pr.Feasible {
		best = "best " + compile.Money(p.currency, pr.BestCost)
	}
	fmt.Fprintf(p.w, "\r\033[Ksearching %5.1fs  %d iterations  %s", pr.Elapsed.Seconds(), pr.Iterations, best)
}

// done clears the progress line.
func (p *progressLine) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
