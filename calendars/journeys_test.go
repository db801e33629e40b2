package calendars

import (
	"fmt"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// journeyHistory is Maya's ADR over two commits, t0 and t1 (an hour
// later), with her 2h journeys. At t0 she had three visits: J-1 on Mon 2
// Nov, J-2 on Thu 5 Nov and J-3 on Tue 10 Nov. At t1 J-2 was re-pencilled
// to Tue 3 Nov and J-3 released, so her one visit now runs from J-1 to
// J-2: J-1's journey home, J-2's journey there and both of J-3's are
// cancelled, and J-2's journey home moves.
func journeyHistory(t testing.TB) (Production, []Booking) {
	london := mustZone(t, "Europe/London")
	t0 := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	t1 := t0.Add(time.Hour)
	adr := func(id string, d int) Piece {
		return Piece{Start: at(london, 2026, 11, d, 10, 0), End: at(london, 2026, 11, d, 14, 0)}
	}
	b := func(id string, seq int, st booking.Status, p Piece, past ...Past) Booking {
		return Booking{ID: id, Sequence: seq, Status: st, Start: p.Start, End: p.End, Session: "ADR", Episode: "Ep 2",
			Suite: suiteADR, Facility: "Halo Post", Artistes: []Ref{maya}, Created: t0, LastModified: t0, Past: past}
	}
	was := func(p Piece, until time.Time) Past {
		return Past{Pieces: []Piece{p}, Suite: suiteADR, Artistes: []Ref{maya}, Status: booking.Pencil, Until: until}
	}
	j2 := b("J-2", 1, booking.Pencil, adr("J-2", 3), was(adr("J-2", 5), t1))
	j3 := b("J-3", 1, booking.Released, adr("J-3", 10), was(adr("J-3", 10), t1))
	j2.LastModified, j3.LastModified = t1, t1
	return Production{ID: "journeys", Name: "Journeys", TimeZone: london, Updated: t1, Artistes: []Ref{maya},
			Travel: map[string]Journey{maya.ID: {Time: 2 * time.Hour, PerVisit: 150}}},
		[]Booking{b("J-1", 0, booking.Pencil, adr("J-1", 2)), j2, j3}
}

// TestJourneyHistory: journeys the feed showed at an earlier commit and
// shows no more stay CANCELLED at their last time, their SEQUENCE above
// the one shown; a journey that moved keeps its UID at a raised SEQUENCE.
func TestJourneyHistory(t *testing.T) {
	prod, bookings := journeyHistory(t)
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range feeds {
		for _, e := range f.events() {
			if e.leg == legNone {
				continue
			}
			if f.Kind != KindArtiste {
				t.Errorf("%s has journey %s", f.Key, e.uid(prod))
			}
			st := "live"
			if e.cancelled() {
				st = "cancelled"
			}
			got = append(got, e.uid(prod)+" "+e.piece.Start.In(prod.TimeZone).Format("Mon 2 15:04")+" "+st+" "+string(rune('0'+e.sequence())))
		}
	}
	want := []string{
		"J-1-travel-to@journeys.pencil Mon 2 08:00 live 0",
		"J-1-travel-home@journeys.pencil Mon 2 14:00 cancelled 1",
		"J-2-travel-home@journeys.pencil Tue 3 14:00 live 1",
		"J-2-travel-to@journeys.pencil Thu 5 08:00 cancelled 1",
		"J-3-travel-to@journeys.pencil Tue 10 08:00 cancelled 1",
		"J-3-travel-home@journeys.pencil Tue 10 14:00 cancelled 1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("journeys\n%q\nwant\n%q", got, want)
	}
}

// BenchmarkJourneyHistory renders the feed of an artiste with travel on
// 60 bookings, each re-pencilled 5 times at its own commit (300 commits
// to replay), and the same feed with no history (only the journeys of
// now).
func BenchmarkJourneyHistory(b *testing.B) {
	london := mustZone(b, "Europe/London")
	t0 := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	prod := Production{ID: "bench", Name: "Bench", TimeZone: london, Artistes: []Ref{maya},
		Travel: map[string]Journey{maya.ID: {Time: 3 * time.Hour, PerVisit: 220, HoldPerDay: 100}}}
	var bookings []Booking
	for i := range 60 {
		day := func(d int) Piece {
			s := time.Date(2026, 9, 1, 10, 0, 0, 0, london).AddDate(0, 0, d)
			return Piece{Start: s, End: s.Add(4 * time.Hour)}
		}
		var past []Past
		for k := range 5 {
			past = append(past, Past{Pieces: []Piece{day(2*i + k)}, Artistes: []Ref{maya}, Status: booking.Pencil, Sequence: k,
				Until: t0.Add(time.Duration(i*5+k+1) * time.Minute)})
		}
		p := day(2*i + 5)
		bookings = append(bookings, Booking{ID: fmt.Sprintf("B-%02d", i), Sequence: 5, Status: booking.Pencil, Start: p.Start, End: p.End,
			Session: "ADR", Artistes: []Ref{maya}, Created: t0, LastModified: t0.Add(time.Hour), Past: past})
	}
	undated := slices.Clone(bookings)
	for i := range undated {
		undated[i].Created, undated[i].Past = time.Time{}, nil
	}
	for _, bm := range []struct {
		name string
		bs   []Booking
	}{{"history", bookings}, {"now-only", undated}} {
		b.Run(bm.name, func(b *testing.B) {
			f := Feed{Key: "artiste/maya", Kind: KindArtiste, Owner: maya, Production: prod, Bookings: bm.bs}
			b.ReportAllocs()
			for b.Loop() {
				if err := WriteCalendar(io.Discard, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
