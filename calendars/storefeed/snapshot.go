package storefeed

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// Reader is the part of the booking store that calendars read: the
// current bookings, and each booking's history for the date it last
// changed. *store.Store implements it; its reads see the last committed
// run while another run is being written.
type Reader interface {
	Bookings(ctx context.Context, f store.Filter) ([]store.Booking, error)
	History(ctx context.Context, bookingID string) ([]store.HistoryEntry, error)
}

// productionKeyer is a Reader that knows the name a production was first
// recorded under (the store does: store.Store.ProductionKey).
type productionKeyer interface {
	ProductionKey(ctx context.Context, production string) (string, error)
}

// Snapshot reads the bookings in r's scope as they stand and returns them
// with the production heading their calendars, ready for calendars.Feeds
// or calendars.ExportDir. The production's Updated is the latest change
// to any of them. Released bookings are kept, so calendars cancel them.
//
// Each booking's LAST-MODIFIED and DTSTAMP are the time of its last
// change in the store's history, not the time of the last run: a run
// that leaves a booking alone leaves its event byte for byte the same.
// They depend on the store alone, so a server restarted on the same
// store dates every event and feed as before, never earlier.
// Each booking carries its past states from the history (calendars.Past),
// so days it no longer has and people taken off it stay in the feeds as
// CANCELLED. With no bookings in scope it returns an empty list and a
// zero Updated.
func Snapshot(ctx context.Context, rd Reader, r Roster) (calendars.Production, []calendars.Booking, error) {
	var d dater
	return d.snapshot(ctx, rd, r)
}

// dater remembers when each booking last changed, so a reader re-reading
// the store asks for the history only of bookings that changed since.
type dater struct {
	seen map[string]dated
}

// dated is a booking as last read, the time of its last change and its
// past states.
type dated struct {
	b        store.Booking
	modified time.Time
	past     []pastState
	created  time.Time
}

// pastState is a booking as it stood before a change, and when that
// change was committed.
type pastState struct {
	b     store.Booking
	until time.Time
}

// snapshot is Snapshot, reusing what d remembers.
func (d *dater) snapshot(ctx context.Context, rd Reader, r Roster) (calendars.Production, []calendars.Booking, error) {
	prod := r.Production
	if kr, ok := rd.(productionKeyer); ok && r.Scope != "" {
		// UIDs end in the name the production was first recorded
		// under, so renaming it changes no event's UID.
		key, err := kr.ProductionKey(ctx, r.Scope)
		if err != nil {
			return prod, nil, fmt.Errorf("storefeed: %w", err)
		}
		if id := model.Slug(key); id != "" {
			prod.ID = id
		}
	}
	bs, err := rd.Bookings(ctx, store.Filter{Production: r.Scope})
	if err != nil {
		return prod, nil, fmt.Errorf("storefeed: read bookings: %w", err)
	}
	seen := make(map[string]dated, len(bs))
	out := make([]calendars.Booking, 0, len(bs))
	nm := r.names()
	for _, b := range bs {
		prev, ok := d.seen[b.ID]
		if !ok || !sameBooking(prev.b, b) {
			if prev.modified, prev.created, prev.past, err = lastChange(ctx, rd, b.ID); err != nil {
				return prod, nil, err
			}
			prev.b = b
		}
		seen[b.ID] = prev
		cb, err := toCalendar(b, prev, nm, r)
		if err != nil {
			return prod, nil, err
		}
		out = append(out, cb)
		if prev.modified.After(prod.Updated) {
			prod.Updated = prev.modified
		}
	}
	d.seen = seen
	return prod, out, nil
}

// lastChange is the time of the booking's latest history entry, the
// time it was first recorded (zero when its history does not start with
// it), and the states it was in before, oldest first, each once with the
// time of the change that ended it: those whose pieces, suite, people,
// artistes or status differ from the state after them.
func lastChange(ctx context.Context, rd Reader, id string) (modified, created time.Time, past []pastState, err error) {
	h, err := rd.History(ctx, id)
	if err != nil {
		return modified, created, nil, fmt.Errorf("storefeed: history of %s: %w", id, err)
	}
	if len(h) == 0 {
		return modified, created, nil, fmt.Errorf("storefeed: booking %s has no history, so no date of change", id)
	}
	if h[0].Old == nil {
		created = h[0].Time.UTC()
	}
	for _, e := range h {
		if e.Old != nil && (!samePlace(*e.Old, e.New) || e.Old.Status != e.New.Status) {
			past = append(past, pastState{b: *e.Old, until: e.Time.UTC()})
		}
	}
	return h[len(h)-1].Time.UTC(), created, past, nil
}

