package compile_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/solver"
)

func loadSeries(t *testing.T) *model.Project {
	t.Helper()
	p, err := model.Load("../../testdata/series.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// shortADRBy is compiletest.Short with the ADR due by the end of Tuesday
// 27 October.
func shortADRBy() *model.Project {
	p := compiletest.Short()
	for _, s := range p.Sessions {
		if s.ID == "adr" {
			s.Deadline = time.Date(2026, 10, 28, 0, 0, 0, 0, p.Calendar.Location)
		}
	}
	return p
}

func TestNotBefore(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, london)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct {
		name    string
		project func(*testing.T) *model.Project
		now     time.Time
		// wantSlot is the grid time now rounds up to, when compile
		// succeeds.
		wantSlot string
		// wantPast is the *PastError's message; empty when compile
		// succeeds.
		wantPast string
		// explain lists what the explanation of the infeasible solve
		// says; nil when the solve succeeds.
		explain []string
	}{
		{
			name:     "series as of Wed 10 Jun 11:47",
			project:  loadSeries,
			now:      at("2026-06-10 11:47"),
			wantSlot: "Wed 10 Jun 12:00",
		},
		{
			name:     "series as of a Saturday",
			project:  loadSeries,
			now:      at("2026-06-13 10:00"),
			wantSlot: "Sat 13 Jun 10:00",
		},
		{
			name:     "series after its delivery",
			project:  loadSeries,
			now:      at("2026-11-02 09:00"),
			wantPast: "../../testdata/series.yaml:30:1: the production delivers on 2026-10-30, before now (2026-11-02); to plan as of an earlier day, give --now 2026-06-01",
		},
		{
			name:     "short after the last working hour of its delivery day",
			project:  func(*testing.T) *model.Project { return compiletest.Short() },
			now:      at("2026-10-30 19:00"),
			wantPast: "short.yaml:12:3: the production delivers on 2026-10-30, before now (2026-10-30); to plan as of an earlier day, give --now 2026-10-19",
		},
		{
			name:     "short ADR past its own deadline",
			project:  func(*testing.T) *model.Project { return shortADRBy() },
			now:      at("2026-10-28 09:00"),
			wantSlot: "Wed 28 Oct 09:00",
			explain: []string{
				"nothing before now: it is now Wed 28 Oct 09:00: nothing can be pencilled before then; ADR runs 10:00-18:00 on working days and must end by Tue 27 Oct (short.yaml:16:3)",
			},
		},
		{
			name:     "short ADR after its artiste's dates",
			project:  func(*testing.T) *model.Project { return compiletest.Short() },
			now:      at("2026-10-28 09:00"),
			wantSlot: "Wed 28 Oct 09:00",
			explain: []string{
				"it is now Wed 28 Oct 09:00: nothing can be pencilled before then; ADR runs 10:00-18:00 on working days and must end by Fri 30 Oct",
				"artiste availability: Maya Rees",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := compile.Compile(tt.project(t), compile.Options{NotBefore: tt.now})
			if tt.wantPast != "" {
				var pe *compile.PastError
				if !errors.As(err, &pe) || !errors.Is(err, compile.ErrInThePast) || !errors.Is(err, model.ErrInvalid) {
					t.Fatalf("Compile: %v, want a *PastError that is ErrInThePast and model.ErrInvalid", err)
				}
				if err.Error() != tt.wantPast {
					t.Errorf("Compile:\n got %s\nwant %s", err, tt.wantPast)
				}
				return
			}
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			if got := c.Grid.Time(c.NotBefore).Format("Mon 2 Jan 15:04"); got != tt.wantSlot {
				t.Errorf("NotBefore slot at %s, want %s", got, tt.wantSlot)
			}
			ctx := context.Background()
			sol, err := solver.Solve(ctx, c.Problem, solver.Options{Seed: 1, Iterations: 150, Workers: 1, WarmStart: c.WarmStart})
			if tt.explain != nil {
				if !errors.Is(err, solver.ErrInfeasible) {
					t.Fatalf("Solve: %v, want infeasible", err)
				}
				conflict, xerr := c.FindConflict(ctx, err, 1, 20*time.Second)
				if xerr != nil {
					t.Fatal(xerr)
				}
				// What is printed is checked first: infeasible on its
				// own, and every proper subset feasible.
				sure, cerr := c.CheckConflict(ctx, conflict, 1)
				if cerr != nil || sure != solver.Confirmed {
					t.Fatalf("CheckConflict(%v) = %v, %v; want confirmed", conflict, sure, cerr)
				}
				var b bytes.Buffer
				if err := c.WriteExplanation(&b, conflict, sure); err != nil {
					t.Fatal(err)
				}
				for _, want := range tt.explain {
					if !strings.Contains(b.String(), want) {
						t.Errorf("explanation lacks %q:\n%s", want, b.String())
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			checkNotBefore(t, c, sol, tt.now)
		})
	}
}

// checkNotBefore checks that no task without a confirmed booking starts
// or works before now, and that some confirmed booking does (so the
// property is not met only because everything is late anyway).
func checkNotBefore(t *testing.T, c *compile.Compiled, sol *solver.Solution, now time.Time) {
	t.Helper()
	pinnedEarlier := 0
	for i, task := range c.Problem.Tasks {
		start := c.Grid.Time(sol.Placements[i].Start)
		if task.Pin != nil {
			if start.Before(now) {
				pinnedEarlier++
			}
			continue
		}
		if start.Before(now) {
			t.Errorf("%s starts %s, before now %s", c.Tasks[i].ID, start.Format(time.DateTime), now.Format(time.DateTime))
		}
		for _, iv := range sol.Pieces[i] {
			if c.Grid.Time(iv.Start).Before(now) {
				t.Errorf("%s works from %s, before now", c.Tasks[i].ID, c.Grid.Time(iv.Start).Format(time.DateTime))
			}
		}
	}
	if pinnedEarlier == 0 {
		t.Errorf("no confirmed booking before now: the case does not test that pins may be earlier")
	}
}
