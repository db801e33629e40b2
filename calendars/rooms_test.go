package calendars

import (
	"testing"

	"github.com/pencil-post/pencil/model/booking"
)

// TestBookingOfSeveralRooms: each room's feed carries a remote ADR
// booking live; a remote stage taken off the booking keeps it there,
// cancelled; a change of room raises the SEQUENCE.
func TestBookingOfSeveralRooms(t *testing.T) {
	london := mustZone(t, "Europe/London")
	glasgow, leeds := Ref{ID: "glasgow", Name: "Glasgow Remote Stage"}, Ref{ID: "leeds", Name: "Leeds Remote Stage"}
	prod := Production{ID: "harbour-lights", Name: "Harbour Lights", TimeZone: london, Suites: []Ref{suiteADR, glasgow, leeds}}
	piece := Piece{Start: at(london, 2026, 10, 20, 14, 0), End: at(london, 2026, 10, 20, 18, 0)}
	b := Booking{ID: "B-0190", Status: booking.Pencil, Start: piece.Start, End: piece.End, Session: "ADR", Episode: "Ep 3",
		LastModified: at(london, 2026, 10, 1, 12, 0), Suite: suiteADR, Facility: "London", ExtraRooms: []Room{{Suite: leeds, Facility: "Leeds"}}, Artistes: []Ref{maya},
		Past: []Past{{Pieces: []Piece{piece}, Suite: suiteADR, ExtraSuites: []Ref{glasgow}, Artistes: []Ref{maya}}}}
	feeds, err := Feeds(prod, []Booking{b})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]cancelReason{"suite/adr-1": live, "suite/leeds": live, "suite/glasgow": ownerLeft, "artiste/maya": live}
	for _, f := range feeds {
		w, ok := want[f.Key]
		if !ok {
			continue
		}
		evs := f.events()
		if len(evs) != 1 || evs[0].why != w {
			t.Errorf("%s: events %+v, want one with reason %v", f.Key, evs, w)
		}
		delete(want, f.Key)
	}
	if len(want) != 0 {
		t.Errorf("no feeds %v", want)
	}
	if got := location(feeds[0], b); got != "ADR 1, London; Leeds Remote Stage, Leeds" {
		t.Errorf("LOCATION %q, want both rooms with their facilities", got)
	}
	prev := b
	prev.ExtraRooms = []Room{{Suite: glasgow, Facility: "Glasgow"}}
	if NextSequence(prev, b) != prev.Sequence+1 {
		t.Errorf("a change of remote stage keeps SEQUENCE %d", NextSequence(prev, b))
	}
}
