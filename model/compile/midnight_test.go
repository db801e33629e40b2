package compile

import (
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// TestGridDayStart: with days starting at 02:00, every slot maps to a
// wall-clock time and back, each day starts at 02:00 of its date, and the
// only slots with no wall time are the hour the clocks skip in spring.
func TestGridDayStart(t *testing.T) {
	loc := london(t)
	tests := []struct {
		name   string
		first  string
		ghosts []string // wall times of the slots that do not exist
	}{
		{"march clocks go forward", "2026-03-26", []string{"Sun 01:00", "Sun 01:30"}},
		{"october clocks go back", "2026-10-22", nil},
		{"ordinary week", "2026-06-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, _ := time.ParseInLocation(time.DateOnly, tt.first, loc)
			g, err := NewGrid(loc, first, 30, 7)
			if err != nil {
				t.Fatal(err)
			}
			if g, err = g.WithDayStart(120); err != nil {
				t.Fatal(err)
			}
			var ghosts []string
			for _, s := range g.Ghosts() {
				// A skipped slot is named by the wall time it was meant to
				// have: the day's start plus its offset.
				d, k := int(s)/g.SlotsPerDay, int(s)%g.SlotsPerDay
				at := time.Date(first.Year(), first.Month(), first.Day()+d, 0, g.DayStart+k*g.SlotMinutes, 0, 0, time.UTC)
				ghosts = append(ghosts, at.Format("Mon 15:04"))
			}
			if len(ghosts) != len(tt.ghosts) || (len(ghosts) > 0 && (ghosts[0] != tt.ghosts[0] || ghosts[1] != tt.ghosts[1])) {
				t.Errorf("ghosts %v, want %v", ghosts, tt.ghosts)
			}
			skipped := map[solver.Slot]bool{}
			for _, s := range g.Ghosts() {
				skipped[s] = true
			}
			for s := solver.Slot(0); int(s) < g.Slots(); s++ {
				if !skipped[s] && g.SlotOf(g.Time(s)) != s {
					t.Errorf("SlotOf(Time(%d) = %s) = %d", s, g.Time(s), g.SlotOf(g.Time(s)))
				}
			}
			for d := range 7 {
				start := g.Time(solver.Slot(d * g.SlotsPerDay))
				if want := first.AddDate(0, 0, d); start.Day() != want.Day() || start.Hour() != 2 || start.Minute() != 0 {
					t.Errorf("day %d starts %s, want 02:00 on %s", d, start, want.Format(time.DateOnly))
				}
				if got, want := g.SlotAtDay(d, 26*60), solver.Slot((d+1)*g.SlotsPerDay); got != want {
					t.Errorf("26:00 of day %d is slot %d, want the next day's first %d", d, got, want)
				}
				if got, want := g.SlotAtDay(d, 60), solver.Slot(d*g.SlotsPerDay-2); got != want {
					t.Errorf("01:00 of day %d is slot %d, want the day before's %d", d, got, want)
				}
			}
		})
	}
}

// TestDayPiecesPastMidnight: a grade from Friday 09:00 to Saturday 01:00
// is one piece when days start at 02:00, and two cut at midnight when
// they start at midnight.
func TestDayPiecesPastMidnight(t *testing.T) {
	loc := london(t)
	first := time.Date(2026, 6, 1, 0, 0, 0, 0, loc)
	for _, tt := range []struct {
		dayStart int
		want     []string
	}{
		{120, []string{"Fri 09:00–Sat 01:00"}},
		{0, []string{"Fri 09:00–Sat 00:00", "Sat 00:00–Sat 01:00"}},
	} {
		g, err := NewGrid(loc, first, 30, 7)
		if err == nil {
			g, err = g.WithDayStart(tt.dayStart)
		}
		if err != nil {
			t.Fatal(err)
		}
		from := g.SlotAtDay(4, 9*60)
		pieces := g.DayPieces([]solver.Interval{{Start: from, End: from + 32}})
		var got []string
		for _, p := range pieces {
			got = append(got, p.Start.Format("Mon 15:04")+"–"+p.End.Format("Mon 15:04"))
		}
		if len(got) != len(tt.want) || got[0] != tt.want[0] {
			t.Errorf("day start %d: pieces %v, want %v", tt.dayStart, got, tt.want)
		}
	}
}

// TestPastMidnightCompile: with overtime to 02:00, a Friday session may
// run on to Saturday 01:30 and that half hour is Friday's, a working
// day, so no weekend premium falls on it; 02:00 Saturday is not open.
func TestPastMidnightCompile(t *testing.T) {
	p, err := model.Load("../../testdata/costs/past-midnight.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compile(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := c.Grid
	if g.DayStart != 120 {
		t.Fatalf("day start %d min, want 120 (02:00)", g.DayStart)
	}
	var friday *solver.Task
	for i := range c.Problem.Tasks {
		if c.Problem.Tasks[i].Name == "friday-grade" {
			friday = &c.Problem.Tasks[i]
		}
	}
	if friday == nil {
		t.Fatal("no friday-grade task")
	}
	sat := func(h, m int) solver.Slot { return g.SlotOf(time.Date(2026, 6, 6, h, m, 0, 0, g.Location)) }
	if !friday.Window.Has(sat(1, 30)) {
		t.Errorf("Saturday 01:30 is not in the Friday grade's window")
	}
	if friday.Window.Has(sat(2, 0)) {
		t.Errorf("Saturday 02:00 is in the Friday grade's window")
	}
	if kind := c.Problem.Calendar.Days[int(sat(0, 30))/g.SlotsPerDay]; kind != solver.Workday {
		t.Errorf("Saturday 00:30 is on a day of kind %d, want Friday's (a working day)", kind)
	}
	if kind := c.Problem.Calendar.Days[int(sat(9, 0))/g.SlotsPerDay]; kind != solver.Weekend {
		t.Errorf("Saturday 09:00 is on a day of kind %d, want a weekend", kind)
	}
}
