package model

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Scalar parsers for the values a coordinator writes. Each returns an error
// whose text reads well after "field: ".

// ParseDate parses a calendar day written 2026-05-04. Impossible days such
// as 2026-04-31 are refused.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("bad date %q, want YYYY-MM-DD", s)
	}
	y, err1 := atoiDigits(s[0:4])
	m, err2 := atoiDigits(s[5:7])
	d, err3 := atoiDigits(s[8:10])
	if err := errors.Join(err1, err2, err3); err != nil {
		return Date{}, fmt.Errorf("bad date %q, want YYYY-MM-DD", s)
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("bad date %q: month %d", s, m)
	}
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	if d < 1 || t.Day() != d {
		return Date{}, &noSuchDayError{text: s, year: y, month: time.Month(m), day: d}
	}
	return Date{y, time.Month(m), d}, nil
}

// noSuchDayError is a date written in the right form for a day its month
// does not have (2026-04-31, 2026-02-29).
type noSuchDayError struct {
	text      string
	year, day int
	month     time.Month
}

func (e *noSuchDayError) Error() string {
	return fmt.Sprintf("bad date %q: %s has no day %d", e.text, e.month, e.day)
}

// days is how many days the month has.
func (e *noSuchDayError) days() int {
	return time.Date(e.year, e.month+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// reversedRangeError is a day range written last day first.
type reversedRangeError struct{ from, to Date }

func (e *reversedRangeError) Error() string {
	return fmt.Sprintf("range %s..%s ends before it starts", e.from, e.to)
}

// clockRangeError is a time of day written in the right form but past
// the day's end (25:00, 10:75).
type clockRangeError struct{ text string }

func (e *clockRangeError) Error() string {
	return fmt.Sprintf("bad time %q, want HH:MM between 00:00 and 24:00", e.text)
}

// emptyHoursError is a window of hours that ends when it starts.
type emptyHoursError struct{ start Clock }

func (e *emptyHoursError) Error() string {
	return fmt.Sprintf("hours %s-%s end when they start", e.start, e.start)
}

// clockHint says how to fix a time or hours that failed with err, in terms
// of what was written, else gives fallback (how the value is written).
func clockHint(err error, fallback string) string {
	var cr *clockRangeError
	var eh *emptyHoursError
	switch {
	case errors.As(err, &cr):
		return "times run from 00:00 to 24:00; a time after midnight is written as the morning's: 02:00, or hours \"22:00-02:00\""
	case errors.As(err, &eh):
		return "the end comes after the start, e.g. \"09:00-19:00\", or the next morning, e.g. \"22:00-02:00\"; the whole day is \"00:00-24:00\""
	}
	return fallback
}

// dateHint says how to fix a date or day range s that failed to parse
// with err, in terms of what was written: the month's length for a day
// that does not exist, the range turned round for a reversed one, and the
// form of a range only when s is one.
func dateHint(s string, err error) string {
	var nd *noSuchDayError
	var rr *reversedRangeError
	switch {
	case errors.As(err, &nd):
		return fmt.Sprintf("%s %d has %d days", nd.month, nd.year, nd.days())
	case errors.As(err, &rr):
		return fmt.Sprintf("write the first day first: %s..%s", rr.to, rr.from)
	case strings.Contains(s, ".."):
		return "ranges are written 2026-11-02..2026-11-06, first day first"
	case len(s) == 8 && strings.Trim(s, "0123456789") == "":
		return fmt.Sprintf("write it with dashes: %s-%s-%s", s[:4], s[4:6], s[6:])
	}
	return "dates are written 2026-05-04"
}

// atoiDigits parses a run of ASCII digits only (no signs, no spaces).
func atoiDigits(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty number")
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("not a number: %q", s)
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// ParseDateRange parses an inclusive range 2026-11-02..2026-11-06, or a
// single day. A reversed range is an error.
func ParseDateRange(s string) (DateRange, error) {
	from, to, ok := strings.Cut(s, "..")
	if ok && strings.TrimSpace(to) == "" {
		return DateRange{}, fmt.Errorf("range %q has no last day", s)
	}
	if ok && strings.TrimSpace(from) == "" {
		return DateRange{}, fmt.Errorf("range %q has no first day", s)
	}
	a, err := ParseDate(from)
	if err != nil {
		return DateRange{}, err
	}
	if !ok {
		return DateRange{From: a, To: a}, nil
	}
	b, err := ParseDate(to)
	if err != nil {
		return DateRange{}, err
	}
	if b.Before(a) {
		return DateRange{}, &reversedRangeError{a, b}
	}
	return DateRange{From: a, To: b}, nil
}

// ParseClock parses a time of day 09:30 (24:00 is allowed, as an end).
func ParseClock(s string) (Clock, error) {
	s = strings.TrimSpace(s)
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || len(hh) < 1 || len(hh) > 2 || len(mm) != 2 {
		return 0, fmt.Errorf("bad time %q, want HH:MM", s)
	}
	h, err1 := atoiDigits(hh)
	m, err2 := atoiDigits(mm)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("bad time %q, want HH:MM between 00:00 and 24:00", s)
	}
	if h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, &clockRangeError{s}
	}
	return Clock(h*60 + m), nil
}

// ParseClockRange parses a window 09:00-19:00. An end before the start
// is the next morning: 22:00-02:00 runs four hours, to 26:00. An end
// equal to the start is an error.
func ParseClockRange(s string) (ClockRange, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return ClockRange{}, fmt.Errorf("bad hours %q, want HH:MM-HH:MM", s)
	}
	start, err := ParseClock(a)
	if err != nil {
		return ClockRange{}, err
	}
	end, err := ParseClock(b)
	if err != nil {
		return ClockRange{}, err
	}
	switch {
	case end == start || start == 24*60 && end == 0:
		return ClockRange{}, &emptyHoursError{start}
	case end < start:
		end += 24 * 60
	}
	return ClockRange{start, end}, nil
}

