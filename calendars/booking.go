package calendars

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Ref names a suite, person or artiste. ID is stable and keys feeds and file
// names; Name is what people read.
type Ref = booking.Ref

// Production is the read-only view of a production that calendars need.
type Production struct {
	// ID is a stable slug (e.g. "harbour-lights"); it goes into every
	// event UID so two productions' bookings never collide. May be empty.
	ID string
	// Name is shown as the calendar name, e.g. "Harbour Lights".
	Name string
	// TimeZone is the production's zone; it must be a named zone from the
	// tz database (time.LoadLocation) or time.UTC, not time.Local.
	TimeZone *time.Location
	// DayStart is when each working day starts after local midnight: 0,
	// or the end of overtime that runs past midnight (2h for 02:00), so a
	// night's work stays one event on the day it began.
	DayStart time.Duration
	// Updated is when the production's schedule last changed. It is the
	// LAST-MODIFIED of a calendar with no bookings and picks the zone rules
	// written into it; calendars with bookings are dated by their bookings
	// alone, so an unchanged feed stays byte for byte the same across runs.
	Updated time.Time
	// Suites, People and Artistes list everyone who gets a feed, even with
	// no bookings yet. Anyone named in a booking gets a feed regardless.
	Suites, People, Artistes []Ref
	// Contact is the coordinator named in every event; may be zero.
	Contact Contact
	// Agents are the artistes' agents by artiste id, named in the events
	// of bookings with artistes.
	Agents map[string]Contact
	// Travel is the artistes' travel by artiste id: an artiste's feed
	// shows the journey before and after each visit (see Journey).
	Travel map[string]Journey
}

// Booking is the read-only view of one booking that calendars export.
type Booking struct {
	// ID is the booking's stable id in the store, e.g. "B-0142".
	ID string
	// Sequence is the RFC 5545 SEQUENCE; see NextSequence.
	Sequence int
	// Status decides STATUS, TRANSP and the SUMMARY prefix.
	Status booking.Status
	// Start and End bound the booking; End must be after Start.
	Start, End time.Time
	// Pieces are the stretches actually worked: sorted, not overlapping,
	// the first starting at Start and the last ending at End. Empty means
	// one piece from Start to End. Each piece is published as one event
	// per local day it touches (see Days), so no event claims a night, a
	// weekend or a holiday that is not worked.
	Pieces []Piece
	// Production is the name of the production the booking is for, when
	// the calendar is a facility's with several; empty means the
	// calendar's own production.
	Production string
	// Session is what happens, e.g. "Grade" or "ADR"; Episode is optional.
	Session, Episode string
	// Suite and Facility make the LOCATION ("Grade A, Halo Post").
	Suite    Ref
	Facility string
	// ExtraRooms are the further rooms a session of several rooms holds
	// for the same time (remote ADR's remote stage): each suite's feed
	// carries the booking, and the LOCATION names them all.
	ExtraRooms []Room
	// People (crew) and Artistes each get the booking in their own feed.
	People   []Ref
	Artistes []Ref
	// CallTime, when set, is when people are due in (it may precede Start).
	CallTime time.Time
	// Notes go into DESCRIPTION as written; line breaks are kept.
	Notes string
	// Categories become the event's CATEGORIES.
	Categories []string
	// LastModified is when the booking last changed (LAST-MODIFIED).
	LastModified time.Time
	// Stamp is the DTSTAMP; when zero, LastModified is used. Taking it from
	// the booking rather than the clock keeps an unchanged feed byte for byte
	// the same, so subscribers get 304 Not Modified.
	Stamp time.Time
	// Past is how the booking stood before its changes, oldest first (the
	// store's history). Nothing once published is silently dropped: a day
	// the booking no longer has stays in the feeds as CANCELLED at its last
	// published time, and a suite, person or artiste taken off the booking
	// keeps it in their feed as CANCELLED, as a released booking is kept.
	Past []Past
	// Created is when the booking was first recorded (its first history
	// entry); zero when unknown. With Past's Until it dates the booking's
	// history, from which an artiste's journeys that are no more are
	// found (travel.go).
	Created time.Time
}

// Piece is a stretch of time worked, from Start to End.
type Piece struct {
	Start, End time.Time
}

// Room is one suite a booking holds and the facility it is at.
type Room struct {
	Suite    Ref
	Facility string
}

// rooms returns every room the booking holds: Suite, then ExtraRooms;
// nil when it holds none.
func (b Booking) rooms() []Room {
	if b.Suite.ID == "" && b.Suite.Name == "" {
		return nil
	}
	return append([]Room{{b.Suite, b.Facility}}, b.ExtraRooms...)
}

