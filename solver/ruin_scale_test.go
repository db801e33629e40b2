package solver

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// naiveNearest is the walk the neighbourhood index replaces: repeatedly
// the nearest movable placed task in start to the seed (holding r when r
// is not -1), ties to the lower index.
func naiveNearest(st *state, seed TaskID, r ResourceID, need int, mark []bool) []TaskID {
	var out []TaskID
	for len(out) < need {
		best, bestD := TaskID(-1), farSlot
		for t := range st.p.Tasks {
			if mark[t] || st.p.Tasks[t].Pin != nil || !st.placed[t] || (r >= 0 && !containsRes(st.res[t], r)) {
				continue
			}
			d := st.start[t] - st.start[seed]
			if d < 0 {
				d = -d
			}
			if d < bestD {
				best, bestD = TaskID(t), d
			}
		}
		if best < 0 {
			break
		}
		mark[best] = true
		out = append(out, best)
	}
	for _, t := range out {
		mark[t] = false
	}
	return out
}

// checkIndexes compares the state's incremental bookkeeping with a walk
// over every task: the tasks held per resource, the tasks per start day,
// the sums resync keeps and the nearest tasks a ruin takes.
func checkIndexes(t *rapid.T, st *state, rng *rand.Rand) {
	p := st.p
	for r := range p.Resources {
		var want []TaskID
		for ti := range p.Tasks {
			if st.placed[ti] && containsRes(st.res[ti], ResourceID(r)) {
				want = append(want, TaskID(ti))
			}
		}
		if got := st.holding(nil, ResourceID(r)); !slices.Equal(got, want) {
			t.Fatalf("resource %d: index holds %v, placed tasks %v", r, got, want)
		}
	}
	days := 0
	for b, list := range st.nb.byDay {
		for i, ti := range list {
			if !st.placed[ti] || st.nb.bucket(st.start[ti]) != b || st.nb.dayPos[ti] != int32(i) {
				t.Fatalf("task %d wrongly in start bucket %d", ti, b)
			}
		}
		days += len(list)
	}
	if days != st.nPlaced {
		t.Fatalf("%d tasks in start buckets, %d placed", days, st.nPlaced)
	}
	res, late, disr := st.resTotal, st.lateSum, st.disrSum
	st.resync()
	var wantRes, wantLate, wantDisr float64
	for r := range st.tl {
		wantRes += st.tl[r].cost
	}
	for ti := range st.late {
		wantLate += st.late[ti]
		wantDisr += st.disr[ti]
	}
	if st.resTotal != wantRes || st.lateSum != wantLate || st.disrSum != wantDisr {
		t.Fatalf("resync gives %v %v %v, a walk over everything %v %v %v", st.resTotal, st.lateSum, st.disrSum, wantRes, wantLate, wantDisr)
	}
	if math.Abs(res-wantRes) > 1e-6 || math.Abs(late-wantLate) > 1e-6 || math.Abs(disr-wantDisr) > 1e-6 {
		t.Fatalf("running sums drifted: %v %v %v against %v %v %v", res, late, disr, wantRes, wantLate, wantDisr)
	}
	seed := TaskID(rng.IntN(len(p.Tasks)))
	need := 1 + rng.IntN(len(p.Tasks))
	for _, r := range []ResourceID{-1, ResourceID(rng.IntN(len(p.Resources)))} {
		mark := st.sc.mark
		movable := func(x TaskID) bool { return !mark[x] && p.Tasks[x].Pin == nil && st.placed[x] }
		got := st.nearest(nil, seed, r, need, movable)
		if want := naiveNearest(st, seed, r, need, mark); !slices.Equal(got, want) {
			t.Fatalf("nearest %d to task %d on resource %d: %v, a walk gives %v", need, seed, r, got, want)
		}
	}
}

