package limits

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/benchmarks"
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/generate"
	"github.com/pencil-post/pencil/solver"
)

// Instance kinds, as shown in the report.
const (
	KindPSPLIB  = "PSPLIB J120"
	KindSeries  = "generated series"
	KindProject = "project file"
)

// Command runs the whole of `pencil solve` on a project file with a time
// limit — load, compile, solve, write — and returns when it is done. The
// command line supplies it; the runner only times it.
type Command func(ctx context.Context, file string, limit time.Duration) error

// Config says what to measure. The zero value of a field takes the
// default given in its comment.
type Config struct {
	// Limits are the time limits to solve each instance with (default
	// 0.5 s, 1 s and 2 s).
	Limits []time.Duration
	// Workers is the search workers per solve (default 2).
	Workers int
	// Seed is every solve's seed.
	Seed uint64
	// PSPLIB is a folder of PSPLIB J120 .sm files; the runner takes
	// PSPLIBCount of them (default 5), spread over the folder in name
	// order. Empty or missing, they are skipped.
	PSPLIB      string
	PSPLIBCount int
	// Episodes are the sizes of the generated series (seed 1) to solve;
	// nil means 10, 20 and 40.
	Episodes []int
	// Projects are project files to solve.
	Projects []string
	// Command, when not nil, is timed on every project file and
	// generated series as well (the whole command's wall time).
	Command Command
	// Log, when not nil, is told of each run as it ends.
	Log func(Row)
}

// DefaultLimits are the time limits of a Config with none.
var DefaultLimits = []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}

// DefaultEpisodes are the generated series sizes of a Config with none.
var DefaultEpisodes = []int{10, 20, 40}

func (c Config) withDefaults() Config {
	if len(c.Limits) == 0 {
		c.Limits = DefaultLimits
	}
	if c.Workers <= 0 {
		c.Workers = 2
	}
	if c.PSPLIBCount <= 0 {
		c.PSPLIBCount = 5
	}
	if c.Episodes == nil {
		c.Episodes = DefaultEpisodes
	}
	return c
}

// Row is one instance solved with one time limit.
type Row struct {
	// Instance names the instance; Kind is one of the Kind constants.
	Instance, Kind string
	// Tasks, Resources and Slots are the compiled problem's size.
	Tasks, Resources, Slots int
	// Prepare is the load and compile time, outside the limit.
	Prepare time.Duration
	// Limit is the time limit; Wall the solver's wall time (Solve's
	// call to return); Overshoot is Wall - Limit (negative when the
	// search stopped early, at a proven optimum).
	Limit, Wall, Overshoot time.Duration
	// Schedule says whether a schedule came back; FirstFeasible is when
	// the first one was found (0 when none).
	Schedule      bool
	FirstFeasible time.Duration
	// Command is the whole command's wall time (load, compile, solve,
	// explain when there is no schedule, write); 0 when not measured.
	// CommandErr is its error, if any ("no schedule" for exit 3).
	Command    time.Duration
	CommandErr string
}

// Report is every run and the overshoot statistics.
type Report struct {
	Rows []Row
	// Solver and Command are the statistics of Row.Overshoot and of
	// Row.Command - Row.Limit.
	Solver, Command Stats
	// Skipped says what was left out and why (no PSPLIB folder).
	Skipped []string
}

// Stats sum up overshoots.
type Stats struct {
	Runs     int
	Max, P95 time.Duration
	// Worst names the run of the largest overshoot.
	Worst string
}

// instance is something to solve: a problem to build, and the project
// file behind it when there is one.
type instance struct {
	name, kind string
	file       string
	build      func() (*solver.Problem, error)
}

// Run solves every instance of cfg with every time limit and returns the
// report. It stops early, with what it has, when ctx ends.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	cfg = cfg.withDefaults()
	rep := &Report{}
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	insts, cleanup, err := instances(cfg, rep)
	defer cleanup()
	if err != nil {
		return nil, err
	}
	for _, in := range insts {
		if ctx.Err() != nil {
			break
		}
		start := time.Now()
		p, err := in.build()
		if err != nil {
			return nil, fmt.Errorf("limits: %s: %w", in.name, err)
		}
		prepare := time.Since(start)
		for _, limit := range cfg.Limits {
			if ctx.Err() != nil {
				rep.summarise()
				return rep, ctx.Err()
			}
			row, err := measure(ctx, cfg, in, p, limit)
			if err != nil {
				return nil, err
			}
			row.Prepare = prepare
			rep.Rows = append(rep.Rows, row)
			if cfg.Log != nil {
				cfg.Log(row)
			}
		}
	}
	rep.summarise()
	return rep, ctx.Err()
}

