package whatif

import (
	"context"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/solver"
)

// TestOneDelivery solves testdata/series.yaml the way pencil solve does
// and as a what-if base, with one seed and iteration limit: both give the
// same delivery, the last episode's delivered milestone, and no milestone
// or delivery falls on a weekend, a holiday or at midnight.
func TestOneDelivery(t *testing.T) {
	const path = "../../testdata/series.yaml"
	opts := Options{Seed: 3, Iterations: 150}
	for _, seed := range []uint64{3, 11} {
		opts.Seed = seed
		p, err := model.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		c, err := compile.Compile(p, compile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sol, err := solver.Solve(context.Background(), c.Problem, opts.solverOptions(c.WarmStart))
		if err != nil {
			t.Fatal(err)
		}
		s, err := schedule.Build(c, sol)
		if err != nil {
			t.Fatal(err)
		}
		cmp, err := Run(context.Background(), Loader(path), nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Base.Delivery.Equal(s.Delivery) {
			t.Errorf("seed %d: what-if base delivers %s, solve %s", seed, cmp.Base.Delivery, s.Delivery)
		}
		var last time.Time
		for _, m := range s.Milestones {
			if m.ID == "ep6/delivered" {
				last = m.At
			}
		}
		if !s.Delivery.Equal(last) {
			t.Errorf("seed %d: delivery %s, want ep6/delivered at %s", seed, s.Delivery, last)
		}
		check := func(what string, at time.Time) {
			switch {
			case at.IsZero():
				t.Errorf("seed %d: %s has no time", seed, what)
			case at.Weekday() == time.Saturday || at.Weekday() == time.Sunday:
				t.Errorf("seed %d: %s falls on %s", seed, what, at.Format("Mon 2 Jan 15:04"))
			case p.Calendar.IsHoliday(model.DateOf(at)):
				t.Errorf("seed %d: %s falls on a holiday, %s", seed, what, at.Format("Mon 2 Jan 15:04"))
			case at.Hour() == 0 && at.Minute() == 0:
				t.Errorf("seed %d: %s falls at midnight, %s", seed, what, at.Format("Mon 2 Jan 15:04"))
			}
		}
		for _, m := range s.Milestones {
			check(m.ID, m.At)
		}
		check("delivery", s.Delivery)
		for _, d := range cmp.Base.Deadlines {
			check(d.Name+" finish", d.Finish)
		}
	}
}

// TestMoveAnEpisodesOwnDelivery: move_deliveries moves an episode's own
// delivery (an override's delivery:) with the others.
func TestMoveAnEpisodesOwnDelivery(t *testing.T) {
	p, err := model.Parse("s.yaml", []byte(`production: S
timezone: Europe/London
start: 2026-03-02
delivery: 2026-06-26
people: [{ id: ed, roles: [editor] }]
episodes:
  count: 2
  first_delivery: 2026-06-12
  overrides: [{ episode: 1, delivery: 2026-06-17 }]
pipeline: [{ id: cut, roles: [editor], duration: 2d, split: 1d }]
`))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Parse("w.yaml", []byte("scenarios:\n  - { name: x, move_deliveries: -1w }\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sc[0].Apply(p); err != nil {
		t.Fatal(err)
	}
	e := p.Productions[0].Episodes
	if got := e.EpisodeDelivery(1); got != (model.Date{Year: 2026, Month: 6, Day: 10}) {
		t.Errorf("episode 1 delivers %s, want its own 17 Jun a week earlier", got)
	}
	if got := e.EpisodeDelivery(2); got != (model.Date{Year: 2026, Month: 6, Day: 12}) {
		t.Errorf("episode 2 delivers %s, want 19 Jun a week earlier", got)
	}
}
