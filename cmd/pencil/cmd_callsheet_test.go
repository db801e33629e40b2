package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// sheetJSON is what the truth test reads of pencil callsheet --format json.
type sheetJSON struct {
	Calls []struct {
		Kind, ID   string
		Call, Wrap string
		Items      []struct {
			Start, End, Journey, Booking, Status string
		}
	}
	Held []struct{ Start, End, Booking string }
}

// callSheetStore solves testdata/series.yaml (--now 2026-06-01, 200
// iterations, one worker) into a new store and returns the store's path,
// its live bookings, and the days Tom Ashby, who travels 3h each way, is
// booked, in order.
func callSheetStore(t *testing.T) (string, []store.Booking, []string) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "plan.db")
	if code, _, stderr := pencil(t, "solve", "../../testdata/series.yaml", "--store", db, "--now", "2026-06-01",
		"--iterations", "200", "--time-limit", "0", "--workers", "1", "--log-level", "error"); code != exitOK {
		t.Fatalf("solve: exit %d\n%s", code, stderr)
	}
	all, err := openTestStore(t, db).Bookings(context.Background(), store.Filter{Production: "Harbour Lights", Statuses: livePlan})
	if err != nil || len(all) == 0 {
		t.Fatalf("bookings: %d, %v", len(all), err)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	var tom []string
	for _, b := range all {
		if slices.Contains(b.Artistes, "tom") {
			for _, p := range b.Pieces {
				tom = append(tom, p.Start.In(london).Format(time.DateOnly))
			}
		}
	}
	slices.Sort(tom)
	if len(tom) == 0 {
		t.Fatal("Tom Ashby has no booking to travel to")
	}
	return db, all, slices.Compact(tom)
}

// TestCallSheetGolden: the call sheet of the first day Tom Ashby is
// booked, in each format, against testdata/golden/callsheet.*; an empty
// day says so and exits 0; a bad --day exits 2.
func TestCallSheetGolden(t *testing.T) {
	db, _, tom := callSheetStore(t)
	for _, format := range []string{"text", "csv", "json"} {
		code, out, stderr := pencil(t, "callsheet", "../../testdata/series.yaml", "--store", db, "--day", tom[0], "--format", format, "--log-level", "error")
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", format, code, stderr)
		}
		golden(t, filepath.Join("testdata", "golden", "callsheet."+strings.Replace(format, "text", "txt", 1)), out)
		if format == "text" && (!strings.Contains(out, "travel to ") || !strings.Contains(out, "travel home")) {
			t.Errorf("Tom Ashby's journeys are missing:\n%s", out)
		}
	}
	pencilExpect(t, exitOK, "Nothing booked: nobody is called on Sun 12 Jul 2026.",
		"callsheet", "../../testdata/series.yaml", "--store", db, "--day", "2026-07-12", "--log-level", "error")
	for _, bad := range []string{"2026-7-12", "12/07/2026", "2026-02-30"} {
		pencilExpect(t, exitInvalid, "want a date as YYYY-MM-DD",
			"callsheet", "../../testdata/series.yaml", "--store", db, "--day", bad, "--log-level", "error")
	}
	pencilExpect(t, exitInvalid, "give --day", "callsheet", "../../testdata/series.yaml", "--store", db, "--log-level", "error")
}

