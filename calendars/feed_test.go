package calendars

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"pgregory.net/rapid"
)

func TestFeeds(t *testing.T) {
	prod, bookings := harbourLights(t)
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	var keys []string
	for _, f := range feeds {
		keys = append(keys, f.Key)
		for _, b := range f.Bookings {
			got[f.Key] = append(got[f.Key], b.ID)
		}
	}
	wantKeys := []string{"production", "suite/adr-1", "suite/grade-a", "suite/mix-1", "suite/offline-1",
		"person/dev", "person/ines", "person/joe", "person/rosa", "person/sam", "artiste/maya"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("feed keys %v, want %v", keys, wantKeys)
	}
	want := map[string][]string{
		"production":      {"B-0142", "B-0151", "B-0150", "B-0153", "B-0152", "B-0170", "B-0180", "B-0160"},
		"suite/grade-a":   {"B-0142", "B-0170"},
		"suite/adr-1":     {"B-0150"},
		"suite/offline-1": {"B-0151", "B-0153", "B-0152"},
		"suite/mix-1":     {"B-0160"},
		"person/ines":     {"B-0142", "B-0170"},
		"person/sam":      {"B-0151", "B-0153", "B-0152"},
		"person/dev":      {"B-0150", "B-0160"},
		"person/rosa":     {"B-0142", "B-0180", "B-0160"}, // taken off B-0142: kept, cancelled
		"artiste/maya":    {"B-0150"},
	}
	for k, ids := range want {
		if !slices.Equal(got[k], ids) {
			t.Errorf("%s: bookings %v, want %v", k, got[k], ids)
		}
	}
	if len(got["person/joe"]) != 0 {
		t.Errorf("joe, on the roster with no bookings, has %v", got["person/joe"])
	}
}

func TestFeedsRejects(t *testing.T) {
	prod, bookings := harbourLights(t)
	mutate := func(f func(*Booking)) []Booking {
		bs := slices.Clone(bookings)
		f(&bs[0])
		return bs
	}
	tests := []struct {
		name     string
		prod     Production
		bookings []Booking
		want     error
		mention  string
	}{
		{"no zone", Production{Name: "X"}, bookings, ErrInvalidProduction, "no time zone"},
		{"local zone", Production{Name: "X", TimeZone: time.Local}, bookings, ErrInvalidProduction, "Local"},
		{"empty id", prod, mutate(func(b *Booking) { b.ID = "" }), ErrInvalidBooking, "empty id"},
		{"bad status", prod, mutate(func(b *Booking) { b.Status = "held" }), ErrInvalidBooking, `"held"`},
		{"end before start", prod, mutate(func(b *Booking) { b.End = b.Start }), ErrInvalidBooking, "not after start"},
		{"no stamp", prod, mutate(func(b *Booking) { b.LastModified, b.Stamp = time.Time{}, time.Time{} }), ErrInvalidBooking, "DTSTAMP"},
		{"negative sequence", prod, mutate(func(b *Booking) { b.Sequence = -1 }), ErrInvalidBooking, "negative"},
		{"duplicate id", prod, mutate(func(b *Booking) { b.ID = "B-0150" }), ErrInvalidBooking, "duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Feeds(tt.prod, tt.bookings)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("err %v, want %v mentioning %q", err, tt.want, tt.mention)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		kind FeedKind
		id   string
		want string
	}{
		{KindProduction, "", "production.ics"},
		{KindPerson, "sam", "person-sam.ics"},
		{KindSuite, "grade-a", "suite-grade-a.ics"},
		{KindPerson, "../../etc/passwd", "person-etc-passwd~"},
		{KindPerson, "Inès Moreau", "person-in-s-moreau~"},
		{KindArtiste, "...", "artiste-~"},
		{KindPerson, "-x", "person-x~"},
		{KindPerson, strings.Repeat("a", 49), "person-" + strings.Repeat("a", 48) + "~"},
	}
	for _, tt := range tests {
		got := Feed{Kind: tt.kind, Owner: Ref{ID: tt.id}}.FileName()
		if !strings.HasPrefix(got, tt.want) || !strings.HasSuffix(got, ".ics") {
			t.Errorf("FileName(%s, %q) = %q, want prefix %q", tt.kind, tt.id, got, tt.want)
		}
	}
}

// TestFileNameSafe: any id gives a plain file name inside the directory,
// and distinct ids give distinct names.
func TestFileNameSafe(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.String().Draw(t, "a")
		b := rapid.String().Draw(t, "b")
		na := Feed{Kind: KindPerson, Owner: Ref{ID: a}}.FileName()
		nb := Feed{Kind: KindPerson, Owner: Ref{ID: b}}.FileName()
		if filepath.Base(na) != na || strings.ContainsAny(na, "/\\\x00") || strings.HasPrefix(na, ".") || len(na) > 80 {
			t.Fatalf("id %q gives unsafe file name %q", a, na)
		}
		if a != b && na == nb {
			t.Fatalf("ids %q and %q share file name %q", a, b, na)
		}
	})
}