// ParseDateTime parses a local date-time 2026-05-04T10:00 in loc.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	day, clock, ok := strings.Cut(strings.TrimSpace(s), "T")
	if !ok {
		return time.Time{}, fmt.Errorf("bad date-time %q, want YYYY-MM-DDTHH:MM", s)
	}
	d, err := ParseDate(day)
	if err != nil {
		return time.Time{}, err
	}
	c, err := ParseClock(clock)
	if err != nil {
		return time.Time{}, err
	}
	return d.At(c, loc), nil
}

// ParseTimeRange parses a block of local time: date-times
// 2026-06-03T08:00..2026-06-03T13:00, or days 2026-06-03..2026-06-04
// (midnight before the first to midnight after the last).
func ParseTimeRange(s string, loc *time.Location) (TimeRange, error) {
	a, b, ok := strings.Cut(s, "..")
	if !strings.Contains(a, "T") {
		r, err := ParseDateRange(s)
		if err != nil {
			return TimeRange{}, err
		}
		return TimeRange{Start: r.From.In(loc), End: r.To.AddDays(1).In(loc)}, nil
	}
	if !ok {
		return TimeRange{}, fmt.Errorf("bad time range %q, want FROM..TO", s)
	}
	start, err := ParseDateTime(a, loc)
	if err != nil {
		return TimeRange{}, err
	}
	end, err := ParseDateTime(b, loc)
	if err != nil {
		return TimeRange{}, err
	}
	if !end.After(start) {
		return TimeRange{}, fmt.Errorf("range %s ends before it starts", s)
	}
	return TimeRange{Start: start, End: end}, nil
}

var weekdayByName = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseWeek parses a set of weekdays: Mon-Fri, Mon,Tue,Thu or Sat-Sun. A
// span runs forward and wraps past Sunday (Fri-Mon is Fri,Sat,Sun,Mon).
func ParseWeek(s string) (WeekDays, error) {
	var w WeekDays
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		a, b, isSpan := strings.Cut(part, "-")
		from, ok := weekdayByName[strings.ToLower(strings.TrimSpace(a))]
		if !ok {
			return 0, fmt.Errorf("bad week %q: unknown day %q", s, a)
		}
		to := from
		if isSpan {
			if to, ok = weekdayByName[strings.ToLower(strings.TrimSpace(b))]; !ok {
				return 0, fmt.Errorf("bad week %q: unknown day %q", s, b)
			}
		}
		for d := from; ; d = (d + 1) % 7 {
			w |= 1 << uint(d)
			if d == to {
				break
			}
		}
	}
	return w, nil
}

// span is a number with a unit, as written: 4h, 2.5d, 2wd, 30m.
type span struct {
	n    float64
	unit string
	text string // as written
}

// maxSpan keeps durations far from time.Duration overflow: 100,000 hours.
const maxSpan = 100000 * float64(time.Hour)

func parseSpan(s string) (span, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i == 0 {
		if strings.HasPrefix(s, "-") {
			return span{}, fmt.Errorf("negative duration %q", s)
		}
		return span{}, fmt.Errorf("bad duration %q, want a number and a unit (30m, 6h, 4d, 2w)", s)
	}
	n, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || math.IsInf(n, 0) {
		return span{}, fmt.Errorf("bad duration %q", s)
	}
	unit := strings.ToLower(strings.TrimSpace(s[i:]))
	if unit == "" {
		return span{}, fmt.Errorf("duration %q has no unit (write 30m, %sh or %sd)", s, s[:i], s[:i])
	}
	return span{n, unit, s}, nil
}

// unitRank orders the units of a compound duration, largest first.
var unitRank = map[string]int{"w": 0, "wd": 1, "d": 1, "h": 2, "m": 3, "min": 3}

