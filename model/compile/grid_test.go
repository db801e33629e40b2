package compile

import (
	"testing"
	"time"

	"github.com/pencil-post/pencil/solver"
	"pgregory.net/rapid"
)

func london(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	return loc
}

// TestGridWallClockAcrossClockChange checks that a 09:00 slot is 09:00 local
// time on every day around both clock changes, though those days are 23
// and 25 hours long.
func TestGridWallClockAcrossClockChange(t *testing.T) {
	loc := london(t)
	tests := []struct {
		name  string
		first string
		days  int
	}{
		{"october clocks go back", "2026-10-22", 7},
		{"march clocks go forward", "2026-03-26", 7},
		{"ordinary week", "2026-06-01", 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, _ := time.ParseInLocation(time.DateOnly, tt.first, loc)
			g, err := NewGrid(loc, first, 30, tt.days)
			if err != nil {
				t.Fatal(err)
			}
			for d := 0; d < tt.days; d++ {
				for _, minute := range []int{9 * 60, 13*60 + 30, 18 * 60} {
					s := g.SlotAtDay(d, minute)
					got := g.Time(s)
					if got.Hour()*60+got.Minute() != minute {
						t.Errorf("day %d slot %d: %s, want %02d:%02d", d, s, got, minute/60, minute%60)
					}
					if want := first.AddDate(0, 0, d); got.Day() != want.Day() {
						t.Errorf("day %d slot %d: date %s, want %s", d, s, got, want)
					}
					if back := g.SlotOf(got); back != s {
						t.Errorf("SlotOf(Time(%d)) = %d", s, back)
					}
				}
			}
		})
	}
}

// TestGridBookingAcrossOctoberChange: a booking from Saturday 09:00 to
// Monday 13:00 across the October clock change spans 2 days and 4 hours of
// wall clock but 2 days, 5 hours of elapsed time.
func TestGridBookingAcrossOctoberChange(t *testing.T) {
	loc := london(t)
	first := time.Date(2026, 10, 24, 0, 0, 0, 0, loc)
	g, err := NewGrid(loc, first, 30, 4)
	if err != nil {
		t.Fatal(err)
	}
	start, end := g.SlotAtDay(0, 9*60), g.SlotAtDay(2, 13*60)
	if got, want := int(end-start), 2*48+8; got != want {
		t.Errorf("booking spans %d slots, want %d", got, want)
	}
	if got := g.Time(end).Sub(g.Time(start)); got != 53*time.Hour {
		t.Errorf("elapsed %s, want 53h (the clocks went back an hour)", got)
	}
	if got := g.Time(end).Format("Mon 15:04"); got != "Mon 13:00" {
		t.Errorf("end %s, want Mon 13:00", got)
	}
}

func TestNewGridRejects(t *testing.T) {
	for _, tt := range []struct {
		name       string
		slot, days int
	}{{"slot does not divide a day", 7, 3}, {"zero slot", 0, 3}, {"no days", 30, 0}} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewGrid(time.UTC, time.Now(), tt.slot, tt.days); err == nil {
				t.Error("want an error")
			}
		})
	}
}

// TestGridRoundTrip: SlotOf inverts Time for every slot whose wall time
// exists, in any zone.
func TestGridRoundTrip(t *testing.T) {
	loc := london(t)
	rapid.Check(t, func(t *rapid.T) {
		first := time.Date(2026, 1, 1, 0, 0, 0, 0, loc).AddDate(0, 0, rapid.IntRange(0, 700).Draw(t, "day"))
		slot := rapid.SampledFrom([]int{15, 30, 60}).Draw(t, "slot")
		g, err := NewGrid(loc, first, slot, 10)
		if err != nil {
			t.Fatal(err)
		}
		s := solver.Slot(rapid.IntRange(0, g.Slots()-1).Draw(t, "s"))
		tm := g.Time(s)
		if wall := tm.Hour()*60 + tm.Minute(); wall != int(s)%g.SlotsPerDay*slot {
			t.Skip("wall time skipped by a clock change")
		}
		if back := g.SlotOf(tm); back != s {
			t.Fatalf("SlotOf(Time(%d)) = %d (%s)", s, back, tm)
		}
	})
}

func TestHoursWording(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "no limit", 10 * time.Hour: "10h", 90 * time.Minute: "1h30m", 45 * time.Minute: "45m", 50 * time.Hour: "50h",
	} {
		if got := hours(d); got != want {
			t.Errorf("hours(%v) = %q, want %q", d, got, want)
		}
	}
}
