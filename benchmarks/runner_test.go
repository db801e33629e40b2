package benchmarks

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/solver"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// golden compares got with testdata/golden/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", name, got, want)
	}
}

// fixedResults are a fixed run: a match on a proven optimum (proved here
// too, by the exact search), a J120-style
// gap, an instance the search failed, and one without a reference.
var fixedResults = []Result{
	{Name: "j301_1", Feasible: true, Makespan: 43, Known: Known{Upper: 43, Lower: 43, Optimal: true}, LowerBound: 38,
		Time: 1000 * time.Millisecond, FirstFeasible: 2 * time.Millisecond, Proved: true},
	{Name: "j1201_1", Feasible: true, Makespan: 110, Known: Known{Upper: 105, Lower: 104}, LowerBound: 85,
		Time: 5 * time.Second, FirstFeasible: 10 * time.Millisecond, Cost: 0},
	{Name: "j1201_2", Known: Known{Upper: 109, Lower: 109, Optimal: true}, LowerBound: 90,
		Time: 5 * time.Second, Err: errors.New("solver: no feasible schedule: task job 7 does not fit")},
	{Name: "d36/100_5_20_9_D3", Feasible: true, Makespan: 300, LowerBound: 250,
		Time: 250 * time.Millisecond, FirstFeasible: 5 * time.Millisecond, Cost: 12345.67},
}