// measure solves p with limit, and runs the command on its file.
func measure(ctx context.Context, cfg Config, in instance, p *solver.Problem, limit time.Duration) (Row, error) {
	row := Row{Instance: in.name, Kind: in.kind, Tasks: len(p.Tasks), Resources: len(p.Resources), Slots: p.Slots, Limit: limit}
	start := time.Now()
	sol, err := solver.Solve(ctx, p, solver.Options{Seed: cfg.Seed, TimeLimit: limit, Workers: cfg.Workers})
	row.Wall = time.Since(start)
	row.Overshoot = row.Wall - limit
	switch {
	case err == nil:
		if verr := solver.Verify(p, sol); verr != nil {
			return row, fmt.Errorf("limits: %s: the schedule fails verification: %w", in.name, verr)
		}
		row.Schedule, row.FirstFeasible = true, sol.Stats.FirstFeasible
	case errors.Is(err, solver.ErrInfeasible), errors.Is(err, solver.ErrTimeLimit), ctx.Err() != nil:
		// No schedule within the limit: a row like any other.
	default:
		return row, fmt.Errorf("limits: %s: %w", in.name, err)
	}
	if cfg.Command != nil && in.file != "" && ctx.Err() == nil {
		start := time.Now()
		err := cfg.Command(ctx, in.file, limit)
		row.Command = time.Since(start)
		switch {
		case errors.Is(err, solver.ErrInfeasible):
			row.CommandErr = "no schedule"
		case errors.Is(err, solver.ErrTimeLimit):
			row.CommandErr = "no schedule in time"
		case err != nil:
			row.CommandErr = err.Error()
		}
	}
	return row, nil
}

// instances lists what cfg asks for. cleanup removes the generated files.
func instances(cfg Config, rep *Report) ([]instance, func(), error) {
	var out []instance
	noop := func() {}
	files, err := psplibSample(cfg.PSPLIB, cfg.PSPLIBCount)
	if err != nil {
		rep.Skipped = append(rep.Skipped, fmt.Sprintf("PSPLIB J120: %v", err))
	}
	for _, f := range files {
		out = append(out, instance{name: strings.TrimSuffix(filepath.Base(f), ".sm"), kind: KindPSPLIB, build: loadPSPLIB(f)})
	}
	var dir string
	if len(cfg.Episodes) > 0 {
		if dir, err = os.MkdirTemp("", "pencil-limits-"); err != nil {
			return nil, noop, err
		}
	}
	cleanup := func() {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	for _, n := range cfg.Episodes {
		g, err := generate.Generate(generate.Options{Kind: generate.Series, Episodes: n, Seed: 1})
		if err != nil {
			return nil, cleanup, err
		}
		name := fmt.Sprintf("series%d.yaml", n)
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, g.YAML, 0o644); err != nil {
			return nil, cleanup, err
		}
		out = append(out, instance{name: name, kind: KindSeries, file: file, build: compileFile(file)})
	}
	for _, f := range cfg.Projects {
		out = append(out, instance{name: filepath.Base(f), kind: KindProject, file: f, build: compileFile(f)})
	}
	return out, cleanup, nil
}

// psplibSample returns count .sm files of dir spread evenly over it in
// name order.
func psplibSample(dir string, count int) ([]string, error) {
	if dir == "" {
		return nil, errors.New("no folder given")
	}
	all, err := filepath.Glob(filepath.Join(dir, "*.sm"))
	if err != nil {
		return nil, err
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no .sm files in %s", dir)
	}
	slices.Sort(all)
	step := max(len(all)/count, 1)
	var out []string
	for i := 0; i < len(all) && len(out) < count; i += step {
		out = append(out, all[i])
	}
	return out, nil
}

func loadPSPLIB(file string) func() (*solver.Problem, error) {
	return func() (*solver.Problem, error) {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		in, err := benchmarks.LoadPSPLIB(f, strings.TrimSuffix(filepath.Base(file), ".sm"))
		if err != nil {
			return nil, err
		}
		return in.Problem, nil
	}
}

func compileFile(file string) func() (*solver.Problem, error) {
	return func() (*solver.Problem, error) {
		p, err := model.Load(file)
		if err != nil {
			return nil, err
		}
		c, err := compile.Compile(p, compile.Options{})
		if err != nil {
			return nil, err
		}
		return c.Problem, nil
	}
}

// summarise fills in the statistics.
func (r *Report) summarise() {
	var solverRuns, commandRuns []run
	for _, row := range r.Rows {
		solverRuns = append(solverRuns, run{row.Overshoot, row.label()})
		if row.Command > 0 {
			commandRuns = append(commandRuns, run{row.Command - row.Limit, row.label()})
		}
	}
	r.Solver, r.Command = statsOf(solverRuns), statsOf(commandRuns)
}

// label names a run: "j12010_1 at 1s".
func (r Row) label() string { return fmt.Sprintf("%s at %v", r.Instance, r.Limit) }

type run struct {
	over  time.Duration
	label string
}

// statsOf returns the maximum and the 95th percentile (nearest rank) of
// the overshoots.
func statsOf(runs []run) Stats {
	if len(runs) == 0 {
		return Stats{}
	}
	sorted := slices.Clone(runs)
	slices.SortStableFunc(sorted, func(a, b run) int { return cmp.Compare(a.over, b.over) })
	rank := (95*len(sorted) + 99) / 100 // ceil(0.95 n), 1-based
	worst := sorted[len(sorted)-1]
	return Stats{Runs: len(sorted), Max: worst.over, P95: sorted[rank-1].over, Worst: worst.label}
}