// TestPropertyNeighbourIndexes runs ruin-and-recreate steps on the film
// fixture and checks after each that the indexes and sums agree with a
// walk over every task, and that a snapshot into the same best (which
// copies only what changed) equals a full copy.
func TestPropertyNeighbourIndexes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, st, rng := drawFilmState(t, 6)
		var best []Placement
		for range rapid.IntRange(1, 30).Draw(t, "steps") {
			checkIndexes(t, st, rng)
			kind := ruinKind(rapid.IntRange(0, int(ruinKinds)-1).Draw(t, "ruin"))
			removed := st.ruin(nil, kind, 1+rng.IntN(len(p.Tasks)), rng)
			for _, x := range removed {
				st.unplace(x)
			}
			checkIndexes(t, st, rng)
			st.sortTopo(removed)
			st.greedyRecreate(removed, rng, 0.3)
			st.resync()
			if rapid.Bool().Draw(t, "snapshot") {
				best = st.snapshot(best)
				if full := st.snapshot(nil); !slices.EqualFunc(best, full, func(a, b Placement) bool {
					return a.Start == b.Start && slices.Equal(a.Resources, b.Resources)
				}) {
					t.Fatalf("snapshot of the changes %v, full snapshot %v", best, full)
				}
				best = st.snapshot(best) // the full copy went elsewhere: this one is whole again
			}
		}
	})
}

// TestNeighboursHeldTwice keeps the index right when a task holds one
// resource in two of its entries (which tryStart's augmenting search can
// produce when its scratch slice grows), whatever the order of removal.
func TestNeighboursHeldTwice(t *testing.T) {
	tests := []struct {
		name   string
		res    [][]ResourceID
		remove []TaskID
		want   [][]TaskID // per resource, sorted
	}{
		{"twice then once", [][]ResourceID{{0, 1, 0}, {0}}, []TaskID{0}, [][]TaskID{{1}, nil}},
		{"once then twice", [][]ResourceID{{0, 1, 0}, {0}}, []TaskID{1}, [][]TaskID{{0, 0}, {0}}},
		{"both", [][]ResourceID{{0, 1, 0}, {0}}, []TaskID{0, 1}, [][]TaskID{nil, nil}},
		{"twice, added last", [][]ResourceID{{0}, {0, 1, 0}}, []TaskID{1}, [][]TaskID{{0}, nil}},
		{"other last", [][]ResourceID{{1}, {0, 1, 0}, {1, 0}}, []TaskID{1}, [][]TaskID{{2}, {0, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Problem{Slots: 8, Resources: make([]Resource, 2), Tasks: make([]Task, len(tt.res))}
			nRes := make([]int, len(tt.res))
			for i, r := range tt.res {
				nRes[i] = len(r)
			}
			var nb neighbours
			nb.init(p, nRes)
			for i, r := range tt.res {
				nb.add(TaskID(i), 0, r)
			}
			for _, x := range tt.remove {
				nb.remove(x, 0, tt.res[x], tt.res)
			}
			for r, want := range tt.want {
				got := slices.Sorted(slices.Values(nb.onRes[r]))
				if !slices.Equal(got, want) {
					t.Errorf("resource %d holds %v, want %v", r, got, want)
				}
			}
		})
	}
}

// TestPropertyPoolWeek checks the pool ruin's list against a walk over
// every task: exactly the placed tasks holding a resource of the pool
// and starting in the seed's week, each once, nearest the seed first.
func TestPropertyPoolWeek(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p, st, rng := drawFilmState(t, 4)
		if st.dv.spd <= 0 {
			t.Fatal("the film fixture has no days")
		}
		seed := TaskID(rapid.IntRange(0, len(p.Tasks)-1).Draw(t, "task"))
		if !st.placed[seed] {
			t.Skip("seed not placed")
		}
		var pool []ResourceID
		for _, d := range p.Tasks[seed].Demands {
			if len(d.Candidates) > d.count() {
				pool = d.Candidates
			}
		}
		if pool == nil {
			if st.poolWeek(seed, rng, false) != nil {
				t.Fatalf("task %d has no pool, yet poolWeek lists tasks", seed)
			}
			return
		}
		got := slices.Clone(st.poolWeekOf(seed, pool, false))
		week := st.dv.weekOf(st.dv.dayOf(st.start[seed]))
		var want []TaskID
		for x := range p.Tasks {
			if st.placed[x] && st.dv.weekOf(st.dv.dayOf(st.start[x])) == week &&
				slices.ContainsFunc(st.res[x], func(r ResourceID) bool { return slices.Contains(pool, r) }) {
				want = append(want, TaskID(x))
			}
		}
		if !slices.Equal(slices.Sorted(slices.Values(got)), want) {
			t.Fatalf("pool %v in the week of task %d: %v, a walk gives %v", pool, seed, got, want)
		}
		if !slices.Contains(got, seed) {
			t.Fatalf("task %d is not in its own pool's week: %v", seed, got)
		}
		dist := func(x TaskID) Slot { return absSlot(st.start[x] - st.start[seed]) }
		if !slices.IsSortedFunc(got, func(a, b TaskID) int { return int(dist(a) - dist(b)) }) {
			t.Fatalf("not nearest first: %v", got)
		}
		// The thin order: the same tasks, by the busy slots of the least
		// busy person-day of the pool each holds, then nearest first.
		thin := slices.Clone(st.poolWeekOf(seed, pool, true))
		if !slices.Equal(slices.Sorted(slices.Values(thin)), want) {
			t.Fatalf("thin: pool %v in the week of task %d: %v, a walk gives %v", pool, seed, thin, want)
		}
		busy := func(x TaskID) int32 {
			least := int32(math.MaxInt32)
			for _, r := range st.res[x] {
				if d := st.dv.dayOf(st.start[x]); slices.Contains(pool, r) && d < len(st.tl[r].busyDay) {
					least = min(least, st.tl[r].busyDay[d])
				}
			}
			if least == math.MaxInt32 {
				return 0
			}
			return least
		}
		if !slices.IsSortedFunc(thin, func(a, b TaskID) int { return cmp.Or(cmp.Compare(busy(a), busy(b)), cmp.Compare(dist(a), dist(b))) }) {
			t.Fatalf("not thinnest day first, then nearest: %v", thin)
		}
	})
}

