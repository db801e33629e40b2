package benchmarks

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/solver"
)

// SolveFunc is the search Run drives; solver.Solve is the default.
type SolveFunc func(ctx context.Context, p *solver.Problem, opts solver.Options) (*solver.Solution, error)

// RunConfig says which instances Run solves and how. The zero value of
// every optional field means "no limit" or the default noted.
type RunConfig struct {
	// Kind is KindPSPLIB ("psplib", .sm files) or KindIMOPSE ("imopse",
	// .def files).
	Kind Kind
	// Instances is a folder searched recursively for instance files (or
	// one instance file). They
	// run in natural order of their names (j301_2 before j301_10), so the
	// same folder gives the same table.
	Instances string
	// References are reference tables for LoadReferences; several may be
	// given, and each instance takes the best bound over them. Optional.
	References []string
	// TimeLimit is the search time per instance. TimeLimit or Iterations
	// must be set.
	TimeLimit time.Duration
	// Iterations caps the search iterations per worker per instance. With
	// a fixed Seed, a run limited by Iterations alone is deterministic.
	Iterations int
	// Seed is passed to the search.
	Seed uint64
	// Workers is the number of search workers (0: one per CPU).
	Workers int
	// Filter keeps instances whose name or base name matches this glob
	// (path.Match syntax, such as "j3012_*"). Empty keeps all.
	Filter string
	// Every keeps every Every-th instance after filtering, starting with
	// the first: 5 samples 96 of J30's 480. 0 or 1 keeps all.
	Every int
	// Limit caps the number of instances run after sampling (0: all).
	Limit int
	// Format is FormatText (default), FormatMarkdown or FormatCSV.
	Format Format
	// Solve replaces solver.Solve (for tests and peer solvers). Nil means
	// solver.Solve.
	Solve SolveFunc
}

// Result is one instance's line of the table.
type Result struct {
	// Name is the instance file's path below RunConfig.Instances, without
	// its extension.
	Name string
	// Feasible says a schedule was found and passed verification; only
	// then do Makespan, Cost and FirstFeasible mean anything.
	Feasible bool
	// Makespan is the schedule's makespan.
	Makespan int
	// Known is what the reference tables say (zero when nothing).
	Known Known
	// LowerBound is the instance's lower bound on the makespan: the
	// critical path for PSPLIB, as the literature's deviations use; for
	// iMOPSE the best of Instance.LowerBound and solver's LowerBound
	// (critical path and resource-pool energy).
	LowerBound int
	// Cost is iMOPSE's cost objective, duration times salary (0 for PSPLIB).
	Cost float64
	// Time is the wall-clock time of the search; FirstFeasible when it
	// first held a feasible schedule.
	Time, FirstFeasible time.Duration
	// Proved says the solver proved Makespan optimal: its own lower
	// bound (critical path, energy or, on small instances, the exact
	// search) reached it.
	Proved bool
	// Err says why there is no verified schedule.
	Err error
}

// DevRef returns how far the makespan lies above the best known one, in
// percent; ok is false without a verified schedule or a reference.
func (r Result) DevRef() (pct float64, ok bool) {
	if !r.Feasible || r.Known.Upper <= 0 {
		return 0, false
	}
	return 100 * float64(r.Makespan-r.Known.Upper) / float64(r.Known.Upper), true
}

// DevLB returns how far the makespan lies above LowerBound, in percent;
// ok is false without a verified schedule or a positive bound.
func (r Result) DevLB() (pct float64, ok bool) {
	if !r.Feasible || r.LowerBound <= 0 {
		return 0, false
	}
	return 100 * float64(r.Makespan-r.LowerBound) / float64(r.LowerBound), true
}

// Matched says the makespan equals the best known one, or beats it.
func (r Result) Matched() bool {
	return r.Feasible && r.Known.Upper > 0 && r.Makespan <= r.Known.Upper
}

// Summary aggregates a run.
type Summary struct {
	// Instances counts the instances run; Feasible those with a verified
	// schedule; Matched those that reached their reference.
	Instances, Feasible, Matched int
	// Proved counts those whose makespan the solver proved optimal.
	Proved int
	// Referenced counts verified instances that have a reference, the
	// population of MeanDevRef.
	Referenced int
	// MeanDevRef is the mean percent above the reference over Referenced
	// instances; MeanDevLB the mean percent above the lower bound over
	// Feasible instances.
	MeanDevRef, MeanDevLB float64
	// MeanTime is the mean search time over all instances.
	MeanTime time.Duration
	// Results has one entry per instance, in run order.
	Results []Result
}