func TestNextSequence(t *testing.T) {
	london := mustZone(t, "Europe/London")
	prev := Booking{ID: "B-1", Sequence: 3, Status: booking.Pencil, Suite: suiteGradeA, Facility: "Halo Post",
		Start: at(london, 2026, 10, 12, 9, 0), End: at(london, 2026, 10, 12, 19, 0), Notes: "old"}
	tests := []struct {
		name   string
		change func(*Booking)
		want   int
	}{
		{"unchanged", func(*Booking) {}, 3},
		{"notes only", func(b *Booking) { b.Notes = "new" }, 3},
		{"crew only", func(b *Booking) { b.People = []Ref{sam} }, 3},
		{"same instant, other zone", func(b *Booking) { b.Start = b.Start.UTC() }, 3},
		{"moved", func(b *Booking) { b.Start, b.End = b.Start.Add(time.Hour), b.End.Add(time.Hour) }, 4},
		{"extended", func(b *Booking) { b.End = b.End.Add(time.Hour) }, 4},
		{"other suite", func(b *Booking) { b.Suite = suiteMix }, 4},
		{"other facility", func(b *Booking) { b.Facility = "Elsewhere" }, 4},
		{"confirmed", func(b *Booking) { b.Status = booking.Confirmed }, 4},
		{"released", func(b *Booking) { b.Status = booking.Released }, 4},
		{"caller already bumped", func(b *Booking) { b.Status, b.Sequence = booking.Confirmed, 7 }, 7},
		{"caller sequence stale", func(b *Booking) { b.Sequence = 1 }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := prev
			cur.Sequence = 0
			if tt.name == "caller already bumped" || tt.name == "caller sequence stale" {
				cur.Sequence = prev.Sequence
			}
			tt.change(&cur)
			if got := NextSequence(prev, cur); got != tt.want {
				t.Errorf("NextSequence = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestNextSequenceProperties: the sequence never falls, rises on every
// significant change, and applying it twice changes nothing.
func TestNextSequenceProperties(t *testing.T) {
	base := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	statuses := []booking.Status{booking.Pencil, booking.SecondPencil, booking.Confirmed, booking.Released}
	gen := func(t *rapid.T, label string) Booking {
		start := base.Add(time.Duration(rapid.IntRange(0, 4).Draw(t, label+"start")) * time.Hour)
		return Booking{
			ID: "B-1", Sequence: rapid.IntRange(0, 5).Draw(t, label+"seq"),
			Status: rapid.SampledFrom(statuses).Draw(t, label+"status"),
			Start:  start, End: start.Add(time.Duration(rapid.IntRange(1, 3).Draw(t, label+"len")) * time.Hour),
			Suite:    Ref{ID: rapid.SampledFrom([]string{"grade-a", "mix-1"}).Draw(t, label+"suite")},
			Facility: rapid.SampledFrom([]string{"", "Halo Post"}).Draw(t, label+"facility"),
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		prev, cur := gen(t, "prev."), gen(t, "cur.")
		next := NextSequence(prev, cur)
		significant := !prev.Start.Equal(cur.Start) || !prev.End.Equal(cur.End) || prev.Status != cur.Status ||
			prev.Suite != cur.Suite || prev.Facility != cur.Facility
		if next < prev.Sequence || next < cur.Sequence {
			t.Fatalf("sequence fell: prev %d cur %d next %d", prev.Sequence, cur.Sequence, next)
		}
		if significant && next <= prev.Sequence {
			t.Fatalf("significant change kept sequence %d", next)
		}
		cur.Sequence = next
		if again := NextSequence(prev, cur); again != next {
			t.Fatalf("not idempotent: %d then %d", next, again)
		}
	})
}