func TestSummaryString(t *testing.T) {
	tests := []struct {
		name    string
		results []Result
		want    string
	}{
		{"fixed run", fixedResults,
			"summary: instances=4 feasible=3 matched=1 mean_dev_ref=2.38% mean_dev_lb=20.9% mean_time=2.81s proved=1"},
		{"nothing run", nil,
			"summary: instances=0 feasible=0 matched=0 mean_dev_ref=n/a mean_dev_lb=n/a mean_time=0.00s proved=0"},
		{"no reference", fixedResults[3:],
			"summary: instances=1 feasible=1 matched=0 mean_dev_ref=n/a mean_dev_lb=20.0% mean_time=0.25s proved=0"},
		{"better than reference", []Result{{Name: "x", Feasible: true, Makespan: 99, Known: Known{Upper: 100}, LowerBound: 90, Time: time.Second}},
			"summary: instances=1 feasible=1 matched=1 mean_dev_ref=-1.00% mean_dev_lb=10.0% mean_time=1.00s proved=0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summarize(tt.results).String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestTableGolden(t *testing.T) {
	files := make([]instanceFile, len(fixedResults))
	for i, r := range fixedResults {
		files[i] = instanceFile{name: r.Name}
	}
	for _, tt := range []struct {
		format Format
		kind   Kind
		file   string
	}{
		{FormatText, KindPSPLIB, "table.txt"},
		{FormatMarkdown, KindPSPLIB, "table.md"},
		{FormatCSV, KindIMOPSE, "table.csv"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			var b bytes.Buffer
			tw := newTable(&b, tt.format, tt.kind, files)
			tw.header()
			for _, r := range fixedResults {
				tw.row(r)
			}
			tw.summary(summarize(fixedResults))
			if tw.err != nil {
				t.Fatal(tw.err)
			}
			golden(t, tt.file, b.Bytes())
			if tt.format == FormatCSV {
				// The CSV reads back as a reference of the makespans found.
				ref, err := parseReference(b.Bytes(), tt.file)
				if err != nil {
					t.Fatal(err)
				}
				if len(ref) != 3 || ref["j1201_1"].Upper != 110 || ref["d36/100_5_20_9_D3"].Upper != 300 {
					t.Errorf("read back %v", ref)
				}
			}
		})
	}
}

// writeRef writes a small J30 optimum table for j301_1.
func writeRef(t *testing.T, optimum string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "j30opt.sm")
	if err := os.WriteFile(file, []byte("Paramter Instance Makespan CPU-Time[sec.]\n1 1 "+optimum+" 0.3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		cfg    RunConfig
		prefix string // of the summary line
		rows   int
	}{
		{"psplib", RunConfig{Kind: KindPSPLIB, Instances: "testdata", Iterations: 1, Solve: serialSGS},
			"summary: instances=1 feasible=1 matched=0 mean_dev_ref=", 1},
		{"imopse", RunConfig{Kind: KindIMOPSE, Instances: "testdata", Iterations: 1, Solve: serialSGS, Format: FormatMarkdown},
			"summary: instances=3 feasible=3 matched=0 mean_dev_ref=n/a mean_dev_lb=", 3},
		{"imopse filtered", RunConfig{Kind: KindIMOPSE, Instances: "testdata", Iterations: 1, Solve: serialSGS, Filter: "100_*"},
			"summary: instances=2 feasible=2", 2},
		{"filtered with the extension", RunConfig{Kind: KindPSPLIB, Instances: "testdata", Iterations: 1, Solve: serialSGS, Filter: "j301_1.sm"},
			"summary: instances=1 feasible=1", 1},
		{"imopse sampled", RunConfig{Kind: KindIMOPSE, Instances: "testdata", Iterations: 1, Solve: serialSGS, Every: 2},
			"summary: instances=2 feasible=2", 2},
		{"single file", RunConfig{Kind: KindIMOPSE, Instances: "testdata/10_3_5_3.def", Iterations: 1, Solve: serialSGS},
			"summary: instances=1 feasible=1", 1},
		{"imopse limited", RunConfig{Kind: KindIMOPSE, Instances: "testdata", Iterations: 1, Solve: serialSGS, Limit: 1},
			"summary: instances=1 feasible=1", 1},
		{"everything at slot 0 fails verification", RunConfig{Kind: KindPSPLIB, Instances: "testdata", Iterations: 1,
			Solve: func(context.Context, *solver.Problem, solver.Options) (*solver.Solution, error) {
				return &solver.Solution{Placements: make([]solver.Placement, 32)}, nil
			}},
			"summary: instances=1 feasible=0 matched=0 mean_dev_ref=n/a mean_dev_lb=n/a", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if tt.cfg.Kind == KindPSPLIB {
				tt.cfg.References = []string{writeRef(t, "43")}
			}
			s, err := Run(context.Background(), tt.cfg, &b)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
			last := lines[len(lines)-1]
			if last != s.String() || !strings.HasPrefix(last, tt.prefix) {
				t.Errorf("summary line %q, want prefix %q", last, tt.prefix)
			}
			if len(s.Results) != tt.rows {
				t.Errorf("%d results, want %d", len(s.Results), tt.rows)
			}
			for _, r := range s.Results {
				if r.Feasible && (r.Makespan < r.LowerBound || r.Makespan < r.Known.Upper && r.Known.Optimal) {
					t.Errorf("%s: makespan %d below a bound: lb %d, known %+v", r.Name, r.Makespan, r.LowerBound, r.Known)
				}
				if !r.Feasible && !errors.Is(r.Err, ErrUnverified) {
					t.Errorf("%s: error %v, want a verification failure", r.Name, r.Err)
				}
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  RunConfig
		want string
	}{
		{"kind", RunConfig{Kind: "mmlib", Instances: "testdata", Iterations: 1}, `benchmarks: kind "mmlib": want "psplib" or "imopse"`},
		{"no limit", RunConfig{Kind: KindPSPLIB, Instances: "testdata"}, "benchmarks: set a time limit or an iteration limit"},
		{"format", RunConfig{Kind: KindPSPLIB, Instances: "testdata", Iterations: 1, Format: "html"}, `benchmarks: format "html": want "text", "markdown" or "csv"`},
		{"filter", RunConfig{Kind: KindPSPLIB, Instances: "testdata", Iterations: 1, Filter: "["}, `benchmarks: filter "[": syntax error in pattern`},
		{"nothing matches", RunConfig{Kind: KindPSPLIB, Instances: "testdata", Iterations: 1, Filter: "j120*"}, `benchmarks: no .sm file in testdata matches --filter "j120*"`},
		{"missing reference", RunConfig{Kind: KindPSPLIB, Instances: "testdata", Iterations: 1, References: []string{"testdata/none.sm"}},
			"benchmarks: reference: open testdata/none.sm: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.cfg, &bytes.Buffer{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
}

// TestRunCancelled checks that an ended context stops the run with the
// summary so far.
func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var b bytes.Buffer
	s, err := Run(ctx, RunConfig{Kind: KindIMOPSE, Instances: "testdata", Iterations: 1, Solve: serialSGS}, &b)
	if !errors.Is(err, context.Canceled) || s.Instances != 0 || !strings.HasSuffix(b.String(), s.String()+"\n") {
		t.Errorf("err %v, summary %v, output %q", err, s, b.String())
	}
}

func TestNaturalCompare(t *testing.T) {
	names := []string{"j3010_1", "j301_10", "j302_1", "j301_2", "j301_1", "d36/x", "GenBig/1000_20", "GenBig/500_10", "j301_01"}
	slices.SortStableFunc(names, naturalCompare)
	want := []string{"GenBig/500_10", "GenBig/1000_20", "d36/x", "j301_1", "j301_01", "j301_2", "j301_10", "j302_1", "j3010_1"}
	if !slices.Equal(names, want) {
		t.Errorf("got  %v\nwant %v", names, want)
	}
}

// TestRunDeterministic runs the real search twice under an iteration
// limit: the same seed gives the same table, times aside.
func TestRunDeterministic(t *testing.T) {
	cfg := RunConfig{Kind: KindIMOPSE, Instances: "testdata", Filter: "10_3_5_3", Iterations: 20, Seed: 7, Workers: 2}
	var makespans [2][]int
	for i := range makespans {
		s, err := Run(context.Background(), cfg, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range s.Results {
			if !r.Feasible {
				t.Fatalf("%s: %v", r.Name, r.Err)
			}
			makespans[i] = append(makespans[i], r.Makespan)
		}
	}
	if !slices.Equal(makespans[0], makespans[1]) || len(makespans[0]) != 1 {
		t.Errorf("two runs gave %v and %v", makespans[0], makespans[1])
	}
}