// String is the summary line Run prints last, for example
//
//	summary: instances=480 feasible=480 matched=471 mean_dev_ref=0.05% mean_dev_lb=13.4% mean_time=0.41s proved=466
//
// A mean over no instances prints as n/a.
func (s Summary) String() string {
	ref, lb := "n/a", "n/a"
	if s.Referenced > 0 {
		ref = fmt.Sprintf("%.2f%%", s.MeanDevRef)
	}
	if s.Feasible > 0 {
		lb = fmt.Sprintf("%.1f%%", s.MeanDevLB)
	}
	return fmt.Sprintf("summary: instances=%d feasible=%d matched=%d mean_dev_ref=%s mean_dev_lb=%s mean_time=%.2fs proved=%d",
		s.Instances, s.Feasible, s.Matched, ref, lb, s.MeanTime.Seconds(), s.Proved)
}

// summarize works out the summary of results.
func summarize(results []Result) Summary {
	s := Summary{Instances: len(results), Results: results}
	var total time.Duration
	for _, r := range results {
		total += r.Time
		if d, ok := r.DevRef(); ok {
			s.Referenced++
			s.MeanDevRef += d
		}
		if d, ok := r.DevLB(); ok {
			s.MeanDevLB += d
		}
		if r.Feasible {
			s.Feasible++
		}
		if r.Matched() {
			s.Matched++
		}
		if r.Feasible && r.Proved {
			s.Proved++
		}
	}
	if s.Referenced > 0 {
		s.MeanDevRef /= float64(s.Referenced)
	}
	if s.Feasible > 0 {
		s.MeanDevLB /= float64(s.Feasible)
	}
	if s.Instances > 0 {
		s.MeanTime = total / time.Duration(s.Instances)
	}
	return s
}

// instanceFile is an instance to run: its table name and its path.
type instanceFile struct {
	name, path string
}

// Run solves each selected instance in turn, checks every schedule with
// both Instance.Check and solver.Verify before counting it, and prints a table row per instance
// as it goes, then the summary line. An instance that fails to load or
// solve gets a row saying why and counts as not feasible. Run stops early,
// returning the summary so far and the context's error, when ctx ends.
func Run(ctx context.Context, cfg RunConfig, w io.Writer) (Summary, error) {
	if err := cfg.validate(); err != nil {
		return Summary{}, err
	}
	ref, err := LoadReferences(cfg.References)
	if err != nil {
		return Summary{}, err
	}
	files, err := cfg.list()
	if err != nil {
		return Summary{}, err
	}
	solve := cfg.Solve
	if solve == nil {
		solve = solver.Solve
	}
	tw := newTable(w, cfg.Format, cfg.Kind, files)
	tw.header()
	results := make([]Result, 0, len(files))
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			s := summarize(results)
			tw.summary(s)
			return s, err
		}
		r := cfg.runOne(ctx, solve, f, ref)
		results = append(results, r)
		tw.row(r)
	}
	s := summarize(results)
	tw.summary(s)
	return s, tw.err
}

func (cfg *RunConfig) validate() error {
	switch {
	case cfg.Kind != KindPSPLIB && cfg.Kind != KindIMOPSE:
		return fmt.Errorf("benchmarks: kind %q: want %q or %q", cfg.Kind, KindPSPLIB, KindIMOPSE)
	case cfg.Instances == "":
		return errors.New("benchmarks: no instance folder given")
	case cfg.TimeLimit <= 0 && cfg.Iterations <= 0:
		return errors.New("benchmarks: set a time limit or an iteration limit")
	case cfg.Every < 0 || cfg.Limit < 0 || cfg.Workers < 0:
		return errors.New("benchmarks: every, limit and workers cannot be negative")
	}
	switch cfg.Format {
	case "", FormatText, FormatMarkdown, FormatCSV:
	default:
		return fmt.Errorf("benchmarks: format %q: want %q, %q or %q", cfg.Format, FormatText, FormatMarkdown, FormatCSV)
	}
	if _, err := path.Match(cfg.Filter, ""); err != nil {
		return fmt.Errorf("benchmarks: filter %q: %w", cfg.Filter, err)
	}
	return nil
}

