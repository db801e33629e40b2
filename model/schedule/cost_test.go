package schedule_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/solver"
)

// TestSpendLeavesOutDisruption re-pencils compiletest.Short: the ADR was
// pencilled in ADR 1 with Ola and Maya, and the schedule books it Mon 26
// Oct 10:00. When the pencil was elsewhere, moving it costs the search
// its move cost, which is no spend: Total stays the sum of the spend
// terms and the disruption is shown on its own line.
func TestSpendLeavesOutDisruption(t *testing.T) {
	for _, tt := range []struct {
		name           string
		pencil         string // the ADR pencil's start
		wantDisruption float64
	}{
		{"pencil kept", "2026-10-26 10:00", 0},
		{"pencil moved a day", "2026-10-27 10:00", compile.DefaultPencilMoveCost},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := repencilledShort(t, tt.pencil)
			var spend, weights, disruption float64
			for _, a := range s.Cost.Terms {
				if a.Name == solver.TermDisruption || a.Name == solver.TermMakespan {
					t.Errorf("search weight %s among the spend terms", a.Name)
				}
				spend += a.Amount
			}
			for _, a := range s.Cost.Weights {
				weights += a.Amount
				if a.Name == solver.TermDisruption {
					disruption = a.Amount
				}
			}
			if disruption != tt.wantDisruption {
				t.Errorf("disruption %v, want %v", disruption, tt.wantDisruption)
			}
			if s.Cost.Total != spend || s.Cost.Objective != spend+weights {
				t.Errorf("total %v, objective %v; spend terms sum to %v, weights to %v", s.Cost.Total, s.Cost.Objective, spend, weights)
			}

			var table bytes.Buffer
			if err := schedule.WriteTable(&table, s); err != nil {
				t.Fatal(err)
			}
			note := "re-pencil disruption (search weight, not spend): 200\n"
			if got := strings.Contains(table.String(), note); got != (tt.wantDisruption != 0) {
				t.Errorf("table shows the disruption note: %v, want %v:\n%s", got, tt.wantDisruption != 0, table.String())
			}
			if !strings.Contains(table.String(), "  total       "+compile.Money("GBP", spend)+"\n") {
				t.Errorf("table total is not the spend %s:\n%s", compile.Money("GBP", spend), table.String())
			}

			var js bytes.Buffer
			if err := schedule.WriteJSON(&js, s); err != nil {
				t.Fatal(err)
			}
			var out struct {
				Cost struct {
					Total, Objective float64
				}
			}
			if err := json.Unmarshal(js.Bytes(), &out); err != nil {
				t.Fatal(err)
			}
			if out.Cost.Total != spend || out.Cost.Objective != spend+weights {
				t.Errorf("JSON total %v, objective %v; want %v, %v", out.Cost.Total, out.Cost.Objective, spend, spend+weights)
			}
		})
	}
}

// repencilledShort compiles compiletest.Short with the ADR pencilled at
// pencil (local time) and builds the schedule of shortSolution's
// placements, costed by the solver.
func repencilledShort(t *testing.T, pencil string) *schedule.Schedule {
	t.Helper()
	p := compiletest.Short()
	start, err := time.ParseInLocation("2006-01-02 15:04", pencil, p.Calendar.Location)
	if err != nil {
		t.Fatal(err)
	}
	var adr *model.Session
	for _, s := range p.Sessions {
		if s.ID == "adr" {
			adr = s
		}
	}
	p.Bookings = []*model.Booking{{ID: "B-adr", Session: adr, Status: booking.Pencil, Start: start,
		Suite: p.Suites[1], People: []*model.Person{p.People[1]}, Artistes: p.Artistes, Pos: model.Pos{File: "short.yaml", Line: 40, Col: 3}}}
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pl := shortPlacements()
	sol, err := c.Problem.Evaluate(pl)
	if err != nil {
		t.Fatal(err)
	}
	if err := solver.Verify(c.Problem, sol); err != nil {
		t.Fatalf("the compiled problem rejects the hand-made schedule: %v", err)
	}
	s, err := schedule.Build(c, sol)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
