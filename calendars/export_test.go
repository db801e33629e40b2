package calendars

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/rs/zerolog"
)

// TestExportDirAtomicAndDated checks that ExportDir leaves no temporary
// files, dates each file by its feed, rewrites in place, and that
// DirSource serves those files with matching validators.
func TestExportDirAtomicAndDated(t *testing.T) {
	prod, bookings := harbourLights(t)
	dir := filepath.Join(t.TempDir(), "feeds")
	for range 2 { // the second run overwrites the first
		if _, err := ExportDir(dir, prod, bookings); err != nil {
			t.Fatal(err)
		}
	}
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(feeds) {
		t.Errorf("%d files for %d feeds (temporary files left?): %v", len(entries), len(feeds), entries)
	}
	src := DirSource{Dir: dir}
	for _, f := range feeds {
		doc, err := src.Feed(context.Background(), f.Key)
		if err != nil {
			t.Fatalf("DirSource %s: %v", f.Key, err)
		}
		if !doc.Modified.Equal(f.Modified()) {
			t.Errorf("%s: file dated %v, feed modified %v", f.Key, doc.Modified, f.Modified())
		}
		if !bytes.Equal(doc.Body, renderFeed(t, f)) {
			t.Errorf("%s: file differs from WriteCalendar", f.Key)
		}
	}
	for _, key := range []string{"person/nobody", "crew/sam", "person/../production", ""} {
		if _, err := src.Feed(context.Background(), key); !errors.Is(err, ErrNoFeed) {
			t.Errorf("DirSource %q: err %v, want ErrNoFeed", key, err)
		}
	}

	// The server over a DirSource answers conditional GETs from file dates.
	reg, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	tok, err := reg.Issue("grade-wall", "suite/grade-a", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	h := NewHandler(ServerConfig{}, src, reg, zerolog.Nop())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", FeedPath(tok), nil))
	if rec.Code != 200 {
		t.Fatalf("GET: %d", rec.Code)
	}
	req := httptest.NewRequest("GET", FeedPath(tok), nil)
	req.Header.Set("If-Modified-Since", rec.Result().Header.Get("Last-Modified"))
	rec2 := httptest.NewRecorder()
	h.ServeHTTP(rec2, req)
	if rec2.Code != http.StatusNotModified {
		t.Errorf("If-Modified-Since its own Last-Modified: %d, want 304", rec2.Code)
	}
}

func TestEmptyFeed(t *testing.T) {
	prod, _ := harbourLights(t)
	feeds, err := Feeds(prod, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		cal := decode(t, renderFeed(t, f))
		if len(cal.Events()) != 0 || len(cal.Children) != 1 {
			t.Errorf("%s: want a calendar with only its VTIMEZONE, got %d children", f.Key, len(cal.Children))
		}
	}
	prod.Updated = time.Time{}
	feeds[0].Production = prod
	if err := WriteCalendar(&bytes.Buffer{}, feeds[0]); !errors.Is(err, ErrInvalidProduction) {
		t.Errorf("empty feed, no Updated: err %v, want ErrInvalidProduction", err)
	}
}

// benchProduction is a realistic episodic production: n bookings over six
// months across 8 suites, 20 crew and 10 artistes, from a fixed seed.
func benchProduction(b *testing.B, n int) (Production, []Booking) {
	london := mustZone(b, "Europe/London")
	rng := rand.New(rand.NewPCG(1, 1))
	prod := Production{ID: "bench", Name: "Bench Drama", TimeZone: london, Updated: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}
	ref := func(kind string, i int) Ref {
		return Ref{ID: fmt.Sprintf("%s-%d", kind, i), Name: fmt.Sprintf("%s %d", kind, i)}
	}
	statuses := []booking.Status{booking.Pencil, booking.SecondPencil, booking.Confirmed, booking.Confirmed, booking.Released}
	sessions := []string{"Offline edit", "Grade", "Online", "ADR", "Foley", "Premix", "Final mix"}
	bookings := make([]Booking, n)
	for i := range bookings {
		day := time.Date(2026, 9, 7, 9, 0, 0, 0, london).AddDate(0, 0, rng.IntN(180))
		people := []Ref{ref("crew", rng.IntN(20)), ref("crew", rng.IntN(20))}
		var artistes []Ref
		if rng.IntN(4) == 0 {
			artistes = []Ref{ref("artiste", rng.IntN(10))}
		}
		bookings[i] = Booking{
			ID: fmt.Sprintf("B-%04d", i), Sequence: rng.IntN(4), Status: statuses[rng.IntN(len(statuses))],
			Start: day, End: day.Add(time.Duration(4+rng.IntN(7)) * time.Hour),
			Session: sessions[rng.IntN(len(sessions))], Episode: fmt.Sprintf("Ep %d", 1+rng.IntN(6)),
			Suite: ref("suite", rng.IntN(8)), Facility: "Halo Post", People: people, Artistes: artistes,
			Notes: "Turnover from offline; check the EDL against picture lock.", Categories: []string{"post"},
			LastModified: prod.Updated.Add(time.Duration(i) * time.Minute),
		}
	}
	return prod, bookings
}

// BenchmarkExport500 renders every feed of a 500-booking production.
func BenchmarkExport500(b *testing.B) {
	prod, bookings := benchProduction(b, 500)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		feeds, err := Feeds(prod, bookings)
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range feeds {
			var buf bytes.Buffer
			if err := WriteCalendar(&buf, f); err != nil {
				b.Fatal(err)
			}
			size += buf.Len()
		}
	}
	b.ReportMetric(float64(size), "bytes/export")
}

