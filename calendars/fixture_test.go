package calendars

import (
	"flag"
	"testing"
	"time"
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
		Suites: []Ref{suiteGradeA, suiteADR, suiteOff, suiteMix},
		People: []Ref{ines, sam, dev, rosa, {ID: "joe", Name: "Joe Bloggs"}},
	}
	bookings := []Booking{
		{
			ID: "B-0142", Sequence: 2, Status: StatusConfirmed,
			Start: at(london, 2026, 10, 12, 9, 0), End: at(london, 2026, 10, 12, 19, 0),
			Session: "Grade", Episode: "Ep 1", Suite: suiteGradeA, Facility: "Halo Post",
			People: []Ref{ines}, Categories: []string{"grade", "ep1"}, LastModified: edited,
		},
		{
			ID: "B-0150", Status: StatusPencil,
			Start: at(london, 2026, 10, 23, 10, 0), End: at(london, 2026, 10, 23, 14, 0),
			Session: "ADR", Episode: "Ep 2", Suite: suiteADR, Facility: "Halo Post",
			People: []Ref{dev}, Artistes: []Ref{maya}, CallTime: at(london, 2026, 10, 23, 9, 30),
			Notes: "Maya's agent: hold only; confirm by Wed.\nBring scene 14 script, pages 3; 7", Categories: []string{"adr"},
			LastModified: edited.Add(time.Hour),
		},
		{
			ID: "B-0151", Sequence: 1, Status: StatusConfirmed,
			Start: at(london, 2026, 10, 23, 9, 0), End: at(london, 2026, 10, 23, 19, 0),
			Session: "Offline edit", Episode: "Ep 3", Suite: suiteOff, Facility: "Halo Post",
			People: []Ref{sam}, LastModified: edited,
		},
		{
			ID: "B-0152", Sequence: 1, Status: StatusConfirmed,
			Start: at(london, 2026, 10, 26, 9, 0), End: at(london, 2026, 10, 26, 19, 0),
			Session: "Offline edit", Episode: "Ep 3", Suite: suiteOff, Facility: "Halo Post",
			People: []Ref{sam}, LastModified: edited,
		},
		{
			ID: "B-0160", Status: StatusSecondPencil,
			Start: at(london, 2026, 11, 2, 9, 0), End: at(london, 2026, 11, 2, 18, 0),
			Session: "Premix", Episode: "Ep 1", Suite: suiteMix, Facility: "Halo Post",
			People: []Ref{rosa, dev}, LastModified: edited, Stamp: edited.Add(2 * time.Hour),
		},
		{
			ID: "B-0170", Sequence: 3, Status: StatusReleased,
			Start: at(london, 2026, 10, 27, 9, 0), End: at(london, 2026, 10, 27, 19, 0),
			Session: "Grade", Episode: "Ep 2", Suite: suiteGradeA, Facility: "Halo Post",
			People: []Ref{ines}, LastModified: edited.Add(3 * time.Hour),
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
			ID: id, Status: StatusConfirmed,
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
