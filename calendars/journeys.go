package calendars

import (
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// standing is a booking of an artiste's feed as it stood at one moment:
// the pieces it was worked in, its status and sequence then. b is the
// booking now, which names the journeys it carries.
type standing struct {
	b      Booking
	pieces []Piece
	// travels says whether the owner was on it and it was a live hold
	// (neither released nor a second pencil): whether it brought journeys.
	travels bool
	status  booking.Status
	seq     int
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
	for i := 0; i <= len(moments); i++ {
		var ss []standing
		if i < len(moments) {
			ss = f.standingAt(moments[i])
		} else {
			ss = f.standingAt(time.Time{}) // now
		}
		seqOf := make(map[string]int, len(ss))
		var travelling []standing
		for _, s := range ss {
			seqOf[s.b.ID] = s.seq
			if s.travels {
				travelling = append(travelling, s)
			}
		}
		shown := map[journeyKey]journeyLeg{}
		for _, l := range visits(travelling, j, loc) {
			shown[l.key] = l
			if tracks[l.key] == nil {
				tracks[l.key] = &journeyTrack{key: l.key, b: l.s.b, on: true, piece: l.piece, seq: l.s.seq, status: l.s.status}
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

// standingAt is the feed's bookings as they stood after the changes at
// t (a zero t is now): each in the first past state dated after t, else
// as it stands now; a booking created after t is left out. A past state
// without pieces (from before the store kept them) is passed over.
func (f Feed) standingAt(t time.Time) []standing {
	var out []standing
	for _, b := range f.Bookings {
		if !t.IsZero() && t.Before(b.Created) {
			continue
		}
		s := standing{b: b, pieces: b.worked(), travels: f.holds(b), status: b.Status, seq: b.Sequence}
		for _, p := range b.Past {
			if t.IsZero() || p.Until.IsZero() || !p.Until.After(t) || len(p.Pieces) == 0 {
				continue
			}
			on := slices.ContainsFunc(p.Artistes, func(r Ref) bool { return r.ID == f.Owner.ID })
			s = standing{b: b, pieces: p.Pieces, travels: on, status: p.Status, seq: p.Sequence}
			break
		}
		s.travels = s.travels && s.status != booking.Released && s.status != booking.SecondPencil
		out = append(out, s)
	}
	return out
}
