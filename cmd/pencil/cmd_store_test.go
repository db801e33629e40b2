package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model/store/pgtest"
)

// TestStoreCopyRoundTrip copies a solved store with a feed subscriber from
// SQLite to PostgreSQL and back: counts agree, the copy reads as the
// original, and a copy onto a store that is not empty is refused.
func TestStoreCopyRoundTrip(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file)
	db := storePathFor(file)
	pencilExpect(t, exitOK, "", "confirm", file, shortADR, "--who", "jo", "--reason", "agreed")
	pencilExpect(t, exitOK, "/feeds/", "feeds", "add", "--person", "ines", "--store", db)
	pg := pgtest.NewSchema(t)
	code, out, stderr := pencil(t, "store", "copy", "--from", db, "--to", pg)
	if code != exitOK || !strings.Contains(out, "1 feed subscribers") || strings.Contains(out, "password") {
		t.Fatalf("copy to PostgreSQL: exit %d\n%s%s", code, out, stderr)
	}
	_, counts, _ := strings.Cut(out, ": ")
	back := filepath.Join(dir, "back.pencil.db")
	code, out2, stderr := pencil(t, "store", "copy", "--from", pg, "--to", back)
	if code != exitOK || !strings.HasSuffix(out2, counts) {
		t.Fatalf("copy back: exit %d, want %q\n%s%s", code, counts, out2, stderr)
	}
	for _, store := range []string{db, pg, back} {
		_, hist, stderr := pencil(t, "history", shortADR, "--store", store)
		if !strings.Contains(hist, "confirm") {
			t.Errorf("history in %s lacks the confirm:\n%s%s", store, hist, stderr)
		}
	}
	// Not empty: refused, and the store is left as it was.
	before, _ := os.ReadFile(back)
	if code, _, stderr := pencil(t, "store", "copy", "--from", db, "--to", back); code == exitOK || !strings.Contains(stderr, "not empty") {
		t.Errorf("copy onto a full store: exit %d: %s", code, stderr)
	}
	if after, _ := os.ReadFile(back); !bytes.Equal(before, after) {
		t.Error("a refused copy changed the destination")
	}
	// A new file the copy could not fill is removed.
	missing := filepath.Join(dir, "none.pencil.db")
	if code, _, stderr := pencil(t, "store", "copy", "--from", missing, "--to", filepath.Join(dir, "new.pencil.db")); code == exitOK || !strings.Contains(stderr, "no booking store") {
		t.Errorf("copy from a missing store: exit %d: %s", code, stderr)
	}
	if exists(filepath.Join(dir, "new.pencil.db")) || exists(missing) {
		t.Error("a failed copy left a file behind")
	}
	pencilExpect(t, exitInvalid, "--from", "store", "copy", "--to", back)
}

// TestStoreMigrate upgrades a store an old pencil wrote, says so, finds
// nothing to do the second time, and refuses a newer store untouched.
func TestStoreMigrate(t *testing.T) {
	dir := t.TempDir()
	old, err := os.ReadFile("../../model/store/testdata/release-v3.pencil.db")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "old.pencil.db")
	if err := os.WriteFile(db, old, 0o644); err != nil {
		t.Fatal(err)
	}
	pencilExpect(t, exitOK, "schema version 3 → 7", "store", "migrate", "--store", db)
	pencilExpect(t, exitOK, "schema version 7, up to date", "store", "migrate", "--store", db)
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, _ := os.ReadFile(db)
	pencilExpect(t, exitError, "newer", "store", "migrate", "--store", db)
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("migrate changed a store from a newer pencil")
	}
	pencilExpect(t, exitError, "no booking store", "store", "migrate", "--store", filepath.Join(dir, "none.pencil.db"))
}

// TestCalendarsSameOnBothBackends solves the same runs into an SQLite
// store and a PostgreSQL store and exports both: the calendars are
// byte-identical.
func TestCalendarsSameOnBothBackends(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	pg := pgtest.NewSchema(t)
	for _, st := range []string{storePathFor(file), pg} {
		solveIn(t, file, "--store", st)
		pencilExpect(t, exitOK, "", "confirm", file, shortADR, "--who", "jo", "--reason", "agreed", "--store", st)
		solveIn(t, file, "--store", st, "--seed", "2")
	}
	lite, post := filepath.Join(dir, "sqlite"), filepath.Join(dir, "postgres")
	pencilExpect(t, exitOK, "", "export", "ics", file, "--out", lite)
	pencilExpect(t, exitOK, "", "export", "ics", file, "--store", pg, "--out", post)
	files, _ := filepath.Glob(filepath.Join(lite, "*.ics"))
	if len(files) == 0 {
		t.Fatal("no calendars exported")
	}
	for _, f := range files {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(post, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		if la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n"); !bytes.Equal(a, b) {
			for i := range min(len(la), len(lb)) {
				if la[i] != lb[i] {
					t.Errorf("%s differs between SQLite and PostgreSQL at line %d:\n%s\n%s", filepath.Base(f), i+1, la[i], lb[i])
					break
				}
			}
		}
	}
}
