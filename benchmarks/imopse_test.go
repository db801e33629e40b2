package benchmarks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/solver"
)

func TestLoadIMOPSEFiles(t *testing.T) {
	tests := []struct {
		file    string
		counts  Counts
		slots   int
		task    int // index of a task to look at
		need    []solver.ResourceID
		salary0 float64
		weight  float64 // 0: not checked
	}{
		// Task 1 needs Q2 at level 1: resource 1 (Q2: 1) and 2 (Q2: 2).
		// Weight: Σ duration × salary spread among candidates is 4018.7.
		{"10_3_5_3.def", Counts{10, 3, 4}, 271, 0, []solver.ResourceID{0, 1}, 56.0, 4020},
		// d36 layout ("Q4: 1" after stray tabs); task 1 needs Q4 at level 1.
		{"100_5_20_9_D3.def", Counts{78, 5, 52}, 0, 0, []solver.ResourceID{0, 1, 3}, 16.4, 0},
		// Generated layout ("Q9:<tab>2"); task 1 needs Q9 at level 2: resource 8.
		{"100_10_512_10_A.def", Counts{100, 10, 484}, 0, 0, []solver.ResourceID{7}, 62.4, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in := loadFile(t, KindIMOPSE, filepath.Join("testdata", tt.file))
			p := in.Problem
			if got := (Counts{len(p.Tasks), len(p.Resources), len(p.Precedences)}); got != tt.counts || in.Declared != tt.counts {
				t.Errorf("counts %+v, declared %+v, want %+v", got, in.Declared, tt.counts)
			}
			sum := 0
			for _, task := range p.Tasks {
				sum += task.Duration
			}
			if p.Slots != sum || (tt.slots != 0 && p.Slots != tt.slots) {
				t.Errorf("horizon %d, sum of durations %d, want %d", p.Slots, sum, tt.slots)
			}
			d := p.Tasks[tt.task].Demands
			if len(d) != 1 || !equalIDs(d[0].Candidates, tt.need) {
				t.Errorf("task %d demands %+v, want candidates %v", tt.task+1, d, tt.need)
			}
			if r := p.Resources[0]; r.Capacity != 1 || r.Rate.Hour != tt.salary0 || in.Salary[0] != tt.salary0 {
				t.Errorf("resource 1 = %+v, salary %v, want capacity 1 at %v", r, in.Salary[0], tt.salary0)
			}
			if w := p.Objective.MakespanWeight; w < 1 || (tt.weight != 0 && w != tt.weight) {
				t.Errorf("makespan weight %v, want %v", w, tt.weight)
			}
			if lb, cp := in.LowerBound(), in.CriticalPath(); lb < cp || cp < 1 {
				t.Errorf("lower bound %d below critical path %d", lb, cp)
			}
		})
	}
}

func equalIDs(a, b []solver.ResourceID) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestLoadIMOPSEShared loads all 177 published files: task and resource
// counts match the header, and so does the precedence count except in the
// one file known to declare an arc it does not list.
func TestLoadIMOPSEShared(t *testing.T) {
	dir := sharedDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "imopse", "*", "*.def"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 177 {
		t.Errorf("%d files, want 177", len(files))
	}
	known := map[string]Counts{"200_20_0_0.def": {200, 20, 0}}
	for _, f := range files {
		in := loadFile(t, KindIMOPSE, f)
		p := in.Problem
		got := Counts{len(p.Tasks), len(p.Resources), len(p.Precedences)}
		want, ok := known[filepath.Base(f)]
		if !ok {
			want = in.Declared
		}
		if got != want {
			t.Errorf("%s: counts %+v, header %+v", f, got, in.Declared)
		}
	}
}

func TestLoadIMOPSEErrors(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "10_3_5_3.def"))
	if err != nil {
		t.Fatal(err)
	}
	good := string(raw)
	tests := []struct {
		name    string
		old     string
		new     string
		kind    error
		message string
	}{
		{"unknown predecessor", "13\t Q1: 0\t \t4\t5", "13\t Q1: 0\t \t4\t55",
			ErrMismatch, "benchmarks: bad.def:28: Predecessor IDs: inconsistent with the rest of the file: task 7 follows task 55, which is not defined"},
		{"no capable resource", "37\t Q2: 1", "37\t Q2: 3",
			ErrMismatch, "benchmarks: bad.def:22: Skill: inconsistent with the rest of the file: no resource has Q2 at level 3 or above"},
		{"salary", "56.0", "fifty",
			ErrSyntax, `benchmarks: bad.def:17: Salary: malformed line: "fifty" is not a non-negative number`},
		{"skill without level", "Q2: 1 \t $", "Q2:",
			ErrSyntax, "benchmarks: bad.def:17: Skills: malformed line: Q2: has no level"},
		{"task count", "Tasks: 10", "Tasks: 11",
			ErrMismatch, "benchmarks: bad.def: Tasks: inconsistent with the rest of the file: header says 11, file lists 10"},
		{"duplicate task", "10\t \t \t19", "9\t \t \t19",
			ErrMismatch, "benchmarks: bad.def:31: TaskID: inconsistent with the rest of the file: task 9 listed twice"},
		{"two skills", "37\t Q2: 1", "37\t Q2: 1 Q1: 0",
			ErrSyntax, "benchmarks: bad.def:22: Skill: malformed line: task 1 needs exactly one skill, has 2"},
		{"cycle", "21\t Q0: 1\t \t", "21\t Q0: 1\t \t10",
			ErrMismatch, "benchmarks: bad.def: inconsistent with the rest of the file: solver: precedence cycle"},
		{"no resources header", "Resources: 3", "",
			ErrMissing, "benchmarks: bad.def: Resources: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := strings.TrimSuffix(tt.old, "$")
			if !strings.Contains(good, old) {
				t.Fatalf("fixture lacks %q", old)
			}
			_, err := LoadIMOPSE(strings.NewReader(strings.Replace(good, old, tt.new, 1)), "bad.def")
			if err == nil {
				t.Fatal("no error")
			}
			var pe *ParseError
			if !errors.As(err, &pe) || !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not a *ParseError of kind %v", err, tt.kind)
			}
			if !strings.HasPrefix(err.Error(), tt.message) {
				t.Errorf("error\n%s\nwant prefix\n%s", err, tt.message)
			}
		})
	}
}
