package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// TestHandPricedCosts solves each small file of testdata/costs, whose
// cost is worked out by hand in its opening comment, and checks what
// `pencil solve FILE --no-store --format json` prints per resource (and,
// in a facility, per production; per department where given).
func TestHandPricedCosts(t *testing.T) {
	tests := []struct {
		file        string
		now         string
		want        map[string]float64 // per resource, by name
		productions map[string]float64 // per production, by id
		departments map[string]float64 // per department, when given
	}{
		{"clock-overtime.yaml", "2026-06-01", map[string]float64{"Ines Moreau": 750}, nil, nil},
		{"past-midnight.yaml", "2026-06-01", map[string]float64{"Ines Moreau": 1000, "Theo Marsh": 1000}, nil, nil},
		{"weekly-engagement.yaml", "2026-05-01", map[string]float64{"Sam Okafor": 6800}, nil, nil},
		{"sixth-day.yaml", "2026-05-29", map[string]float64{"Sam Okafor": 2600}, nil, nil},
		{"billing-units.yaml", "2026-05-29", map[string]float64{"Mo Haddad": 840}, nil, nil},
		{"oncost.yaml", "2026-06-01", map[string]float64{"Ines Moreau": 650}, nil, nil},
		{"week-hours.yaml", "2026-05-29", map[string]float64{"Dee Marsh": 2375}, nil, nil},
		{"facility-shares.yaml", "2026-05-29", map[string]float64{"Ines Moreau": 2400, "Grade A": 5000, "Sam Okafor": 800},
			map[string]float64{"harbour": 5240, "crest": 2960}, nil},
		{"departments.yaml", "2026-05-29", map[string]float64{"Ola Nowak": 2000, "Online Suite": 3600}, nil,
			map[string]float64{"online": 3500, "deliverables": 2100}},
		{"uses.yaml", "2026-05-29", map[string]float64{"Studio 2": 780}, nil, nil},
		{"facility-recall.yaml", "2026-10-20", map[string]float64{"ADR 1": 800, "Maya Rees": 1200},
			map[string]float64{"harbour": 1000, "crest": 1300}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := solveCosts(t, tt.file, tt.now)
			checkFigures(t, got.resources, tt.want)
			checkFigures(t, got.productions, tt.productions)
			checkFigures(t, got.departments, tt.departments)
		})
	}
}

// TestHandPricedTerms solves small files of testdata/costs whose cost
// terms are worked out by hand in their opening comment, and checks the
// terms and the total `pencil solve FILE --no-store --format json` prints.
func TestHandPricedTerms(t *testing.T) {
	tests := []struct {
		file, now string
		terms     map[string]float64 // by name
		total     float64
	}{
		{"cancellation.yaml", "2026-10-20", map[string]float64{"cancellation": 700, "rate cards": 2150}, 2850},
		{"recall.yaml", "2026-10-20", map[string]float64{"recall": 300, "travel": 440, "fees": 1200, "rate cards": 800}, 2740},
		{"travel-time.yaml", "2026-10-20", map[string]float64{"travel": 220, "fees": 1200, "rate cards": 600}, 2020},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := solveCosts(t, tt.file, tt.now)
			checkFigures(t, got.terms, tt.terms)
			if math.Abs(got.total-tt.total) > 1e-6 {
				t.Errorf("total %v, want %v (hand-priced in the file's comment)", got.total, tt.total)
			}
		})
	}
}

// TestHandTimedTravel: testdata/costs/travel-time.yaml's sessions run
// when its opening comment works out by hand: the journey there before
// the first session of the visit, the journey home after the last,
// nothing between consecutive days.
func TestHandTimedTravel(t *testing.T) {
	var got struct {
		Bookings []struct {
			ID         string `json:"id"`
			Start, End string
		} `json:"bookings"`
	}
	solveJSON(t, "travel-time.yaml", "2026-10-20", &got)
	want := map[string][2]string{
		"loop":    {"2026-11-02T15:00:00+00:00", "2026-11-02T17:00:00+00:00"},
		"pickups": {"2026-11-03T12:00:00+00:00", "2026-11-03T16:00:00+00:00"},
	}
	for _, b := range got.Bookings {
		if w := want[b.ID]; b.Start != w[0] || b.End != w[1] {
			t.Errorf("%s runs %s to %s, want %s to %s", b.ID, b.Start, b.End, w[0], w[1])
		}
	}
	if len(got.Bookings) != len(want) {
		t.Errorf("%d bookings, want %d", len(got.Bookings), len(want))
	}
}

