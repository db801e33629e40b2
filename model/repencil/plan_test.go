package repencil

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// series loads the six-episode example.
func series(t *testing.T) *model.Project {
	t.Helper()
	p, err := model.Load("../../testdata/series.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// taskOf returns the task index of a session id.
func taskOf(t *testing.T, p *model.Project, id string) int {
	t.Helper()
	i := slices.IndexFunc(p.Sessions, func(s *model.Session) bool { return s.ID == id })
	if i < 0 {
		t.Fatalf("no session %s", id)
	}
	return i
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestPrepare: ids, pins, move costs, the frozen window and conflicts,
// from the project file's bookings and the store's.
func TestPrepare(t *testing.T) {
	now := at("2026-06-12T08:00:00+01:00") // a Friday
	pencil := func(id, session, ep, start string, people ...string) store.Booking {
		s := at(start)
		return store.Booking{ID: id, Production: "Harbour Lights", Session: session, Episode: ep, Status: booking.Pencil,
			Start: s, End: s.Add(10 * 24 * time.Hour), Suite: "offline-1", People: people, RunID: 1}
	}
	confirmed := pencil("HL-900", "directors-cut", "4", "2026-07-27T09:00:00+01:00", "zed")
	confirmed.Status = booking.Confirmed
	current := []store.Booking{
		pencil("B-harbour-lights-ep1.directors-cut", "directors-cut", "1", "2026-06-15T09:00:00+01:00", "sam"),
		pencil("B-harbour-lights-ep3.directors-cut", "directors-cut", "3", "2026-07-20T09:00:00+01:00", "sam"),
		pencil("X-9", "directors-cut", "2", "2026-06-22T09:00:00+01:00", "rhi"),
		confirmed,
		pencil("B-other-mix", "mix", "", "2026-06-15T09:00:00+01:00"), // another production's
	}
	current[4].Production = "Other"
	p := series(t)
	pl, err := Prepare(p, current, Options{Now: now, FrozenDays: 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := at("2026-06-16T00:00:00+01:00"); !pl.FrozenUntil.Equal(want) {
		t.Errorf("frozen until %s, want %s (Friday and Monday)", pl.FrozenUntil, want)
	}
	q := pl.Compiled.Problem
	tests := []struct {
		session, id string
		pinned      string // "" not pinned, else the pin group's kind
		moveCost    float64
	}{
		{"ep1/assembly", "HL-001", "confirmed booking", 0},
		{"ep1/directors-cut", "B-harbour-lights-ep1.directors-cut", KindFrozen, MoveCost(DefaultMoveCost, now, current[0])},
		{"ep3/directors-cut", "B-harbour-lights-ep3.directors-cut", "", MoveCost(DefaultMoveCost, now, current[1])},
		{"ep2/directors-cut", "X-9", "", MoveCost(DefaultMoveCost, now, current[2])},
		{"ep4/directors-cut", "HL-900", "", MoveCost(DefaultMoveCost, now, confirmed)}, // its editor left: compiled as a pencil
		{"ep5/grade", "B-harbour-lights-ep5.grade", "", 0},
		{"ep1/picture-lock", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.session, func(t *testing.T) {
			i := taskOf(t, p, tt.session)
			task := q.Tasks[i]
			if pl.IDs[i] != tt.id {
				t.Errorf("id %q, want %q", pl.IDs[i], tt.id)
			}
			kind := ""
			if task.Pin != nil {
				kind = q.Groups[task.PinGroup].Kind
			}
			if kind != tt.pinned {
				t.Errorf("pinned as %q, want %q", kind, tt.pinned)
			}
			if tt.pinned == "" && task.MoveCost != tt.moveCost {
				t.Errorf("move cost %v, want %v", task.MoveCost, tt.moveCost)
			}
		})
	}
	if len(pl.Conflicts) != 1 || pl.Conflicts[0].Booking.ID != "HL-900" || !strings.Contains(pl.Conflicts[0].Why, "zed no longer in the project") {
		t.Fatalf("conflicts %+v, want HL-900 whose editor left", pl.Conflicts)
	}
	sol, err := pl.Solve(context.Background(), solver.Options{Seed: 1, Iterations: 50, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if pl.Conflicts[0].Suggest == nil || slices.Contains(pl.Conflicts[0].Suggest.People, "zed") {
		t.Errorf("suggestion %+v", pl.Conflicts[0].Suggest)
	}
	bs := pl.Bookings(sol)
	byID := map[string]store.Booking{}
	for _, b := range bs {
		byID[b.ID] = b
	}
	if b := byID["HL-900"]; b.Status != booking.Confirmed || !b.Start.Equal(confirmed.Start) || !slices.Equal(b.People, []string{"zed"}) {
		t.Errorf("the conflicting confirmed booking is not kept as it was: %+v", b)
	}
	if b := byID["B-harbour-lights-ep1.directors-cut"]; !b.Start.Equal(current[0].Start) {
		t.Errorf("the frozen pencil moved to %s", b.Start)
	}
	if _, ok := byID["B-other-mix"]; ok {
		t.Error("another production's booking is in the run")
	}
}

// TestMoveCost: sooner moves cost more, people more than a suite, artistes
// more again, and a second pencil half.
func TestMoveCost(t *testing.T) {
	now := at("2026-06-01T09:00:00Z")
	rapid.Check(t, func(t *rapid.T) {
		days := rapid.Float64Range(0, 400).Draw(t, "days")
		later := rapid.Float64Range(0, 400).Draw(t, "later")
		b := store.Booking{Start: now.Add(time.Duration(days * 24 * float64(time.Hour))), Status: booking.Pencil,
			People: rapid.SliceOfN(rapid.StringMatching("[a-z]{3}"), 0, 3).Draw(t, "people")}
		c := MoveCost(DefaultMoveCost, now, b)
		if c < DefaultMoveCost {
			t.Fatalf("cost %v below the base", c)
		}
		far := b
		far.Start = b.Start.Add(time.Duration(later * 24 * float64(time.Hour)))
		if MoveCost(DefaultMoveCost, now, far) > c {
			t.Fatalf("a move %v days later costs more", later)
		}
		person, artiste := b, b
		person.People = append(slices.Clone(b.People), "new")
		artiste.Artistes = []string{"maya"}
		if !(MoveCost(DefaultMoveCost, now, person) > c && MoveCost(DefaultMoveCost, now, artiste) > MoveCost(DefaultMoveCost, now, person)) {
			t.Fatalf("a person or artiste does not raise the cost")
		}
		second := b
		second.Status = booking.SecondPencil
		if d := MoveCost(DefaultMoveCost, now, second) - c/2; d > 0.01 || d < -0.01 {
			t.Fatalf("second pencil costs %v, want half of %v", MoveCost(DefaultMoveCost, now, second), c)
		}
	})
}

func TestFrozenUntil(t *testing.T) {
	cal := model.Calendar{Week: series(t).Calendar.Week, Holidays: series(t).Calendar.Holidays}
	loc, _ := time.LoadLocation("Europe/London")
	tests := []struct {
		now  string
		days int
		want string
	}{
		{"2026-06-12T08:00:00+01:00", 2, "2026-06-16"}, // Friday: Friday and Monday
		{"2026-06-13T08:00:00+01:00", 2, "2026-06-17"}, // Saturday: Monday and Tuesday
		{"2026-06-10T18:00:00+01:00", 1, "2026-06-11"}, // Wednesday evening: the rest of Wednesday
		{"2026-08-28T08:00:00+01:00", 2, "2026-09-02"}, // Friday before the bank holiday
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			got := frozenUntil(cal, at(tt.now).In(loc), tt.days)
			if got.Format(time.DateOnly) != tt.want || got.Hour() != 0 {
				t.Errorf("frozenUntil(%s, %d) = %s, want midnight starting %s", tt.now, tt.days, got, tt.want)
			}
		})
	}
}
