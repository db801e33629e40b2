package calendars

import (
	"errors"
	"fmt"
	"time"
)

// Status is the state of a booking as the crew is told it.
type Status string

// Booking statuses, as the booking store spells them.
const (
	// StatusPencil is a first pencil: a tentative hold with priority.
	StatusPencil Status = "pencil"
	// StatusSecondPencil is a hold behind someone else's first pencil.
	StatusSecondPencil Status = "second-pencil"
	// StatusConfirmed is a firm booking people have been told about.
	StatusConfirmed Status = "confirmed"
	// StatusReleased is a dropped booking; it stays in feeds as CANCELLED so
	// subscribed calendars remove it.
	StatusReleased Status = "released"
)

// Valid reports whether s is one of the four known statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusPencil, StatusSecondPencil, StatusConfirmed, StatusReleased:
		return true
	}
	return false
}

// Tentative reports whether s is a first or second pencil.
func (s Status) Tentative() bool {
	return s == StatusPencil || s == StatusSecondPencil
}

// Ref names a suite, person or artiste. ID is stable and keys feeds and file
// names; Name is what people read.
type Ref struct {
	ID   string // stable id, e.g. "grade-a" or "sam"
	Name string // shown to people, e.g. "Grade A"; the ID when empty
}

// label is the name shown to people, falling back to the id.
func (r Ref) label() string {
	if r.Name != "" {
		return r.Name
	}
	return r.ID
}

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
	// Updated is when the production's schedule last changed. It is the
	// LAST-MODIFIED of a calendar with no bookings and picks the zone rules
	// written into it; calendars with bookings are dated by their bookings
	// alone, so an unchanged feed stays byte for byte the same across runs.
	Updated time.Time
	// Suites, People and Artistes list everyone who gets a feed, even with
	// no bookings yet. Anyone named in a booking gets a feed regardless.
	Suites, People, Artistes []Ref
}

// Booking is the read-only view of one booking that calendars export.
type Booking struct {
	// ID is the booking's stable id in the store, e.g. "B-0142".
	ID string
	// Sequence is the RFC 5545 SEQUENCE; see NextSequence.
	Sequence int
	// Status decides STATUS, TRANSP and the SUMMARY prefix.
	Status Status
	// Start and End bound the booking; End must be after Start.
	Start, End time.Time
	// Session is what happens, e.g. "Grade" or "ADR"; Episode is optional.
	Session, Episode string
	// Suite and Facility make the LOCATION ("Grade A, Halo Post").
	Suite    Ref
	Facility string
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
// rises above it when the time, the place (suite or facility) or the status
// changed, as RFC 5545 section 3.8.7.4 asks for significant revisions. A
// Sequence already raised on cur by the caller is kept.
func NextSequence(prev, cur Booking) int {
	seq := max(prev.Sequence, cur.Sequence)
	changed := !prev.Start.Equal(cur.Start) || !prev.End.Equal(cur.End) ||
		prev.Suite.ID != cur.Suite.ID || prev.Facility != cur.Facility ||
		prev.Status != cur.Status
	if changed && seq == prev.Sequence {
		seq++
	}
	return seq
}
