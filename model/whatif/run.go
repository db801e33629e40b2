package whatif

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/solver"
)

// Options control the solves of a comparison.
type Options struct {
	// Seed is every solve's seed (default 0 is a seed like any other).
	Seed uint64
	// Iterations caps each solve's search per worker; with TimeLimit 0
	// a comparison is repeatable.
	Iterations int
	// TimeLimit stops each solve; 0 means only Iterations.
	TimeLimit time.Duration
	// Workers is the search workers per solve (default 1, so that the
	// scenarios, not the workers of one solve, share the cores).
	Workers int
	// Parallel is how many scenarios are solved at once (default
	// runtime.GOMAXPROCS(0)). Results never depend on it.
	Parallel int
	// NoiseRuns is how many extra solves of the base, with seeds Seed+1
	// to Seed+NoiseRuns, measure the search's noise: the spread of their
	// costs (Comparison.Noise). A scenario whose cost differs from the
	// base's by no more than that shows "no change". 0 means none.
	NoiseRuns int
	// Progress, when set, is called after each solve of the comparison
	// (the base, each noise run, each scenario), from the goroutine that
	// ran it: it must be safe for concurrent use.
	Progress func(Step)
	// Now, when set, says when now is in a project's time zone: nothing
	// is placed before it in the base or any scenario, as in a solve
	// (compile.Options.NotBefore). Its error ends that solve.
	Now func(loc *time.Location) (time.Time, error)
	// Admit, when set, sees each compiled project before its search and
	// may refuse it (the CLI refuses one too large for the memory
	// available); its error ends that solve.
	Admit func(*compile.Compiled) error
}

// Step is one solve of a comparison finished, for a progress display.
type Step struct {
	// Name is the scenario's name, BaseName for the base, or "noise" for
	// a noise run of the base.
	Name string
	// Done of Total solves are finished.
	Done, Total int
	// Feasible says whether it found a schedule; Cost is its cost then,
	// in Currency.
	Feasible bool
	Cost     float64
	Currency string
}

func (o Options) solverOptions(warm []solver.Placement) solver.Options {
	return solver.Options{Seed: o.Seed, Iterations: o.Iterations, TimeLimit: o.TimeLimit,
		Workers: max(o.Workers, 1), WarmStart: warm}
}

// Loader returns a function that loads a fresh copy of the project at
// path each time it is called. Loading is the deep copy: scenarios never
// share a suite, a person or a session, so overlays cannot leak from one
// into another.
func Loader(path string) func() (*model.Project, error) {
	return func() (*model.Project, error) { return model.Load(path) }
}

// Solved is one project solved: the compiled problem, the solution and
// the schedule built from it.
type Solved struct {
	Project  *model.Project
	Compiled *compile.Compiled
	Solution *solver.Solution
	Schedule *schedule.Schedule
}

// Infeasible says why a project has no schedule, in the trade's words.
type Infeasible struct {
	// Headline sums up the conflict in one sentence, or is empty.
	Headline string
	// Lines name each constraint of the conflict with its position.
	Lines []string
	// Err is the solver's or the compiler's error.
	Err error
	// Cap is the budget cap in the conflict, when there is exactly one:
	// the department ("" for the total budget) and its limit.
	Cap *Cap
}

// Cap is a budget cap that a scenario could not meet: a production's
// in a facility ("" for the whole project).
type Cap struct {
	Production string
	Department string
	Limit      float64
}

// Error implements error; errors.Is(err, solver.ErrInfeasible) holds
// when the solver found no schedule, errors.Is(err, solver.ErrTimeLimit)
// when it ran out of time before it found any.
func (e *Infeasible) Error() string {
	if e.Headline != "" {
		return e.Headline
	}
	return e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *Infeasible) Unwrap() error { return e.Err }