// BenchmarkServeFeed serves the 500-booking production feed, full GET and
// conditional 304, through the handler, with 1000 subscribers registered.
func BenchmarkServeFeed(b *testing.B) {
	prod, bookings := benchProduction(b, 500)
	src := NewMemorySource()
	if err := src.Publish(prod, bookings); err != nil {
		b.Fatal(err)
	}
	reg, err := NewRegistry()
	if err != nil {
		b.Fatal(err)
	}
	var tok string
	for i := range 1000 {
		if tok, err = reg.Issue(fmt.Sprintf("sub-%d", i), "production", prod.Updated); err != nil {
			b.Fatal(err)
		}
	}
	h := NewHandler(ServerConfig{}, src, reg, zerolog.Nop())
	doc, _ := src.Feed(context.Background(), "production")
	for _, bc := range []struct {
		name   string
		header string
		status int
	}{{"full", "", 200}, {"not-modified", doc.ETag, 304}} {
		b.Run(bc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", FeedPath(tok), nil)
			if bc.header != "" {
				req.Header.Set("If-None-Match", bc.header)
			}
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != bc.status {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}

// TestLastModifiedOnlyMovesForward: releasing is a change, but dropping a
// booking outright from a feed takes the feed's own date back; both
// sources must still move Last-Modified forward, and leave it alone when
// nothing changed.
func TestLastModifiedOnlyMovesForward(t *testing.T) {
	prod, bookings := harbourLights(t)
	var dropped []Booking // B-0170, the newest of Inès's bookings, vanishes
	for _, b := range bookings {
		if b.ID != "B-0170" {
			dropped = append(dropped, b)
		}
	}
	mem := NewMemorySource()
	dir := t.TempDir()
	dates := func() (memDate, dirDate time.Time) {
		m, err := mem.Feed(context.Background(), "person/ines")
		if err != nil {
			t.Fatal(err)
		}
		d, err := DirSource{Dir: dir}.Feed(context.Background(), "person/ines")
		if err != nil {
			t.Fatal(err)
		}
		return m.Modified, d.Modified
	}
	publish := func(bs []Booking) {
		if err := mem.Publish(prod, bs); err != nil {
			t.Fatal(err)
		}
		if _, err := ExportDir(dir, prod, bs); err != nil {
			t.Fatal(err)
		}
	}
	publish(bookings)
	m1, d1 := dates()
	publish(bookings)
	if m2, d2 := dates(); !m2.Equal(m1) || !d2.Equal(d1) {
		t.Errorf("unchanged feed re-dated: memory %v→%v, dir %v→%v", m1, m2, d1, d2)
	}
	publish(dropped)
	m3, d3 := dates()
	if !m3.After(m1) || !d3.After(d1) {
		t.Errorf("dropping a booking did not move Last-Modified forward: memory %v→%v, dir %v→%v", m1, m3, d1, d3)
	}
}

func TestNextModified(t *testing.T) {
	t0 := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	a, b := []byte("A"), []byte("B")
	tests := []struct {
		name         string
		prevBody     []byte
		prevMod, mod time.Time
		body         []byte
		want         time.Time
	}{
		{"first publish", nil, time.Time{}, t0, a, t0},
		{"unchanged", a, t0, t0.Add(time.Hour), a, t0},
		{"changed, newer", a, t0, t0.Add(time.Hour), b, t0.Add(time.Hour)},
		{"changed, older", a, t0, t0.Add(-time.Hour), b, t0.Add(time.Second)},
		{"changed, same date", a, t0, t0, b, t0.Add(time.Second)},
	}
	for _, tt := range tests {
		if got := nextModified(tt.prevBody, tt.prevMod, tt.body, tt.mod); !got.Equal(tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWriteCalendarValidatesHandBuiltFeed(t *testing.T) {
	prod, bookings := harbourLights(t)
	bad := bookings[0]
	bad.End = bad.Start.Add(-time.Hour)
	err := WriteCalendar(&bytes.Buffer{}, Feed{Key: "production", Kind: KindProduction, Production: prod, Bookings: []Booking{bad}})
	if !errors.Is(err, ErrInvalidBooking) {
		t.Errorf("err %v, want ErrInvalidBooking", err)
	}
}
