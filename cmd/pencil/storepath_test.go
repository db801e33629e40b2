package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStorePerProject: two project files in one folder, even of the same
// production, keep their bookings apart; store commands find a project's
// store from the project file, or the one store in the working folder,
// and say where they looked when they cannot choose.
func TestStorePerProject(t *testing.T) {
	dir := t.TempDir()
	a := project(t, dir, "testdata/short.yaml", "a.yaml")
	b := project(t, dir, "testdata/short.yaml", "b.yaml")
	solveIn(t, a)
	if !exists(filepath.Join(dir, "a.pencil.db")) || exists(filepath.Join(dir, "b.pencil.db")) {
		t.Fatalf("after solving a.yaml: want a.pencil.db only")
	}
	if out := solveIn(t, b); !strings.Contains(out, "0 moved, 0 reassigned, 2 new") {
		t.Errorf("b.yaml's first solve saw a.yaml's bookings:\n%s", out)
	}
	if code, out, stderr := pencil(t, "runs", a); code != exitOK || !strings.Contains(out, "Short") {
		t.Errorf("runs a.yaml: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := pencil(t, "history", b, shortADR); code != exitOK {
		t.Errorf("history b.yaml %s: exit %d: %s", shortADR, code, stderr)
	}
	if code, out, stderr := pencil(t, "confirm", a, shortADR, "--reason", "agent confirmed"); code != exitOK || !strings.Contains(out, "now confirmed") {
		t.Errorf("confirm a.yaml %s: exit %d\n%s%s", shortADR, code, out, stderr)
	}
	if st := openTestStore(t, storePathFor(b)); storedBooking(t, st, shortADR).Status == "confirmed" {
		t.Errorf("confirming in a.yaml's store confirmed b.yaml's booking too")
	}
	t.Chdir(dir)
	code, _, stderr := pencil(t, "runs")
	if code == exitOK || !strings.Contains(stderr, "a.pencil.db, b.pencil.db") || !strings.Contains(stderr, "pencil runs series.yaml") {
		t.Errorf("runs with two stores in the folder: exit %d, %s", code, stderr)
	}
	if err := os.Remove("b.pencil.db"); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := pencil(t, "runs"); code != exitOK {
		t.Errorf("runs with one store in the folder: exit %d, %s", code, stderr)
	}
	if code, _, stderr := pencil(t, "runs", "missing.yaml"); code == exitOK || !strings.Contains(stderr, "missing.pencil.db") {
		t.Errorf("runs missing.yaml: exit %d, %s", code, stderr)
	}
}

// TestLegacyStoreNotLeftBehind: a folder with the pencil.db an earlier
// pencil shared between projects gets no second store without a word:
// solve refuses (exit 2, nothing written) and says how to carry on.
func TestLegacyStoreNotLeftBehind(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file, "--store", filepath.Join(dir, "pencil.db"))
	code, _, stderr := pencil(t, append([]string{"solve", file}, repencilArgs...)...)
	if code != exitInvalid || !strings.Contains(stderr, "mv "+filepath.Join(dir, "pencil.db")+" "+filepath.Join(dir, "short.pencil.db")) {
		t.Errorf("solve beside a legacy pencil.db: exit %d, %s", code, stderr)
	}
	if exists(storePathFor(file)) {
		t.Errorf("a refused solve made %s", storePathFor(file))
	}
	if err := os.Rename(filepath.Join(dir, "pencil.db"), storePathFor(file)); err != nil {
		t.Fatal(err)
	}
	if out := solveIn(t, file); !strings.Contains(out, "0 moved, 0 reassigned, 0 new") {
		t.Errorf("after the rename the store's bookings were not found:\n%s", out)
	}
}

// TestRenamedProductionKeepsBookings: after production: is renamed, a
// solve refuses (exit 2, nothing written) and names pencil store rename;
// after the rename the solve finds every booking, confirmed ones
// included, and moves nothing.
func TestRenamedProductionKeepsBookings(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file)
	pencilExpect(t, exitOK, "now confirmed", "confirm", file, shortADR, "--reason", "agent confirmed", "--who", "jo")
	project(t, dir, "testdata/short.yaml", "short.yaml", "production: Short", "production: Short Cut")
	code, _, stderr := pencil(t, append([]string{"solve", file}, repencilArgs...)...)
	if code != exitInvalid || !strings.Contains(stderr, `pencil store rename `+file+` "Short" "Short Cut"`) {
		t.Fatalf("solve after a rename: exit %d, %s", code, stderr)
	}
	uids := func() map[string]icsEvent {
		out := filepath.Join(dir, "feeds")
		pencilExpect(t, exitOK, "", "export", "ics", file, "--out", out)
		return readICS(t, filepath.Join(out, "production.ics"))
	}
	pencilExpect(t, exitOK, "2 details", "store", "rename", file, "Short", "Short Cut", "--reason", "new title", "--who", "jo")
	before := uids()
	out := solveIn(t, file, "--why", "after the rename")
	after := uids()
	if _, ok := after[shortADR+"-1@short.pencil"]; !ok || len(after) != len(before) {
		t.Errorf("after the rename the feed's UIDs changed: %v (subscribers would see every booking twice)", after)
	}
	if !strings.Contains(out, "0 moved, 0 reassigned, 0 new, 0 released") {
		t.Errorf("solve after store rename:\n%s", out)
	}
	if b := storedBooking(t, openTestStore(t, storePathFor(file)), shortADR); b.Status != "confirmed" || b.Production != "Short Cut" {
		t.Errorf("after the rename the ADR is %+v", b)
	}
}

// TestFacilityBesideSeries: the facility example's first run gives the
// same change summary in a folder where the series was solved first as in
// a folder of its own: the two projects no longer share a store.
func TestFacilityBesideSeries(t *testing.T) {
	summary := func(withSeries bool) string {
		dir := t.TempDir()
		if err := os.CopyFS(filepath.Join(dir, "facility"), os.DirFS("../../testdata/facility")); err != nil {
			t.Fatal(err)
		}
		facility := project(t, dir, "../../testdata/facility.yaml", "facility.yaml")
		if withSeries {
			solveIn(t, project(t, dir, "../../testdata/series.yaml", "series.yaml"), "--now", "2026-06-01")
		}
		out := solveIn(t, facility, "--now", "2026-06-01")
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, " moved, ") {
				return line
			}
		}
		t.Fatalf("no change summary in:\n%s", out)
		return ""
	}
	alone, beside := summary(false), summary(true)
	if alone != beside {
		t.Errorf("facility's first run beside the series: %q; alone: %q", beside, alone)
	}
}

// TestFeedsTakeTheProjectFile: feeds add, list and revoke find the store
// from the project file like the other store commands.
func TestFeedsTakeTheProjectFile(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file)
	pencilExpect(t, exitOK, "/feeds/", "feeds", "add", file, "--artiste", "maya")
	pencilExpect(t, exitOK, "artiste/maya", "feeds", "list", file)
	pencilExpect(t, exitOK, "subscriber 1 revoked", "feeds", "revoke", file, "1")
	pencilExpect(t, exitInvalid, "", "feeds", "list", file, "extra")
}