// Solve compiles p, solves it (warm-started from warm when it returns a
// placement list), checks the solution with solver.Verify and builds the
// schedule. A project with no schedule comes back as an *Infeasible;
// compile problems as a *model.ValidationError.
func Solve(ctx context.Context, p *model.Project, opts Options, warm func(*compile.Compiled) []solver.Placement) (*Solved, error) {
	var notBefore time.Time
	if opts.Now != nil {
		var err error
		if notBefore, err = opts.Now(p.Calendar.Location); err != nil {
			return nil, err
		}
	}
	c, err := compile.Compile(p, compile.Options{NotBefore: notBefore})
	if err != nil {
		return nil, err
	}
	if opts.Admit != nil {
		if err := opts.Admit(c); err != nil {
			return nil, err
		}
	}
	start := c.WarmStart
	if warm != nil {
		start = warm(c)
	}
	sol, err := solver.Solve(ctx, c.Problem, opts.solverOptions(start))
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.Is(err, solver.ErrInfeasible):
		return nil, explain(ctx, c, err, opts)
	case errors.Is(err, solver.ErrTimeLimit):
		// Out of time before any schedule: no answer about feasibility.
		return nil, &Infeasible{Err: err, Lines: []string{noScheduleInTime}}
	case err != nil:
		return nil, fmt.Errorf("whatif: solve: %w", err)
	}
	if err := solver.Verify(c.Problem, sol); err != nil {
		return nil, fmt.Errorf("whatif: the schedule found fails verification: %w", err)
	}
	s, err := schedule.Build(c, sol)
	if err != nil {
		return nil, err
	}
	return &Solved{Project: p, Compiled: c, Solution: sol, Schedule: s}, nil
}

// noScheduleInTime is the line shown for a scenario whose search ran out
// of time before it found any schedule.
const noScheduleInTime = "no schedule found within the time limit: nothing is known about whether one exists (try a longer time limit or more iterations)"

// probably heads the lines of a conflict whose check (infeasible on its
// own, every smaller set feasible) could not be finished or failed.
const probably = "probably (not every check of this explanation could be made):"

// explainTimeLimit bounds the explanation of one infeasible scenario, so
// that a comparison never hangs on it.
const explainTimeLimit = 30 * time.Second

// explain turns the solver's infeasibility into the trade's words, using
// the search's own conflict, else the solver's quick checks, else a
// minimal conflict found by solver.Explain with short searches as the
// oracle (the way pencil solve explains).
func explain(ctx context.Context, c *compile.Compiled, err error, opts Options) *Infeasible {
	// An explanation that runs out of time leaves the conflict empty; the
	// line below says so.
	conflict, _ := c.FindConflict(ctx, err, opts.Seed, explainTimeLimit)
	// Check it before it is shown (see compile.Compiled.CheckConflict).
	sure := solver.Probable
	if len(conflict) > 0 {
		cctx, cancel := context.WithTimeout(ctx, explainTimeLimit)
		sure, _ = c.CheckConflict(cctx, conflict, opts.Seed)
		cancel()
	}
	if sure == solver.Refuted {
		conflict = nil
	}
	out := &Infeasible{Err: err, Headline: c.Headline(conflict), Lines: c.Explain(conflict), Cap: budgetCap(c.Problem, conflict)}
	if len(out.Lines) == 0 {
		out.Lines = []string{"no schedule found within the search limit (try more iterations or a longer time limit)"}
	} else if sure != solver.Confirmed {
		out.Lines = append([]string{probably}, out.Lines...)
	}
	return out
}

// budgetCap returns the one budget cap among a conflict's groups, or nil.
func budgetCap(p *solver.Problem, conflict []solver.GroupID) *Cap {
	var out *Cap
	for _, g := range conflict {
		if int(g) < 0 || int(g) >= len(p.Groups) || p.Groups[g].Kind != compile.KindBudget {
			continue
		}
		for _, b := range p.Budgets {
			if b.Group != g {
				continue
			}
			if out != nil {
				return nil
			}
			out = &Cap{Limit: b.Limit}
			if b.Department >= 0 && b.Department < len(p.Departments) {
				out.Department = p.Departments[b.Department]
			}
			if b.Production >= 0 && b.Production < len(p.Productions) {
				out.Production = p.Productions[b.Production]
			}
		}
	}
	return out
}