// TestHandPricedRefusals solves small files of testdata/costs, edited
// as given, that no schedule can meet: their hand-priced cost (in their
// opening comment) breaks a budget cap whatever the schedule, or an
// artiste's journey leaves no time for a session. pencil must refuse
// them and name the rule, in the trade's words.
func TestHandPricedRefusals(t *testing.T) {
	tests := []struct {
		name, file, now string
		edits           []string // pairs: old, new
		want            string   // in the conflict printed
	}{
		{"recall over the cap", "recall-cap.yaml", "2026-10-20", nil, "total budget £2,500"},
		// Crest's pickups open Maya's recall: 1,300 is over Crest's 1,200.
		{"recall over a production's cap", "facility-recall.yaml", "2026-10-20",
			[]string{"budget: { total: 1500 }\n    sessions:\n      - { id: pickups", "budget: { total: 1200 }\n    sessions:\n      - { id: pickups"},
			"crest total budget £1,200"},
		// The loop group must end by 14:00, but Mon 2 opens the visit
		// and Maya is not there before 15:00.
		{"no time to travel", "travel-time.yaml", "2026-10-20", []string{`window: "09:00-17:00"`, `window: "09:00-14:00"`},
			"travel time: Maya Rees travels 3h each way, inside the hours Curtis Brown gives: on 2–3 Nov from 12:00 to 19:00, so a visit's first session starts at 15:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := project(t, t.TempDir(), filepath.Join("..", "..", "testdata", "costs", tt.file), tt.file, tt.edits...)
			args := append([]string{"solve", file, "--now", tt.now, "--log-level", "error"}, solveArgs...)
			code, out, stderr := pencil(t, args...)
			if code != exitInfeasible {
				t.Fatalf("exit %d, want %d (refused): %s%s", code, exitInfeasible, out, stderr)
			}
			if !strings.Contains(out+stderr, tt.want) {
				t.Errorf("the conflict does not name %q:\n%s%s", tt.want, out, stderr)
			}
		})
	}
}

// checkFigures compares figures by name with the hand-priced ones.
func checkFigures(t *testing.T, got, want map[string]float64) {
	t.Helper()
	for name, w := range want {
		if a, ok := got[name]; !ok || math.Abs(a-w) > 1e-6 {
			t.Errorf("%s comes to %v, want %v (hand-priced in the file's comment)", name, a, w)
		}
	}
}

// costFigures are the figures of a schedule's JSON cost: the total, and
// the terms and resources by name.
type costFigures struct {
	total                                      float64
	terms, resources, productions, departments map[string]float64
}

// solveCosts runs `pencil solve FILE --no-store --format json` on a file
// of testdata/costs as of now, and reads its cost.
func solveCosts(t *testing.T, file, now string) costFigures {
	t.Helper()
	return costJSON(t, solveJSON(t, file, now, nil))
}

