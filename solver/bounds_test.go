package solver

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const psplibRoot = "../../shared/benchmarks/psplib"

// loadSMWithMPM reads a single-mode PSPLIB .sm file into a Problem in abstract
// time with makespan weight 1, and returns its MPM-Time.
func loadSMWithMPM(path string) (*Problem, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var lines [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, strings.Fields(sc.Text()))
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	ints := func(fs []string) []int {
		out := make([]int, 0, len(fs))
		for _, x := range fs {
			n, err := strconv.Atoi(x)
			if err != nil {
				return nil
			}
			out = append(out, n)
		}
		return out
	}
	find := func(prefix string) int {
		for i, l := range lines {
			if len(l) > 0 && strings.HasPrefix(strings.Join(l, " "), prefix) {
				return i
			}
		}
		return -1
	}
	p := &Problem{Name: filepath.Base(path), Objective: Objective{MakespanWeight: 1}}
	var horizon int
	if i := find("horizon"); i >= 0 {
		horizon, _ = strconv.Atoi(lines[i][len(lines[i])-1])
	}
	p.Slots = horizon
	mpm := 0
	if i := find("pronr."); i >= 0 {
		mpm = ints(lines[i+1])[5]
	}
	prec := find("jobnr. #modes")
	for i := prec + 1; i < len(lines) && len(ints(lines[i])) >= 3; i++ {
		v := ints(lines[i])
		p.Tasks = append(p.Tasks, Task{Name: fmt.Sprintf("job %d", v[0])})
		for _, s := range v[3:] {
			p.Precedences = append(p.Precedences, Precedence{From: TaskID(v[0] - 1), To: TaskID(s - 1)})
		}
	}
	req := find("jobnr. mode duration")
	for i := req + 2; i < len(lines) && len(ints(lines[i])) >= 3; i++ {
		v := ints(lines[i])
		t := &p.Tasks[v[0]-1]
		t.Duration = v[2]
		for r, u := range v[3:] {
			if u > 0 {
				t.Demands = append(t.Demands, Demand{Candidates: []ResourceID{ResourceID(r)}, Units: u})
			}
		}
	}
	if caps := find("R 1"); caps >= 0 {
		for r, c := range ints(lines[len(lines)-2]) {
			p.Resources = append(p.Resources, Resource{Name: fmt.Sprintf("R%d", r+1), Capacity: c, Department: -1})
		}
	}
	return p, mpm, nil
}

// j30OptimaForBounds reads j30opt.sm: optimal makespans by file name.
func j30OptimaForBounds(t *testing.T) map[string]int {
	f, err := os.ReadFile(filepath.Join(psplibRoot, "j30opt.sm"))
	if err != nil {
		return nil
	}
	out := map[string]int{}
	for _, l := range strings.Split(string(f), "\n") {
		fs := strings.Fields(l)
		if len(fs) < 3 {
			continue
		}
		par, err1 := strconv.Atoi(fs[0])
		inst, err2 := strconv.Atoi(fs[1])
		ms, err3 := strconv.Atoi(fs[2])
		if err1 == nil && err2 == nil && err3 == nil {
			out[fmt.Sprintf("j30%d_%d.sm", par, inst)] = ms
		}
	}
	return out
}