// samePlace reports whether a and b are worked in the same pieces by the
// same suite, people and artistes: all that decides which events of a
// booking a feed holds.
func samePlace(a, b store.Booking) bool {
	return slices.EqualFunc(a.Pieces, b.Pieces, func(p, q store.Piece) bool {
		return p.Start.Equal(q.Start) && p.End.Equal(q.End)
	}) && a.Start.Equal(b.Start) && a.End.Equal(b.End) && slices.Equal(a.Suites(), b.Suites()) &&
		slices.Equal(a.People, b.People) && slices.Equal(a.Artistes, b.Artistes)
}

// sameBooking reports whether a and b show the same in a calendar and
// in the store's history: everything but RunID, which every run moves.
func sameBooking(a, b store.Booking) bool {
	return a.ID == b.ID && a.Production == b.Production && a.Session == b.Session && a.Episode == b.Episode &&
		a.Status == b.Status && samePlace(a, b) && a.Sequence == b.Sequence && a.Note == b.Note
}

// toCalendar is the calendars' view of one store booking, dated and with
// its past as d holds them.
func toCalendar(b store.Booking, d dated, nm names, r Roster) (calendars.Booking, error) {
	if !b.Status.Valid() {
		return calendars.Booking{}, fmt.Errorf("storefeed: booking %s: %w", b.ID, &booking.UnknownError{Word: string(b.Status)})
	}
	cb := calendars.Booking{
		ID:           b.ID,
		Sequence:     b.Sequence,
		Status:       b.Status,
		Start:        b.Start,
		End:          b.End,
		Pieces:       pieces(b.Pieces),
		Production:   r.production(b.Session),
		Session:      b.Session,
		Episode:      episode(b.Episode),
		Notes:        b.Note,
		LastModified: d.modified,
		Created:      d.created,
		People:       refs(b.People, nm.people),
		Artistes:     refs(b.Artistes, nm.artistes),
	}
	if b.Suite != "" {
		cb.Suite = calendars.Ref{ID: b.Suite, Name: nm.suites[b.Suite]}
		info := r.Suites[b.Suite]
		cb.Facility = info.Facility
		if info.Kind != "" {
			cb.Categories = []string{info.Kind}
		}
	}
	for _, id := range b.ExtraSuites {
		cb.ExtraRooms = append(cb.ExtraRooms, calendars.Room{Suite: calendars.Ref{ID: id, Name: nm.suites[id]}, Facility: r.Suites[id].Facility})
	}
	for _, ps := range d.past {
		// A state from before the store kept pieces has none: it was
		// published as one event under the UID of old, so it has no days
		// to cancel, only people.
		p := ps.b
		past := calendars.Past{Pieces: pieces(p.Pieces), People: refs(p.People, nm.people),
			Artistes: refs(p.Artistes, nm.artistes), Status: p.Status, Sequence: p.Sequence, Until: ps.until}
		if p.Suite != "" {
			past.Suite = calendars.Ref{ID: p.Suite, Name: nm.suites[p.Suite]}
		}
		for _, id := range p.ExtraSuites {
			past.ExtraSuites = append(past.ExtraSuites, calendars.Ref{ID: id, Name: nm.suites[id]})
		}
		cb.Past = append(cb.Past, past)
	}
	return cb, nil
}

// pieces converts the store's pieces to the calendars'.
func pieces(ps []store.Piece) []calendars.Piece {
	if len(ps) == 0 {
		return nil
	}
	out := make([]calendars.Piece, len(ps))
	for i, p := range ps {
		out[i] = calendars.Piece{Start: p.Start, End: p.End}
	}
	return out
}

// refs names ids; an id the roster lacks is shown as it is.
func refs(ids []string, names map[string]string) []calendars.Ref {
	if len(ids) == 0 {
		return nil
	}
	out := make([]calendars.Ref, len(ids))
	for i, id := range ids {
		out[i] = calendars.Ref{ID: id, Name: names[id]}
	}
	return out
}

// episode shows the store's episode number as people say it: "3" is
// "Ep 3"; anything else is kept as written.
func episode(e string) string {
	if e != "" && strings.Trim(e, "0123456789") == "" {
		return "Ep " + e
	}
	return e
}
