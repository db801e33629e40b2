package solver

import (
	"cmp"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestPlainSGSMatchesState checks that the plain scheme builds exactly
// the schedules of the state's forward–backward improvement: same
// makespan, same starts and the same rewritten list, on random
// precedence-feasible lists of J30 instances from an easy and two highly
// resource-constrained parameter sets.
func TestPlainSGSMatchesState(t *testing.T) {
	probs := hardJ30(t)
	rapid.Check(t, func(rt *rapid.T) {
		p, st, g, list := drawJ30List(rt, probs)
		if rapid.Bool().Draw(rt, "undo") {
			g.base = nil // clear by taking bookings off
		}
		rounds := rapid.IntRange(0, 3).Draw(rt, "rounds")
		other := slices.Clone(list)
		key := make([]Slot, len(p.Tasks))
		want, okS := st.justify(list, key, rounds)
		got, okP := g.justify(other, key, rounds)
		if okS != okP || want != got {
			rt.Fatalf("plain scheme: makespan %d (%v), state: %d (%v)", got, okP, want, okS)
		}
		if !slices.Equal(list, other) {
			rt.Fatalf("plain scheme rewrote the list as %v, state as %v", other, list)
		}
		if !slices.Equal(st.start, g.start) {
			rt.Fatalf("plain scheme starts %v, state %v", g.start, st.start)
		}
	})
}

// TestNewPlainSGSRefuses checks that problems the plain scheme cannot
// reproduce exactly keep the state's scheme.
func TestNewPlainSGSRefuses(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *Problem)
		plain bool
	}{
		{"plain", func(*Problem) {}, true},
		{"pinned", func(p *Problem) { p.Tasks[0].Pin = &Placement{Start: 2, Resources: []ResourceID{0}} }, false},
		{"split", func(p *Problem) { p.Tasks[0].Split = true }, false},
		{"windowed", func(p *Problem) { p.Tasks[1].Window = NewBitset(20) }, false},
		{"pool", func(p *Problem) { p.Tasks[0].Demands[0].Candidates = []ResourceID{0, 1} }, false},
		{"working lag", func(p *Problem) { p.Precedences[0].LagWorking = true; p.Precedences[0].Lag = 1 }, false},
		{"same resource twice", func(p *Problem) {
			p.Tasks[0].Demands = append(p.Tasks[0].Demands, Demand{Candidates: []ResourceID{0}})
			p.Resources[0].Capacity = 2
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := gradeThenConform()
			tc.edit(p)
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			if got := newPlainSGS(p) != nil; got != tc.plain {
				t.Errorf("plain = %v, want %v", got, tc.plain)
			}
		})
	}
}

// hardJ30 loads an easy J30 instance and two highly resource-constrained
// ones (j3029_1 is the one whose optimum the search finds least often).
func hardJ30(t *testing.T) []*Problem {
	var probs []*Problem
	for _, name := range []string{"j301_1", "j3013_1", "j3029_1"} {
		p, err := loadSM(filepath.Join(psplibDir, "j30", name+".sm"))
		if err != nil {
			skipWithoutShared(t, "PSPLIB not available:", err)
		}
		probs = append(probs, p)
	}
	return probs
}

// drawJ30List draws one of probs, its state and plain scheme, and a
// random precedence-feasible list: a noisy priority list, shifted.
func drawJ30List(rt *rapid.T, probs []*Problem) (*Problem, *state, *plainSGS, []TaskID) {
	p := probs[rapid.IntRange(0, len(probs)-1).Draw(rt, "instance")]
	rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(rt, "seed"), 7))
	st := newState(p)
	g := newPlainSGS(p)
	if g == nil {
		rt.Fatal("a PSPLIB instance is not plain")
	}
	list := p.priorityList(nil, rng, rapid.Float64Range(0, 2).Draw(rt, "noise"))
	for range rapid.IntRange(0, 20).Draw(rt, "shifts") {
		st.shift(list, rng.IntN(len(list)), false, rng)
	}
	return p, st, g, list
}

// gradeThenConform is a plain two-task problem: a grade, then a conform,
// in one suite.
func gradeThenConform() *Problem {
	return &Problem{
		Slots:     20,
		Objective: Objective{MakespanWeight: 1},
		Resources: []Resource{{Name: "suite", Capacity: 1, Department: -1}, {Name: "colourist", Capacity: 1, Department: -1}},
		Tasks: []Task{
			{Name: "grade", Duration: 3, Demands: []Demand{{Candidates: []ResourceID{0}}}},
			{Name: "conform", Duration: 2, Demands: []Demand{{Candidates: []ResourceID{0}}}},
		},
		Precedences: []Precedence{{From: 0, To: 1}},
	}
}

// BenchmarkPlainJustifyJ30 is BenchmarkSGSDecodeJ30 on the plain scheme.
func BenchmarkPlainJustifyJ30(b *testing.B) {
	p := benchSM(b, "j30", "j301_1.sm")
	g := newPlainSGS(p)
	list := p.priorityList(nil, nil, 0)
	key := make([]Slot, len(p.Tasks))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := g.justify(list, key, 2); !ok {
			b.Fatal("list does not decode")
		}
	}
}

// sortByKeyCompare is sortByKey by comparison: the oracle.
func (g *plainSGS) sortByKeyCompare(list []TaskID, key []Slot, desc bool) {
	idx := g.topoIdx
	slices.SortFunc(list, func(a, b TaskID) int {
		if desc {
			a, b = b, a
		}
		return cmp.Or(cmp.Compare(key[a], key[b]), cmp.Compare(idx[a], idx[b]))
	})
}

// TestPropertySortByKey checks the counting sort of the plain scheme
// against a comparison sort on the same keys: every task once, by key,
// ties by topological position, both ways.
func TestPropertySortByKey(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 60).Draw(t, "tasks")
		slots := rapid.IntRange(1, 40).Draw(t, "slots")
		idx := make([]int32, n)
		for i, j := range rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "perm"), 1)).Perm(n) {
			idx[i] = int32(j)
		}
		g := &plainSGS{topoIdx: idx, byTopo: tasksByIndex(idx), count: make([]int32, slots+2)}
		key := make([]Slot, n)
		list := make([]TaskID, n)
		for i := range key {
			key[i] = Slot(rapid.IntRange(0, slots).Draw(t, "key"))
			list[i] = TaskID(i)
		}
		desc := rapid.Bool().Draw(t, "desc")
		want := slices.Clone(list)
		g.sortByKeyCompare(want, key, desc)
		g.sortByKey(list, key, desc)
		if !slices.Equal(list, want) {
			t.Fatalf("counting sort %v, comparison sort %v (keys %v, positions %v, desc %v)", list, want, key, idx, desc)
		}
	})
}
