package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// repencilArgs make a store-backed solve repeatable: one worker, a fixed
// seed, iteration limit and moment, and a named person.
var repencilArgs = []string{"--iterations", "200", "--time-limit", "0", "--workers", "1", "--seed", "1",
	"--log-level", "error", "--who", "jo", "--now", "2026-10-19T08:00:00Z"}

// shortADR is the id the short example's ADR session gets: no project
// file booking names it.
const shortADR = "B-short-adr"

// project writes testdata/short.yaml (or another example) into dir with
// each old→new replacement made, and returns its path.
func project(t *testing.T, dir, from, name string, edits ...string) string {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(s, edits[i]) {
			t.Fatalf("%s has no %q to replace", from, edits[i])
		}
		s = strings.ReplaceAll(s, edits[i], edits[i+1])
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// solveIn runs pencil solve FILE with repencilArgs and extra flags, and
// fails the test unless it exits 0.
func solveIn(t *testing.T, file string, extra ...string) string {
	t.Helper()
	code, out, stderr := pencil(t, append(append([]string{"solve", file}, repencilArgs...), extra...)...)
	if code != exitOK {
		t.Fatalf("solve %s %v: exit %d\n%s", file, extra, code, stderr)
	}
	return out
}

// openTestStore opens a store for checking what a command wrote.
func openTestStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// storedBooking returns one booking of the store.
func storedBooking(t *testing.T, st *store.Store, id string) store.Booking {
	t.Helper()
	bs, err := st.Bookings(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if b.ID == id {
			return b
		}
	}
	t.Fatalf("no booking %s in the store", id)
	return store.Booking{}
}

// lastReport is the change report of the store's last run.
func lastReport(t *testing.T, st *store.Store) store.Report {
	t.Helper()
	runs, err := st.Runs(context.Background())
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v, %v", runs, err)
	}
	r, err := st.RunReport(context.Background(), runs[len(runs)-1].ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestRepencilUnchangedMovesNothing: solving the same input again moves,
// reassigns, adds and releases nothing.
func TestRepencilUnchangedMovesNothing(t *testing.T) {
	for _, from := range []string{"testdata/short.yaml", "../../testdata/series.yaml"} {
		t.Run(filepath.Base(from), func(t *testing.T) {
			file := project(t, t.TempDir(), from, "project.yaml")
			now := "2026-10-19T08:00:00Z"
			if strings.Contains(from, "series") {
				now = "2026-06-01"
			}
			solveIn(t, file, "--now", now)
			out := solveIn(t, file, "--why", "nothing changed", "--now", now)
			r := lastReport(t, openTestStore(t, storePathFor(file)))
			for _, k := range []store.ChangeKind{store.ChangeMoved, store.ChangeReassigned, store.ChangeNew, store.ChangeReleased} {
				if n := r.Count(k); n != 0 {
					t.Errorf("%d %s on unchanged input:\n%s", n, k, out)
				}
			}
			if r.Unchanged == 0 || !strings.Contains(out, "0 moved, 0 reassigned, 0 new, 0 released") {
				t.Errorf("report: %d unchanged\n%s", r.Unchanged, out)
			}
		})
	}
}

// TestRepencilArtisteWindowShrinks: Maya's agent withdraws Monday 26
// October. A pencilled ADR moves to Tuesday and her agent is told; a
// confirmed one stays where it is, and a person is asked to act.
func TestRepencilArtisteWindowShrinks(t *testing.T) {
	tests := []struct {
		name      string
		confirm   bool
		wantStart string // the store's ADR booking after the change
		wantOut   []string
		golden    string // the whole output, with the folder written DIR
	}{
		{"pencil moves", false, "2026-10-27T12:00:00Z", []string{
			"Tell Maya Rees' agent:", "ADR moved from Mon 26 Oct 12:00–16:00 to Tue 27 Oct 12:00–16:00", "1 moved"}, "repencil-moved.txt"},
		{"confirmed stays", true, "2026-10-26T12:00:00Z", []string{
			"Conflicts that need a person: confirmed bookings the new inputs make impossible", "ADR confirmed for Mon 26 Oct 12:00",
			"because: artiste availability Maya Rees's dates from their agent: only 2026-10-27", "Suggest: move to Tue 27 Oct 12:00 in ADR 1", "0 moved"}, "repencil-conflict.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "short.pencil.db")
			file := project(t, dir, "testdata/short.yaml", "short.yaml")
			solveIn(t, file)
			if tt.confirm {
				if code, _, stderr := pencil(t, "confirm", shortADR, "--store", db, "--reason", "agent confirmed"); code != exitOK {
					t.Fatalf("confirm: exit %d: %s", code, stderr)
				}
			}
			before := storedBooking(t, openTestStore(t, db), shortADR)
			project(t, dir, "testdata/short.yaml", "short.yaml", "2026-10-26..2026-10-27", "2026-10-27..2026-10-27")
			out := solveIn(t, file, "--why", "Maya's agent withdrew Monday")
			for _, want := range tt.wantOut {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			golden(t, filepath.Join("testdata", "golden", tt.golden), strings.ReplaceAll(out, dir, "DIR"))
			after := storedBooking(t, openTestStore(t, db), shortADR)
			if got := after.Start.UTC().Format(time.RFC3339); got != tt.wantStart {
				t.Errorf("ADR starts %s, want %s", got, tt.wantStart)
			}
			if tt.confirm && (after.Status != booking.Confirmed || after.Sequence != before.Sequence || !after.End.Equal(before.End)) {
				t.Errorf("the confirmed booking changed: %+v, was %+v", after, before)
			}
		})
	}
}

// TestRepencilFrozenWindow: a pencil that an earlier start would make
// cheaper (overhead runs to the last day) moves, unless it is in the
// frozen window. Without a frozen window the grade may go to Thu-Fri or
// Fri-Mon before the ADR on Monday 26th: both cost the same, so the test
// asks only that it left Thursday 29th and that delivery came forward.
func TestRepencilFrozenWindow(t *testing.T) {
	const stayed = "Thu 29 Oct–Fri 30 Oct 09:00–19:00 (2 days)  Grade"
	tests := []struct {
		frozen   string
		moved    bool
		delivery string
	}{
		{"0", true, "Delivery Mon 26 Oct 2026 16:00"},
		{"7d", false, "Delivery Fri 30 Oct 2026 19:00"},
	}
	for _, tt := range tests {
		t.Run(tt.frozen, func(t *testing.T) {
			file := project(t, t.TempDir(), "testdata/short.yaml", "short.yaml",
				"overhead_per_day: 100", "overhead_per_day: 2000", "total: 20000", "total: 80000",
				"start: 2026-10-23T09:00", "start: 2026-10-29T09:00")
			out := solveIn(t, file, "--frozen", tt.frozen, "--now", "2026-10-22T08:00:00Z")
			if strings.Contains(out, stayed) == tt.moved {
				t.Errorf("--frozen %s: the grade moved %v, want %v:\n%s", tt.frozen, !tt.moved, tt.moved, out)
			}
			if !strings.Contains(out, tt.delivery) {
				t.Errorf("--frozen %s: output lacks %q:\n%s", tt.frozen, tt.delivery, out)
			}
		})
	}
}

// TestStatusRoundTrip: two productions pencil the same grade suite; the
// second gets a second pencil, promoted when the first is released, then
// confirmed and put back in pencil, every step in its history.
func TestStatusRoundTrip(t *testing.T) {
	dir := t.TempDir()
	// Two productions of one facility share a store by naming it.
	db := filepath.Join(dir, "facility.pencil.db")
	first := project(t, dir, "testdata/short.yaml", "short.yaml")
	second := project(t, dir, "testdata/short.yaml", "two.yaml", "production: Short", "production: Short Two",
		"  - { id: B-1, session: grade, status: pencil, start: 2026-10-23T09:00, suite: grade-a, people: [ines] }\n", "")
	solveIn(t, first, "--store", db)
	solveIn(t, second, "--store", db)
	const grade = "B-short-two-grade"
	st := openTestStore(t, db)
	if b := storedBooking(t, st, grade); b.Status != booking.SecondPencil {
		t.Fatalf("%s is %s, want a second pencil behind B-1", grade, b.Status)
	}
	st.Close()
	steps := []struct {
		args []string
		want []string
	}{
		{[]string{"release", "B-1", "--reason", "grade went to another facility"}, []string{"1 released", "1 promoted", grade, "Thu 22 Oct – Fri 23 Oct 09:00–19:00"}},
		{[]string{"confirm", grade, "--reason", "producer signed off"}, []string{"now confirmed (was pencil)"}},
		{[]string{"pencil", grade, "--reason", "lock may slip"}, []string{"now pencil (was confirmed)"}},
		{[]string{"history", grade}, []string{"promote", "confirm", "producer signed off", "lock may slip", "jo"}},
		{[]string{"runs"}, []string{"Short Two", "Short"}},
		{[]string{"diff"}, []string{"Run 2", "2 new", "Tell Inès Moreau:"}},
		{[]string{"diff", "1", "2", "--format", "json"}, []string{`"changes"`}},
	}
	for _, s := range steps {
		args := append(s.args, "--store", db, "--tz", "Europe/London")
		if s.args[0] == "confirm" || s.args[0] == "release" || s.args[0] == "pencil" {
			args = append(args, "--who", "jo")
		}
		code, out, stderr := pencil(t, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", s.args, code, stderr)
		}
		for _, want := range s.want {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", s.args, want, out)
			}
		}
	}
	if b := storedBooking(t, openTestStore(t, db), grade); b.Status != booking.Pencil {
		t.Errorf("%s ends %s, want pencil", grade, b.Status)
	}
}

// TestStoreRefusedUntouched: a store from a newer pencil, or a file that
// is no store, is refused with exit 1 and left byte for byte as it was.
func TestStoreRefusedUntouched(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
		want    string
	}{
		{"newer schema", func(t *testing.T, path string) {
			solveIn(t, "testdata/short.yaml", "--store", path)
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, "newer"},
		{"not a store", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("production: Harbour Lights\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "corrupt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pencil.db")
			tt.prepare(t, path)
			before := snapshot(t, path)
			for _, args := range [][]string{
				append([]string{"solve", "testdata/short.yaml", "--store", path}, repencilArgs...),
				{"confirm", shortADR, "--store", path},
				{"runs", "--store", path},
			} {
				code, _, stderr := pencil(t, args...)
				if code != exitError || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "left untouched") {
					t.Errorf("%s: exit %d, stderr %q; want exit 1 and %q", args[0], code, stderr, tt.want)
				}
				if after := snapshot(t, path); !bytes.Equal(before, after) {
					t.Errorf("%s changed the refused file", args[0])
				}
			}
		})
	}
}

