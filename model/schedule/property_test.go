package schedule_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/solver"
	"pgregory.net/rapid"
)

// TestBuildProperty: for schedules the search finds from any seed, every
// booking's pieces lie within one day each, in order, inside the booking,
// and add up to the session's work; the bookings' cost shares add up to
// the resource cost.
func TestBuildProperty(t *testing.T) {
	c, err := compile.Compile(compiletest.Short(), compile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(rt *rapid.T) {
		seed := rapid.Uint64().Draw(rt, "seed")
		sol, err := solver.Solve(context.Background(), c.Problem, solver.Options{Seed: seed, Iterations: 20, Workers: 1})
		if err != nil {
			rt.Fatal(err)
		}
		s, err := schedule.Build(c, sol)
		if err != nil {
			rt.Fatal(err)
		}
		var shares, resources float64
		for _, b := range s.Bookings {
			shares += b.Cost
			var work time.Duration
			for i, pc := range b.Pieces {
				if pc.Start.Before(b.Start) || pc.End.After(b.End) || !pc.End.After(pc.Start) {
					rt.Fatalf("%s: piece %d %s–%s outside %s–%s", b.ID, i, pc.Start, pc.End, b.Start, b.End)
				}
				if y, m, d := pc.Start.Date(); pc.End.After(time.Date(y, m, d+1, 0, 0, 0, 0, pc.Start.Location())) {
					rt.Fatalf("%s: piece %d runs past midnight", b.ID, i)
				}
				if i > 0 && pc.Start.Before(b.Pieces[i-1].End) {
					rt.Fatalf("%s: pieces out of order", b.ID)
				}
				work += pc.End.Sub(pc.Start)
			}
			for t, info := range c.Tasks {
				if info.ID == b.ID {
					if want := time.Duration(c.Problem.Tasks[t].Duration*c.Grid.SlotMinutes) * time.Minute; work != want {
						rt.Fatalf("%s: pieces hold %s of work, want %s", b.ID, work, want)
					}
				}
			}
		}
		for _, a := range s.Cost.Resources {
			resources += a.Amount
		}
		if math.Abs(shares-resources) > 1e-6*math.Max(1, resources) {
			rt.Fatalf("booking shares %v, resource cost %v", shares, resources)
		}
	})
}