// solveJSON runs `pencil solve FILE --no-store --format json` on a file
// of testdata/costs as of now and returns what it prints, having decoded
// the schedule into v when it is not nil.
func solveJSON(t *testing.T, file, now string, v any) string {
	t.Helper()
	args := append([]string{"solve", filepath.Join("..", "..", "testdata", "costs", file),
		"--format", "json", "--now", now, "--log-level", "error"}, solveArgs...)
	code, out, stderr := pencil(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if v != nil {
		// The schedule comes first; a change report may follow it.
		if err := json.NewDecoder(strings.NewReader(out)).Decode(v); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	return out
}

// costJSON reads the cost of a schedule printed as JSON.
func costJSON(t *testing.T, out string) costFigures {
	t.Helper()
	type amount struct {
		Name   string  `json:"name"`
		Amount float64 `json:"amount"`
	}
	var got struct {
		Cost struct {
			Total       float64  `json:"total"`
			Terms       []amount `json:"terms"`
			Resources   []amount `json:"resources"`
			Productions []amount `json:"productions"`
			Departments []amount `json:"departments"`
		} `json:"cost"`
	}
	// The schedule comes first; a change report may follow it.
	if err := json.NewDecoder(strings.NewReader(out)).Decode(&got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	byName := func(list []amount) map[string]float64 {
		m := map[string]float64{}
		for _, a := range list {
			m[a.Name] = a.Amount
		}
		return m
	}
	return costFigures{total: got.Cost.Total, terms: byName(got.Cost.Terms), resources: byName(got.Cost.Resources),
		productions: byName(got.Cost.Productions), departments: byName(got.Cost.Departments)}
}

// TestHandPricedCash solves testdata/costs/deposit.yaml, whose cash view
// is worked out by hand in its opening comment, and checks the weeks
// `pencil solve FILE --no-store --format json` prints.
func TestHandPricedCash(t *testing.T) {
	var got struct {
		Cost struct {
			Cash struct {
				Weeks []struct {
					Week               string
					Deposits, Balances float64
				} `json:"weeks"`
				OnConfirmation float64 `json:"on_confirmation"`
			} `json:"cash"`
		} `json:"cost"`
	}
	solveJSON(t, "deposit.yaml", "2026-10-20", &got)
	cash := got.Cost.Cash
	var weeks []string
	for _, w := range cash.Weeks {
		weeks = append(weeks, fmt.Sprintf("%s %g+%g", w.Week, w.Deposits, w.Balances))
	}
	if want := []string{"2026-W43 1400+0", "2026-W45 0+4350"}; !slices.Equal(weeks, want) || cash.OnConfirmation != 700 {
		t.Errorf("cash weeks %q, on confirmation %v; want %q and 700 (hand-priced in the file's comment)", weeks, cash.OnConfirmation, want)
	}
}

// TestPastMidnightDates: a grade from Friday 09:00 to 01:00 on Saturday
// (overtime until 02:00) is what the store records, what the iCal feeds
// say (DTEND on Saturday, one event, not two cut at midnight) and what the
// schedule prints.
func TestPastMidnightDates(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "../../testdata/costs/past-midnight.yaml", "past-midnight.yaml")
	report := solveIn(t, file, "--now", "2026-06-01")
	for _, want := range []string{"Mon 1 Jun 09:00–01:00 next day  grade", "Fri 5 Jun 09:00–01:00 next day  friday-grade"} {
		if !strings.Contains(report, want) {
			t.Errorf("the schedule does not say %q:\n%s", want, report)
		}
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip(err)
	}
	start, end := time.Date(2026, 6, 5, 9, 0, 0, 0, loc), time.Date(2026, 6, 6, 1, 0, 0, 0, loc)
	bs, err := openTestStore(t, storePathFor(file)).Bookings(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var stored bool
	for _, b := range bs {
		if strings.HasSuffix(b.Session, "friday-grade") {
			stored = true
			if !b.Start.Equal(start) || !b.End.Equal(end) || len(b.Pieces) != 1 {
				t.Errorf("the store has %s–%s in %d pieces, want %s–%s in one", b.Start, b.End, len(b.Pieces), start, end)
			}
		}
	}
	if !stored {
		t.Fatalf("no friday-grade booking in the store: %+v", bs)
	}
	out := filepath.Join(dir, "feeds")
	if code, _, stderr := pencil(t, "export", "ics", file, "--out", out); code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	evs := readICS(t, filepath.Join(out, "person-theo.ics"))
	if len(evs) != 1 {
		t.Fatalf("Theo's calendar has %d events, want 1: %+v", len(evs), evs)
	}
	for uid, ev := range evs {
		if !ev.start.Equal(start) || !ev.end.Equal(end) {
			t.Errorf("%s runs %s–%s, want %s–%s", uid, ev.start.In(loc), ev.end.In(loc), start, end)
		}
	}
}
