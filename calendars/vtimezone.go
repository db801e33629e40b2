package calendars

import (
	"fmt"
	"time"

	"github.com/emersion/go-ical"
)

// Observance is one STANDARD or DAYLIGHT sub-component of a VTIMEZONE
// (RFC 5545 section 3.6.5): from Onset on, local time is UTC+OffsetTo.
type Observance struct {
	// Onset is the instant the observance begins.
	Onset time.Time
	// OffsetFrom and OffsetTo are the UTC offsets, in seconds, before and
	// after the onset.
	OffsetFrom, OffsetTo int
	// Name is the abbreviation in force, e.g. "BST".
	Name string
	// Daylight marks daylight saving time.
	Daylight bool
}

// localOnset is the onset as local time under the offset in force before
// it, which is how DTSTART is written in a VTIMEZONE.
func (o Observance) localOnset() string {
	return o.Onset.In(time.FixedZone("", o.OffsetFrom)).Format("20060102T150405")
}

// noHistory is the DTSTART written for an observance that has been in force
// since before the tz database's first transition for a zone.
var noHistory = time.Date(1970, time.January, 1, 0, 0, 0, 0, time.UTC)

// Observances walks loc's transitions and returns the observances that cover
// [from, to]: the one in force at from, then one per transition up to and
// including to. A zone without transitions (or without any in recent
// history, such as Asia/Kolkata) gives a single standard observance.
// Boundaries where nothing changes (Go reports some past the end of its
// tables) are skipped; a change of abbreviation or DST flag alone still
// starts a new observance.
func Observances(loc *time.Location, from, to time.Time) []Observance {
	at := from.In(loc)
	name, off := at.Zone()
	start, _ := at.ZoneBounds()
	first := Observance{Onset: start, OffsetFrom: off, OffsetTo: off, Name: name, Daylight: at.IsDST()}
	if start.IsZero() {
		first.Onset = noHistory
	} else {
		_, first.OffsetFrom = start.Add(-time.Second).Zone()
	}
	obs := []Observance{first}
	for cur := at; ; {
		next, ok := nextBoundary(cur, to)
		if !ok || next.After(to) {
			return obs
		}
		prev := obs[len(obs)-1]
		name, off := next.Zone()
		if name != prev.Name || off != prev.OffsetTo || next.IsDST() != prev.Daylight {
			obs = append(obs, Observance{Onset: next, OffsetFrom: prev.OffsetTo, OffsetTo: off, Name: name, Daylight: next.IsDST()})
		}
		cur = next
	}
}

// nextBoundary is the next zone boundary after t, from t.ZoneBounds. Past
// the end of its tables Go's ZoneBounds can return t itself (at the end of
// a leap year); then the boundary is found from Zone lookups, day by day
// up to limit and bisected to the second. ok is false when there is none.
func nextBoundary(t, limit time.Time) (time.Time, bool) {
	if _, end := t.ZoneBounds(); end.IsZero() || end.After(t) {
		return end, !end.IsZero()
	}
	loc := t.Location()
	same := func(u time.Time) bool {
		n1, o1 := t.Zone()
		n2, o2 := u.Zone()
		return n1 == n2 && o1 == o2 && t.IsDST() == u.IsDST()
	}
	for lo := t; !lo.After(limit); lo = lo.Add(24 * time.Hour) {
		hi := lo.Add(24 * time.Hour).In(loc)
		if same(hi) {
			if _, end := hi.ZoneBounds(); end.After(hi) {
				// Bounds work again from here; nothing changed in between.
				return hi, true
			}
			continue
		}
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2).Truncate(time.Second).In(loc)
			if !mid.After(lo) {
				break
			}
			if same(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		return hi, true
	}
	return time.Time{}, false
}

// utcOffset formats seconds east of UTC as RFC 5545 UTC-OFFSET (+hhmm or
// +hhmmss).
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m, s := sec/3600, sec/60%60, sec%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// ruleMargin widens the span a VTIMEZONE is built for, so that it holds
// at least one onset of each observance and the annual rules can be seen.
const ruleMargin = 1 // year

