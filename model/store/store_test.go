package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// rawDB opens path with the SQLite driver alone, bypassing the store.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t testing.TB, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// storeBytes makes a valid store file and returns its bytes.
func storeBytes(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "good.db")
	s := openAt(t, path, Options{})
	commit(t, s, "HL", bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines"))
	if _, err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// unknownFormat returns a store file whose header claims a schema format
// SQLite does not know (found by FuzzOpen).
func unknownFormat(good []byte) []byte {
	b := bytes.Clone(good)
	copy(b[44:48], []byte{0, 0, 0xff, 0xe2})
	return b
}

func TestOpenRefusesFilesItMustNotTouch(t *testing.T) {
	good := storeBytes(t)
	damaged := bytes.Clone(good)
	copy(damaged[16:], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}) // page size and more
	tests := []struct {
		name    string
		content []byte
		prepare func(t *testing.T, path string) // makes the file when content is nil
		want    error
	}{
		{name: "text file", content: []byte("production: Harbour Lights\nsuites: []\n"), want: ErrCorrupt},
		{name: "short file", content: []byte("SQLite"), want: ErrCorrupt},
		{name: "damaged header", content: damaged, want: ErrCorrupt},
		{name: "unknown schema format", content: unknownFormat(good), want: ErrCorrupt},
		{name: "newer schema", prepare: func(t *testing.T, path string) {
			s := openAt(t, path, Options{})
			mustExec(t, s.db, "PRAGMA user_version = 99")
			s.Close()
		}, want: ErrNewerSchema},
		{name: "another application's database", prepare: func(t *testing.T, path string) {
			mustExec(t, rawDB(t, path), "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
		}, want: ErrNotStore},
		{name: "another application's id", prepare: func(t *testing.T, path string) {
			mustExec(t, rawDB(t, path), "PRAGMA application_id = 42")
			mustExec(t, rawDB(t, path), "CREATE TABLE t (x)")
		}, want: ErrNotStore},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pencil.db")
			if tt.content != nil {
				if err := os.WriteFile(path, tt.content, 0o600); err != nil {
					t.Fatal(err)
				}
			} else {
				tt.prepare(t, path)
			}
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Open(context.Background(), path, Options{})
			if err == nil {
				s.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open err = %v, want %v", err, tt.want)
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Errorf("Open changed the refused file")
			}
		})
	}
}

func TestNewerSchemaErrorSaysWhichVersions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pencil.db")
	s := openAt(t, path, Options{})
	mustExec(t, s.db, "PRAGMA user_version = 8")
	s.Close()
	_, err := Open(context.Background(), path, Options{})
	var ne *NewerSchemaError
	if !errors.As(err, &ne) || ne.Found != 8 || ne.Known != SchemaVersion {
		t.Fatalf("err = %v, want NewerSchemaError{Found: 8, Known: %d}", err, SchemaVersion)
	}
}

func TestSchemaVersionCountsMigrations(t *testing.T) {
	if SchemaVersion != len(migrations) {
		t.Fatalf("SchemaVersion = %d, but there are %d migrations", SchemaVersion, len(migrations))
	}
}

func TestOpenAcceptsNewAndEmptyFiles(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	odd := filepath.Join(dir, "Harbour Lights #1 (50%)?", "pencil.db")
	if err := os.MkdirAll(filepath.Dir(odd), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "new.db"), empty, odd} {
		s := openAt(t, path, Options{})
		var mode string
		if err := s.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("%s: journal_mode = %q, %v; want wal", path, mode, err)
		}
		var fk int
		if err := s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
			t.Errorf("%s: foreign_keys = %d, %v; want 1", path, fk, err)
		}
		v, err := s.schemaVersion(context.Background(), s.db)
		if err != nil || v != SchemaVersion {
			t.Errorf("%s: schema version = %d, %v; want %d", path, v, err, SchemaVersion)
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("the store is not at %s: %v", path, err)
		}
	}
}

