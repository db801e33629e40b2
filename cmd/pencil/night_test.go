package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNightGrade solves testdata/time/night-grade.yaml, whose night grade
// (hours "22:00-02:00", written across midnight) is priced by hand in
// its opening comment: with `pencil solve FILE --no-store --format json`
// it runs Friday 22:00 to Saturday 02:00 and costs 640, Friday's rates
// with no weekend premium; the schedule prints it as one night, and the
// iCal feeds hold it as one event ending on Saturday at 02:00.
func TestNightGrade(t *testing.T) {
	const file = "../../testdata/time/night-grade.yaml"
	args := append([]string{"solve", file, "--format", "json", "--now", "2026-06-01", "--log-level", "error"}, solveArgs...)
	code, out, stderr := pencil(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Bookings []struct {
			ID         string `json:"id"`
			Start, End string
		} `json:"bookings"`
	}
	if err := json.NewDecoder(strings.NewReader(out)).Decode(&got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Bookings) != 1 || got.Bookings[0].Start != "2026-06-05T22:00:00+01:00" || got.Bookings[0].End != "2026-06-06T02:00:00+01:00" {
		t.Errorf("bookings %+v, want the night grade Fri 5 Jun 22:00 to Sat 6 Jun 02:00", got.Bookings)
	}
	cost := costJSON(t, out)
	checkFigures(t, cost.resources, map[string]float64{"Ines Moreau": 240, "Grade 2": 400})
	if math.Abs(cost.total-640) > 1e-6 {
		t.Errorf("total %v, want 640 (hand-priced in the file's comment)", cost.total)
	}

	dir := t.TempDir()
	stored := project(t, dir, file, "night-grade.yaml")
	report := solveIn(t, stored, "--now", "2026-06-01")
	if want := "Fri 5 Jun 22:00–02:00 next day  Night grade"; !strings.Contains(report, want) {
		t.Errorf("the schedule does not say %q:\n%s", want, report)
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip(err)
	}
	start, end := time.Date(2026, 6, 5, 22, 0, 0, 0, loc), time.Date(2026, 6, 6, 2, 0, 0, 0, loc)
	feeds := filepath.Join(dir, "feeds")
	if code, _, stderr := pencil(t, "export", "ics", stored, "--out", feeds); code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	for _, feed := range []string{"person-ines.ics", "suite-grade-2.ics"} {
		evs := readICS(t, filepath.Join(feeds, feed))
		if len(evs) != 1 {
			t.Fatalf("%s has %d events, want 1: %+v", feed, len(evs), evs)
		}
		for uid, ev := range evs {
			if !ev.start.Equal(start) || !ev.end.Equal(end) {
				t.Errorf("%s: %s runs %s–%s, want %s–%s", feed, uid, ev.start.In(loc), ev.end.In(loc), start, end)
			}
		}
	}
}