// VTimezone builds the VTIMEZONE component for loc covering [from, to]
// from the Go time zone database. go-ical does not build one, and without
// it clients such as Outlook guess the zone and shift times.
//
// Where the zone's transitions from a year before from to a year after to
// follow two annual rules (as in Europe/London, America/New_York and
// Australia/Sydney today), it writes one STANDARD and one DAYLIGHT with an
// RRULE, the only shape Outlook imports faithfully ([MS-OXCICAL]
// 2.1.3.1.1.19). Otherwise (no DST, or rules that changed) it writes one
// sub-component per observance with its exact DTSTART, which RFC 5545
// clients resolve exactly.
func VTimezone(loc *time.Location, from, to time.Time) *ical.Component {
	obs := Observances(loc, from.AddDate(-ruleMargin, 0, 0), to.AddDate(ruleMargin, 0, 0))
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, loc.String())
	// The rules only stand for the zone from their first onset on; a span
	// starting earlier (Casablanca in 2007, before its DST of 2008) would be
	// left with no observance in force, so it gets the exact list instead.
	if rules, ok := annualRules(obs[1:]); ok && !obs[1].Onset.After(from) {
		for i, r := range rules {
			// The observance with the larger offset is the DAYLIGHT one, as
			// Outlook expects, even where the tz database flags winter time as
			// DST (Europe/Dublin's "negative DST").
			o := r.first
			o.Daylight = o.OffsetTo > rules[1-i].first.OffsetTo
			c := observanceComponent(o)
			setRaw(c.Props, ical.PropRecurrenceRule, r.String())
			tz.Children = append(tz.Children, c)
		}
		return tz
	}
	for _, o := range obs {
		tz.Children = append(tz.Children, observanceComponent(o))
	}
	return tz
}

// observanceComponent is a STANDARD or DAYLIGHT sub-component starting at o.
func observanceComponent(o Observance) *ical.Component {
	kind := ical.CompTimezoneStandard
	if o.Daylight {
		kind = ical.CompTimezoneDaylight
	}
	c := ical.NewComponent(kind)
	setRaw(c.Props, ical.PropDateTimeStart, o.localOnset())
	setRaw(c.Props, ical.PropTimezoneOffsetFrom, utcOffset(o.OffsetFrom))
	setRaw(c.Props, ical.PropTimezoneOffsetTo, utcOffset(o.OffsetTo))
	if o.Name != "" {
		c.Props.SetText(ical.PropTimezoneName, o.Name)
	}
	return c
}

// annualRule is a yearly onset: the n-th weekday of a month (n = -1: the
// last) at a local wall-clock time, as in RRULE:FREQ=YEARLY;BYMONTH;BYDAY.
type annualRule struct {
	first   Observance // the first onset, which gives DTSTART and offsets
	month   time.Month
	n       int
	weekday time.Weekday
	clock   time.Duration // since local midnight, before the change
}

var icalWeekdays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// String is the RRULE value.
func (r annualRule) String() string {
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(r.month), r.n, icalWeekdays[r.weekday])
}

// onset is the rule's instant in year.
func (r annualRule) onset(year int) time.Time {
	zone := time.FixedZone("", r.first.OffsetFrom)
	var day time.Time
	if r.n > 0 {
		day = time.Date(year, r.month, 1, 0, 0, 0, 0, zone)
		day = day.AddDate(0, 0, (int(r.weekday)-int(day.Weekday())+7)%7+7*(r.n-1))
	} else {
		day = time.Date(year, r.month+1, 0, 0, 0, 0, 0, zone) // last day of month
		day = day.AddDate(0, 0, -((int(day.Weekday()) - int(r.weekday) + 7) % 7))
	}
	return day.Add(r.clock)
}

// annualRules fits transitions to two annual rules that alternate year by
// year and reproduce every transition exactly; ok is false when they do not.
func annualRules(transitions []Observance) (rules [2]annualRule, ok bool) {
	if len(transitions) < 2 {
		return rules, false
	}
	for i := range rules {
		o := transitions[i]
		local := o.Onset.In(time.FixedZone("", o.OffsetFrom))
		y, m, d := local.Date()
		midnight := time.Date(y, m, d, 0, 0, 0, 0, local.Location())
		rules[i] = annualRule{first: o, month: m, weekday: local.Weekday(), clock: local.Sub(midnight), n: (d-1)/7 + 1}
	}
	// Try the last weekday of the month first (EU: last Sunday of March,
	// the 4th or the 5th), then the n-th (US: 2nd Sunday of March), so a
	// last-Sunday rule is not mistaken for "4th Sunday" in a span whose
	// years happen to have four.
	for _, useLast := range [][2]bool{{true, true}, {true, false}, {false, true}, {false, false}} {
		cand := rules
		for i := range cand {
			if useLast[i] {
				cand[i].n = -1
			}
		}
		if reproduces(cand, transitions) {
			return cand, true
		}
	}
	return rules, false
}

// reproduces reports whether rules, alternating, give exactly transitions.
func reproduces(rules [2]annualRule, transitions []Observance) bool {
	if rules[0].first.Daylight == rules[1].first.Daylight {
		return false
	}
	for i, o := range transitions {
		r := rules[i%2]
		if o.OffsetFrom != r.first.OffsetFrom || o.OffsetTo != r.first.OffsetTo || o.Name != r.first.Name ||
			o.Daylight != r.first.Daylight {
			return false
		}
		year := r.first.Onset.In(time.FixedZone("", r.first.OffsetFrom)).Year() + i/2
		if !r.onset(year).Equal(o.Onset) {
			return false
		}
	}
	return true
}