// TestMigrationsUpgradeOldStores opens a store left at each older schema
// version and checks that it reaches the current one with its data intact.
func TestMigrationsUpgradeOldStores(t *testing.T) {
	ctx := context.Background()
	for v := 1; v < SchemaVersion; v++ {
		path := filepath.Join(t.TempDir(), "pencil.db")
		old := &Store{db: rawDB(t, path), dialect: sqliteDialect{}, path: path, now: newClock().now}
		if err := old.migrateTo(ctx, v); err != nil {
			t.Fatalf("migrate to %d: %v", v, err)
		}
		if got, _ := old.schemaVersion(ctx, old.db); got != v {
			t.Fatalf("old store at version %d, want %d", got, v)
		}
		g1 := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
		g1.Status = booking.SecondPencil // spelt "second pencil" before version 5
		runID := commitOld(t, old, g1)
		old.db.Close()
		s := openAt(t, path, Options{})
		if got, _ := s.schemaVersion(ctx, s.db); got != SchemaVersion {
			t.Errorf("after Open: version %d, want %d", got, SchemaVersion)
		}
		b := current(t, s)["G1"]
		if b.RunID != runID || b.Status != booking.SecondPencil || b.ExtraSuites != nil || !slices.Equal(b.Suites(), []string{"grade-a"}) {
			t.Errorf("booking lost or its status misread in migration from %d: %+v", v, b)
		}
		if want := []Piece{{Start: g1.Start.UTC(), End: g1.End.UTC()}}; !samePieces(b.Pieces, want) {
			t.Errorf("migrated from %d: pieces %v, want the old block %v", v, b.Pieces, want)
		}
		hist, err := s.History(ctx, "G1")
		if err != nil || len(hist) != 1 || len(hist[0].New.Pieces) != 1 || !hist[0].New.End.Equal(g1.End) ||
			hist[0].New.Status != booking.SecondPencil {
			t.Errorf("migrated from %d: history %+v, %v; want the old run's row with one piece", v, hist, err)
		}
		if _, _, err := s.AddSubscriber(ctx, FeedPerson, "ines"); err != nil {
			t.Errorf("subscribers after migration from %d: %v", v, err)
		}
	}
}

// TestSecondWriterGetsErrBusy holds the write lock from one store and
// commits from another whose busy timeout is short: it must fail with
// ErrBusy, write nothing, and succeed once the lock is free.
func TestSecondWriterGetsErrBusy(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		path := be.dsn(t)
		first := openAt(t, path, Options{})
		second := openAt(t, path, Options{BusyTimeout: 20 * time.Millisecond})
		tx, err := first.beginWrite(ctx, "") // takes the write lock
		if err != nil {
			t.Fatal(err)
		}
		run := RunInput{Fingerprint: fp, Bookings: []Booking{bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")}}
		if _, err := second.CommitRun(ctx, run); !errors.Is(err, ErrBusy) {
			t.Fatalf("CommitRun while locked: err = %v, want ErrBusy", err)
		}
		if _, err := second.Release(ctx, []string{"G1"}, "x", "jo"); !errors.Is(err, ErrBusy) {
			t.Fatalf("Release while locked: err = %v, want ErrBusy", err)
		}
		// Readers are not blocked by the writer (WAL, MVCC).
		if _, err := second.Runs(ctx); err != nil {
			t.Fatalf("Runs while locked: %v", err)
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if _, err := second.CommitRun(ctx, run); err != nil {
			t.Fatalf("CommitRun after unlock: %v", err)
		}
	})
}

// TestConcurrentWritersWait runs writers in parallel from separate stores on
// one file; with a generous busy timeout each waits its turn and every run
// lands, in some order, with sequences matching the number of moves.
func TestConcurrentWritersWait(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		path := be.dsn(t)
		openAt(t, path, Options{}) // create and migrate once
		const writers, runsEach = 4, 5
		var wg sync.WaitGroup
		errs := make(chan error, writers*runsEach)
		for w := range writers {
			s := openAt(t, path, Options{BusyTimeout: time.Minute})
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range runsEach {
					b := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
					b.Start = b.Start.Add(time.Duration(w*runsEach+i+1) * 24 * time.Hour)
					b.End = b.Start.Add(8 * time.Hour)
					_, err := s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, Bookings: []Booking{b}})
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		s := openAt(t, path, Options{})
		runs, err := s.Runs(ctx)
		if err != nil || len(runs) != writers*runsEach {
			t.Fatalf("runs = %d, %v; want %d", len(runs), err, writers*runsEach)
		}
		// Every run moved G1 to a new day, except the first, which pencilled it.
		if got := current(t, s)["G1"].Sequence; got != writers*runsEach-1 {
			t.Errorf("sequence = %d, want %d", got, writers*runsEach-1)
		}
		if be.name == "sqlite" {
			checkIntegrity(t, s.db)
		}
		checkHistoryComplete(t, s)
	})
}

func checkIntegrity(t testing.TB, db *sql.DB) {
	t.Helper()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
}
