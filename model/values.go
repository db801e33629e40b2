package model

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Pos is where a value was written: a file, a line and a column, both
// counted from 1. The zero Pos means "no position" (a default value).
type Pos struct {
	File      string
	Line, Col int
}

// String formats the position the way the Go compiler does: file:line:col.
func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return "-"
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether the position names a line.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Date is a calendar day with no time zone, written 2026-05-04.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date (not set).
func (d Date) IsZero() bool { return d == Date{} }

// In returns midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// At returns the instant of clock time c on day d in loc.
func (d Date) At(c Clock, loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, loc)
}

// AddDays returns the day n calendar days after d (before when n < 0).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	}
	return sign(d.Day - e.Day)
}

// DaysUntil returns the number of calendar days from d to e (negative when
// e is before d).
func (d Date) DaysUntil(e Date) int {
	a := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(e.Year, e.Month, e.Day, 12, 0, 0, 0, time.UTC)
	// Unix seconds, not b.Sub(a): a time.Duration overflows past 292
	// years (a placeholder delivery of 9999-12-31).
	return int((b.Unix() - a.Unix()) / (24 * 60 * 60))
}

// String formats d as 2026-05-04.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// DateRange is an inclusive run of days, written 2026-11-02..2026-11-06 or
// as a single day 2026-11-02.
type DateRange struct {
	From, To Date
	Pos      Pos
}

// Contains reports whether day d is inside the range.
func (r DateRange) Contains(d Date) bool { return !d.Before(r.From) && !d.After(r.To) }

// Days returns the number of days in the range (0 when reversed).
func (r DateRange) Days() int {
	n := r.From.DaysUntil(r.To) + 1
	if n < 0 {
		return 0
	}
	return n
}

// String formats the range as From..To, or one date when From == To.
func (r DateRange) String() string {
	if r.From == r.To {
		return r.From.String()
	}
	return r.From.String() + ".." + r.To.String()
}

// Clock is a time of day in minutes after midnight, written 09:30. 24:00
// (1440) is allowed as the end of a range.
type Clock int

// Duration returns c as a duration since midnight.
func (c Clock) Duration() time.Duration { return time.Duration(c) * time.Minute }

// String formats c as 09:30. A time past 24:00 (the next morning, as an
// overtime end may be) is written as the clock shows it: 26:00 is 02:00.
func (c Clock) String() string {
	if c > 24*60 {
		c -= 24 * 60
	}
	return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60)
}

// OvertimeEnd reads an overtime end c written as a time of day against
// the day's hours: at or after their end it is that evening; at or before
// their start it is the next morning, returned past 24:00 (02:00 is
// 26:00, 00:00 is 24:00). Between the two it would reach into the next
// day's hours, and ok is false.
func OvertimeEnd(c Clock, hours ClockRange) (end Clock, ok bool) {
	// Night hours (22:00-06:00) end in the morning, so their overtime
	// runs on into the day: 08:00 after them is 32:00 too.
	for _, e := range []Clock{c, c + 24*60} {
		if e >= hours.End && e <= hours.Start+24*60 {
			return e, true
		}
	}
	return c, false
}

// OvertimeHint says what an overtime end may be, for a refused one.
func OvertimeHint(hours ClockRange) string {
	return fmt.Sprintf("overtime runs on after the day ends at %s, past midnight if need be, until the next day starts at %s", hours.End, hours.Start)
}

// ClockRange is a time-of-day window, written 09:00-19:00. Start is
// inclusive, End exclusive; End is after Start. A window written across
// midnight ("22:00-02:00") ends the next morning: End is past 24:00
// (26:00), and the night is the working day of the date it starts on.
type ClockRange struct {
	Start, End Clock
}

// Night reports whether the window runs past midnight into the next
// morning.
func (r ClockRange) Night() bool { return r.End > 24*60 }

// Holds reports whether time of day m (00:00 to 23:59) falls inside the
// window, on its own date or, for a night window, the next morning.
func (r ClockRange) Holds(m Clock) bool {
	return m >= r.Start && m < r.End || m+24*60 >= r.Start && m+24*60 < r.End
}

// Length returns the duration of the window.
func (r ClockRange) Length() time.Duration { return (r.End - r.Start).Duration() }

// Within reports whether r lies inside outer.
func (r ClockRange) Within(outer ClockRange) bool {
	return r.Start >= outer.Start && r.End <= outer.End
}

// IsZero reports whether the range is unset.
func (r ClockRange) IsZero() bool { return r == ClockRange{} }

// String formats the range as 09:00-19:00.
func (r ClockRange) String() string { return r.Start.String() + "-" + r.End.String() }

// WeekDays is a set of days of the week, written Mon-Fri or Mon,Tue,Thu.
// Bit i is time.Weekday(i).
type WeekDays uint8

// MonToFri is the usual working week.
const MonToFri WeekDays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday

// Has reports whether day is in the set.
func (w WeekDays) Has(day time.Weekday) bool { return w&(1<<uint(day)) != 0 }

// Count returns the number of days in the set.
func (w WeekDays) Count() int {
	n := 0
	for d := time.Sunday; d <= time.Saturday; d++ {
		if w.Has(d) {
			n++
		}
	}
	return n
}

var weekdayAbbrev = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// String formats the set as a comma list starting on Monday (Mon,Tue,...).
func (w WeekDays) String() string {
	var parts []string
	for i := 1; i <= 7; i++ {
		d := time.Weekday(i % 7)
		if w.Has(d) {
			parts = append(parts, weekdayAbbrev[d])
		}
	}
	return strings.Join(parts, ",")
}

// TimeRange is a run of local date-times [Start, End), such as a
// maintenance block written 2026-06-03T08:00..2026-06-03T13:00 or a whole
// day range 2026-06-03..2026-06-04 (midnight of the first day to midnight
// after the last).
type TimeRange struct {
	Start, End time.Time
	Pos        Pos
}

// String formats the range as local date-times.
func (r TimeRange) String() string {
	return r.Start.Format("2006-01-02T15:04") + ".." + r.End.Format("2006-01-02T15:04")
}

// Lag is a precedence or stagger offset. Working lags (written 2wd) count
// working time only: Amount is the working time to pass, at the
// production's day length (2wd at 10 h days is 20 h of working time).
// Elapsed lags (written 4h, 3d, 1w) count wall-clock time.
type Lag struct {
	Amount  time.Duration
	Working bool
}

// IsZero reports whether the lag is empty.
func (l Lag) IsZero() bool { return l.Amount == 0 }

// Slug lower-cases s and keeps letters and digits, joining the runs of
// everything else with one "-" ("Harbour Lights" → "harbour-lights"): the
// production's part of booking ids and calendar UIDs, so it must never
// change for a given name.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
