package storefeed

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// feedKeys are every feed of testRoster.
var feedKeys = []string{"production", "person/ines", "person/lena", "suite/grade-1", "suite/adr-1", "artiste/maya"}

// splitGrade is episode 1's grade with Inès (and Lena when lena is set),
// worked 09:00–19:00 on each of the given June days.
func splitGrade(lena bool, days ...int) store.Booking {
	b := grade(1, days[0], 10)
	if lena {
		b.People = []string{"ines", "lena"}
	}
	b.Pieces = nil
	for _, d := range days {
		b.Pieces = append(b.Pieces, store.Piece{Start: day9(d), End: day9(d).Add(10 * time.Hour)})
	}
	b.Start, b.End = b.Pieces[0].Start, b.Pieces[len(b.Pieces)-1].End
	return b
}

// readAll reads every feed from src.
func readAll(t *testing.T, src *Source) map[string]calendars.FeedDoc {
	t.Helper()
	docs := map[string]calendars.FeedDoc{}
	for _, k := range feedKeys {
		doc, err := src.Feed(context.Background(), k)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		docs[k] = doc
	}
	return docs
}

// TestSourceHistory: a split grade is one event per day; when it shrinks
// from three days to two, day 3 stays CANCELLED; when Lena is taken off
// it, her feed keeps its days as CANCELLED (as a released booking is
// kept), with the raised SEQUENCE; and her feed's Last-Modified moves
// forward, never back.
func TestSourceHistory(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	src := NewSource(st, testRoster(t), Options{MaxAge: time.Minute, Now: clk.now})
	uid := func(n int) string { return "B-hl-ep1.grade-" + string(rune('0'+n)) + "@harbour-lights.pencil" }

	commit(t, st, splitGrade(true, 8, 9, 11), adr(12))
	clk.tick(time.Hour)
	first := readAll(t, src)
	evs := events(t, first["person/lena"].Body)
	for n := 1; n <= 3; n++ {
		if evs[uid(n)] != (event{seq: 0, status: "CONFIRMED"}) && evs[uid(n)] != (event{seq: 0, status: "TENTATIVE"}) {
			t.Errorf("day %d reads %+v", n, evs[uid(n)])
		}
	}

	commit(t, st, splitGrade(false, 8, 9), adr(12)) // shrinks; Lena off it
	clk.tick(time.Hour)
	second := readAll(t, src)
	ines, lena := events(t, second["person/ines"].Body), events(t, second["person/lena"].Body)
	for n, want := range map[int]string{1: "TENTATIVE", 2: "TENTATIVE", 3: "CANCELLED"} {
		if ev := ines[uid(n)]; ev.status != want || ev.seq != 1 {
			t.Errorf("Inès's day %d reads %+v, want %s at SEQUENCE 1", n, ev, want)
		}
		if ev := lena[uid(n)]; ev.status != "CANCELLED" || ev.seq != 1 {
			t.Errorf("Lena's day %d reads %+v, want CANCELLED at SEQUENCE 1", n, ev)
		}
	}
	if len(ines) != 3 || len(lena) != 4 { // Lena also has the ADR
		t.Errorf("Inès has %d events, Lena %d; want 3 and 4", len(ines), len(lena))
	}
	if !second["person/lena"].Modified.After(first["person/lena"].Modified) {
		t.Errorf("Lena's feed changed but Last-Modified went from %v to %v",
			first["person/lena"].Modified, second["person/lena"].Modified)
	}
}

// TestSourceRestart: a server restarted on the same store (a new Source
// reading it from scratch) serves every feed with the same body, ETag and
// Last-Modified as the one that ran before it, after a history of moves,
// a shrink, a person taken off and a release: dates come from the store's
// history alone, so Last-Modified never goes back across a restart.
func TestSourceRestart(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	roster := testRoster(t)
	before := NewSource(st, roster, Options{MaxAge: time.Minute, Now: clk.now})
	for _, run := range [][]store.Booking{
		{splitGrade(true, 8, 9, 11), adr(12)},
		{splitGrade(true, 9, 10, 11), adr(12)}, // moves
		{splitGrade(false, 9, 10), adr(15)},    // shrinks, Lena off, ADR moves
		{splitGrade(false, 9, 10)},             // ADR released
	} {
		commit(t, st, run...)
		clk.tick(time.Hour)
		readAll(t, before) // the long-lived server follows every run
	}
	old := readAll(t, before)
	clk.tick(24 * time.Hour)
	after := readAll(t, NewSource(st, roster, Options{MaxAge: time.Minute, Now: clk.now}))
	for _, k := range feedKeys {
		o, n := old[k], after[k]
		if !bytes.Equal(o.Body, n.Body) || o.ETag != n.ETag {
			t.Errorf("%s: the restarted server serves different bytes (ETag %s, was %s)", k, n.ETag, o.ETag)
		}
		if !n.Modified.Equal(o.Modified) {
			t.Errorf("%s: Last-Modified %v after the restart, %v before", k, n.Modified, o.Modified)
		}
	}
}