func TestLowerBoundPSPLIB(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(psplibRoot, "j30", "j301*_*.sm"))
	if len(files) == 0 {
		skipWithoutShared(t, "PSPLIB j30 not present")
	}
	opt := j30OptimaForBounds(t)
	if len(files) > 12 {
		files = files[:12]
	}
	for _, path := range files {
		p, mpm, err := loadSMWithMPM(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Freeze(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		order, _ := topoOrder(p)
		if cp := criticalPath(p, order).makespan; int(cp) != mpm {
			t.Errorf("%s: critical path %d, MPM-Time %d", p.Name, cp, mpm)
		}
		b := p.LowerBound(context.Background())
		if int(b.Makespan) < mpm {
			t.Errorf("%s: bound %d below MPM-Time %d", p.Name, b.Makespan, mpm)
		}
		if o, ok := opt[p.Name]; ok && int(b.Makespan) > o {
			t.Errorf("%s: bound %d above the optimum %d", p.Name, b.Makespan, o)
		}
		if b.Cost != float64(b.Makespan) {
			t.Errorf("%s: cost bound %v, makespan bound %d", p.Name, b.Cost, b.Makespan)
		}
	}
}

func TestLowerBoundMakespan(t *testing.T) {
	working := NewBitset(96)
	working.SetRange(18, 38)
	working.SetRange(66, 86)
	avail := NewBitset(96)
	avail.SetRange(60, 96)
	tests := []struct {
		name   string
		p      *Problem
		want   Slot
		method string
	}{
		{"chain with lags", &Problem{Slots: 100,
			Tasks:       []Task{{Name: "a", Duration: 3, Release: 2}, {Name: "b", Duration: 4}, {Name: "c", Duration: 1}},
			Precedences: []Precedence{{From: 0, To: 1, Lag: 5}, {From: 0, To: 2, Kind: StartToStart, Lag: 20}}},
			23, MethodCriticalPath},
		{"working lag over the night", func() *Problem {
			p := dayGrid(2, nil, []Task{{Name: "lock", Release: 30}, {Name: "turnover", Duration: 2}})
			p.Calendar.Working = working
			p.Precedences = []Precedence{{From: 0, To: 1, Lag: 10, LagWorking: true}}
			return p
		}(), 70, MethodCriticalPath},
		{"artiste free from slot 60", dayGrid(2, []Resource{{Name: "maya", Available: avail}}, []Task{on("adr", 8, 0)}),
			68, MethodCriticalPath},
		{"split grade in working hours", func() *Problem {
			p := dayGrid(2, nil, []Task{{Name: "grade", Duration: 30, Split: true, Window: working}})
			return p
		}(), 76, MethodCriticalPath},
		{"one suite, three sessions", &Problem{Slots: 100, Resources: []Resource{{Name: "mix", Capacity: 1}},
			Tasks:       []Task{on("a", 5, 0), on("b", 5, 0), {Name: "c", Duration: 5, Release: 1, Demands: []Demand{{Candidates: []ResourceID{0}}}}, {Name: "qc", Duration: 3}},
			Precedences: []Precedence{{From: 0, To: 3}, {From: 1, To: 3}, {From: 2, To: 3}}},
			18, MethodEnergy},
		{"pool of two editors", &Problem{Slots: 100, Resources: []Resource{{Name: "e1", Capacity: 1}, {Name: "e2", Capacity: 1}},
			Tasks: []Task{
				{Name: "a", Duration: 6, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}},
				{Name: "b", Duration: 6, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}},
				{Name: "c", Duration: 6, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}},
			}}, 9, MethodEnergy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.p.LowerBound(context.Background())
			if b.Makespan != tt.want || !strings.HasPrefix(b.Method, tt.method) {
				t.Errorf("bound %d by %q, want %d by %q", b.Makespan, b.Method, tt.want, tt.method)
			}
		})
	}
}

func TestLowerBoundCost(t *testing.T) {
	half := NewBitset(48)
	half.SetRange(0, 20)
	tests := []struct {
		name string
		p    *Problem
		want float64
		lp   bool
	}{
		// Two hours on the one ADR stage: the day's four-hour call is
		// paid whole (dayRaise), £720, not 4 slots at £90.
		{"ADR minimum call", dayGrid(1, []Resource{{Name: "adr-1", Rate: RateCard{Hour: 180, MinimumCall: 8}}}, []Task{on("adr", 4, 0)}),
			720, false},
		{"cheapest colourist", dayGrid(1, []Resource{{Name: "ines", Rate: RateCard{Hour: 100}}, {Name: "tom", Rate: RateCard{Hour: 60}}},
			[]Task{{Name: "grade", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}}),
			120, false},
		// The room of each candidate is enough without the LP here...
		{"cheap colourist has room for one session", dayGrid(1,
			[]Resource{{Name: "ines", Rate: RateCard{Hour: 100}}, {Name: "tom", Rate: RateCard{Hour: 60}, Available: half}},
			[]Task{
				{Name: "grade 1", Duration: 20, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}},
				{Name: "grade 2", Duration: 20, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}},
			}),
			600 + 1000, false},
		// ...but when two candidate lists share him, only the LP sees it.
		{"two sessions share the cheap colourist's room", sharedCheapColourist(), 600 + 1000, true},
		// Two cutting rooms at £200 a day or £700 a week; the cut may only run
		// 09:00-19:00 (20 slots a day, 140 in the week), so the hire
		// covers at most 140 slots: 4 slots cost at least 4 x 700/140,
		// not 4 x 700/336 as if every slot of the week could be worked.
		{"weekly hire over the hours that can be worked", func() *Problem {
			day := NewBitset(48 * 7)
			for d := range 7 {
				day.SetRange(Slot(48*d+18), Slot(48*d+38))
			}
			cut := Task{Name: "cut", Duration: 4, Window: day, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}
			return dayGrid(7, []Resource{{Name: "cutting room 1", Rate: RateCard{Day: 200, Week: 700}}, {Name: "cutting room 2", Rate: RateCard{Day: 200, Week: 700}}},
				[]Task{cut})
		}(), 20, false},
		{"artiste travel and fee", dayGrid(2, []Resource{{Name: "maya", Rate: RateCard{PerTask: 600, Travel: 220}}}, []Task{on("adr 1", 8, 0), on("adr 2", 8, 0)}),
			1200 + 220, false},
		{"overhead and makespan", func() *Problem {
			p := dayGrid(3, nil, []Task{{Name: "conform", Duration: 50}, {Name: "lock", Release: 100}})
			p.Objective = Objective{OverheadPerDay: 1000, MakespanWeight: 1}
			return p
		}(), 2000 + 100, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.p.LowerBound(context.Background())
			if math.Abs(b.Cost-tt.want) > 1e-6*tt.want || strings.HasSuffix(b.Method, MethodLP) != tt.lp {
				t.Errorf("cost bound %v by %q, want %v (LP %v)", b.Cost, b.Method, tt.want, tt.lp)
			}
		})
	}
}

