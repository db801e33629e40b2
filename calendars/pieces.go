package calendars

import (
	"cmp"
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// worked is b's pieces: Pieces, or one piece from Start to End.
func (b Booking) worked() []Piece {
	if len(b.Pieces) == 0 {
		return []Piece{{Start: b.Start, End: b.End}}
	}
	return b.Pieces
}

// equal reports whether p and o are the same instants.
func (p Piece) equal(o Piece) bool { return p.Start.Equal(o.Start) && p.End.Equal(o.End) }

// Days splits pieces at every local midnight in loc, so that no piece
// spans two local dates: a piece worked 22:00–02:00 becomes 22:00–24:00
// and 00:00–02:00. A returned piece is at most one local day long (24
// hours; 25 on the day clocks go back). Pieces must be sorted and not
// overlap; the result is too.
func Days(pieces []Piece, loc *time.Location) []Piece { return WorkingDays(pieces, loc, 0) }

// WorkingDays splits pieces at the start of every working day, start
// after local midnight (Production.DayStart): with days starting at 02:00,
// a piece worked 09:00–01:00 stays whole, the night's overtime being part
// of its day, and 09:00–03:00 becomes 09:00–02:00 and 02:00–03:00. With
// start 0 it is Days.
func WorkingDays(pieces []Piece, loc *time.Location, start time.Duration) []Piece {
	out := make([]Piece, 0, len(pieces))
	for _, p := range pieces {
		for s := p.Start; s.Before(p.End); {
			next := nextDayStart(s, loc, start)
			if !next.Before(p.End) {
				out = append(out, Piece{Start: s, End: p.End})
				break
			}
			out = append(out, Piece{Start: s, End: next})
			s = next
		}
	}
	return out
}

// nextDayStart is the first start of a working day (start after local
// midnight) after t in loc. Where a zone skips midnight itself (clocks
// going forward at 00:00), time.Date may give an instant on the same
// date; it then moves on by the hour until the date changes.
func nextDayStart(t time.Time, loc *time.Location, start time.Duration) time.Time {
	l := t.In(loc)
	m := int(start / time.Minute)
	if m > 0 {
		next := time.Date(l.Year(), l.Month(), l.Day(), 0, m, 0, 0, loc)
		if !next.After(t) {
			next = time.Date(l.Year(), l.Month(), l.Day()+1, 0, m, 0, 0, loc)
		}
		for !next.After(t) {
			next = next.Add(time.Hour) // the day start fell in a skipped hour
		}
		return next
	}
	next := time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc)
	for !next.After(t) || sameDay(next.In(loc), l) {
		next = next.Add(time.Hour)
	}
	return next
}

// repeated reports whether t's wall-clock time in its location happens
// twice: it falls in the hour a fall-back transition repeats (01:00–02:00
// in Europe/London on 25 October 2026, first as BST, then as GMT). Such a
// local time cannot be written with a TZID without ambiguity, since RFC
// 5545 section 3.3.5 resolves it to the first occurrence.
func repeated(t time.Time) bool {
	start, end := t.ZoneBounds()
	_, off := t.Zone()
	if !start.IsZero() {
		// The zone began by setting clocks back: its first (before-after)
		// seconds repeat the end of the zone before.
		_, before := start.Add(-time.Second).Zone()
		if d := time.Duration(before-off) * time.Second; d > 0 && t.Before(start.Add(d)) {
			return true
		}
	}
	if !end.IsZero() {
		// The zone ends by setting clocks back: its last (off-after)
		// seconds come round again in the next zone.
		_, after := end.Zone()
		if d := time.Duration(off-after) * time.Second; d > 0 && !t.Before(end.Add(-d)) {
			return true
		}
	}
	return false
}

// cancelReason says why an event is cancelled though its booking is not
// released.
type cancelReason int

const (
	// live events show the booking's status.
	live cancelReason = iota
	// dayDropped is a day the booking once had and no longer has.
	dayDropped
	// ownerLeft is a booking the feed's owner was taken off.
	ownerLeft
	// journeyGone is a journey the booking no longer carries: it no
	// longer opens (or closes) a visit.
	journeyGone
)

// event is one VEVENT: a local day's piece of a booking, numbered from 1
// in time order, or a day it no longer has.
type event struct {
	b Booking
	// n numbers the event within the booking: its UID is "<id>-<n>@…".
	n int
	// days is how many events the booking has now (not counting dropped
	// ones); dates is on how many local dates they fall.
	days, dates int
	piece       Piece
	why         cancelReason
	// leg marks a journey (travel.go): n is 0 and piece the travel; nth
	// numbers the journeys of one leg the booking carries, from 0, and
	// seq is the journey's own SEQUENCE (journeyTracks).
	leg travelLeg
	nth int
	seq int
}

// sequence is the event's SEQUENCE: a journey's own, else its booking's.
func (e event) sequence() int {
	if e.leg != legNone {
		return e.seq
	}
	return e.b.Sequence
}

// cancelled reports whether the event is published as CANCELLED.
func (e event) cancelled() bool { return e.why != live || e.b.Status == booking.Released }

// events are the feed's VEVENTs in calendar order: by start, then booking
// id, then number.
func (f Feed) events() []event {
	loc := f.Production.TimeZone
	var out []event
	for _, b := range f.Bookings {
		cur := WorkingDays(b.worked(), loc, f.Production.DayStart)
		why := live
		if !f.holds(b) {
			why = ownerLeft
		}
		dates := countDates(cur, loc)
		for i, p := range cur {
			out = append(out, event{b: b, n: i + 1, days: len(cur), dates: dates, piece: p, why: why})
		}
		if why == live {
			why = dayDropped
		}
		for i, p := range dropped(b, loc, f.Production.DayStart, len(cur)) {
			out = append(out, event{b: b, n: len(cur) + i + 1, days: len(cur), dates: dates, piece: p, why: why})
		}
	}
	out = append(out, f.journeys()...)
	slices.SortFunc(out, func(a, b event) int {
		return cmp.Or(a.piece.Start.Compare(b.piece.Start), cmp.Compare(a.b.ID, b.b.ID), cmp.Compare(a.n, b.n), cmp.Compare(a.leg, b.leg), cmp.Compare(a.nth, b.nth))
	})
	return out
}

// dropped returns the days b once had beyond its first have, each at the
// last time it was published: day n of the latest past state with at
// least n days.
func dropped(b Booking, loc *time.Location, start time.Duration, have int) []Piece {
	var out []Piece
	for _, p := range b.Past {
		ds := WorkingDays(p.Pieces, loc, start)
		for k := have; k < len(ds); k++ {
			if k-have < len(out) {
				out[k-have] = ds[k]
			} else {
				out = append(out, ds[k])
			}
		}
	}
	return out
}

// countDates is the number of distinct local dates days fall on.
func countDates(days []Piece, loc *time.Location) int {
	n := 0
	for i, d := range days {
		if i == 0 || !sameDay(d.Start.In(loc), days[i-1].Start.In(loc)) {
			n++
		}
	}
	return n
}

// holds reports whether the feed's owner is on b now; the production feed
// holds every booking.
func (f Feed) holds(b Booking) bool {
	has := func(refs []Ref) bool {
		return slices.ContainsFunc(refs, func(r Ref) bool { return r.ID == f.Owner.ID })
	}
	switch f.Kind {
	case KindSuite:
		return slices.ContainsFunc(b.rooms(), func(r Room) bool { return r.Suite.ID == f.Owner.ID })
	case KindPerson:
		return has(b.People)
	case KindArtiste:
		return has(b.Artistes)
	}
	return true
}
