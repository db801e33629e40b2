package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/whatif"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err) // the test binary embeds no zoneinfo: a broken test setup
	}
	return loc
}()

func at(day, hour int) time.Time { return time.Date(2026, 6, day, hour, 0, 0, 0, london) }

// day is a one-day piece of work, 09:00–19:00.
func day(d int) schedule.Piece { return schedule.Piece{Start: at(d, 9), End: at(d, 19)} }

// fixtureSchedule is a small two-episode schedule: a confirmed offline
// booking, pencils in the grade and the mix, an ADR session with an
// artiste, and two milestones.
func fixtureSchedule() *schedule.Schedule {
	return &schedule.Schedule{
		Production: "Harbour & Sons", Currency: "GBP", TimeZone: "Europe/London",
		Bookings: []schedule.Booking{
			{ID: "ep1/assembly", Name: "assembly, Ep 1", Episode: "ep1", Start: at(1, 9), End: at(3, 19),
				Pieces: []schedule.Piece{day(1), day(2), day(3)}, Suites: []string{"Cutting Room 1"}, People: []string{"Sam Okafor"},
				Status: booking.Confirmed, Cost: 1560},
			{ID: "ep1/grade", Name: "grade, Ep 1", Episode: "ep1", Start: at(8, 9), End: at(9, 19),
				Pieces: []schedule.Piece{day(8), day(9)}, Suites: []string{"Grade 1"}, People: []string{"Inès Moreau"},
				Status: booking.Pencil, Cost: 4300},
			{ID: "ep2/adr", Name: "adr, Ep 2", Episode: "ep2", Start: at(10, 10), End: at(10, 14),
				Pieces: []schedule.Piece{{Start: at(10, 10), End: at(10, 14)}}, Suites: []string{"ADR Stage"}, People: []string{"Mo Harris"},
				Artistes: []string{"Maya Rees"}, Status: booking.Pencil, Cost: 1320},
			{ID: "ep2/mix", Name: "mix, Ep 2", Episode: "ep2", Start: at(15, 9), End: at(16, 19),
				Pieces: []schedule.Piece{day(15), day(16)}, Suites: []string{"Dubbing Theatre"}, People: []string{"Lena Berg"},
				Status: booking.Pencil, Cost: 6600},
		},
		Milestones: []schedule.Milestone{
			{ID: "ep1/picture-lock", Name: "picture-lock, Ep 1", Episode: "ep1", At: at(4, 0)},
			{ID: "ep2/delivered", Name: "delivered, Ep 2", Episode: "ep2", At: at(17, 0)},
		},
		Cost: schedule.Cost{Total: 15780,
			Terms:       []schedule.Amount{{Name: "rate cards", Amount: 13780}, {Name: "overhead", Amount: 2000}},
			Departments: []schedule.Amount{{Name: "picture", Amount: 1560}, {Name: "grade", Amount: 4300}, {Name: "sound", Amount: 7920}},
			Resources:   []schedule.Amount{{Name: "Sam Okafor", Amount: 1560}}},
		Delivery: at(17, 0),
	}
}

// fixtureComparison is a hand-made comparison: the base, a cheaper and
// later scenario, a dearer and sooner one, and one with no schedule.
func fixtureComparison() *whatif.Comparison {
	s := fixtureSchedule()
	res := func(name string, cost float64, deliveryDay int, grade float64) whatif.Result {
		return whatif.Result{Name: name, Feasible: true, Schedule: s, Cost: cost, Delivery: at(deliveryDay, 19),
			Departments:  []schedule.Amount{{Name: "picture", Amount: 1560}, {Name: "grade", Amount: grade}, {Name: "sound", Amount: 7920}},
			Deadlines:    []whatif.Deadline{{Name: "delivery", Due: at(19, 0), Finish: at(deliveryDay, 19), SlackDays: float64(19 - deliveryDay)}},
			MinSlackDays: float64(19 - deliveryDay), Moved: 2, Risk: whatif.Risk{Critical: 1, Artiste: "Maya Rees", ArtisteSlackDays: 2.5, ArtisteWaiting: 3}}
	}
	c := &whatif.Comparison{Production: "Harbour & Sons", Currency: "GBP", Options: whatif.Options{Seed: 3, Iterations: 100}}
	c.Base = res(whatif.BaseName, 15780, 16, 4300)
	c.Base.Moved = 0
	c.Scenarios = []whatif.Result{
		res("Cheaper colourist", 14900, 17, 3420),
		res("Second mixer", 17100, 12, 4300),
		{Name: "Grade capped at £1k", Infeasible: &whatif.Infeasible{Lines: []string{"budget cap: grade budget capped at £1,000"}}},
	}
	return c
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it); got:\n%s", name, got)
	}
}
