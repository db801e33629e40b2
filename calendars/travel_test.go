package calendars

import (
	"slices"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// TestJourneys: an artiste's feed shows the journey there before the
// first session of each visit and home after its last; consecutive days
// are one visit, and so is a gap the artiste is held over.
func TestJourneys(t *testing.T) {
	london := mustZone(t, "Europe/London")
	adr := func(id string, d, from, to int, st booking.Status) Booking {
		return Booking{ID: id, Status: st, Start: at(london, 2026, 11, d, from, 0), End: at(london, 2026, 11, d, to, 0),
			Session: "ADR", Suite: suiteADR, Facility: "Halo Post", Artistes: []Ref{maya}}
	}
	split := func(id string, d1, d2 int) Booking {
		b := adr(id, d1, 15, 17, booking.Pencil)
		b.End = at(london, 2026, 11, d2, 17, 0)
		b.Pieces = []Piece{{b.Start, at(london, 2026, 11, d1, 17, 0)}, {at(london, 2026, 11, d2, 15, 0), b.End}}
		return b
	}
	tests := []struct {
		name     string
		hold     float64
		bookings []Booking
		want     []string // "UID start-end" in local hours
	}{
		{"one visit over two days", 0, []Booking{adr("B-1", 2, 15, 17, booking.Pencil), adr("B-2", 3, 12, 16, booking.Confirmed)},
			[]string{"B-1-travel-to 12:00-15:00", "B-2-travel-home 16:00-19:00"}},
		{"two visits", 0, []Booking{adr("B-1", 2, 15, 17, booking.Pencil), adr("B-2", 4, 15, 16, booking.Pencil)},
			[]string{"B-1-travel-to 12:00-15:00", "B-1-travel-home 17:00-20:00", "B-2-travel-to 12:00-15:00", "B-2-travel-home 16:00-19:00"}},
		{"a day held over", 100, []Booking{adr("B-1", 2, 15, 17, booking.Pencil), adr("B-2", 4, 15, 16, booking.Pencil)},
			[]string{"B-1-travel-to 12:00-15:00", "B-2-travel-home 16:00-19:00"}},
		{"one booking opening two visits numbers the second", 0, []Booking{split("B-1", 2, 5)},
			[]string{"B-1-travel-to 12:00-15:00", "B-1-travel-home 17:00-20:00", "B-1-travel-to-2 12:00-15:00", "B-1-travel-home-2 17:00-20:00"}},
		{"released and second pencils bring none", 0, []Booking{adr("B-1", 2, 15, 17, booking.Released), adr("B-2", 4, 15, 16, booking.SecondPencil)},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prod := Production{ID: "p", Name: "P", TimeZone: london,
				Travel: map[string]Journey{maya.ID: {Time: 3 * time.Hour, PerVisit: 220, HoldPerDay: tt.hold}}}
			f := Feed{Kind: KindArtiste, Owner: maya, Production: prod, Bookings: tt.bookings}
			var got []string
			for _, e := range f.events() {
				if e.leg != legNone {
					got = append(got, e.uid(prod)[:len(e.uid(prod))-len("@p.pencil")]+" "+
						e.piece.Start.In(london).Format("15:04")+"-"+e.piece.End.In(london).Format("15:04"))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("journeys %q, want %q", got, tt.want)
			}
			// A suite's feed has none.
			f.Kind, f.Owner = KindSuite, suiteADR
			for _, e := range f.events() {
				if e.leg != legNone {
					t.Errorf("suite feed has journey %s", e.uid(prod))
				}
			}
		})
	}
}
