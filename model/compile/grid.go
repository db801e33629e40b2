package compile

import (
	"fmt"
	"time"

	"github.com/pencil-post/pencil/solver"
)

// Grid maps solver slots to wall-clock time in the production's time zone.
//
// The grid is laid on wall-clock days, not on elapsed time: every day has
// SlotsPerDay slots, and slot k of a day starts at DayStart + k*SlotMinutes
// after local midnight. DayStart is 0 unless overtime runs past midnight:
// then a working day runs from the morning's overtime end to the next
// morning's (02:00 to 02:00), so Friday night's work after midnight is
// Friday's, for day rates, daily rules and day kinds alike. On the days
// the clocks change, wall-clock times are kept (a 09:00 booking stays at
// 09:00 on the last Sunday of October), so the day is 23 or 25 hours of
// elapsed time but still SlotsPerDay slots. Slots whose wall time does not
// exist (01:00–02:00 on the spring change in Europe/London) are mapped the
// way time.Date normalises them; Ghosts lists them, and they are never
// working time.
type Grid struct {
	// Location is the production's time zone.
	Location *time.Location
	// Day0 is local midnight of the first day of the horizon.
	Day0 time.Time
	// SlotMinutes is the length of one slot; it divides 24h.
	SlotMinutes int
	// SlotsPerDay is 24h / SlotMinutes (48 for 30 minutes).
	SlotsPerDay int
	// Days is the number of days in the horizon.
	Days int
	// DayStart is the minute after local midnight at which each day's
	// slot 0 starts: 0, or the end of overtime past midnight (120 for
	// 02:00), a whole number of slots.
	DayStart int
}

// NewGrid lays a grid of days starting at local midnight of first's date.
func NewGrid(loc *time.Location, first time.Time, slotMinutes, days int) (Grid, error) {
	if slotMinutes <= 0 || (24*60)%slotMinutes != 0 {
		return Grid{}, fmt.Errorf("compile: slot length %d min does not divide a day", slotMinutes)
	}
	if days <= 0 {
		return Grid{}, fmt.Errorf("compile: horizon of %d days", days)
	}
	y, m, d := first.In(loc).Date()
	return Grid{
		Location:    loc,
		Day0:        time.Date(y, m, d, 0, 0, 0, 0, loc),
		SlotMinutes: slotMinutes,
		SlotsPerDay: 24 * 60 / slotMinutes,
		Days:        days,
	}, nil
}

// WithDayStart returns g with each day starting minute minutes after
// local midnight, rounded up to a whole slot. The day keeps its date: day
// d runs from DayStart on date d to DayStart on the date after.
func (g Grid) WithDayStart(minute int) (Grid, error) {
	if minute < 0 || minute >= 24*60 {
		return Grid{}, fmt.Errorf("compile: day start %d min is not inside a day", minute)
	}
	g.DayStart = (minute + g.SlotMinutes - 1) / g.SlotMinutes * g.SlotMinutes
	if g.DayStart >= 24*60 {
		return Grid{}, fmt.Errorf("compile: day start %d min rounds to the next day", minute)
	}
	return g, nil
}

// Slots is the horizon length in slots.
func (g Grid) Slots() int { return g.Days * g.SlotsPerDay }

// Date returns local midnight of day index d's date (the day itself
// starts DayStart later).
func (g Grid) Date(d int) time.Time {
	y, m, day := g.Day0.Date()
	return time.Date(y, m, day+d, 0, 0, 0, 0, g.Location)
}

// Time returns the wall-clock start of slot s. Time(s) for s at a day
// boundary is the start of that day (local midnight when DayStart is 0),
// so it also serves as the end of the slot before.
func (g Grid) Time(s solver.Slot) time.Time {
	day, k := floorDiv(int(s), g.SlotsPerDay), mod(int(s), g.SlotsPerDay)
	y, m, d := g.Day0.Date()
	return time.Date(y, m, d+day, 0, g.DayStart+k*g.SlotMinutes, 0, 0, g.Location)
}

// DayIndex returns the day index of t's local date (negative before Day0).
func (g Grid) DayIndex(t time.Time) int {
	y, m, d := t.In(g.Location).Date()
	// Count whole days between two UTC midnights: immune to DST.
	a := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y0, m0, d0 := g.Day0.Date()
	b := time.Date(y0, m0, d0, 0, 0, 0, 0, time.UTC)
	return int(a.Sub(b).Hours() / 24)
}

// SlotOf returns the slot containing wall-clock time t (rounded down to
// the slot). It may lie outside [0, Slots()). A time before DayStart
// belongs to the day before.
func (g Grid) SlotOf(t time.Time) solver.Slot {
	lt := t.In(g.Location)
	minute := lt.Hour()*60 + lt.Minute()
	return g.SlotAtDay(g.DayIndex(lt), minute)
}

// SlotAtDay returns the slot holding minute m after local midnight of
// day d's date, rounded down. m may pass 24:00 (26:00 is 02:00 the next
// morning); a minute before DayStart lies in the day before.
func (g Grid) SlotAtDay(d, minute int) solver.Slot {
	return solver.Slot(d*g.SlotsPerDay + floorDiv(minute-g.DayStart, g.SlotMinutes))
}

// Ghosts returns the slots whose wall-clock time does not exist because
// the clocks go forward (01:00–02:00 on the last Sunday of March in
// Europe/London), in order. Nothing may be booked in them.
func (g Grid) Ghosts() []solver.Slot {
	var out []solver.Slot
	for d := range g.Days {
		_, before := g.Date(d).Zone()
		_, after := g.Date(d + 1).Zone()
		if before >= after {
			continue // the clocks do not go forward on date d
		}
		// Date d's small hours lie in day d-1 when DayStart is past them.
		for s := solver.Slot(max(d-1, 0) * g.SlotsPerDay); s < solver.Slot(min(d+1, g.Days)*g.SlotsPerDay); s++ {
			if g.SlotOf(g.Time(s)) != s {
				out = append(out, s)
			}
		}
	}
	return out
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// mod is a modulo b, in [0, b) for positive b.
func mod(a, b int) int { return a - floorDiv(a, b)*b }

// SlotsFor converts a duration of working time to slots, rounding up.
func (g Grid) SlotsFor(d time.Duration) int {
	m := int((d + time.Minute - 1) / time.Minute)
	return (m + g.SlotMinutes - 1) / g.SlotMinutes
}

// WeekOffset is solver.Calendar.WeekOffset for this grid: 0 when day 0 is
// a Monday.
func (g Grid) WeekOffset() int {
	return (int(g.Day0.Weekday()) + 6) % 7
}

// Span is a stretch of wall-clock time [Start, End) in the grid's zone.
type Span struct{ Start, End time.Time }

// DayPieces turns a task's runs of work into the pieces people are told
// of: each run cut at the start of a day (local midnight, or DayStart when
// overtime runs past midnight), so no piece spans a night's rest.
func (g Grid) DayPieces(runs []solver.Interval) []Span {
	var out []Span
	for _, iv := range runs {
		for s := iv.Start; s < iv.End; {
			next := min(solver.Slot((int(s)/g.SlotsPerDay+1)*g.SlotsPerDay), iv.End)
			out = append(out, Span{Start: g.Time(s), End: g.Time(next)})
			s = next
		}
	}
	return out
}
