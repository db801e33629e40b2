package solver

import (
	"context"
	"errors"
	"testing"
)

// twoCutsOneSuite is a tiny infeasible problem: two cuts of 10 slots each
// need the one suite and must both end by slot 15. Groups: 0 and 1 are
// the deadlines of cut a and cut b, 2 and 3 their suite demands, 4 the
// loose deadline of a third, short session c on its own suite.
func twoCutsOneSuite() *Problem {
	p := dayGrid(1, []Resource{{Name: "offline-1"}, {Name: "grade-1"}},
		[]Task{on("cut a", 10, 0), on("cut b", 10, 0), on("grade c", 2, 1)})
	for i, g := range [][2]GroupID{{0, 2}, {1, 3}, {4, NoGroup}} {
		task := &p.Tasks[i]
		task.WindowGroup, task.PinGroup, task.Demands[0].Group = g[0], NoGroup, g[1]
	}
	p.Tasks[2].Demands[0].Group = NoGroup
	p.Tasks[0].Deadline, p.Tasks[1].Deadline, p.Tasks[2].Deadline = 15, 15, 40
	for i := range p.Resources {
		p.Resources[i].AvailabilityGroup, p.Resources[i].RulesGroup = NoGroup, NoGroup
	}
	return p
}

// exactOracle decides feasibility by brute force, so that the checks in
// TestCheckConflict test CheckConflict and not a heuristic search.
func exactOracle(t *testing.T) func(context.Context, *Problem) (bool, error) {
	return func(_ context.Context, q *Problem) (bool, error) {
		place, searched := bruteForce(q, 1_000_000)
		if !searched {
			t.Fatal("brute force gave up")
		}
		return place != nil, nil
	}
}

func TestCheckConflict(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	broken := errors.New("oracle broke")
	for _, tt := range []struct {
		name     string
		ctx      context.Context
		conflict []GroupID
		oracle   func(*testing.T) func(context.Context, *Problem) (bool, error)
		want     Certainty
		wantErr  error
	}{
		{"minimal conflict", context.Background(), []GroupID{0, 1, 2, 3}, exactOracle, Confirmed, nil},
		{"a group too many", context.Background(), []GroupID{0, 1, 2, 3, 4}, exactOracle, NotMinimal, nil},
		{"no conflict at all", context.Background(), []GroupID{0, 2, 3}, exactOracle, Refuted, nil},
		{"cancelled before checking", cancelled, []GroupID{0, 1, 2, 3}, exactOracle, Probable, nil},
		{"oracle fails", context.Background(), []GroupID{0, 1, 2, 3},
			func(*testing.T) func(context.Context, *Problem) (bool, error) {
				return func(context.Context, *Problem) (bool, error) { return false, broken }
			}, Probable, broken},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := twoCutsOneSuite()
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			got, err := CheckConflict(tt.ctx, p, tt.conflict, tt.oracle(t))
			if got != tt.want {
				t.Errorf("certainty = %v, want %v", got, tt.want)
			}
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// TestCheckConflictAgreesWithExplain checks that what Explain finds with
// an exact oracle passes every check.
func TestCheckConflictAgreesWithExplain(t *testing.T) {
	p := twoCutsOneSuite()
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	conflict, err := Explain(context.Background(), p, exactOracle(t))
	if err != nil {
		t.Fatal(err)
	}
	got, err := CheckConflict(context.Background(), p, conflict, exactOracle(t))
	if err != nil || got != Confirmed {
		t.Fatalf("Explain found %v; CheckConflict says %v, %v; want confirmed", conflict, got, err)
	}
}
