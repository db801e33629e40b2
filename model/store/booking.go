package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Booking is one booking of a suite and/or people and artistes for a session.
type Booking struct {
	// ID is stable across runs: the same session keeps the same ID when it is
	// re-pencilled, so calendars update it in place.
	ID string `json:"id"`
	// Production, Session and Episode say what the booking is for. Session is
	// shown to people ("ADR"), Episode may be empty.
	Production string `json:"production"`
	Session    string `json:"session"`
	Episode    string `json:"episode,omitempty"`
	// Status is where the booking stands. In a RunInput an empty Status means
	// Pencil.
	Status booking.Status `json:"status"`
	// Start and End bound the booking, End after Start: the start of its
	// first piece and the end of its last. The store keeps instants: times
	// come back in UTC.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Pieces are the stretches actually worked, in order, none overlapping:
	// a split grade worked Mon–Tue and Thu is three pieces, not one block
	// over the nights between. In a RunInput, a booking without pieces is
	// worked in one piece from Start to End, and one with pieces but no
	// Start and End spans them. Bookings read from the store always have
	// them.
	Pieces []Piece `json:"pieces"`
	// Suite is the booked room, empty for a booking of people only.
	Suite string `json:"suite,omitempty"`
	// ExtraSuites are the further rooms a session of several rooms
	// holds for the same pieces (remote ADR: the studio is Suite, the
	// remote stage here), in the session's order.
	ExtraSuites []string `json:"extra_suites,omitempty"`
	// People and Artistes are ids of the crew and performers booked.
	People   []string `json:"people,omitempty"`
	Artistes []string `json:"artistes,omitempty"`
	// Sequence rises by one whenever the booking's time, suite, people,
	// artistes or status changes (the iCalendar SEQUENCE). The store sets it;
	// it is ignored in a RunInput.
	Sequence int `json:"sequence"`
	// RunID is the last run whose schedule held the booking or released it.
	// The store sets it; it is ignored in a RunInput.
	RunID int64 `json:"run_id,omitempty"`
	// Note is free text shown with the booking.
	Note string `json:"note,omitempty"`
	// HeldElsewhere says the slot is held by a first pencil this store
	// does not know (another production's, at a facility that told the
	// coordinator): the booking stays a second pencil even though nothing
	// in the store holds its slot, until a run asks for a first pencil. A
	// run sets it by asking for a SecondPencil; the store keeps it.
	HeldElsewhere bool `json:"held_elsewhere,omitempty"`
}

// Label is how a report names the booking: "ADR Ep 3", or the ID when the
// booking has no session name.
func (b Booking) Label() string {
	l := b.Session
	if l == "" {
		l = b.ID
	}
	if b.Episode != "" {
		l += " Ep " + b.Episode
	}
	return l
}

// Suites returns every room the booking holds: Suite, then ExtraSuites;
// nil for a booking of people only.
func (b Booking) Suites() []string {
	if b.Suite == "" {
		return nil
	}
	return append([]string{b.Suite}, b.ExtraSuites...)
}

// holdsSuite reports whether the booking holds room id.
func (b Booking) holdsSuite(id string) bool {
	return id != "" && (b.Suite == id || slices.Contains(b.ExtraSuites, id))
}

// overlaps reports whether a and b share a suite and some worked time.
func (b Booking) overlaps(o Booking) bool {
	if !slices.ContainsFunc(b.Suites(), o.holdsSuite) || !b.Start.Before(o.End) || !o.Start.Before(b.End) {
		return false
	}
	_, ok := piecesOverlap(b.Pieces, o.Pieces)
	return ok
}

// sameTime reports whether b and o are worked at the same times.
func (b Booking) sameTime(o Booking) bool {
	return b.Start.Equal(o.Start) && b.End.Equal(o.End) && samePieces(b.Pieces, o.Pieces)
}

// samePlace reports whether b and o have the same suite, people and artistes.
func (b Booking) samePlace(o Booking) bool {
	return b.Suite == o.Suite && slices.Equal(b.ExtraSuites, o.ExtraSuites) && slices.Equal(b.People, o.People) && slices.Equal(b.Artistes, o.Artistes)
}

// sameDetails reports whether b and o agree on the fields that neither move
// nor reassign a booking.
func (b Booking) sameDetails(o Booking) bool {
	return b.Production == o.Production && b.Session == o.Session && b.Episode == o.Episode && b.Note == o.Note &&
		b.HeldElsewhere == o.HeldElsewhere
}

// Filter selects bookings. Zero fields match everything.
type Filter struct {
	Production string
	Suite      string
	Person     string // bookings with this person among People
	Artiste    string // bookings with this artiste among Artistes
	// Statuses keeps bookings with one of these statuses; empty keeps all.
	Statuses []booking.Status
	// From and To keep bookings worked at some time in [From, To): a
	// booking whose span covers the window but whose pieces all fall
	// outside it (a weekend between two days of work) is left out. A zero
	// bound is open.
	From, To time.Time
}

