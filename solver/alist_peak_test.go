package solver

import (
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestPeakCrossover checks, on random lists of J30 instances, that the
// child holds every task once in an order that respects every
// precedence, that the window it keeps is the mother's most loaded one
// (against a load summed from the scheme's usage arrays, slot by slot),
// and that the child is the father's tasks before the window, the
// mother's in it in her order, then the father's after it.
func TestPeakCrossover(t *testing.T) {
	probs := hardJ30(t)
	rapid.Check(t, func(rt *rapid.T) {
		p, _, g, mother := drawJ30List(rt, probs)
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(rt, "father seed"), 9))
		father := p.priorityList(nil, rng, 2)
		key := make([]Slot, len(p.Tasks))
		ms, ok := g.justify(mother, key, rapid.IntRange(0, 2).Draw(rt, "rounds"))
		if !ok {
			rt.Fatal("a J30 list does not decode")
		}
		mStart := slices.Clone(g.start)
		// The window's load from the usage the decode left behind.
		slotLoad := make([]float64, ms)
		for r, use := range g.use {
			for x := range ms {
				slotLoad[x] += float64(use[x]) / float64(g.capacity[r])
			}
		}
		span := Slot(rapid.IntRange(1, int(ms)+3).Draw(rt, "span"))
		load := make([]float64, p.Slots+1)
		first, last := g.peakWindow(mStart, ms, span, load)
		w := min(span, ms)
		if last != first+w {
			rt.Fatalf("window [%d, %d) is not %d slots long", first, last, w)
		}
		windowLoad := func(f Slot) (sum float64) {
			for x := f; x < f+w; x++ {
				sum += slotLoad[x]
			}
			return sum
		}
		if first < 0 || first+w > ms {
			rt.Fatalf("window [%d, %d) outside the makespan %d", first, first+w, ms)
		}
		for f := range ms - w + 1 {
			if windowLoad(f) > windowLoad(first)+1e-9 {
				rt.Fatalf("window at %d loads %.3f, more than the chosen one at %d (%.3f)", f, windowLoad(f), first, windowLoad(first))
			}
		}

		child := g.peakCrossover(mother, father, mStart, ms, span, load)
		if len(child) != len(mother) {
			rt.Fatalf("child has %d tasks, want %d", len(child), len(mother))
		}
		pos := make([]int, len(child))
		for i := range pos {
			pos[i] = -1
		}
		for i, task := range child {
			if pos[task] >= 0 {
				rt.Fatalf("task %d twice in the child", task)
			}
			pos[task] = i
		}
		for _, pr := range p.Precedences {
			if pos[pr.From] > pos[pr.To] {
				rt.Fatalf("child lists %d before its predecessor %d", pr.To, pr.From)
			}
		}
		part := func(task TaskID) int {
			switch s := mStart[task]; {
			case s < first:
				return 0
			case s < first+w:
				return 1
			}
			return 2
		}
		var want []TaskID
		for k := range 3 {
			from := father
			if k == 1 {
				from = mother
			}
			for _, task := range from {
				if part(task) == k {
					want = append(want, task)
				}
			}
		}
		if !slices.Equal(child, want) {
			rt.Fatalf("child %v, want %v", child, want)
		}
	})
	if got := (&plainSGS{}).peakCrossover(nil, nil, nil, farSlot, 3, make([]float64, 10)); got != nil {
		t.Errorf("a mother with no schedule gave child %v", got)
	}
}

// BenchmarkPeakCrossoverJ120 sets the cost of breeding one child by peak
// crossover against the justification every child then gets, on a J120
// instance (the set the crossover was measured on).
func BenchmarkPeakCrossoverJ120(b *testing.B) {
	p := benchSM(b, "j120", "j12016_1.sm")
	g := newPlainSGS(p)
	mother := p.priorityList(nil, nil, 0)
	father := p.priorityList(nil, rand.New(rand.NewPCG(1, 2)), 1)
	key := make([]Slot, len(p.Tasks))
	ms, ok := g.justify(mother, key, 2)
	if !ok {
		b.Fatal("list does not decode")
	}
	mStart := slices.Clone(g.start)
	load := make([]float64, p.Slots+1)
	b.Run("justify", func(b *testing.B) {
		list := slices.Clone(father)
		for b.Loop() {
			copy(list, father)
			if _, ok := g.justify(list, key, 2); !ok {
				b.Fatal("list does not decode")
			}
		}
	})
	b.Run("peak", func(b *testing.B) {
		for b.Loop() {
			if g.peakCrossover(mother, father, mStart, ms, ms/5, load) == nil {
				b.Fatal("no child")
			}
		}
	})
}
