package solver

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"
)

// builtFilm is a constructed schedule of the film fixture, its state and
// one task taken out of it, ready for insertion benchmarks.
func builtFilm(b *testing.B) (*state, TaskID, Slot) {
	b.Helper()
	p := filmProblem(21, 4)
	if err := p.Freeze(); err != nil {
		b.Fatal(err)
	}
	st := newState(p)
	rng := rand.New(rand.NewPCG(1, 1))
	if err := st.construct(p.priorityList(nil, rng, 0), nil, rng, 0, false); err != nil || !st.feasible() {
		b.Fatalf("construction failed: %v", err)
	}
	const grade = TaskID(7) // ep2/grade: a pool, a suite, split over nights
	start := st.start[grade]
	st.unplace(grade)
	return st, grade, start
}

// BenchmarkInsertionDelta is the cost-aware evaluation of one insertion:
// resources chosen by cost, pieces expanded, objective delta computed.
func BenchmarkInsertionDelta(b *testing.B) {
	st, t, s := builtFilm(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, ok, _ := st.tryStart(t, s, forward, true, nil, 0); !ok {
			b.Fatal("the task's old start no longer fits")
		}
	}
}

// BenchmarkPlaceUnplace applies and undoes one insertion on the
// incremental timelines.
func BenchmarkPlaceUnplace(b *testing.B) {
	st, t, s := builtFilm(b)
	_, end, ok, _ := st.tryStart(t, s, forward, false, nil, 0)
	if !ok {
		b.Fatal("no fit")
	}
	res := append([]ResourceID(nil), st.sc.res...)
	pieces := append([]Interval(nil), st.sc.pieces...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st.place(t, s, res, pieces, end)
		st.unplace(t)
	}
}

// BenchmarkAvailabilityLookup scans a resource's availability and spare
// capacity over a working day.
func BenchmarkAvailabilityLookup(b *testing.B) {
	st, _, _ := builtFilm(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st.capConflict(filmArtiste, 1, Slot(48*9+18), Slot(48*9+38), forward)
	}
}

// BenchmarkLNSIteration is one ruin-and-recreate step with acceptance.
func BenchmarkLNSIteration(b *testing.B) {
	st, t, _ := builtFilm(b)
	st.insertBest(t, nil, 0)
	st.resync()
	w := &worker{st: st, rng: rand.New(rand.NewPCG(1, 2)), ctl: &control{ctx: context.Background(), begin: time.Now(), iterCap: b.N}}
	b.ReportAllocs()
	b.ResetTimer()
	w.runLNS()
}

// BenchmarkSGSDecodeJ30 decodes one activity list of a PSPLIB J30
// instance with forward–backward improvement.
func BenchmarkSGSDecodeJ30(b *testing.B) {
	p := benchSM(b, "j30", "j301_1.sm")
	st := newState(p)
	list := p.priorityList(nil, nil, 0)
	key := make([]Slot, len(p.Tasks))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := st.justify(list, key, 2); !ok {
			b.Fatal("list does not decode")
		}
	}
}