// Bookings returns the current bookings that match f, by start time then ID.
func (s *Store) Bookings(ctx context.Context, f Filter) ([]Booking, error) {
	var where []string
	var args []any
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.Production != "" {
		add("production = ?", f.Production)
	}
	if f.Suite != "" {
		where = append(where, "(suite = ? OR "+s.dialect.hasElement("extra_suites")+")")
		args = append(args, f.Suite, f.Suite)
	}
	if f.Person != "" {
		add(s.dialect.hasElement("people"), f.Person)
	}
	if f.Artiste != "" {
		add(s.dialect.hasElement("artistes"), f.Artiste)
	}
	if !f.From.IsZero() {
		add("end_at > ?", stamp(f.From))
	}
	if !f.To.IsZero() {
		add("start_at < ?", stamp(f.To))
	}
	if len(f.Statuses) > 0 {
		marks := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			marks[i] = "?"
			args = append(args, string(st))
		}
		where = append(where, "status IN ("+strings.Join(marks, ", ")+")")
	}
	q := "SELECT " + bookingColumns + " FROM bookings"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY start_at, id"
	var out []Booking
	err := s.read(ctx, "list bookings", func(tx dbtx) error {
		rows, err := queryRows(ctx, tx, q, args...)
		for _, r := range rows {
			if f.worked(r.Booking) {
				out = append(out, r.Booking)
			}
		}
		return err
	})
	return out, err
}

// worked reports whether b is worked inside f's window.
func (f Filter) worked(b Booking) bool {
	if f.From.IsZero() && f.To.IsZero() {
		return true
	}
	for _, p := range b.Pieces {
		if (f.From.IsZero() || p.End.After(f.From)) && (f.To.IsZero() || p.Start.Before(f.To)) {
			return true
		}
	}
	return false
}

// row is a booking as stored, with the store's private fields.
type row struct {
	Booking
	rank int64 // hold_rank: earlier pencils hold a contested slot
}

// bookingColumns lists the columns scanRow reads, in order.
const bookingColumns = "id, production, session, episode, status, suite, people, artistes, start_at, end_at, sequence, run_id, note, hold_rank, pieces, held_elsewhere, extra_suites"

// queryRows runs a query selecting bookingColumns and scans every row.
func queryRows(ctx context.Context, q queryer, query string, args ...any) ([]*row, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query bookings: %w", err)
	}
	defer rows.Close()
	var out []*row
	for rows.Next() {
		var (
			r                       row
			status, people, artists string
			extraSuites             string
			start, end, pieces      string
			runID                   sql.NullInt64
		)
		if err := rows.Scan(&r.ID, &r.Production, &r.Session, &r.Episode, &status, &r.Suite, &people, &artists,
			&start, &end, &r.Sequence, &runID, &r.Note, &r.rank, &pieces, &r.HeldElsewhere, &extraSuites); err != nil {
			return nil, fmt.Errorf("scan booking: %w", err)
		}
		if r.Status, err = booking.Parse(status); err != nil {
			return nil, fmt.Errorf("booking %s: %w", r.ID, err)
		}
		r.RunID = runID.Int64
		if err := json.Unmarshal([]byte(people), &r.People); err != nil {
			return nil, fmt.Errorf("booking %s: people: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(artists), &r.Artistes); err != nil {
			return nil, fmt.Errorf("booking %s: artistes: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(extraSuites), &r.ExtraSuites); err != nil {
			return nil, fmt.Errorf("booking %s: extra suites: %w", r.ID, err)
		}
		if len(r.ExtraSuites) == 0 {
			r.ExtraSuites = nil
		}
		if r.Start, err = parseStamp(start); err != nil {
			return nil, fmt.Errorf("booking %s: %w", r.ID, err)
		}
		if r.End, err = parseStamp(end); err != nil {
			return nil, fmt.Errorf("booking %s: %w", r.ID, err)
		}
		if r.Pieces, err = decodePieces(pieces); err != nil {
			return nil, fmt.Errorf("booking %s: pieces: %w", r.ID, err)
		}
		r.Booking = r.Booking.withPieces()
		out = append(out, &r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read bookings: %w", err)
	}
	return out, nil
}

// upsertBatch writes bookings, inserting or replacing them, given each
// booking's rowArgs.
func upsertBatch() *batch {
	return newBatch(`INSERT INTO bookings (`+bookingColumns+`) VALUES `, 17, upsertConflict)
}

// upsertConflict makes an insert of a booking that exists replace it.
const upsertConflict = `ON CONFLICT (id) DO UPDATE SET production = excluded.production, session = excluded.session,
		episode = excluded.episode, status = excluded.status, suite = excluded.suite,
		people = excluded.people, artistes = excluded.artistes, start_at = excluded.start_at,
		end_at = excluded.end_at, sequence = excluded.sequence, run_id = excluded.run_id,
		note = excluded.note, hold_rank = excluded.hold_rank, pieces = excluded.pieces,
		held_elsewhere = excluded.held_elsewhere, extra_suites = excluded.extra_suites`

// rowArgs returns r's values for bookingColumns, as stored.
func rowArgs(r *row) ([]any, error) {
	people, err := json.Marshal(nonNil(r.People))
	if err != nil {
		return nil, fmt.Errorf("booking %s: people: %w", r.ID, err)
	}
	artistes, err := json.Marshal(nonNil(r.Artistes))
	if err != nil {
		return nil, fmt.Errorf("booking %s: artistes: %w", r.ID, err)
	}
	extraSuites, err := json.Marshal(nonNil(r.ExtraSuites))
	if err != nil {
		return nil, fmt.Errorf("booking %s: extra suites: %w", r.ID, err)
	}
	pieces, err := encodePieces(r.withPieces().Pieces)
	if err != nil {
		return nil, fmt.Errorf("booking %s: pieces: %w", r.ID, err)
	}
	var runID any
	if r.RunID != 0 {
		runID = r.RunID
	}
	return []any{r.ID, r.Production, r.Session, r.Episode, string(r.Status), r.Suite, string(people), string(artistes),
		stamp(r.Start), stamp(r.End), r.Sequence, runID, r.Note, r.rank, pieces, r.HeldElsewhere, string(extraSuites)}, nil
}

// nonNil returns an empty slice for nil, so JSON holds [] rather than null.
func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}