// TestPoolWeekAtHorizonEnd: a pool's session of no length may sit at the
// very end of the horizon, on no day; the pool ruins list it without
// reading a day that is not there (a random solve panicked on it).
func TestPoolWeekAtHorizonEnd(t *testing.T) {
	const a, b = ResourceID(0), ResourceID(1)
	pool := []ResourceID{a, b}
	p, st := editorsAB(t, 2, []Task{
		{Name: "session", Duration: 8, Demands: []Demand{{Candidates: pool}}},
		{Name: "sign-off", Duration: 0, Demands: []Demand{{Candidates: pool}}},
	})
	st.place(0, 66, []ResourceID{a}, []Interval{{66, 74}}, 74)
	st.place(1, Slot(p.Slots), []ResourceID{a}, nil, Slot(p.Slots))
	for _, thin := range []bool{false, true} {
		if got := st.poolWeekOf(1, pool, thin); !slices.Equal(slices.Sorted(slices.Values(got)), []TaskID{0, 1}) {
			t.Errorf("thin %v: %v, want both sessions of the week", thin, got)
		}
	}
}

// drawFilmState draws a film fixture of up to maxEpisodes episodes,
// frozen, with a constructed schedule and the generator that built it.
func drawFilmState(t *rapid.T, maxEpisodes int) (*Problem, *state, *rand.Rand) {
	p := filmProblem(rapid.Uint64().Draw(t, "seed"), rapid.IntRange(1, maxEpisodes).Draw(t, "episodes"))
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	st := newState(p)
	rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "rng"), 1))
	if err := st.construct(p.priorityList(nil, rng, 0), nil, rng, 0, false); err != nil {
		t.Skip("no schedule:", err)
	}
	return p, st, rng
}
