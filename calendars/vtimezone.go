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
func Observances(loc *time.Location, from, to time.Time) []Observance {
	at := from.In(loc)
	name, off := at.Zone()
	start, end := at.ZoneBounds()
	first := Observance{Onset: start, OffsetFrom: off, OffsetTo: off, Name: name, Daylight: at.IsDST()}
	if start.IsZero() {
		first.Onset = noHistory
	} else {
		_, first.OffsetFrom = start.Add(-time.Second).Zone()
	}
	obs := []Observance{first}
	for !end.IsZero() && !end.After(to) {
		prev := obs[len(obs)-1]
		name, off := end.Zone()
		// Some transitions change only the abbreviation or the DST flag;
		// they still start a new observance, which keeps the walk exact.
		obs = append(obs, Observance{Onset: end, OffsetFrom: prev.OffsetTo, OffsetTo: off, Name: name, Daylight: end.IsDST()})
		_, end = end.ZoneBounds()
	}
	return obs
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

// VTimezone builds the VTIMEZONE component for loc covering [from, to] from
// the Go time zone database. go-ical does not build one, and without it
// clients such as Outlook guess the zone and shift times.
func VTimezone(loc *time.Location, from, to time.Time) *ical.Component {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, loc.String())
	for _, o := range Observances(loc, from, to) {
		kind := ical.CompTimezoneStandard
		if o.Daylight {
			kind = ical.CompTimezoneDaylight
		}
		c := ical.NewComponent(kind)
		c.Props.Set(&ical.Prop{Name: ical.PropDateTimeStart, Params: ical.Params{}, Value: o.localOnset()})
		c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetFrom, Params: ical.Params{}, Value: utcOffset(o.OffsetFrom)})
		c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetTo, Params: ical.Params{}, Value: utcOffset(o.OffsetTo)})
		if o.Name != "" {
			c.Props.SetText(ical.PropTimezoneName, o.Name)
		}
		tz.Children = append(tz.Children, c)
	}
	return tz
}
