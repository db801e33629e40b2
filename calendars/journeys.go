package calendars

import (
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// standing is a booking of an artiste's feed as it stood at one moment:
// the local days it was worked in, its status and sequence then. b is
// the booking now, which names the journeys it carries.
type standing struct {
	b    *Booking
	days []dayPiece
	// travels says whether the owner was on it and it was a live hold
	// (neither released nor a second pencil): whether it brought journeys.
	travels bool
	status  booking.Status
	seq     int
}

// dayPiece is a piece within one local date, and that date as days since
// the epoch.
type dayPiece struct {
	p   Piece
	day int
}

// localDays splits pieces at local midnights (Days) and dates them.
func localDays(pieces []Piece, loc *time.Location) []dayPiece {
	ds := Days(pieces, loc)
	out := make([]dayPiece, len(ds))
	for i, p := range ds {
		y, m, d := p.Start.In(loc).Date()
		out[i] = dayPiece{p, int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)}
	}
	return out
}

// history is one booking's states: as first recorded and after each
// dated change, with when each ended (until), then as it stands now.
type history struct {
	created time.Time
	past    []standing
	until   []time.Time
	now     standing
}

// journeyKey names one journey of a feed: the booking carrying it, the
// leg, and which of that booking's journeys of that leg (from 0).
type journeyKey struct {
	id  string
	leg travelLeg
	nth int
}

// journeyLeg is one journey at one moment.
type journeyLeg struct {
	key   journeyKey
	s     standing
	piece Piece
}

// journeyTrack is one journey over the history: whether the feed shows it
// now (on), where it is (or last was), and its SEQUENCE.
type journeyTrack struct {
	key   journeyKey
	b     Booking
	on    bool
	piece Piece
	seq   int
	// status is the booking's status when the journey was last shown.
	status booking.Status
}

// journeyTracks replays the feed's history, from the bookings' dated
// past states (Past.Until, Booking.Created), and returns every journey
// the feed has shown, in the order first shown. A journey the feed
// shows now is on, at its booking's status; one it showed at some
// earlier commit and shows no more is off, at the time last shown, so
// that subscribed calendars remove it rather than keep a stale "Travel
// to…". The SEQUENCE of a journey is its booking's then, raised by one
// at each commit that moved, re-statused, dropped or brought back the
// journey without raising its booking's (NextSequence for journeys).
// Without dated history the journeys are those of now at their
// bookings' sequences.
func (f Feed) journeyTracks(j Journey) []journeyTrack {
	loc := f.Production.TimeZone
	tracks := map[journeyKey]*journeyTrack{}
	var order []journeyKey
	moments := f.moments()
	hs := f.histories(loc)
	var (
		sc         visitScratch
		ss         []standing
		travelling []standing
		seqOf      = map[string]int{}
		shown      = map[journeyKey]journeyLeg{}
	)
	for i := 0; i <= len(moments); i++ {
		at := time.Time{} // now, after the last moment
		if i < len(moments) {
			at = moments[i]
		}
		ss = standingAt(ss[:0], hs, at)
		clear(seqOf)
		travelling = travelling[:0]
		for _, s := range ss {
			seqOf[s.b.ID] = s.seq
			if s.travels {
				travelling = append(travelling, s)
			}
		}
		clear(shown)
		for _, l := range sc.visits(travelling, j) {
			shown[l.key] = l
			if tracks[l.key] == nil {
				tracks[l.key] = &journeyTrack{key: l.key, b: *l.s.b, on: true, piece: l.piece, seq: l.s.seq, status: l.s.status}
				order = append(order, l.key)
			}
		}
		for _, k := range order {
			t := tracks[k]
			l, on := shown[k]
			changed := on != t.on || on && (!l.piece.equal(t.piece) || l.s.status != t.status)
			seq := max(t.seq, seqOf[k.id])
			if changed && seq == t.seq {
				seq++
			}
			t.on, t.seq = on, seq
			if on {
				t.piece, t.status = l.piece, l.s.status
			}
		}
	}
	out := make([]journeyTrack, len(order))
	for i, k := range order {
		out[i] = *tracks[k]
	}
	return out
}

// moments are the times of the feed's bookings' recorded changes, in
// order: every Created and Until, each once.
func (f Feed) moments() []time.Time {
	var ts []time.Time
	for _, b := range f.Bookings {
		if !b.Created.IsZero() {
			ts = append(ts, b.Created)
		}
		for _, p := range b.Past {
			if !p.Until.IsZero() {
				ts = append(ts, p.Until)
			}
		}
	}
	slices.SortFunc(ts, time.Time.Compare)
	return slices.CompactFunc(ts, time.Time.Equal)
}

// histories are the feed's bookings' states, each split into local days
// once. A past state without pieces (from before the store kept them)
// or without a date is passed over.
func (f Feed) histories(loc *time.Location) []history {
	hs := make([]history, len(f.Bookings))
	for i := range f.Bookings {
		b := &f.Bookings[i]
		h := history{created: b.Created, now: standing{b: b, days: localDays(b.worked(), loc), travels: f.holds(*b), status: b.Status, seq: b.Sequence}}
		for _, p := range b.Past {
			if p.Until.IsZero() || len(p.Pieces) == 0 {
				continue
			}
			on := slices.ContainsFunc(p.Artistes, func(r Ref) bool { return r.ID == f.Owner.ID })
			h.past = append(h.past, standing{b: b, days: localDays(p.Pieces, loc), travels: on, status: p.Status, seq: p.Sequence})
			h.until = append(h.until, p.Until)
		}
		hs[i] = h
	}
	return hs
}

// standingAt appends to out the bookings as they stood after the
// changes at t (a zero t is now): each in the first past state that
// ended after t, else as it stands now; a booking created after t is
// left out.
func standingAt(out []standing, hs []history, t time.Time) []standing {
	for _, h := range hs {
		if !t.IsZero() && t.Before(h.created) {
			continue
		}
		s := h.now
		if !t.IsZero() {
			for k, u := range h.until {
				if u.After(t) {
					s = h.past[k]
					break
				}
			}
		}
		s.travels = s.travels && s.status != booking.Released && s.status != booking.SecondPencil
		out = append(out, s)
	}
	return out
}