// capHeadline sums up a scenario whose budget cap cannot be met, against
// what the base schedule spends.
func capHeadline(currency string, cp *Cap, base *schedule.Schedule) string {
	what, spent := "the total budget", base.Cost.Total
	switch {
	case cp.Production != "" && cp.Department != "":
		// The report has no production-by-department table to quote.
		what = fmt.Sprintf("The %s %s budget cap", cp.Production, cp.Department)
		return fmt.Sprintf("%s of %s cannot be met: no schedule under the cap was found", what, compile.Money(currency, cp.Limit))
	case cp.Production != "":
		what, spent = "the "+cp.Production+" total budget", amount(base.Cost.Productions, cp.Production)
	case cp.Department != "":
		what, spent = "the "+cp.Department+" budget cap", amount(base.Cost.Departments, cp.Department)
	}
	return fmt.Sprintf("%s of %s cannot be met: the base schedule spends %s there, and no schedule under the cap was found",
		strings.ToUpper(what[:1])+what[1:], compile.Money(currency, cp.Limit), compile.Money(currency, spent))
}

// Run solves the base project and every scenario, and compares them.
// The base is solved first; then the scenarios are solved in parallel
// (Options.Parallel at once), each warm-started from the base schedule
// where its sessions and resources match. With a fixed Seed and
// Iterations (and no TimeLimit) the comparison is the same however the
// goroutines are scheduled.
//
// A scenario that cannot be applied (an unknown id) fails the whole run
// with a *model.ValidationError; a scenario with no schedule is a result
// like any other, with its explanation. The base must have a schedule.
func Run(ctx context.Context, load func() (*model.Project, error), scenarios []Scenario, opts Options) (*Comparison, error) {
	projects := make([]*model.Project, len(scenarios))
	var problems []model.Problem
	for i, sc := range scenarios {
		p, err := load()
		if err != nil {
			return nil, err
		}
		var verr *model.ValidationError
		if err := sc.Apply(p); errors.As(err, &verr) {
			problems = append(problems, verr.Problems...)
		} else if err != nil {
			return nil, err
		}
		projects[i] = p
	}
	if len(problems) > 0 {
		return nil, &model.ValidationError{Problems: problems}
	}
	baseProject, err := load()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	base, err := Solve(ctx, baseProject, opts, nil)
	if err != nil {
		return nil, fmt.Errorf("whatif: base project: %w", err)
	}
	cmp := &Comparison{Production: base.Schedule.Production, Currency: base.Schedule.Currency, Options: opts}
	cmp.Base = measure(BaseName, "", base, nil, nil)
	// Steps are reported one at a time, so Done counts up in the order
	// the caller sees them even when solves finish together.
	var stepMu sync.Mutex
	done := 0
	step := func(name string, r Result) {
		if opts.Progress == nil {
			return
		}
		stepMu.Lock()
		defer stepMu.Unlock()
		done++
		opts.Progress(Step{Name: name, Done: done, Total: 1 + max(opts.NoiseRuns, 0) + len(scenarios),
			Feasible: r.Feasible, Cost: r.Cost, Currency: cmp.Currency})
	}
	step(BaseName, cmp.Base)
	cmp.Scenarios = make([]Result, len(scenarios))
	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	sem := make(chan struct{}, parallel)
	errs := make([]error, len(scenarios))
	var wg sync.WaitGroup
	noise := make([]float64, max(opts.NoiseRuns, 0))
	noiseErrs := make([]error, len(noise))
	for k := range noise {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			noise[k], noiseErrs[k] = solveBaseAgain(ctx, load, opts, uint64(k+1))
			step("noise", Result{Feasible: noiseErrs[k] == nil, Cost: noise[k]})
		}()
	}
	for i, sc := range scenarios {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			solved, err := Solve(ctx, projects[i], opts, func(c *compile.Compiled) []solver.Placement { return warmFrom(base, c) })
			var inf *Infeasible
			var verr *model.ValidationError
			switch {
			case err == nil:
				cmp.Scenarios[i] = measure(sc.Name, sc.Note, solved, base, nil)
			case errors.As(err, &inf):
				if inf.Headline == "" && inf.Cap != nil {
					inf.Headline = capHeadline(cmp.Currency, inf.Cap, base.Schedule)
				}
				cmp.Scenarios[i] = measure(sc.Name, sc.Note, nil, base, inf)
			case errors.As(err, &verr):
				lines := make([]string, len(verr.Problems))
				for j, p := range verr.Problems {
					lines[j] = p.String()
				}
				cmp.Scenarios[i] = measure(sc.Name, sc.Note, nil, base, &Infeasible{Lines: lines, Err: err})
			default:
				errs[i] = fmt.Errorf("whatif: scenario %q: %w", sc.Name, err)
			}
			step(sc.Name, cmp.Scenarios[i])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := errors.Join(noiseErrs...); err != nil {
		return nil, fmt.Errorf("whatif: base project, measuring the search noise: %w", err)
	}
	cmp.Noise = spread(append(noise, base.Schedule.Cost.Total))
	for i, sc := range scenarios {
		cmp.Scenarios[i].Changes = sc.Changes()
	}
	cmp.Elapsed = time.Since(start)
	return cmp, nil
}