// TestCallSheetTruth checks every time the call sheet prints against the
// store's bookings, on every day Tom Ashby is booked: each session is a
// piece of its booking on that day, everyone on the booking is called for
// it and no one else, call and wrap are the first start and the last
// end, Tom's journeys are 3h before his first piece of a visit and after
// its last; and every clock time in the text is one of those.
func TestCallSheetTruth(t *testing.T) {
	db, all, tom := callSheetStore(t)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.Booking{}
	for _, b := range all {
		byID[b.ID] = b
	}
	on := func(b store.Booking, kind, id string) bool {
		switch kind {
		case "person":
			return slices.Contains(b.People, id)
		case "artiste":
			return slices.Contains(b.Artistes, id)
		}
		return slices.Contains(b.Suites(), id)
	}
	parse := func(s string) time.Time {
		ts, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatalf("time %q: %v", s, err)
		}
		return ts
	}
	clock := regexp.MustCompile(`\d\d:\d\d`)
	for _, day := range tom {
		from, _ := time.ParseInLocation(time.DateOnly, day, london)
		to := from.AddDate(0, 0, 1)
		code, out, stderr := pencil(t, "callsheet", "../../testdata/series.yaml", "--store", db, "--day", day, "--format", "json", "--log-level", "error")
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", day, code, stderr)
		}
		var sh sheetJSON
		if err := json.Unmarshal([]byte(out), &sh); err != nil {
			t.Fatal(err)
		}
		printed := map[string]bool{}
		seen := map[string]bool{} // kind/id/booking/start of every session listed
		for _, c := range sh.Calls {
			var first, last time.Time
			for _, it := range c.Items {
				start, end := parse(it.Start), parse(it.End)
				printed[start.In(london).Format("15:04")], printed[end.In(london).Format("15:04")] = true, true
				b, ok := byID[it.Booking]
				if !ok {
					t.Errorf("%s: %s %s: booking %s is not in the store", day, c.Kind, c.ID, it.Booking)
					continue
				}
				if it.Journey != "" {
					if c.ID != "tom" || it.Status != string(b.Status) || end.Sub(start) != 3*time.Hour {
						t.Errorf("%s: %s %s: journey %+v", day, c.Kind, c.ID, it)
					}
					// A journey there ends as a piece of its booking starts,
					// a journey home starts as one ends.
					at := end
					if it.Journey == "home" {
						at = start
					}
					if !slices.ContainsFunc(b.Pieces, func(p store.Piece) bool {
						return it.Journey == "there" && p.Start.Equal(at) || it.Journey == "home" && p.End.Equal(at)
					}) {
						t.Errorf("%s: journey %s of %s at %s meets no piece of it", day, it.Journey, it.Booking, at)
					}
					continue
				}
				if !on(b, c.Kind, c.ID) || it.Status != string(b.Status) {
					t.Errorf("%s: %s %s is not on %s (%s) as listed", day, c.Kind, c.ID, it.Booking, b.Status)
				}
				if !slices.ContainsFunc(b.Pieces, func(p store.Piece) bool { return p.Start.Equal(start) && p.End.Equal(end) }) {
					t.Errorf("%s: %s %s: %s–%s is no piece of %s", day, c.Kind, c.ID, it.Start, it.End, it.Booking)
				}
				seen[c.Kind+"/"+c.ID+"/"+it.Booking+"/"+start.UTC().String()] = true
				if first.IsZero() || start.Before(first) {
					first = start
				}
				if end.After(last) {
					last = end
				}
			}
			if !parse(c.Call).Equal(first) || !parse(c.Wrap).Equal(last) {
				t.Errorf("%s: %s %s: call %s wrap %s, want %s and %s", day, c.Kind, c.ID, c.Call, c.Wrap, first, last)
			}
		}
		// Everyone on a piece of the day is called for it.
		for _, b := range all {
			for _, p := range b.Pieces {
				if !p.Start.Before(to) || !p.End.After(from) || b.Status == "second-pencil" {
					continue
				}
				for kind, ids := range map[string][]string{"person": b.People, "artiste": b.Artistes, "suite": b.Suites()} {
					for _, id := range ids {
						if !seen[kind+"/"+id+"/"+b.ID+"/"+p.Start.UTC().String()] {
							t.Errorf("%s: %s %s is not called for %s at %s", day, kind, id, b.ID, p.Start.In(london))
						}
					}
				}
			}
		}
		code, text, _ := pencil(t, "callsheet", "../../testdata/series.yaml", "--store", db, "--day", day, "--log-level", "error")
		if code != exitOK {
			t.Fatalf("%s: text: exit %d", day, code)
		}
		for _, c := range clock.FindAllString(text, -1) {
			if !printed[c] {
				t.Errorf("%s: the text prints %s, which no booking or journey of the day has", day, c)
			}
		}
	}
}
