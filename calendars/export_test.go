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
	statuses := []Status{StatusPencil, StatusSecondPencil, StatusConfirmed, StatusConfirmed, StatusReleased}
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
