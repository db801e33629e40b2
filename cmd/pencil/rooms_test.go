package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// TestRemoteADRHoldsBothRooms solves the remote ADR example into a
// store and exports its calendars: the booking holds the London stage
// and the Glasgow remote stage, each suite's feed carries it at the
// times the store recorded, and Mo's and Maya's feeds name both rooms.
func TestRemoteADRHoldsBothRooms(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "../../testdata/time/remote-adr.yaml", "remote-adr.yaml")
	solveIn(t, file, "--now", "2026-05-01")
	st := openTestStore(t, filepath.Join(dir, "remote-adr.pencil.db"))
	bs, err := st.Bookings(context.Background(), store.Filter{Suite: "glasgow"})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 1 || !slices.Equal(bs[0].Suites(), []string{"adr-1", "glasgow"}) {
		t.Fatalf("bookings in the Glasgow stage: %+v, want Maya's ADR in both rooms", bs)
	}
	rec := bs[0]
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	dtstart := "DTSTART;TZID=Europe/London:" + rec.Start.In(london).Format("20060102T150405")
	dtend := "DTEND;TZID=Europe/London:" + rec.End.In(london).Format("20060102T150405")

	feeds := filepath.Join(dir, "feeds")
	if code, _, stderr := pencil(t, "export", "ics", file, "--out", feeds, "--log-level", "error"); code != exitOK {
		t.Fatalf("export ics: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"suite-adr-1.ics", "suite-glasgow.ics", "person-mo.ics", "artiste-maya.ics"} {
		ev := event(t, filepath.Join(feeds, f), rec.ID)
		if !strings.Contains(ev, dtstart) || !strings.Contains(ev, dtend) {
			t.Errorf("%s: %s's event is not at the recorded %s-%s:\n%s", f, rec.ID, rec.Start, rec.End, ev)
		}
		if !strings.Contains(ev, `LOCATION:ADR Stage\, London\; Glasgow Remote Stage\, Glasgow`) ||
			!strings.Contains(ev, "SUMMARY:PENCIL — ADR Maya (remote) — ADR Stage + Glasgow Remote Stage") {
			t.Errorf("%s: the event does not name both rooms:\n%s", f, ev)
		}
	}
}

// event returns the VEVENT of booking id in the .ics file at path,
// unfolded.
func event(t *testing.T, path, id string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n ", ""), "\r\n", "\n")
	for _, ev := range strings.Split(text, "BEGIN:VEVENT") {
		if strings.Contains(ev, "UID:"+id+"-1@") {
			return ev
		}
	}
	t.Fatalf("%s has no event of %s", path, id)
	return ""
}
