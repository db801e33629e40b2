package limits

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/generate"
	"github.com/pencil-post/pencil/solver"
	"github.com/pencil-post/pencil/solver/memlimit"
)

// TestCancelReturnsBestSoFar: a solve whose context is cancelled (Ctrl-C)
// as soon as the first schedule is found returns that schedule, or a
// better one, and it passes the independent check.
func TestCancelReturnsBestSoFar(t *testing.T) {
	g, err := generate.Generate(generate.Options{Kind: generate.Series, Episodes: 2, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	proj, err := model.Parse("series.yaml", g.YAML)
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile.Compile(proj, compile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelled atomic.Bool
	sol, err := solver.Solve(ctx, c.Problem, solver.Options{Seed: 1, Workers: 2, TimeLimit: time.Hour,
		Progress: func(pr solver.Progress) {
			if pr.Feasible && !cancelled.Swap(true) {
				cancel()
			}
		}})
	if !cancelled.Load() {
		t.Fatalf("the search ended before any progress report with a schedule: %v", err)
	}
	if err != nil {
		t.Fatalf("cancelled after the first schedule, Solve returned %v", err)
	}
	if err := solver.Verify(c.Problem, sol); err != nil {
		t.Fatalf("the schedule returned on cancel fails the check: %v", err)
	}
}

// TestRun: every instance is solved with every limit, the command is run
// on files only, and the report sums the runs up.
func TestRun(t *testing.T) {
	psplib := filepath.Join("..", "..", "..", "shared", "benchmarks", "psplib", "j120")
	var commands atomic.Int32
	cfg := Config{
		Limits:      []time.Duration{20 * time.Millisecond, 40 * time.Millisecond},
		Workers:     1,
		PSPLIB:      psplib,
		PSPLIBCount: 1,
		Episodes:    []int{1},
		Projects:    []string{filepath.Join("..", "..", "testdata", "feature.yaml")},
		Command: func(_ context.Context, file string, _ time.Duration) error {
			if _, err := os.Stat(file); err != nil {
				t.Errorf("command on a missing file: %v", err)
			}
			commands.Add(1)
			return nil
		},
	}
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	instances := 2
	if len(rep.Skipped) == 0 {
		instances++
	}
	if len(rep.Rows) != instances*len(cfg.Limits) {
		t.Fatalf("%d rows for %d instances × %d limits (skipped %v)", len(rep.Rows), instances, len(cfg.Limits), rep.Skipped)
	}
	if got := int(commands.Load()); got != 2*len(cfg.Limits) {
		t.Errorf("command ran %d times, want %d (two files × limits)", got, 2*len(cfg.Limits))
	}
	for _, row := range rep.Rows {
		if row.Overshoot != row.Wall-row.Limit || row.Tasks == 0 || row.Slots == 0 {
			t.Errorf("row %+v: overshoot or size wrong", row)
		}
		if (row.Kind == KindPSPLIB) != (row.Command == 0) {
			t.Errorf("row %+v: the command runs on project files and series only", row)
		}
		if row.Kind == KindProject && !row.Schedule {
			t.Errorf("feature.yaml: no schedule at %v", row.Limit)
		}
	}
	if rep.Solver.Runs != len(rep.Rows) || rep.Command.Runs != 2*len(cfg.Limits) || rep.Solver.P95 > rep.Solver.Max {
		t.Errorf("stats %+v / %+v for %d rows", rep.Solver, rep.Command, len(rep.Rows))
	}
	var b strings.Builder
	if err := WriteMarkdown(&b, rep); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"| feature.yaml | project file | 20 |", "| series1.yaml | generated series |",
		"Solver (Solve's call, limit to return): ", "Whole command (load, compile, solve, write): 4 runs", "load average"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	table := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| ") {
			table++
		}
	}
	if got := table; got != len(rep.Rows)+1 {
		t.Errorf("report has %d table lines, want %d:\n%s", got, len(rep.Rows)+1, out)
	}
}

// TestRunCancelled: a run whose context has ended returns what it has
// and the context's error.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := Run(ctx, Config{Episodes: []int{1}, Limits: []time.Duration{time.Second}})
	if err == nil || rep == nil || len(rep.Rows) != 0 {
		t.Errorf("Run on a cancelled context: %v, %+v", err, rep)
	}
}

func TestStatsOf(t *testing.T) {
	ms := time.Millisecond
	many := make([]run, 20)
	for i := range many {
		many[i] = run{time.Duration(i+1) * ms, "r"}
	}
	many[7].label = "worst"
	many[7].over = time.Second
	tests := []struct {
		name string
		runs []run
		want Stats
	}{
		{"none", nil, Stats{}},
		{"one", []run{{5 * ms, "a"}}, Stats{Runs: 1, Max: 5 * ms, P95: 5 * ms, Worst: "a"}},
		{"early and late", []run{{-3 * ms, "early"}, {9 * ms, "late"}}, Stats{Runs: 2, Max: 9 * ms, P95: 9 * ms, Worst: "late"}},
		// 20 runs: the 95th percentile is the 19th smallest.
		{"twenty", many, Stats{Runs: 20, Max: time.Second, P95: 20 * ms, Worst: "worst"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := statsOf(tt.runs); got != tt.want {
				t.Errorf("statsOf = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestFormatBytes(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {20_500_000, "20 MB"}, {547_000_000, "547 MB"},
		{3_140_000_000, "3.1 GB"}, {9_990_000_000_000_000, "9990 TB"},
	}
	for _, tt := range tests {
		if got := memlimit.FormatBytes(tt.n); got != tt.want {
			t.Errorf("memlimit.FormatBytes(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