// compound splits a duration written as several number-and-unit parts
// (5h30m) into its parts; ok is false for a single part, or for text that
// does not split so (left to parseSpan to refuse with its own words).
func compound(s string) (parts []string, ok bool) {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
			j++
		}
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] >= 'A' && s[k] <= 'Z') {
			k++
		}
		if j == i || k == j {
			return nil, false
		}
		parts = append(parts, s[i:k])
		i = k
	}
	return parts, len(parts) > 1
}

// sumParts adds up the parts of compound duration s, each parsed by
// parse, refusing units out of order (30m5h) or repeated (1h2h).
func sumParts(s string, parts []string, parse func(string) (time.Duration, error)) (time.Duration, error) {
	var total time.Duration
	last := -1
	for _, part := range parts {
		unit := strings.ToLower(strings.TrimLeft(part, "0123456789."))
		rank, known := unitRank[unit]
		if known && rank <= last {
			return 0, fmt.Errorf("bad duration %q: write its units from the largest down, each once (5h30m, 1d4h)", s)
		}
		last = rank
		d, err := parse(part)
		if err != nil {
			return 0, err
		}
		total += d
	}
	if float64(total) > maxSpan {
		return 0, fmt.Errorf("duration %q is more than %.0f hours: a typo?", clip(s), maxSpan/float64(time.Hour))
	}
	return total, nil
}

func (sp span) times(unit time.Duration) (time.Duration, error) {
	v := sp.n * float64(unit)
	if v > maxSpan {
		return 0, fmt.Errorf("duration %q is more than %.0f hours: a typo?", clip(sp.text), maxSpan/float64(time.Hour))
	}
	return time.Duration(math.Round(v)), nil
}

// ParseDuration parses a length of working time: 30m, 6h, 4d (days of
// dayLength), 2w (weeks of weekDays working days), or several of these
// from the largest unit down, added up as Go writes them (5h30m, 1d4h).
// With dayLength 0 only minutes and hours are accepted.
func ParseDuration(s string, dayLength time.Duration, weekDays int) (time.Duration, error) {
	if parts, ok := compound(s); ok {
		return sumParts(s, parts, func(part string) (time.Duration, error) { return ParseDuration(part, dayLength, weekDays) })
	}
	sp, err := parseSpan(s)
	if err != nil {
		return 0, err
	}
	switch sp.unit {
	case "m", "min":
		return sp.times(time.Minute)
	case "h":
		return sp.times(time.Hour)
	case "d", "wd":
		if dayLength > 0 {
			return sp.times(dayLength)
		}
	case "w":
		if dayLength > 0 {
			return sp.times(dayLength * time.Duration(weekDays))
		}
	default:
		return 0, fmt.Errorf("bad duration %q: unknown unit %q (use m, h, d or w)", s, sp.unit)
	}
	return 0, fmt.Errorf("duration %q: write this one in hours or minutes", s)
}

// ParseLag parses a precedence lag: 2wd (working days of dayLength),
// or elapsed time 30m, 4h, 3d, 1w, or several elapsed units added up
// (1d12h).
func ParseLag(s string, dayLength time.Duration) (Lag, error) {
	if parts, ok := compound(s); ok {
		// Working days and elapsed time do not add up: 1wd4h is refused.
		d, err := sumParts(s, parts, func(part string) (time.Duration, error) {
			lag, err := ParseLag(part, dayLength)
			if err == nil && lag.Working {
				err = fmt.Errorf("bad lag %q: working days (wd) cannot be added to elapsed time; write one or the other", s)
			}
			return lag.Amount, err
		})
		return Lag{Amount: d}, err
	}
	sp, err := parseSpan(s)
	if err != nil {
		return Lag{}, err
	}
	var d time.Duration
	working := false
	switch sp.unit {
	case "m", "min":
		d, err = sp.times(time.Minute)
	case "h":
		d, err = sp.times(time.Hour)
	case "d":
		d, err = sp.times(24 * time.Hour)
	case "w":
		d, err = sp.times(7 * 24 * time.Hour)
	case "wd":
		working = true
		d, err = sp.times(dayLength)
	default:
		return Lag{}, fmt.Errorf("bad lag %q: unknown unit %q (use 2wd for working days, or 4h, 3d, 1w elapsed)", s, sp.unit)
	}
	return Lag{Amount: d, Working: working}, err
}

// ParseMoney parses a plain amount such as 2600 or 182.50. Currency signs
// and thousands separators are refused (the currency is set once for the
// production).
func ParseMoney(s string) (float64, error) {
	s = strings.TrimSpace(s)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("bad amount %q, want a plain number such as 2600", s)
	}
	if math.Abs(v) > MaxMoney {
		return 0, fmt.Errorf("amount %q is more than %.0f: a typo?", clip(s), MaxMoney)
	}
	return v, nil
}

// MaxMoney bounds any amount in a project file. Larger figures are typos,
// and summed over a schedule they would lose precision or overflow.
const MaxMoney = 1e12
