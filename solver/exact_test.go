package solver

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestExactSearchJ30 proves, in both directions where the problem can be
// read backwards, the optimal makespans of every 80th J30 instance
// (parameter sets 1, 9, 17 and so on, the first instance of each), and
// checks each against j30opt.sm and the schedule the state builds from
// the list found.
func TestExactSearchJ30(t *testing.T) {
	opt := j30OptimaForBounds(t)
	if opt == nil {
		skipWithoutShared(t, "PSPLIB j30opt.sm not present")
	}
	for set := 1; set <= 48; set += 8 {
		name := fmt.Sprintf("j30%d_1.sm", set)
		p, _, err := loadSMWithMPM(filepath.Join(psplibRoot, "j30", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := p.Freeze(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, reversed := range []bool{false, true} {
			x := exactSearchOf(p, reversed)
			if x == nil {
				t.Fatalf("%s: no exact search (reversed %v)", name, reversed)
			}
			x.stop = func(nodes int) bool { return nodes >= 2_000_000 }
			if !x.run() {
				t.Logf("%s: not searched in full within 2,000,000 nodes (reversed %v)", name, reversed)
				continue
			}
			if int(x.bestMs) != opt[name] {
				t.Errorf("%s: proved %d optimal (reversed %v), j30opt.sm says %d", name, x.bestMs, reversed, opt[name])
			}
			if got := decodedMakespan(t, p, x, reversed); got != x.bestMs {
				t.Errorf("%s: the list found decodes to %d, the search said %d (reversed %v)", name, got, x.bestMs, reversed)
			}
		}
	}
}

// TestSolveProvesJ30 solves j3029_1, the J30 instance the activity-list
// search alone left at 86 in a second, with two workers: the second
// searches exactly, finds 85 and proves it, so the solution's bound
// meets its makespan. Limited by iterations, so repeatable.
func TestSolveProvesJ30(t *testing.T) {
	opt := j30OptimaForBounds(t)
	if opt == nil {
		skipWithoutShared(t, "PSPLIB j30opt.sm not present")
	}
	p, _, err := loadSMWithMPM(filepath.Join(psplibRoot, "j30", "j3029_1.sm"))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 50_000, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if int(sol.Makespan) != opt["j3029_1.sm"] || sol.Bound.Makespan != sol.Makespan {
		t.Errorf("makespan %d, bound %d (%s); the optimum is %d", sol.Makespan, sol.Bound.Makespan, sol.Bound.Method, opt["j3029_1.sm"])
	}
	if !strings.Contains(sol.Bound.Method, MethodExact) || sol.Bound.Cost != sol.Cost.Total {
		t.Errorf("bound %v by %q, cost %v: want the exact search's proof", sol.Bound.Cost, sol.Bound.Method, sol.Cost.Total)
	}
}

// exactSearchOf is the branch and bound of p, forwards or on the
// reversed problem (nil when there is none).
func exactSearchOf(p *Problem, reversed bool) *exactSearch {
	g := newPlainSGS(p)
	if reversed && g != nil {
		g = g.reversed(Slot(p.Slots))
	}
	return newExactSearchOf(g, Slot(p.Slots))
}

// decodedMakespan is the makespan of the forward schedule the state
// builds from the best list x found.
func decodedMakespan(t interface{ Fatalf(string, ...any) }, p *Problem, x *exactSearch, reversed bool) Slot {
	st := newState(p)
	var topo []int32
	if reversed {
		topo = p.drv.topoIdx
	}
	list := x.forwardList(topo)
	if !st.decode(list) {
		t.Fatalf("%s: the best list does not decode", p.Name)
	}
	return st.maxEnd
}

// TestPropertyExactSearch checks the branch and bound against brute
// force on tiny plain problems: the makespan it proves optimal is the
// least of every feasible schedule, in both directions, and the list it
// finds rebuilds a schedule of that makespan.
func TestPropertyExactSearch(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := genPlainProblem(rt)
		if err := p.Freeze(); err != nil {
			rt.Skip(err)
		}
		best, found := Slot(farSlot), false
		if !searchAll(p, 300000, func(_ []Placement, sol *Solution) bool {
			best, found = min(best, sol.Makespan), true
			return false
		}) {
			rt.Skip("too large for brute force")
		}
		for _, reversed := range []bool{false, true} {
			x := exactSearchOf(p, reversed)
			if x == nil {
				if !reversed {
					rt.Fatal("no exact search for a plain problem")
				}
				continue
			}
			if !x.run() {
				rt.Fatal("the search stopped without a stop function")
			}
			switch {
			case !found && x.bestMs != farSlot:
				rt.Fatalf("brute force finds no schedule, the search one of makespan %d (reversed %v)", x.bestMs, reversed)
			case found && x.bestMs != best:
				rt.Fatalf("the search proved %d optimal (reversed %v), brute force finds %d", x.bestMs, reversed, best)
			case found:
				if got := decodedMakespan(rt, p, x, reversed); got != best {
					rt.Fatalf("the list found decodes to %d, the optimum is %d (reversed %v)", got, best, reversed)
				}
			}
		}
	})
}

// genPlainProblem draws a tiny plain RCPSP problem: up to six tasks of
// up to three slots, one or two resources of capacity 1-3 with a few
// slots off, finish-to-start links with lags of 0-1, and releases.
func genPlainProblem(rt *rapid.T) *Problem {
	slots := rapid.IntRange(6, 12).Draw(rt, "slots")
	p := &Problem{Name: "tiny", Slots: slots, Objective: Objective{MakespanWeight: 1}}
	nres := rapid.IntRange(1, 2).Draw(rt, "resources")
	for r := range nres {
		avail := NewBitset(slots)
		avail.SetRange(0, Slot(slots))
		for range rapid.IntRange(0, 2).Draw(rt, fmt.Sprint("off", r)) {
			avail.Clear(Slot(rapid.IntRange(0, slots-1).Draw(rt, "off slot")))
		}
		p.Resources = append(p.Resources, Resource{Name: fmt.Sprint("R", r), Capacity: rapid.IntRange(1, 3).Draw(rt, "capacity"), Available: avail, Department: -1})
	}
	n := rapid.IntRange(2, 6).Draw(rt, "tasks")
	for i := range n {
		task := Task{Name: fmt.Sprint("task ", i), Duration: rapid.IntRange(0, 3).Draw(rt, "duration")}
		if rapid.IntRange(0, 3).Draw(rt, "released") == 0 {
			task.Release = Slot(rapid.IntRange(1, 3).Draw(rt, "release"))
		}
		for r := range p.Resources {
			if rapid.Bool().Draw(rt, "uses") {
				units := rapid.IntRange(1, p.Resources[r].Capacity).Draw(rt, "units")
				task.Demands = append(task.Demands, Demand{Candidates: []ResourceID{ResourceID(r)}, Units: units})
			}
		}
		p.Tasks = append(p.Tasks, task)
	}
	for to := 1; to < n; to++ {
		for from := range to {
			if rapid.IntRange(0, 3).Draw(rt, "link") == 0 {
				p.Precedences = append(p.Precedences, Precedence{From: TaskID(from), To: TaskID(to), Lag: rapid.IntRange(0, 1).Draw(rt, "lag")})
			}
		}
	}
	return p
}

// BenchmarkExactSearch proves j3029_1's optimum (85) on the reversed
// problem with 86 to beat, as the second worker does once the first has
// found 86: one proof per operation (about 0.3 s on the 2-core machine
// of 7 Dec 2026).
func BenchmarkExactSearch(b *testing.B) {
	p, _, err := loadSMWithMPM(filepath.Join(psplibRoot, "j30", "j3029_1.sm"))
	if err != nil {
		b.Skip("PSPLIB j30 not present:", err)
	}
	if err := p.Freeze(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		x := exactSearchOf(p, true)
		x.bestMs = 86
		if !x.run() || x.bestMs != 85 {
			b.Fatalf("proved %d, want 85", x.bestMs)
		}
	}
}