// solveBaseAgain solves a fresh copy of the base project with the seed
// opts.Seed+k and returns the cost of its schedule.
func solveBaseAgain(ctx context.Context, load func() (*model.Project, error), opts Options, k uint64) (float64, error) {
	p, err := load()
	if err != nil {
		return 0, err
	}
	opts.Seed += k
	s, err := Solve(ctx, p, opts, nil)
	if err != nil {
		return 0, fmt.Errorf("seed %d: %w", opts.Seed, err)
	}
	return s.Schedule.Cost.Total, nil
}

// spread is the largest minus the smallest of costs (0 for fewer than
// two).
func spread(costs []float64) float64 {
	if len(costs) < 2 {
		return 0
	}
	return slices.Max(costs) - slices.Min(costs)
}

// warmFrom builds a warm start for c from the base schedule: each task
// whose session is in the base, with every resource the base chose still
// in c, starts where the base put it; a pinned task sits at its pin; the
// rest start from c's own warm start (the project's pencils) or are left
// to the search (Start -1).
func warmFrom(base *Solved, c *compile.Compiled) []solver.Placement {
	type key struct {
		kind compile.ResourceKind
		id   string
	}
	res := make(map[key]solver.ResourceID, len(c.Resources))
	for r, info := range c.Resources {
		res[key{info.Kind, info.ID}] = solver.ResourceID(r)
	}
	baseTask := make(map[string]int, len(base.Compiled.Tasks))
	for t, info := range base.Compiled.Tasks {
		baseTask[info.ID] = t
	}
	out := make([]solver.Placement, len(c.Tasks))
	for t, info := range c.Tasks {
		out[t] = solver.Placement{Start: -1}
		if c.WarmStart != nil {
			out[t] = c.WarmStart[t]
		}
		if pin := c.Problem.Tasks[t].Pin; pin != nil {
			out[t] = *pin
			continue
		}
		bt, ok := baseTask[info.ID]
		if !ok {
			continue
		}
		bp := base.Solution.Placements[bt]
		pl := solver.Placement{Start: c.Grid.SlotOf(base.Compiled.Grid.Time(bp.Start))}
		for _, br := range bp.Resources {
			bi := base.Compiled.Resources[br]
			r, ok := res[key{bi.Kind, bi.ID}]
			if !ok {
				pl.Start = -1
				break
			}
			pl.Resources = append(pl.Resources, r)
		}
		if pl.Start >= 0 && int(pl.Start) < c.Problem.Slots && demandSlots(c.Problem.Tasks[t]) == len(pl.Resources) {
			out[t] = pl
		}
	}
	return out
}

// demandSlots is the length of a task's flattened resource list.
func demandSlots(t solver.Task) int {
	n := 0
	for _, d := range t.Demands {
		n += max(d.Count, 1)
	}
	return n
}
