package solver

import (
	"context"
	"sync"
	"testing"

	"pgregory.net/rapid"
)

// TestWindowLatestStarts checks the window-aware latest start of single
// tasks against hand-worked answers.
func TestWindowLatestStarts(t *testing.T) {
	avail := func(runs ...[2]Slot) Bitset {
		b := NewBitset(20)
		for _, r := range runs {
			b.SetRange(r[0], r[1])
		}
		return b
	}
	tests := []struct {
		name  string
		avail []Bitset // one candidate each, in one demand
		task  Task
		want  Slot
	}{
		{"always available", []Bitset{nil}, Task{Duration: 3}, 17},
		{"deadline", []Bitset{nil}, Task{Duration: 3, Deadline: 10}, 7},
		{"one window", []Bitset{avail([2]Slot{2, 8})}, Task{Duration: 3}, 5},
		{"too short a late window", []Bitset{avail([2]Slot{2, 8}, [2]Slot{15, 17})}, Task{Duration: 3}, 5},
		{"union of candidates", []Bitset{avail([2]Slot{2, 8}), avail([2]Slot{10, 13})}, Task{Duration: 3}, 10},
		{"a candidate free throughout", []Bitset{avail([2]Slot{2, 8}), nil}, Task{Duration: 3}, 17},
		{"split over two windows", []Bitset{avail([2]Slot{2, 4}, [2]Slot{6, 8})}, Task{Duration: 3, Split: true}, 3},
		{"task window", []Bitset{nil}, Task{Duration: 2, Window: avail([2]Slot{0, 9})}, 7},
		{"no fit keeps the plain bound", []Bitset{avail([2]Slot{2, 3})}, Task{Duration: 3}, 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Problem{Slots: 20}
			var cands []ResourceID
			for i, av := range tt.avail {
				p.Resources = append(p.Resources, Resource{Capacity: 1, Available: av, Department: -1})
				cands = append(cands, ResourceID(i))
			}
			task := tt.task
			task.Demands = []Demand{{Candidates: cands}}
			p.Tasks = []Task{task}
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			if got := p.windowStarts()[0]; got != tt.want {
				t.Errorf("window-aware latest start %d, want %d", got, tt.want)
			}
		})
	}
}

// TestWindowLatestStartsPropagate: a successor's window pulls its
// predecessors' bounds back through finish-to-start and start-to-start
// lags.
func TestWindowLatestStartsPropagate(t *testing.T) {
	p := agentWindowProblem()
	p2 := &Problem{
		Slots:     p.Slots,
		Resources: p.Resources,
		Tasks:     append([]Task{{Name: "dailies", Duration: 1, Demands: []Demand{{Candidates: []ResourceID{0}}}}}, p.Tasks...),
		Precedences: []Precedence{
			{From: 0, To: 1 + awLockCut, Kind: StartToStart, Lag: 2},
			{From: 1 + awLockCut, To: 1 + awADR, Lag: 1},
		},
	}
	if err := p2.Freeze(); err != nil {
		t.Fatal(err)
	}
	// ADR by 4 (its window), the lock cut by 4-1-4 = -1, the dailies by
	// -1-2 = -3: the windows make the chain impossible, and the bounds say
	// so rather than hiding it.
	got := p2.windowStarts()
	if got[1+awADR] != 4 || got[1+awLockCut] != -1 || got[0] != -3 {
		t.Fatalf("window-aware latest starts %v, want ADR 4, lock cut -1, dailies -3", got)
	}
}

// TestPropertyWindowLatestStartsBound: no feasible schedule starts a task
// after its window-aware latest start, and the bound is never looser than
// the plain latest start.
func TestPropertyWindowLatestStartsBound(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 5, Workers: 1})
		if err != nil {
			return
		}
		wlst := p.windowStarts()
		for task, pl := range sol.Placements {
			if wlst[task] > p.drv.lst[task] {
				t.Fatalf("task %d: window-aware latest start %d above the plain one %d\n%s", task, wlst[task], p.drv.lst[task], dump(p))
			}
			if pl.Start > wlst[task] {
				t.Fatalf("task %d starts at %d, after its window-aware latest start %d\n%s", task, pl.Start, wlst[task], dump(p))
			}
		}
	})
}

// BenchmarkWindowLatestStarts works out the window-aware latest starts of
// the film fixture (done once per problem, when a construction first
// leaves tasks unplaced).
func BenchmarkWindowLatestStarts(b *testing.B) {
	p := filmProblem(21, 4)
	if err := p.Freeze(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.drv.wlstOnce = sync.Once{}
		p.windowStarts()
	}
}