// snapshot reads a store file and its WAL, if any.
func snapshot(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wal, _ := os.ReadFile(path + "-wal")
	return append(data, wal...)
}

// TestRepencilWritesNothing: invalid input exits 2 and a dry run exits 0,
// and neither writes to the store (nor makes one).
func TestRepencilWritesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "short.pencil.db")
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	fresh := filepath.Join(dir, "fresh.db")
	if code, _, _ := pencil(t, append([]string{"solve", "testdata/broken.yaml", "--store", fresh}, repencilArgs...)...); code != exitInvalid {
		t.Errorf("broken project: exit %d, want 2", code)
	}
	if _, err := os.Stat(fresh); err == nil {
		t.Error("a broken project made a store")
	}
	solveIn(t, file)
	before := snapshot(t, db)
	if code, _, _ := pencil(t, append([]string{"solve", "testdata/broken.yaml", "--store", db}, repencilArgs...)...); code != exitInvalid {
		t.Errorf("broken project: exit %d, want 2", code)
	}
	project(t, dir, "testdata/short.yaml", "short.yaml", "2026-10-26..2026-10-27", "2026-10-27..2026-10-27")
	out := solveIn(t, file, "--dry-run")
	if !strings.Contains(out, "1 moved") {
		t.Errorf("dry run report lacks the move:\n%s", out)
	}
	if after := snapshot(t, db); !bytes.Equal(before, after) {
		t.Error("a broken project or a dry run wrote to the store")
	}
	if runs, _ := openTestStore(t, db).Runs(context.Background()); len(runs) != 1 {
		t.Errorf("%d runs after a dry run, want 1", len(runs))
	}
}