// production builds a deterministic production-sized problem: 120 days of
// half-hour slots, 40 people and suites with days off, 300 sessions in
// chains with pools, windows and splits.
func production() *Problem {
	rng := rand.New(rand.NewPCG(1, 1))
	const days = 120
	working := NewBitset(48 * days)
	for d := range Slot(days) {
		if d%7 < 5 {
			working.SetRange(48*d+18, 48*d+38)
		}
	}
	var res []Resource
	for r := range 40 {
		av := NewBitset(48 * days)
		for d := range Slot(days) {
			if rng.IntN(10) > 0 {
				av.SetRange(48*d, 48*d+48)
			}
		}
		res = append(res, Resource{Name: fmt.Sprintf("r%d", r), Available: av,
			Rate: RateCard{Day: float64(300 + rng.IntN(700)), DaySlots: 20, MinimumCall: 8, Week: 2500,
				Overtime: []OvertimeBand{{AfterSlots: 20, Multiplier: 1.5}}, WeekendMultiplier: 1.5, Kit: 50}})
	}
	p := dayGrid(days, res, nil)
	p.Calendar.Working = working
	for t := range 300 {
		pool := rng.IntN(8) * 5
		task := Task{Name: fmt.Sprintf("session %d", t), Duration: 4 + rng.IntN(40), Split: rng.IntN(2) == 0, MinChunk: 4, Window: working,
			Demands: []Demand{{Candidates: []ResourceID{ResourceID(pool), ResourceID(pool + 1), ResourceID(pool + 2)}}, {Candidates: []ResourceID{ResourceID(pool + 3 + rng.IntN(2))}}}}
		if !task.Split {
			task.Duration = min(task.Duration, 16) // within one working day
		}
		p.Tasks = append(p.Tasks, task)
		if t%10 != 0 {
			p.Precedences = append(p.Precedences, Precedence{From: TaskID(t - 1), To: TaskID(t), Lag: rng.IntN(10), LagWorking: true})
		}
	}
	p.Objective = Objective{OverheadPerDay: 1000}
	return p
}

func BenchmarkLowerBound(b *testing.B) {
	p := production()
	if err := p.Freeze(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.LowerBound(context.Background())
	}
}

func BenchmarkLowerBoundJ120(b *testing.B) {
	p, _, err := loadSMWithMPM(filepath.Join(psplibRoot, "j120", "j1201_1.sm"))
	if err != nil {
		b.Skip("PSPLIB j120 not present")
	}
	b.ReportAllocs()
	for b.Loop() {
		p.LowerBound(context.Background())
	}
}

func BenchmarkExplainQuick(b *testing.B) {
	p := production()
	p.Tasks[299].Deadline = 48 // its chain of ten needs two working days
	for t := range p.Tasks {
		p.Tasks[t].WindowGroup = GroupID(t)
	}
	for i := range p.Precedences {
		p.Precedences[i].Group = GroupID(len(p.Tasks) + i)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ExplainQuick(p) == nil {
			b.Fatal("no conflict found")
		}
	}
}

// sharedCheapColourist has two grades of 20 slots, one for ines or tom,
// one for tom or kofi; tom, the cheap one, has room for one of them:
// greedy and capacity bounds give both to tom (1200), the LP 1600.
func sharedCheapColourist() *Problem {
	half := NewBitset(48)
	half.SetRange(0, 20)
	return dayGrid(1,
		[]Resource{{Name: "ines", Rate: RateCard{Hour: 100}}, {Name: "tom", Rate: RateCard{Hour: 60}, Available: half},
			{Name: "kofi", Rate: RateCard{Hour: 100}}},
		[]Task{
			{Name: "grade 1", Duration: 20, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}},
			{Name: "grade 2", Duration: 20, Demands: []Demand{{Candidates: []ResourceID{1, 2}}}},
		})
}

func TestLowerBoundCancelledSkipsLP(t *testing.T) {
	p := sharedCheapColourist()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if b := p.LowerBound(ctx); b.Method != MethodCriticalPath || b.Cost != 1200 {
		t.Errorf("bound %+v, want the greedy 1200 by critical path", b)
	}
	if b, ok := lpResourceCostCtx(ctx, p); ok {
		t.Errorf("LP answered %v after the context ended", b)
	}
}
