package storefeed

import (
	"context"
	"fmt"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/callsheet"
)

// CallSheetInput reads what a call sheet lists from the committed record:
// the bookings in r's scope as Snapshot reads them, and the journeys the
// artistes' calendar feeds show (live ones; cancelled journeys call
// nobody), so the sheet and the feeds always agree.
func CallSheetInput(ctx context.Context, rd Reader, r Roster) (callsheet.Input, error) {
	prod, bs, err := Snapshot(ctx, rd, r)
	if err != nil {
		return callsheet.Input{}, err
	}
	in := callsheet.Input{Production: prod.Name, Location: prod.TimeZone, DayStart: prod.DayStart}
	if len(bs) == 0 {
		return in, nil
	}
	feeds, err := calendars.Feeds(prod, bs)
	if err != nil {
		return in, fmt.Errorf("storefeed: call sheet: %w", err)
	}
	for _, b := range bs {
		cb := callsheet.Booking{ID: b.ID, Session: b.Session, Episode: b.Episode, Status: b.Status,
			People: sheetRefs(b.People), Artistes: sheetRefs(b.Artistes)}
		if b.Suite.ID != "" {
			cb.Suites = append(cb.Suites, callsheet.Ref(b.Suite))
		}
		for _, room := range b.ExtraRooms {
			cb.Suites = append(cb.Suites, callsheet.Ref(room.Suite))
		}
		for _, p := range b.Pieces {
			cb.Pieces = append(cb.Pieces, callsheet.Piece(p))
		}
		if len(cb.Pieces) == 0 {
			cb.Pieces = []callsheet.Piece{{Start: b.Start, End: b.End}}
		}
		in.Bookings = append(in.Bookings, cb)
	}
	for _, f := range feeds {
		if f.Kind != calendars.KindArtiste {
			continue
		}
		for _, t := range f.Trips() {
			if !t.Cancelled {
				in.Journeys = append(in.Journeys, callsheet.Journey{Artiste: callsheet.Ref(f.Owner), Booking: t.Booking,
					Home: t.Home, To: t.To, Start: t.Start, End: t.End, Status: t.Status})
			}
		}
	}
	return in, nil
}

// sheetRefs converts the calendars' refs.
func sheetRefs(rs []calendars.Ref) []callsheet.Ref {
	out := make([]callsheet.Ref, len(rs))
	for i, r := range rs {
		out[i] = callsheet.Ref(r)
	}
	return out
}
