// Package callsheet lists who is called where and when on one working
// day: for each person, artiste and suite the call (the start of their
// first session that day), the wrap (the end of the last), every session
// worked with its suites, booking and status, and an artiste's journeys.
//
// It reads only what it is given, the committed record: the bookings of
// the booking store and the journeys their calendar feeds show (see
// calendars/storefeed.CallSheetInput), so a call sheet never says what
// nobody was told:
//
//	day, err := callsheet.ParseDay("2026-09-02", loc)
//	sheet := callsheet.Build(in, day)
//	err = callsheet.Write(os.Stdout, sheet, callsheet.FormatText)
package callsheet

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Ref names a person, artiste or suite: a stable id and what people read.
type Ref = booking.Ref

// Piece is a stretch of time worked.
type Piece struct {
	Start, End time.Time
}

// Booking is one booking of the committed record.
type Booking struct {
	ID string
	// Session and Episode say what is worked: "ADR", "Ep 2".
	Session, Episode string
	Status           booking.Status
	// Pieces are the stretches worked, in order.
	Pieces []Piece
	// Suites are the rooms held, the main one first.
	Suites           []Ref
	People, Artistes []Ref
}

// what is the session and episode: "ADR, Ep 2".
func (b Booking) what() string {
	s := cmp.Or(b.Session, "Booking")
	if b.Episode != "" {
		s += ", " + b.Episode
	}
	return s
}

// Journey is an artiste's journey as their calendar feed shows it.
type Journey struct {
	Artiste Ref
	// Booking carries the journey: its first (or last) session of a visit.
	Booking string
	// Home is the journey home; else the journey there, to To.
	Home       bool
	To         string
	Start, End time.Time
	// Status is the booking's, which the journey shares.
	Status booking.Status
}

// Input is the committed record a call sheet is read from.
type Input struct {
	Production string
	// Location is the production's time zone; every time is shown in it.
	Location *time.Location
	// DayStart is when a working day starts after local midnight: work
	// before it (overtime past midnight) is the day before's.
	DayStart time.Duration
	Bookings []Booking
	Journeys []Journey
}

// Kinds of call, in the order a sheet lists them.
const (
	KindPerson  = "person"
	KindArtiste = "artiste"
	KindSuite   = "suite"
)

// Sheet is one working day's calls.
type Sheet struct {
	Production string
	// Day is local midnight of the date; From and To bound its working
	// day (DayStart on the date to DayStart on the next).
	Day, From, To time.Time
	Calls         []Call
	// Held are second pencils on the day: holds behind another booking,
	// nobody is called for them.
	Held []Item
}

// Call is one person's, artiste's or suite's day.
type Call struct {
	Kind string
	Who  Ref
	// Call and Wrap are the start of the first session and the end of
	// the last, journeys aside.
	Call, Wrap time.Time
	// Items are the sessions and journeys, by start.
	Items []Item
}

// Item is one session piece, or one journey, of a call.
type Item struct {
	Start, End time.Time
	// Journey is "" for a session, else JourneyThere or JourneyHome.
	Journey string
	// To is where a journey there goes.
	To string
	// What is the session: "ADR, Ep 2"; empty for a journey.
	What    string
	Suites  []string
	Booking string
	Status  booking.Status
}

// Journey words.
const (
	JourneyThere = "there"
	JourneyHome  = "home"
)

// words is what an item says: "ADR, Ep 2", "travel to Halo Post",
// "travel home".
func (it Item) words() string {
	switch it.Journey {
	case JourneyThere:
		return "travel to " + it.To
	case JourneyHome:
		return "travel home"
	}
	return it.What
}

// ParseDay reads a --day value, YYYY-MM-DD, as local midnight in loc
// (UTC when nil).
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	d, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("day %q: want a date as YYYY-MM-DD, e.g. 2026-09-02", s)
	}
	return d, nil
}