// FuzzParseNow: --now never panics; what it accepts it reads as RFC 3339
// when it is written so, and a usage error is all it returns otherwise.
func FuzzParseNow(f *testing.F) {
	for _, s := range []string{"2026-10-19T08:00:00Z", "2026-10-19T09:00", "2026-10-19 09:00", "2026-10-19", "", "tomorrow", "2026-13-45"} {
		f.Add(s)
	}
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseNow(s, loc)
		if err != nil {
			if exitCode(err) != exitInvalid {
				t.Errorf("parseNow(%q): %v is not a usage error", s, err)
			}
			return
		}
		if want, err := time.Parse(time.RFC3339, s); err == nil && !got.Equal(want) {
			t.Errorf("parseNow(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestDiffRuns(t *testing.T) {
	runs := []store.Run{{ID: 1}, {ID: 2}, {ID: 5}}
	tests := []struct {
		name   string
		runs   []store.Run
		ids    []int64
		a, b   int64
		errMsg string
	}{
		{"last two", runs, nil, 2, 5, ""},
		{"one given", runs, []int64{1}, 1, 5, ""},
		{"two given", runs, []int64{5, 1}, 5, 1, ""},
		{"too few runs", runs[:1], nil, 0, 0, "has 1 run(s)"},
		{"no runs", nil, []int64{1}, 0, 0, "no runs yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b, err := diffRuns(tt.runs, tt.ids)
			if tt.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errMsg) {
					t.Errorf("error %v, want %q", err, tt.errMsg)
				}
				return
			}
			if err != nil || a != tt.a || b != tt.b {
				t.Errorf("diffRuns = %d, %d, %v; want %d, %d", a, b, err, tt.a, tt.b)
			}
		})
	}
}

func TestStoreFlagsAreChecked(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"solve", "testdata/short.yaml", "--frozen", "two days"}, `frozen "two days"`},
		{[]string{"solve", "testdata/short.yaml", "--now", "tomorrow"}, `now "tomorrow"`},
		{[]string{"diff", "first"}, `run "first"`},
		{[]string{"runs", "--tz", "Mars/Olympus"}, `tz "Mars/Olympus"`},
		{[]string{"confirm"}, "at least one booking id"},
	}
	for _, tt := range tests {
		t.Run(tt.args[0], func(t *testing.T) {
			code, _, stderr := pencil(t, tt.args...)
			if code != exitInvalid || !strings.Contains(stderr, tt.want) {
				t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
			}
		})
	}
	if code, _, stderr := pencil(t, "runs", "--store", filepath.Join(t.TempDir(), "none.db")); code != exitError || !strings.Contains(stderr, "no booking store there") {
		t.Errorf("runs on a missing store: exit %d, %q", code, stderr)
	}
}
