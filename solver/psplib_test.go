package solver

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// psplibDir holds the PSPLIB single-mode instances (j30, j120, j30opt.sm).
// (../shared beside the repository, as CI lays it out).
const psplibDir = psplibRoot

// loadSM reads a PSPLIB .sm file into a frozen Problem with makespan as
// the objective. It is a small test loader; benchmarks has the real one.
func loadSM(path string) (*Problem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	p := &Problem{Name: filepath.Base(path), Objective: Objective{MakespanWeight: 1}}
	ints := func(s string) []int {
		var out []int
		for _, w := range strings.Fields(s) {
			if v, err := strconv.Atoi(w); err == nil {
				out = append(out, v)
			}
		}
		return out
	}
	var nJobs, nRes int
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "jobs (incl"):
			nJobs = ints(l[strings.Index(l, ":")+1:])[0]
			p.Tasks = make([]Task, nJobs)
		case strings.HasPrefix(l, "horizon"):
			p.Slots = ints(l[strings.Index(l, ":")+1:])[0]
		case strings.HasPrefix(l, "  - renewable"):
			nRes = ints(l[strings.Index(l, ":")+1:])[0]
		case strings.HasPrefix(l, "PRECEDENCE RELATIONS"):
			for j := 0; j < nJobs; j++ {
				v := ints(lines[i+2+j])
				for _, s := range v[3:] {
					p.Precedences = append(p.Precedences, Precedence{From: TaskID(v[0] - 1), To: TaskID(s - 1)})
				}
			}
		case strings.HasPrefix(l, "REQUESTS/DURATIONS"):
			for j := 0; j < nJobs; j++ {
				v := ints(lines[i+3+j])
				t := &p.Tasks[v[0]-1]
				t.Name = fmt.Sprintf("job %d", v[0])
				t.Duration = v[2]
				for r, q := range v[3 : 3+nRes] {
					if q > 0 {
						t.Demands = append(t.Demands, Demand{Candidates: []ResourceID{ResourceID(r)}, Units: q})
					}
				}
			}
		case strings.HasPrefix(l, "RESOURCEAVAILABILITIES"):
			for r, c := range ints(lines[i+2]) {
				p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("R%d", r+1), Capacity: c, Department: -1})
			}
		}
	}
	return p, p.Freeze()
}

// j30Optima reads j30opt.sm: optimal makespan by "param_instance".
func j30Optima(t testing.TB) map[string]int {
	f, err := os.Open(filepath.Join(psplibDir, "j30opt.sm"))
	if err != nil {
		skipWithoutShared(t, "PSPLIB j30 not available:", err)
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v := strings.Fields(sc.Text())
		if len(v) == 4 {
			a, e1 := strconv.Atoi(v[0])
			b, e2 := strconv.Atoi(v[1])
			m, e3 := strconv.Atoi(v[2])
			if e1 == nil && e2 == nil && e3 == nil {
				out[fmt.Sprintf("%d_%d", a, b)] = m
			}
		}
	}
	return out
}

// j120Best reads J120_BKS.csv: best known makespan by "param_instance"
// (ID = 10*(param-1) + instance).
func j120Best(t testing.TB) map[string]int {
	data, err := os.ReadFile(filepath.Join(psplibDir, "J120_BKS.csv"))
	if err != nil {
		skipWithoutShared(t, "J120 best known values not available:", err)
	}
	out := map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		v := strings.Split(line, ";")
		if len(v) < 3 {
			continue
		}
		id, e1 := strconv.Atoi(v[0])
		ms, e2 := strconv.Atoi(v[2])
		if e1 == nil && e2 == nil {
			out[fmt.Sprintf("%d_%d", (id-1)/10+1, (id-1)%10+1)] = ms
		}
	}
	return out
}

// TestPSPLIBJ30Sample solves a few J30 instances to their proven optimum
// within a fixed number of iterations (3,000 a worker: with one worker
// searching exactly, 1,500 leave j305_3 at 80 against 76).
func TestPSPLIBJ30Sample(t *testing.T) {
	opt := j30Optima(t)
	for _, name := range []string{"1_1", "5_3"} {
		t.Run(name, func(t *testing.T) {
			p, err := loadSM(filepath.Join(psplibDir, "j30", "j30"+name+".sm"))
			if err != nil {
				t.Fatal(err)
			}
			sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 3000, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if int(sol.Makespan) != opt[name] {
				t.Errorf("makespan %d, optimum %d", sol.Makespan, opt[name])
			}
		})
	}
}

// TestPSPLIBSweep measures a whole PSPLIB set when PENCIL_PSPLIB names it
// (j30 or j120) and PENCIL_PSPLIB_LIMIT gives the time per instance. It
// is a measuring tool, skipped by default.
func TestPSPLIBSweep(t *testing.T) {
	set := os.Getenv("PENCIL_PSPLIB")
	if set == "" {
		t.Skip("set PENCIL_PSPLIB=j30 or j120 to measure")
	}
	limit, err := time.ParseDuration(os.Getenv("PENCIL_PSPLIB_LIMIT"))
	if err != nil {
		limit = time.Second
	}
	files, _ := filepath.Glob(filepath.Join(psplibDir, set, "*.sm"))
	if n, err := strconv.Atoi(os.Getenv("PENCIL_PSPLIB_N")); err == nil && n < len(files) {
		step := len(files) / n
		var pick []string
		for i := 0; i < len(files) && len(pick) < n; i += step {
			pick = append(pick, files[i])
		}
		files = pick
	}
	var opt map[string]int
	switch set {
	case "j30":
		opt = j30Optima(t)
	case "j120":
		opt = j120Best(t)
	}
	hits, n := 0, 0
	devSum, cpDevSum := 0.0, 0.0
	for _, f := range files {
		p, err := loadSM(f)
		if err != nil {
			t.Fatal(err)
		}
		sol, err := Solve(context.Background(), p, Options{Seed: 1, TimeLimit: limit, Workers: 2})
		if err != nil {
			t.Fatal(f, err)
		}
		n++
		st := newState(p)
		cp := st.criticalPathBound()
		cpDevSum += float64(sol.Makespan-cp) / float64(cp)
		if opt != nil {
			name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), set), ".sm")
			o := opt[name]
			if int(sol.Makespan) == o {
				hits++
			} else {
				t.Logf("%s: %d, optimum %d, %d iterations", name, sol.Makespan, o, sol.Stats.Iterations)
			}
			devSum += float64(int(sol.Makespan)-o) / float64(o)
		}
	}
	t.Logf("%s: %d instances, %v each: optimal %d (%.1f%%), mean dev from optimum (J120: best known) %.3f%%, mean dev from CP bound %.2f%%",
		set, n, limit, hits, 100*float64(hits)/float64(n), 100*devSum/float64(n), 100*cpDevSum/float64(n))
}
