package calendars

import (
	"flag"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/calendars")

// goldenRoot is the repository's testdata/calendars, seen from this package.
const goldenRoot = "../testdata/calendars"

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}

// at is wall-clock time in loc.
func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

var (
	suiteGradeA = Ref{ID: "grade-a", Name: "Grade A"}
	suiteADR    = Ref{ID: "adr-1", Name: "ADR 1"}
	suiteOff    = Ref{ID: "offline-1", Name: "Offline 1"}
	suiteMix    = Ref{ID: "mix-1", Name: "Mix Stage 1"}
	ines        = Ref{ID: "ines", Name: "Inès Moreau"}
	sam         = Ref{ID: "sam", Name: "Sam Okafor"}
	dev         = Ref{ID: "dev", Name: "Dev Anand"}
	rosa        = Ref{ID: "rosa", Name: "Rosa Lind"}
	maya        = Ref{ID: "maya", Name: "Maya Rees"}
)

// harbourLights is a small production in Europe/London with a confirmed
// grade, a pencilled ADR session, a second pencil, a released booking and
// two offline days either side of the end of British Summer Time (Sunday
// 25 October 2026).
func harbourLights(t testing.TB) (Production, []Booking) {
	london := mustZone(t, "Europe/London")
	edited := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	prod := Production{
		ID: "harbour-lights", Name: "Harbour Lights", TimeZone: london, Updated: edited,
		Suites:  []Ref{suiteGradeA, suiteADR, suiteOff, suiteMix},
		People:  []Ref{ines, sam, dev, rosa, {ID: "joe", Name: "Joe Bloggs"}},
		Contact: Contact{Name: "Jo Bloggs", Email: "jo@harbour.tv", Phone: "+44 20 7946 0000"},
		Agents:  map[string]Contact{"maya": {Name: "Kim Ode", Email: "kim@odeagency.co.uk"}},
		// Maya travels 1h30m each way: her feed shows the journeys.
		Travel: map[string]Journey{"maya": {Time: 90 * time.Minute, PerVisit: 180}},
	}
	day := func(d, from, to int) Piece {
		return Piece{Start: at(london, 2026, 10, d, from, 0), End: at(london, 2026, 10, d, to, 0)}
	}
	bookings := []Booking{
		{
			// A split grade, worked Mon, Tue and Thu; it was Mon to Thu with
			// Rosa assisting, so Thursday's day 4 and Rosa's days are cancelled.
			ID: "B-0142", Sequence: 2, Status: booking.Confirmed,
			Start: at(london, 2026, 10, 12, 9, 0), End: at(london, 2026, 10, 15, 19, 0),
			Pieces:  []Piece{day(12, 9, 19), day(13, 9, 19), day(15, 9, 19)},
			Session: "Grade", Episode: "Ep 1", Suite: suiteGradeA, Facility: "Halo Post",
			People: []Ref{ines}, Categories: []string{"grade", "ep1"}, LastModified: edited,
			Past: []Past{{Pieces: []Piece{day(12, 9, 19), day(13, 9, 19), day(14, 9, 19), day(15, 9, 19)},
				Suite: suiteGradeA, People: []Ref{ines, rosa}}},
		},
		{
			ID: "B-0150", Status: booking.Pencil,
			Start: at(london, 2026, 10, 23, 10, 0), End: at(london, 2026, 10, 23, 14, 0),
			Session: "ADR", Episode: "Ep 2", Suite: suiteADR, Facility: "Halo Post",
			People: []Ref{dev}, Artistes: []Ref{maya}, CallTime: at(london, 2026, 10, 23, 9, 30),
			Notes: "Maya's agent: hold only; confirm by Wed.\nBring scene 14 script, pages 3; 7", Categories: []string{"adr"},
			LastModified: edited.Add(time.Hour),
		},
		{
			ID: "B-0151", Sequence: 1, Status: booking.Confirmed,
			Start: at(london, 2026, 10, 23, 9, 0), End: at(london, 2026, 10, 23, 19, 0),
			Session: "Offline edit", Episode: "Ep 3", Suite: suiteOff, Facility: "Halo Post",
			People: []Ref{sam}, LastModified: edited,
		},
		{
			ID: "B-0152", Sequence: 1, Status: booking.Confirmed,
			Start: at(london, 2026, 10, 26, 9, 0), End: at(london, 2026, 10, 26, 19, 0),
			Session: "Offline edit", Episode: "Ep 3", Suite: suiteOff, Facility: "Halo Post",
			People: []Ref{sam}, LastModified: edited,
		},
		{
			ID: "B-0160", Status: booking.SecondPencil,
			Start: at(london, 2026, 11, 2, 9, 0), End: at(london, 2026, 11, 2, 18, 0),
			Session: "Premix", Episode: "Ep 1", Suite: suiteMix, Facility: "Halo Post",
			People: []Ref{rosa, dev}, LastModified: edited, Stamp: edited.Add(2 * time.Hour),
		},
		{
			ID: "B-0170", Sequence: 3, Status: booking.Released,
			Start: at(london, 2026, 10, 27, 9, 0), End: at(london, 2026, 10, 27, 19, 0),
			Session: "Grade", Episode: "Ep 2", Suite: suiteGradeA, Facility: "Halo Post",
			People: []Ref{ines}, LastModified: edited.Add(3 * time.Hour),
		},
		{
			// A night conform from Saturday evening into the small hours
			// of Sunday 25 October, when the clocks go back: split at
			// midnight, and the second part, ending at 01:30 GMT in the
			// repeated hour, written in UTC.
			ID: "B-0153", Sequence: 1, Status: booking.Pencil,
			Start: at(london, 2026, 10, 24, 20, 0), End: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC),
			Session: "Conform", Episode: "Ep 3", Suite: suiteOff, Facility: "Halo Post",
			People: []Ref{sam}, LastModified: edited,
		},
		{
			// Sound edit at home: no suite, so LOCATION says so.
			ID: "B-0180", Status: booking.Pencil,
			Start: at(london, 2026, 10, 28, 10, 0), End: at(london, 2026, 10, 28, 18, 0),
			Session: "Dialogue edit", Episode: "Ep 1", People: []Ref{rosa}, LastModified: edited,
		},
	}
	return prod, bookings
}

