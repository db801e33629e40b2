package compare

import (
	"context"
	"fmt"
	"slices"
	"syscall"
	"time"

	"github.com/pencil-post/pencil/model/mzn"
	"github.com/pencil-post/pencil/solver"
)

// Config says what to compare.
type Config struct {
	// Family is the kind of instances.
	Family Family
	// Label names the sample in the report's title and file name, such
	// as imopse-GenRegular ("": the family).
	Label string
	// Instances is a directory (searched recursively) or one file.
	Instances string
	// Every keeps every Every-th instance in natural order (0: all).
	Every int
	// Limit caps the number of instances after sampling (0: all).
	Limit int
	// TimeLimit is every solver's time per instance.
	TimeLimit time.Duration
	// Peers are the peer solvers to run: PeerChuffed, PeerHiGHS.
	Peers []string
	// Seed is pencil's random seed.
	Seed uint64
	// Workers is pencil's number of search workers (0: one per CPU).
	Workers int
	// Tools locates the peers.
	Tools Tools
}

// Outcome is what one solver did on one instance.
type Outcome struct {
	// Status is the solver's verdict.
	Status Status
	// Found reports that Value holds a schedule's value.
	Found bool
	// Value is the makespan (PSPLIB) or the objective (iMOPSE, generated,
	// in pencil's units).
	Value float64
	// FirstFeasible is when the first schedule was found.
	FirstFeasible time.Duration
	// BestAt is when the best schedule (Value) was found.
	BestAt time.Duration
	// FirstIsWall reports that FirstFeasible and BestAt are the peer's whole wall time
	// because it prints no intermediate solutions.
	FirstIsWall bool
	// Wall is the elapsed time of the run.
	Wall time.Duration
	// PeakKB is the peak resident set size in KiB.
	PeakKB int64
	// Note explains a skip or a caveat.
	Note string
}

// Row is one instance: pencil's outcome and each peer's.
type Row struct {
	// Instance names the instance.
	Instance string
	// Exact reports that the peers solve exactly pencil's problem (always
	// for PSPLIB; for exports, mzn.Export.Exact).
	Exact bool
	// Notes are the export's approximations when not Exact.
	Notes []string
	// Pencil is pencil's outcome.
	Pencil Outcome
	// Peers has one outcome per Config.Peers entry, in that order.
	Peers []Outcome
}

// Report is the comparison of a family.
type Report struct {
	// Family, Label, TimeLimit and Peers echo the configuration.
	Family    Family
	Label     string
	TimeLimit time.Duration
	Peers     []string
	// Rows has one entry per instance, in natural order.
	Rows []Row
}

// validate checks the configuration.
func (cfg *Config) validate() error {
	if _, err := cfg.Family.ext(); err != nil {
		return err
	}
	switch {
	case cfg.Instances == "":
		return fmt.Errorf("%w: no instances", ErrConfig)
	case cfg.TimeLimit <= 0:
		return fmt.Errorf("%w: time limit %v", ErrConfig, cfg.TimeLimit)
	case cfg.Every < 0 || cfg.Limit < 0 || cfg.Workers < 0:
		return fmt.Errorf("%w: negative every, limit or workers", ErrConfig)
	}
	for _, p := range cfg.Peers {
		if !slices.Contains([]string{PeerChuffed, PeerHiGHS}, p) {
			return fmt.Errorf("%w: peer %q (want %s or %s)", ErrConfig, p, PeerChuffed, PeerHiGHS)
		}
	}
	return nil
}

// Run compares pencil with the peers on every selected instance, one
// solver at a time so that none competes with another for the CPUs.
// progress, when not nil, is called after each instance.
func Run(ctx context.Context, cfg Config, progress func(Row)) (*Report, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	files, err := listInstances(cfg.Family, cfg.Instances, cfg.Every, cfg.Limit)
	if err != nil {
		return nil, err
	}
	rep := &Report{Family: cfg.Family, Label: cfg.Label, TimeLimit: cfg.TimeLimit, Peers: cfg.Peers}
	for _, x := range files {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("compare: %w", err)
		}
		row, err := cfg.runOne(ctx, x)
		if err != nil {
			return nil, err
		}
		rep.Rows = append(rep.Rows, row)
		if progress != nil {
			progress(row)
		}
	}
	return rep, nil
}

// runOne runs pencil and every peer on one instance.
func (cfg *Config) runOne(ctx context.Context, x instanceFile) (Row, error) {
	in, err := load(cfg.Family, x)
	if err != nil {
		return Row{}, err
	}
	row := Row{Instance: x.name, Exact: true}
	var ex *mzn.Export
	if !cfg.Family.psplib() {
		if ex, err = mzn.Build(in.problem); err != nil {
			return Row{}, fmt.Errorf("compare: %s: %w", x.name, err)
		}
		row.Exact, row.Notes = ex.Exact, ex.Notes
	}
	row.Pencil = cfg.runPencil(ctx, in)
	for _, peer := range cfg.Peers {
		switch {
		case cfg.Family.psplib():
			row.Peers = append(row.Peers, cfg.Tools.runRCPSP(ctx, peer, x.path, cfg.TimeLimit))
		case peer == PeerChuffed:
			row.Peers = append(row.Peers, cfg.Tools.RunChuffed(ctx, ex, cfg.TimeLimit))
		default:
			row.Peers = append(row.Peers, Outcome{Status: StatusSkipped, Note: peer + " reads PSPLIB only"})
		}
	}
	return row, nil
}

// runPencil solves with pencil, verifies the schedule independently and
// reads the process's peak resident set size.
func (cfg *Config) runPencil(ctx context.Context, in *loaded) Outcome {
	start := time.Now()
	sol, err := solver.Solve(ctx, in.problem, solver.Options{Seed: cfg.Seed, TimeLimit: cfg.TimeLimit, Workers: cfg.Workers})
	o := Outcome{Wall: time.Since(start), PeakKB: selfPeakKB(), Status: StatusUnknown}
	if err != nil {
		o.Note = err.Error()
		return o
	}
	if err := solver.Verify(in.problem, sol); err != nil {
		o.Note = "fails verification: " + err.Error()
		return o
	}
	if in.check != nil {
		if err := in.check(sol); err != nil {
			o.Note = "fails the benchmark check: " + err.Error()
			return o
		}
	}
	o.Found, o.Value, o.FirstFeasible, o.BestAt = true, in.value(sol), sol.Stats.FirstFeasible, sol.Stats.BestFoundAt
	o.Status = StatusFeasible
	if sol.Gap() == 0 {
		o.Status = StatusOptimal
	}
	return o
}

// selfPeakKB is this process's peak resident set size in KiB so far.
func selfPeakKB() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss
}