// Build is the call sheet of day (any time on the date, in in.Location):
// every piece of a pencilled or confirmed booking worked in that working
// day, clipped to it, under each of its people, artistes and suites, with
// the artistes' journeys that lead into or out of it. Released bookings
// are left out, second pencils listed as held.
func Build(in Input, day time.Time) Sheet {
	loc := in.Location
	y, m, d := day.In(loc).Date()
	mins := int(in.DayStart / time.Minute)
	sh := Sheet{Production: in.Production, Day: time.Date(y, m, d, 0, 0, 0, 0, loc),
		From: time.Date(y, m, d, 0, mins, 0, 0, loc), To: time.Date(y, m, d+1, 0, mins, 0, 0, loc)}
	calls := map[[2]string]*Call{}
	call := func(kind string, r Ref) *Call {
		k := [2]string{kind, r.ID}
		if calls[k] == nil {
			calls[k] = &Call{Kind: kind, Who: r}
		}
		return calls[k]
	}
	for _, b := range in.Bookings {
		if b.Status != booking.Pencil && b.Status != booking.Confirmed && b.Status != booking.SecondPencil {
			continue
		}
		suites := make([]string, len(b.Suites))
		for i, s := range b.Suites {
			suites[i] = s.Label()
		}
		for _, p := range b.Pieces {
			p, ok := clip(p, sh.From, sh.To)
			if !ok {
				continue
			}
			it := Item{Start: p.Start.In(loc), End: p.End.In(loc), What: b.what(), Suites: suites, Booking: b.ID, Status: b.Status}
			if b.Status == booking.SecondPencil {
				sh.Held = append(sh.Held, it)
				continue
			}
			for _, r := range b.People {
				call(KindPerson, r).add(it)
			}
			for _, r := range b.Artistes {
				call(KindArtiste, r).add(it)
			}
			for _, r := range b.Suites {
				call(KindSuite, r).add(it)
			}
		}
	}
	for _, j := range in.Journeys {
		at, kind := j.End, JourneyThere // a journey there leads into its day
		if j.Home {
			at, kind = j.Start, JourneyHome
		}
		c := calls[[2]string{KindArtiste, j.Artiste.ID}]
		if c == nil || at.Before(sh.From) || at.After(sh.To) || !j.Home && at.Equal(sh.To) || j.Home && at.Equal(sh.From) {
			continue // no session that day: the journey is another day's
		}
		c.Items = append(c.Items, Item{Start: j.Start.In(loc), End: j.End.In(loc), Journey: kind, To: j.To, Booking: j.Booking, Status: j.Status})
	}
	kinds := map[string]int{KindPerson: 0, KindArtiste: 1, KindSuite: 2}
	for _, c := range calls {
		slices.SortFunc(c.Items, func(a, b Item) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Booking, b.Booking), cmp.Compare(a.Journey, b.Journey))
		})
		sh.Calls = append(sh.Calls, *c)
	}
	slices.SortFunc(sh.Calls, func(a, b Call) int {
		return cmp.Or(cmp.Compare(kinds[a.Kind], kinds[b.Kind]), cmp.Compare(a.Who.Label(), b.Who.Label()), cmp.Compare(a.Who.ID, b.Who.ID))
	})
	slices.SortFunc(sh.Held, func(a, b Item) int { return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Booking, b.Booking)) })
	return sh
}

// add puts a session piece on the call and moves its call and wrap.
func (c *Call) add(it Item) {
	if c.Call.IsZero() || it.Start.Before(c.Call) {
		c.Call = it.Start
	}
	if it.End.After(c.Wrap) {
		c.Wrap = it.End
	}
	c.Items = append(c.Items, it)
}

// Empty reports whether nobody is called and nothing is held that day.
func (s Sheet) Empty() bool { return len(s.Calls) == 0 && len(s.Held) == 0 }

// clock is t as read on the sheet's date: "09:00", "01:00 next day" past
// midnight (end is set for an end at midnight: "24:00"), "23:00 day
// before" for a journey that sets out the evening before.
func (s Sheet) clock(t time.Time, end bool) string {
	t = t.In(s.Day.Location())
	ty, tm, td := t.Date()
	days := int(time.Date(ty, tm, td, 12, 0, 0, 0, time.UTC).Sub(time.Date(s.Day.Year(), s.Day.Month(), s.Day.Day(), 12, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case days == 1 && end && t.Hour() == 0 && t.Minute() == 0:
		return "24:00"
	case days == 1:
		return t.Format(clockLayout) + " next day"
	case days == -1:
		return t.Format(clockLayout) + " day before"
	case days != 0:
		return t.Format("Mon 2 Jan " + clockLayout)
	}
	return t.Format(clockLayout)
}

// span is "09:00–13:00", "09:00–01:00 next day".
func (s Sheet) span(from, to time.Time) string {
	return s.clock(from, false) + "–" + s.clock(to, true)
}

// statusWords are the trade's words for a status on a sheet.
func statusWords(st booking.Status) string {
	switch st {
	case booking.SecondPencil:
		return "2nd pencil"
	case "":
		return ""
	}
	return strings.ToLower(st.Words())
}

const clockLayout = "15:04"

// clip is the part of p from from to to; ok is false when there is none.
func clip(p Piece, from, to time.Time) (_ Piece, ok bool) {
	if p.Start.Before(from) {
		p.Start = from
	}
	if p.End.After(to) {
		p.End = to
	}
	return p, p.Start.Before(p.End)
}