// zoneProduction is a two-booking production in zone, with one working day
// before and one after the given local date (a DST change, where the zone
// has one), each 09:00–19:00 wall clock.
func zoneProduction(t testing.TB, zone string, before, after time.Time) (Production, []Booking) {
	loc := mustZone(t, zone)
	edited := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	day := func(id string, d time.Time) Booking {
		return Booking{
			ID: id, Status: booking.Confirmed,
			Start: at(loc, d.Year(), d.Month(), d.Day(), 9, 0), End: at(loc, d.Year(), d.Month(), d.Day(), 19, 0),
			Session: "Conform", Suite: Ref{ID: "online-1", Name: "Online 1"}, People: []Ref{sam},
			LastModified: edited,
		}
	}
	return Production{ID: "zones", Name: "Zone check " + zone, TimeZone: loc, Updated: edited},
		[]Booking{day("Z-1", before), day("Z-2", after)}
}

// zoneCases cover no DST, the northern and the southern hemisphere, and
// UTC (times written with Z, no TZID).
var zoneCases = []struct {
	zone          string
	before, after time.Time
}{
	{"Asia/Kolkata", time.Date(2026, 10, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC)},
	{"America/New_York", time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)},
	{"Australia/Sydney", time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC), time.Date(2027, 4, 5, 0, 0, 0, 0, time.UTC)},
	{"UTC", time.Date(2026, 10, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 10, 26, 0, 0, 0, 0, time.UTC)},
}

// dstLondon is a production in Europe/London with work around both clock
// changes of 2026: the skipped hour (29 March, 01:00 GMT becomes 02:00
// BST) and the repeated one (25 October, 02:00 BST becomes 01:00 GMT, so
// 01:00–02:00 happens twice).
func dstLondon(t testing.TB) (Production, []Booking) {
	london := mustZone(t, "Europe/London")
	edited := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	b := func(id string, start, end time.Time) Booking {
		return Booking{ID: id, Status: booking.Confirmed, Start: start, End: end, Session: "Mix", Suite: suiteMix,
			Facility: "Halo Post", People: []Ref{rosa}, LastModified: edited}
	}
	return Production{ID: "dst", Name: "DST check", TimeZone: london, Updated: edited}, []Booking{
		// 00:30 GMT to 04:00 BST across the skipped hour: local times exist.
		b("D-1", utc(3, 29, 0, 30), utc(3, 29, 3, 0)),
		// 22:00 BST Saturday to 01:00 BST Sunday, the first 01:00: split
		// at midnight; the second part ends in the repeated hour.
		b("D-2", at(london, 2026, 10, 24, 22, 0), utc(10, 25, 0, 0)),
		// 01:30 BST (the first 01:30) to 03:00 GMT: starts in the repeated hour.
		b("D-3", utc(10, 25, 0, 30), utc(10, 25, 3, 0)),
		// 01:15 GMT (the second 01:15) to 02:30 GMT.
		b("D-4", utc(10, 25, 1, 15), utc(10, 25, 2, 30)),
		// 09:00–19:00 GMT the same day: plain local times.
		b("D-5", at(london, 2026, 10, 25, 9, 0), at(london, 2026, 10, 25, 19, 0)),
	}
}
