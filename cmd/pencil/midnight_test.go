package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// TestPastMidnightDates: a grade from Friday 09:00 to 01:00 on Saturday
// (overtime until 02:00) is what the store records, what the iCal feeds
// say (DTEND on Saturday, one event, not two cut at midnight) and what the
// schedule prints.
func TestPastMidnightDates(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "../../testdata/costs/past-midnight.yaml", "past-midnight.yaml")
	report := solveIn(t, file, "--now", "2026-06-01")
	for _, want := range []string{"Mon 1 Jun 09:00–01:00 next day  grade", "Fri 5 Jun 09:00–01:00 next day  friday-grade"} {
		if !strings.Contains(report, want) {
			t.Errorf("the schedule does not say %q:\n%s", want, report)
		}
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip(err)
	}
	start, end := time.Date(2026, 6, 5, 9, 0, 0, 0, loc), time.Date(2026, 6, 6, 1, 0, 0, 0, loc)
	bs, err := openTestStore(t, storePathFor(file)).Bookings(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var stored bool
	for _, b := range bs {
		if strings.HasSuffix(b.Session, "friday-grade") {
			stored = true
			if !b.Start.Equal(start) || !b.End.Equal(end) || len(b.Pieces) != 1 {
				t.Errorf("the store has %s–%s in %d pieces, want %s–%s in one", b.Start, b.End, len(b.Pieces), start, end)
			}
		}
	}
	if !stored {
		t.Fatalf("no friday-grade booking in the store: %+v", bs)
	}
	out := filepath.Join(dir, "feeds")
	if code, _, stderr := pencil(t, "export", "ics", file, "--out", out); code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	evs := readICS(t, filepath.Join(out, "person-theo.ics"))
	if len(evs) != 1 {
		t.Fatalf("Theo's calendar has %d events, want 1: %+v", len(evs), evs)
	}
	for uid, ev := range evs {
		if !ev.start.Equal(start) || !ev.end.Equal(end) {
			t.Errorf("%s runs %s–%s, want %s–%s", uid, ev.start.In(loc), ev.end.In(loc), start, end)
		}
	}
}