// list finds the instance files to run, in natural order, filtered and
// sampled.
func (cfg *RunConfig) list() ([]instanceFile, error) {
	ext := ".sm"
	if cfg.Kind == KindIMOPSE {
		ext = ".def"
	}
	var files []instanceFile
	err := filepath.WalkDir(cfg.Instances, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ext {
			return err
		}
		rel, err := filepath.Rel(cfg.Instances, p)
		if err != nil {
			return err
		}
		if rel == "." { // Instances names a single file
			rel = filepath.Base(p)
		}
		name := strings.TrimSuffix(filepath.ToSlash(rel), ext)
		if cfg.Filter != "" && !filterMatches(cfg.Filter, name, ext) {
			return nil
		}
		files = append(files, instanceFile{name: name, path: p})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("benchmarks: instances: %w", err)
	}
	if len(files) == 0 && cfg.Filter != "" {
		return nil, fmt.Errorf("benchmarks: no %s file in %s matches --filter %q", ext, cfg.Instances, cfg.Filter)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("benchmarks: no %s files in %s", ext, cfg.Instances)
	}
	slices.SortFunc(files, func(a, b instanceFile) int { return naturalCompare(a.name, b.name) })
	if cfg.Every > 1 {
		kept := files[:0]
		for i, f := range files {
			if i%cfg.Every == 0 {
				kept = append(kept, f)
			}
		}
		files = kept
	}
	if cfg.Limit > 0 && len(files) > cfg.Limit {
		files = files[:cfg.Limit]
	}
	return files, nil
}

// filterMatches reports whether the glob matches an instance's name (its
// path under the instances folder, without the extension) or its base
// name, with or without the extension: "j3029_1" and "j3029_1.sm" both
// pick j30/j3029_1.sm.
func filterMatches(glob, name, ext string) bool {
	for _, s := range []string{name, path.Base(name), name + ext, path.Base(name) + ext} {
		if ok, _ := path.Match(glob, s); ok {
			return true
		}
	}
	return false
}

// naturalCompare orders strings with runs of digits compared as numbers,
// so that j301_2 comes before j301_10 and j302_1 after both.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

// runOne loads, solves and checks one instance.
func (cfg *RunConfig) runOne(ctx context.Context, solve SolveFunc, f instanceFile, ref Reference) Result {
	r := Result{Name: f.name}
	r.Known, _ = ref.Lookup(f.name)
	in, err := loadPath(cfg.Kind, f.path, f.name)
	if err != nil {
		r.Err = err
		return r
	}
	r.LowerBound = in.LowerBound()
	if cfg.Kind == KindIMOPSE {
		r.LowerBound = max(r.LowerBound, int(in.Problem.LowerBound(ctx).Makespan))
	}
	opts := solver.Options{Seed: cfg.Seed, TimeLimit: cfg.TimeLimit, Iterations: cfg.Iterations, Workers: cfg.Workers}
	start := time.Now()
	sol, err := solve(ctx, in.Problem, opts)
	r.Time = time.Since(start)
	if err == nil {
		err = in.Check(sol)
	}
	if err == nil {
		if verr := solver.Verify(in.Problem, sol); verr != nil {
			err = fmt.Errorf("%w: %w", ErrUnverified, verr)
		}
	}
	if err != nil {
		r.Err = err
		return r
	}
	r.Feasible = true
	r.Makespan = int(sol.Makespan)
	r.Cost = in.Cost(sol)
	r.FirstFeasible = sol.Stats.FirstFeasible
	r.Proved = sol.Bound.Makespan >= sol.Makespan && in.Problem.Objective.MakespanWeight > 0 && cfg.Kind == KindPSPLIB
	return r
}

// loadPath loads one instance file of the given kind.
func loadPath(kind Kind, file, name string) (*Instance, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("benchmarks: %w", err)
	}
	defer f.Close()
	if kind == KindIMOPSE {
		return LoadIMOPSE(f, name)
	}
	return LoadPSPLIB(f, name)
}
