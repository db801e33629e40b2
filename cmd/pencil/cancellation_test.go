package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestReleaseOwesCancellation: a pencil released inside its suite's
// cancellation notice owes the share of its price; the release says so,
// the history keeps it, and the next solve counts it as money spent, off
// the budget cap. The store's clock stands at Mon 19 October 08:00, the
// first day of the 5-working-day notice of the grade on Mon 26 October
// (testdata/costs/cancellation.yaml: 50% of Grade 1's 1,400).
func TestReleaseOwesCancellation(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.pencil.db")
	src := filepath.Join("..", "..", "testdata", "costs", "cancellation.yaml")
	// Ines is not off: the grade stays where it is pencilled.
	file := project(t, dir, src, "c.yaml", "off: [2026-10-26]", "off: []")
	solveIn(t, file, "--store", db)
	code, out, stderr := pencil(t, "release", file, "B-1", "--reason", "grade went to another facility", "--who", "jo", "--store", db)
	if code != exitOK {
		t.Fatalf("release: exit %d: %s", code, stderr)
	}
	if want := "cancellation 700.00: Grade 1 50%"; !strings.Contains(out, want) {
		t.Errorf("release report lacks %q:\n%s", want, out)
	}
	hist, err := openTestStore(t, db).History(context.Background(), "B-1")
	if err != nil || len(hist) == 0 || len(hist[len(hist)-1].Cancellation) != 1 || hist[len(hist)-1].Cancellation[0].Amount != 700 {
		t.Errorf("history of B-1: %+v, %v; want the release owing 700", hist, err)
	}
	// The grade is pencilled again elsewhere by the next solve, which
	// owes the 700 already spent.
	bookingLine := "  - { id: B-1, session: grade, status: pencil, start: 2026-10-26T09:00, suite: grade-1, people: [ines] }\n"
	again := project(t, dir, file, "again.yaml", bookingLine, "", "calendar:", "budget: { total: 3000 }\ncalendar:")
	out = solveIn(t, again, "--store", db, "--format", "json")
	got := costJSON(t, out)
	if got.terms["cancellation"] != 700 || got.total != 2850 {
		t.Errorf("solve after the release: cancellation %v, total %v; want 700 of 2,850", got.terms["cancellation"], got.total)
	}
	// 2,150 of work and the 700 spent do not fit a 2,500 cap.
	tight := project(t, dir, again, "tight.yaml", "total: 3000", "total: 2500")
	code, _, stderr = pencil(t, append([]string{"solve", tight, "--store", db}, repencilArgs...)...)
	if code == exitOK || !strings.Contains(stderr, "budget") {
		t.Errorf("a cap below the work plus the charge spent: exit %d\n%s", code, stderr)
	}
}
