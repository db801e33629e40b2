package repencil

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// TestCancellationCharges prices testdata/costs/cancellation.yaml's
// pencil as the store holds it: Grade 1 (1,400 a day) owes 50% inside 5
// working days of Mon 26 October and 100% inside 1; Ines's card has no
// terms. Ines is off on the 26th, so the grade must move.
func TestCancellationCharges(t *testing.T) {
	p, err := model.Load("../../testdata/costs/cancellation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	london := p.Calendar.Location
	held := func(status booking.Status) []store.Booking {
		start := time.Date(2026, 10, 26, 9, 0, 0, 0, london)
		return []store.Booking{{ID: "B-1", Production: p.Name, Session: "Grade", Status: status, Start: start, End: start.Add(10 * time.Hour),
			Suite: "grade-1", People: []string{"ines"}, RunID: 1}}
	}
	tests := []struct {
		name    string
		status  booking.Status
		now     time.Time
		fee     float64 // the move's fee and the release's charge on Grade 1; 0: none
		weighed bool    // the move keeps its disruption weight
	}{
		{"a full notice", booking.Pencil, time.Date(2026, 10, 16, 17, 0, 0, 0, london), 0, true},
		{"inside 5 working days", booking.Pencil, time.Date(2026, 10, 20, 9, 0, 0, 0, london), 700, false},
		{"inside 1 working day", booking.Pencil, time.Date(2026, 10, 23, 9, 0, 0, 0, london), 1400, false},
		{"a second pencil owes nothing", booking.SecondPencil, time.Date(2026, 10, 23, 9, 0, 0, 0, london), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl, err := Prepare(p, held(tt.status), Options{Now: tt.now})
			if err != nil {
				t.Fatal(err)
			}
			task := pl.Compiled.Problem.Tasks[0]
			want := []solver.CancelFee(nil)
			if tt.fee != 0 {
				want = []solver.CancelFee{{Resource: 0, Fee: tt.fee}}
			}
			if !slices.Equal(task.Cancellation, want) || (task.MoveCost != 0) != tt.weighed {
				t.Fatalf("fees %v, move cost %v; want %v, weighed %v", task.Cancellation, task.MoveCost, want, tt.weighed)
			}
			released := pl.ReleaseCharges([]string{"B-1", "B-other"}, tt.now)
			if got := released["B-1"]; tt.fee == 0 && len(released) != 0 ||
				tt.fee != 0 && (len(released) != 1 || len(got) != 1 || got[0] != (store.Charge{Resource: "grade-1", Share: tt.fee / 1400, Amount: tt.fee})) {
				t.Errorf("released owes %v", released)
			}
			sol, err := pl.Solve(context.Background(), solver.Options{Seed: 1, Iterations: 50, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			owed := pl.Cancellation(sol)
			if tt.fee == 0 && len(owed) != 0 || tt.fee != 0 && (len(owed["B-1"]) != 1 || owed["B-1"][0].Amount != tt.fee) {
				t.Errorf("the move owes %v, want %v on Grade 1", owed, tt.fee)
			}
		})
	}
}

// TestOwedByProduction: in a facility a charge owed already for a
// released booking is its production's. testdata/costs/facility-shares.yaml
// caps harbour at 6,000 and crest at 3,000 (and crest's grade at 3,000):
// 400 owed on Grade A for a crest booking comes off crest's caps only and
// counts in crest's cost.
func TestOwedByProduction(t *testing.T) {
	p, err := model.Load("../../testdata/costs/facility-shares.yaml")
	if err != nil {
		t.Fatal(err)
	}
	owed := []store.Owed{{Charge: store.Charge{Resource: "grade-a", Share: 0.4, Amount: 400}, Booking: "B-9", Production: p.Name, Session: "crest: grade"}}
	pl, err := Prepare(p, nil, Options{Owed: owed})
	if err != nil {
		t.Fatal(err)
	}
	q := pl.Compiled.Problem
	want := map[string]float64{"harbour total": 6000, "crest total": 2600, "crest grade": 2600}
	for _, b := range q.Budgets {
		name := q.Productions[b.Production] + " total"
		if b.Department >= 0 {
			name = q.Productions[b.Production] + " " + q.Departments[b.Department]
		}
		if b.Limit != want[name] {
			t.Errorf("%s cap %v, want %v", name, b.Limit, want[name])
		}
	}
	if got := q.Objective.CancelledByProduction; !slices.Equal(got, []float64{0, 400}) {
		t.Errorf("owed by production %v, want [0 400]", got)
	}
}
