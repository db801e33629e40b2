package benchmarks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/solver"
)

func TestLoadPSPLIBFile(t *testing.T) {
	in := loadFile(t, KindPSPLIB, filepath.Join("testdata", "j301_1.sm"))
	p := in.Problem
	if !p.Frozen() {
		t.Fatal("problem not frozen")
	}
	if got, want := (Counts{len(p.Tasks), len(p.Resources), len(p.Precedences)}), (Counts{32, 4, 48}); got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if in.Declared != (Counts{32, 4, 48}) {
		t.Errorf("declared = %+v", in.Declared)
	}
	if p.Slots != 158 || in.MPMTime != 38 || in.CriticalPath() != 38 || in.LowerBound() != 38 {
		t.Errorf("slots %d, MPM-Time %d, critical path %d, bound %d; want 158, 38, 38, 38",
			p.Slots, in.MPMTime, in.CriticalPath(), in.LowerBound())
	}
	if p.Objective.MakespanWeight != 1 || p.Calendar.SlotsPerDay != 0 {
		t.Errorf("objective %+v, slots per day %d", p.Objective, p.Calendar.SlotsPerDay)
	}
	var caps []int
	for _, r := range p.Resources {
		caps = append(caps, r.Capacity)
	}
	if got := caps; len(got) != 4 || got[0] != 12 || got[1] != 13 || got[2] != 4 || got[3] != 12 {
		t.Errorf("capacities = %v, want [12 13 4 12]", got)
	}
	// Job 3: duration 4, 10 units of R 1. Jobs 1 and 32 are milestones.
	j3 := p.Tasks[2]
	if j3.Duration != 4 || len(j3.Demands) != 1 || j3.Demands[0].Units != 10 ||
		len(j3.Demands[0].Candidates) != 1 || j3.Demands[0].Candidates[0] != 0 {
		t.Errorf("job 3 = %+v", j3)
	}
	for _, j := range []int{0, 31} {
		if p.Tasks[j].Duration != 0 || len(p.Tasks[j].Demands) != 0 {
			t.Errorf("job %d is not a milestone: %+v", j+1, p.Tasks[j])
		}
	}
	if pr := p.Precedences[0]; pr.From != 0 || pr.To != 1 || pr.Kind != solver.FinishToStart || pr.Lag != 0 {
		t.Errorf("first precedence = %+v", pr)
	}
}

// TestLoadPSPLIBShared loads every J30 and J120 instance: the counts match
// the header and the file's MPM-Time equals our critical path.
func TestLoadPSPLIBShared(t *testing.T) {
	dir := sharedDir(t)
	for _, set := range []struct {
		dir   string
		n     int
		tasks int
	}{{"j30", 480, 32}, {"j120", 600, 122}} {
		files, err := filepath.Glob(filepath.Join(dir, "psplib", set.dir, "*.sm"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != set.n {
			t.Errorf("%s: %d files, want %d", set.dir, len(files), set.n)
		}
		for _, f := range files {
			in := loadFile(t, KindPSPLIB, f)
			p := in.Problem
			got := Counts{len(p.Tasks), len(p.Resources), len(p.Precedences)}
			if got != in.Declared || got.Tasks != set.tasks || got.Resources != 4 {
				t.Errorf("%s: counts %+v, header %+v", f, got, in.Declared)
			}
			if cp := in.CriticalPath(); cp != in.MPMTime {
				t.Errorf("%s: critical path %d, MPM-Time %d", f, cp, in.MPMTime)
			}
		}
	}
}

func TestLoadPSPLIBErrors(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "j301_1.sm"))
	if err != nil {
		t.Fatal(err)
	}
	good := string(raw)
	tests := []struct {
		name    string
		old     string // replaced once by new in the good file
		new     string
		kind    error
		message string
	}{
		{"two modes", "   1        1          3           2   3   4", "   1        2          3           2   3   4",
			ErrUnsupported, "benchmarks: bad.sm:19: #modes: not supported: job 1 has 2 modes; only single-mode files are read"},
		{"successor count", "   1        1          3           2   3   4", "   1        1          4           2   3   4",
			ErrMismatch, "benchmarks: bad.sm:19: successors: inconsistent with the rest of the file: job 1 declares 4 successors, lists 3"},
		{"successor out of range", "  31        1          1          32", "  31        1          1          33",
			ErrMismatch, "benchmarks: bad.sm:49: successors: inconsistent with the rest of the file: job 33 outside 1..32"},
		{"duration not a number", "  2      1     8       4    0    0    0", "  2      1     x       4    0    0    0",
			ErrSyntax, `benchmarks: bad.sm:56: requests: malformed line: "x" is not a non-negative integer`},
		{"short request", "  2      1     8       4    0    0    0", "  2      1     8       4    0    0",
			ErrSyntax, "benchmarks: bad.sm:56: requests: malformed line: want job, mode, duration and 4 requests, have 6 columns"},
		{"over capacity", "  3      1     4      10    0    0    0", "  3      1     4      13    0    0    0",
			ErrMismatch, "benchmarks: bad.sm:57: R 1: inconsistent with the rest of the file: job 3 requests 13 units, capacity is 12"},
		{"no horizon", "horizon                       :  158\n", "",
			ErrMissing, "benchmarks: bad.sm: horizon: missing"},
		{"nonrenewable", "nonrenewable              :  0", "nonrenewable              :  2",
			ErrUnsupported, "benchmarks: bad.sm:10: - nonrenewable: not supported: only renewable resources are modelled"},
		{"cycle", "  32        1          0        ", "  32        1          1          1",
			ErrMismatch, "benchmarks: bad.sm: inconsistent with the rest of the file: solver: precedence cycle"},
		{"capacities", "   12   13    4   12", "   12   13    4",
			ErrMismatch, "benchmarks: bad.sm:90: RESOURCEAVAILABILITIES: inconsistent with the rest of the file: 3 capacities for 4 renewable resources"},
		{"job out of order", "   5        1          1          20", "   6        1          1          20",
			ErrMismatch, "benchmarks: bad.sm:23: jobnr.: inconsistent with the rest of the file: job 6 listed where job 5 belongs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			_, err := LoadPSPLIB(strings.NewReader(strings.Replace(good, tt.old, tt.new, 1)), "bad.sm")
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

// TestLoadPSPLIBCRLF checks that Windows line endings change nothing.
func TestLoadPSPLIBCRLF(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "j301_1.sm"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := LoadPSPLIB(strings.NewReader(strings.ReplaceAll(string(raw), "\n", "\r\n")), "crlf.sm")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problem.Tasks) != 32 || in.CriticalPath() != 38 {
		t.Errorf("CRLF file: %d tasks, critical path %d", len(in.Problem.Tasks), in.CriticalPath())
	}
}