// Past is a booking as it stood before a change: what it was worked in
// and who was on it.
type Past struct {
	Pieces []Piece
	Suite  Ref
	// ExtraSuites are the further rooms it held.
	ExtraSuites []Ref
	People      []Ref
	Artistes    []Ref
	// Status and Sequence are the booking's then.
	Status   booking.Status
	Sequence int
	// Until is when the booking stopped standing so: the time of the
	// change that replaced this state (one commit of the store). A zero
	// Until leaves the state out of the journeys' history.
	Until time.Time
}

// Contact is someone to call about a booking: the production's
// coordinator, or an artiste's agent. Any field may be empty.
type Contact struct {
	Name, Email, Phone string
}

// String is the contact as one line: "Jo Bloggs, jo@harbour.tv, +44 …",
// leaving out empty fields.
func (c Contact) String() string {
	parts := make([]string, 0, 3)
	for _, s := range []string{c.Name, c.Email, c.Phone} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// Sentinel errors for invalid input; Validate wraps them with the booking id.
var (
	// ErrInvalidBooking is the kind of every Booking.Validate error.
	ErrInvalidBooking = errors.New("calendars: invalid booking")
	// ErrInvalidProduction is the kind of every Production.Validate error.
	ErrInvalidProduction = errors.New("calendars: invalid production")
)

// Validate reports the first problem that would make b unexportable.
func (b Booking) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w %q: %s", ErrInvalidBooking, b.ID, fmt.Sprintf(format, args...))
	}
	switch {
	case b.ID == "":
		return bad("empty id")
	case !b.Status.Valid():
		return bad("unknown status %q", b.Status)
	case b.Start.IsZero() || b.End.IsZero():
		return bad("start and end must be set")
	case !b.End.After(b.Start):
		return bad("end %s is not after start %s", b.End.Format(time.RFC3339), b.Start.Format(time.RFC3339))
	case b.Sequence < 0:
		return bad("negative sequence %d", b.Sequence)
	case b.LastModified.IsZero() && b.Stamp.IsZero():
		return bad("needs LastModified or Stamp for DTSTAMP")
	}
	if err := checkPieces(b.Pieces); err != nil {
		return bad("%v", err)
	}
	if n := len(b.Pieces); n > 0 && (!b.Pieces[0].Start.Equal(b.Start) || !b.Pieces[n-1].End.Equal(b.End)) {
		return bad("pieces run %s to %s, not start to end", b.Pieces[0].Start.Format(time.RFC3339), b.Pieces[n-1].End.Format(time.RFC3339))
	}
	for i, p := range b.Past {
		if err := checkPieces(p.Pieces); err != nil {
			return bad("past[%d]: %v", i, err)
		}
	}
	return nil
}

// checkPieces reports the first piece that ends before it starts or
// overlaps the one before.
func checkPieces(ps []Piece) error {
	for i, p := range ps {
		switch {
		case !p.End.After(p.Start):
			return fmt.Errorf("piece %d ends at %s, not after its start %s", i+1, p.End.Format(time.RFC3339), p.Start.Format(time.RFC3339))
		case i > 0 && p.Start.Before(ps[i-1].End):
			return fmt.Errorf("piece %d starts at %s, before piece %d ends", i+1, p.Start.Format(time.RFC3339), i)
		}
	}
	return nil
}

// Validate reports whether p can head a calendar.
func (p Production) Validate() error {
	switch {
	case p.TimeZone == nil:
		return fmt.Errorf("%w %q: no time zone", ErrInvalidProduction, p.Name)
	case p.TimeZone == time.Local || p.TimeZone.String() == "Local" || p.TimeZone.String() == "":
		return fmt.Errorf("%w %q: time zone must be named (e.g. Europe/London), not Local", ErrInvalidProduction, p.Name)
	}
	return nil
}

// stamp is the booking's DTSTAMP.
func (b Booking) stamp() time.Time {
	if !b.Stamp.IsZero() {
		return b.Stamp
	}
	return b.LastModified
}

// NextSequence returns the SEQUENCE that cur should carry given the previous
// export prev of the same booking. It never goes below prev.Sequence, and it
// rises above it when the time (its span or any piece), the place (suite or
// facility) or the status changed, as RFC 5545 section 3.8.7.4 asks for
// significant revisions. A Sequence already raised on cur by the caller is
// kept.
//
// Every event of a booking carries the booking's SEQUENCE, so when one
// piece moves, every piece's event rises: pieces are numbered in time order,
// and a move can shift which day is "day 2", so each event may have
// changed. Events of days the booking no longer has carry it too, so
// their cancellation outranks what was published before.
func NextSequence(prev, cur Booking) int {
	seq := max(prev.Sequence, cur.Sequence)
	changed := !prev.Start.Equal(cur.Start) || !prev.End.Equal(cur.End) ||
		!slices.EqualFunc(prev.worked(), cur.worked(), Piece.equal) ||
		!slices.Equal(prev.rooms(), cur.rooms()) ||
		prev.Status != cur.Status
	if changed && seq == prev.Sequence {
		seq++
	}
	return seq
}
