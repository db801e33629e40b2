package mzn

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/benchmarks"
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/generate"
	"github.com/pencil-post/pencil/solver"
)

var update = flag.Bool("update", false, "rewrite the golden .dzn files")

// compileFile loads and compiles a project file.
func compileFile(t *testing.T, path string) *compile.Compiled {
	t.Helper()
	p, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGoldenData compares the exported data of small problems with the
// files in testdata; -update rewrites them.
func TestGoldenData(t *testing.T) {
	tests := []struct {
		name    string
		problem func(t *testing.T) *solver.Problem
		exact   bool
	}{
		{"tiny", func(t *testing.T) *solver.Problem { return compileFile(t, "testdata/tiny.yaml").Problem }, true},
		{"timerules", func(t *testing.T) *solver.Problem { return compileFile(t, "testdata/timerules.yaml").Problem }, true},
		// Two rooms of one session are two demands: exact.
		{"remote-adr", func(t *testing.T) *solver.Problem {
			return compileFile(t, "../../testdata/time/remote-adr.yaml").Problem
		}, true},
		{"j301_1", func(t *testing.T) *solver.Problem {
			return loadInstance(t, filepath.Join("..", "..", "benchmarks", "testdata", "j301_1.sm")).Problem
		}, true},
		{"10_3_5_3", func(t *testing.T) *solver.Problem {
			return loadInstance(t, filepath.Join("..", "..", "benchmarks", "testdata", "10_3_5_3.def")).Problem
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Build(tt.problem(t))
			if err != nil {
				t.Fatal(err)
			}
			if ex.Exact != tt.exact {
				t.Errorf("Exact = %v, want %v (notes %q)", ex.Exact, tt.exact, ex.Notes)
			}
			golden := filepath.Join("testdata", tt.name+".dzn")
			if *update {
				if err := os.WriteFile(golden, ex.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(ex.Data, want) {
				t.Errorf("data differs from %s (run go test -update and review the diff)", golden)
			}
		})
	}
}

// compileGenerated generates a project and compiles it.
func compileGenerated(t *testing.T, opts generate.Options) *compile.Compiled {
	t.Helper()
	g, err := generate.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Parse("generated.yaml", g.YAML)
	if err != nil {
		t.Fatal(err)
	}
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLinearGeneratedIsExact: a generated production in Linear mode uses
// only what the model exports exactly.
func TestLinearGeneratedIsExact(t *testing.T) {
	for _, opts := range []generate.Options{
		{Kind: generate.Series, Episodes: 2, Seed: 3, Linear: true},
		{Kind: generate.Feature, Seed: 4, Linear: true},
		{Kind: generate.Facility, Productions: 2, Episodes: 1, Seed: 5, Linear: true},
	} {
		ex, err := Build(compileGenerated(t, opts).Problem)
		if err != nil {
			t.Fatal(err)
		}
		if !ex.Exact {
			t.Errorf("%+v: not exact: %q", opts, ex.Notes)
		}
	}
}

// TestNotesOfAGeneratedSeries checks that a realistic production names
// what the model approximates.
func TestNotesOfAGeneratedSeries(t *testing.T) {
	ex, err := Build(compileGenerated(t, generate.Options{Kind: generate.Series, Episodes: 1, Seed: 5}).Problem)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Exact {
		t.Fatal("a generated series exported as exact")
	}
	notes := strings.Join(ex.Notes, "; ")
	for _, want := range []string{"split tasks", "rate cards made linear", "kit fees", "minimum calls"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
}

// TestPiecesMatchSolver checks the piece walk against the solver's own:
// for random windows, durations and minimum chunks, a start is allowed
// exactly when Evaluate can expand it, and ends where Evaluate says.
func TestPiecesMatchSolver(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		h := rapid.IntRange(1, 80).Draw(rt, "h")
		window := solver.NewBitset(h)
		for x := range h {
			if rapid.IntRange(0, 3).Draw(rt, "open") > 0 {
				window.Set(solver.Slot(x))
			}
		}
		task := solver.Task{Name: "t", Duration: rapid.IntRange(1, 12).Draw(rt, "duration"), Window: window,
			Split: true, MinChunk: rapid.IntRange(0, 5).Draw(rt, "minChunk")}
		p := &solver.Problem{Name: "pieces", Slots: h, Tasks: []solver.Task{task}}
		if err := p.Freeze(); err != nil {
			rt.Fatal(err)
		}
		open := func(x int) bool { return x >= 0 && x < h && window.Has(solver.Slot(x)) }
		for s := range h {
			ps, ok := pieces(open, h, s, task.Duration, task.MinChunk)
			sol, err := p.Evaluate([]solver.Placement{{Start: solver.Slot(s)}})
			if ok != (err == nil) {
				rt.Fatalf("start %d: pieces ok=%v, Evaluate err=%v", s, ok, err)
			}
			if ok && ps[len(ps)-1].End != sol.Ends[0] {
				rt.Fatalf("start %d: pieces end %d, Evaluate end %d", s, ps[len(ps)-1].End, sol.Ends[0])
			}
		}
	})
}

// TestAdvanceRow checks the working-time lag table against counting.
func TestAdvanceRow(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		h := rapid.IntRange(1, 60).Draw(rt, "h")
		working := solver.NewBitset(h)
		for x := range h {
			if rapid.Bool().Draw(rt, "working") {
				working.Set(solver.Slot(x))
			}
		}
		lag := rapid.IntRange(1, 10).Draw(rt, "lag")
		b := &builder{p: &solver.Problem{Slots: h, Calendar: solver.Calendar{Working: working}}, advRow: map[int]int{}}
		row := b.advance[b.advanceRow(lag)-1]
		for x := 0; x <= h; x++ {
			want := h + 1
			for y, n := x, 0; y <= h; y++ {
				if n >= lag {
					want = y
					break
				}
				if y < h && working.Has(solver.Slot(y)) {
					n++
				}
			}
			if int(row[x]) != want {
				rt.Fatalf("advance(%d, %d) = %d, want %d", x, lag, row[x], want)
			}
		}
	})
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		p    *solver.Problem
	}{
		{"no horizon", &solver.Problem{Name: "empty"}},
		{"window too short", &solver.Problem{Name: "short", Slots: 4, Tasks: []solver.Task{{Name: "t", Duration: 5}}}},
		{"pin outside window", &solver.Problem{Name: "pin", Slots: 4, Tasks: []solver.Task{{Name: "t", Duration: 2, Release: 2, Pin: &solver.Placement{Start: 0}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Build(tt.p); err == nil || !strings.Contains(err.Error(), "mzn: not exportable") {
				t.Errorf("Build = %v, want ErrNotExportable", err)
			}
		})
	}
}

// loadInstance loads a PSPLIB (.sm) or iMOPSE (.def) file.
func loadInstance(t *testing.T, path string) *benchmarks.Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	load := benchmarks.LoadPSPLIB
	if strings.HasSuffix(path, ".def") {
		load = benchmarks.LoadIMOPSE
	}
	in, err := load(f, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestObjectiveFits: how the objective reaches Chuffed — whole when its
// bounds stay small, lexicographic when only the makespan weight makes it
// large and outweighs everything else, a note (not exact) otherwise.
func TestObjectiveFits(t *testing.T) {
	// task is one task of duration 10 that one of two resources, at 1 and
	// 3 per slot, must serve.
	problem := func(weight float64, slots int) *solver.Problem {
		return &solver.Problem{Name: "fits", Slots: slots, Objective: solver.Objective{MakespanWeight: weight},
			Resources: []solver.Resource{{Name: "cheap", Capacity: 1, Rate: solver.RateCard{Hour: 1}},
				{Name: "dear", Capacity: 1, Rate: solver.RateCard{Hour: 3}}},
			Tasks: []solver.Task{{Name: "t", Duration: 10, Demands: []solver.Demand{{Candidates: []solver.ResourceID{0, 1}}}}}}
	}
	tests := []struct {
		name          string
		p             *solver.Problem
		lexicographic bool
		exact         bool
	}{
		{"small weight", problem(1, 100), false, true},
		{"huge weight over a long horizon", problem(1e5, 1000), true, true},
		// the rest ranges over 10..30 currency units (1000..3000 in
		// the model): a weight of 20 does not outweigh it.
		{"huge horizon, weight within the rest's range", problem(20, 1e6), false, false},
		{"imopse small", loadInstance(t, filepath.Join("..", "..", "benchmarks", "testdata", "10_3_5_3.def")).Problem, false, true},
		{"genregular cut to 20 tasks", loadInstance(t, filepath.Join("testdata", "genregular-100_5_64_5_A-20.def")).Problem, true, true},
		{"genregular 100_10_512_10_A", loadInstance(t, filepath.Join("..", "..", "benchmarks", "testdata", "100_10_512_10_A.def")).Problem, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Build(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if ex.Lexicographic != tt.lexicographic || ex.Exact != tt.exact {
				t.Errorf("Lexicographic %v, Exact %v (notes %q); want %v, %v", ex.Lexicographic, ex.Exact, ex.Notes, tt.lexicographic, tt.exact)
			}
			if ex.MakespanWeight != money(tt.p.Objective.MakespanWeight) {
				t.Errorf("MakespanWeight %d", ex.MakespanWeight)
			}
		})
	}
}

func TestPhaseData(t *testing.T) {
	for _, tc := range []struct {
		ph   Phase
		want string
	}{
		{PhaseWhole, "phase=0;"},
		{PhaseMakespan, "phase=1;"},
		{PhaseRest, "phase=2;makespan_cap=128;"},
	} {
		if got := tc.ph.Data(128); got != tc.want {
			t.Errorf("phase %d: %q, want %q", tc.ph, got, tc.want)
		}
	}
	ex := &Export{MakespanWeight: 1648700}
	if got := ex.Objective(128, 2899050); got != 213932650 {
		t.Errorf("Objective = %d", got)
	}
}

// TestProductionCaps: a facility's production caps are exported as
// caps on the options charged to each production (harbour's total,
// crest's total and crest's grade cap), in the money unit of the data.
func TestProductionCaps(t *testing.T) {
	c := compileFile(t, "../../testdata/costs/facility-shares.yaml")
	ex, err := Build(c.Problem)
	if err != nil {
		t.Fatal(err)
	}
	data := string(ex.Data)
	for _, want := range []string{"n_pcap = 3;", "pcap_prod = [1, 2, 2];", "pcap_dept = [0, 0, 3];", "total_cap = -1;"} {
		if !strings.Contains(data, want) {
			t.Errorf("data lacks %q:\n%s", want, data)
		}
	}
}

// TestPastMidnightExport: overtime to 02:00 is exported exactly, as the
// working days' slots up to 02:00 (the grid's days start there, so a
// night's work is one day's), and its clock bands are listed as
// approximated.
func TestPastMidnightExport(t *testing.T) {
	c := compileFile(t, "../../testdata/costs/past-midnight.yaml")
	ex, err := Build(c.Problem)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ex.Notes, "overtime bands by the clock (2)") {
		t.Errorf("notes %q do not list the clock bands", ex.Notes)
	}
	if got := c.Problem.Calendar.Start; got.Hour() != 2 {
		t.Errorf("slot 0 starts at %s, want 02:00", got)
	}
}
