package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model/booking"
)

func TestDollarParams(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"},
		{"x = '?' AND y = ? AND \"q?\" = ?", "x = '?' AND y = $1 AND \"q?\" = $2"},
		{"s = 'it''s ?' OR t = ?", "s = 'it''s ?' OR t = $1"},
	}
	for _, tt := range tests {
		if got := dollarParams(tt.in); got != tt.want {
			t.Errorf("dollarParams(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOpenPicksTheBackend(t *testing.T) {
	for path, pg := range map[string]bool{
		"postgres://u@h/db": true, "postgresql://u@h/db": true,
		"pencil.db": false, "postgres.db": false, "file:postgres://x": false,
	} {
		if got := isPostgres(path); got != pg {
			t.Errorf("isPostgres(%q) = %v, want %v", path, got, pg)
		}
	}
}

// TestPostgresRefusesWhatItMustNotTouch is the PostgreSQL side of
// TestOpenRefusesFilesItMustNotTouch: a newer schema and another
// application's tables are refused and left alone.
func TestPostgresRefusesWhatItMustNotTouch(t *testing.T) {
	ctx := context.Background()
	dsn := postgresDSN(t)
	s := openAt(t, dsn, Options{})
	if v, err := s.schemaVersion(ctx, s.db); err != nil || v != SchemaVersion {
		t.Fatalf("new store: schema version %d, %v; want %d", v, err, SchemaVersion)
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE pencil_schema SET version = 99"); err != nil {
		t.Fatal(err)
	}
	_, err := Open(ctx, dsn, Options{})
	var ne *NewerSchemaError
	if !errors.Is(err, ErrNewerSchema) || !errors.As(err, &ne) || ne.Found != 99 || ne.Known != SchemaVersion {
		t.Fatalf("Open(newer schema) = %v, want NewerSchemaError 99 > %d", err, SchemaVersion)
	}

	other := postgresDSN(t)
	db, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE TABLE invoices (id integer)"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, other, Options{}); !errors.Is(err, ErrNotStore) {
		t.Fatalf("Open(another application's database) = %v, want ErrNotStore", err)
	}
	var tables int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()").Scan(&tables); err != nil || tables != 1 {
		t.Fatalf("another application's database now has %d tables (%v), want 1", tables, err)
	}
}

func TestPostgresPathHidesThePassword(t *testing.T) {
	dsn := postgresDSN(t)
	withPassword := strings.Replace(dsn, "postgres@", "postgres:hunter2@", 1)
	s := openAt(t, withPassword, Options{})
	if strings.Contains(s.Path(), "hunter2") || !strings.HasPrefix(s.Path(), "postgres://") {
		t.Errorf("Path() = %q, want the DSN with its password masked", s.Path())
	}
}

// TestPostgresMigratesSecondPencilSpelling takes a PostgreSQL store back to
// schema 4, where a second pencil was spelt "second pencil" in the column
// and in history's JSON, and checks that reopening it reads the one
// spelling everywhere.
func TestPostgresMigratesSecondPencilSpelling(t *testing.T) {
	ctx := context.Background()
	dsn := postgresDSN(t)
	s := openAt(t, dsn, Options{})
	n1 := bk(t, "N1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
	n1.Status = booking.SecondPencil
	commit(t, s, "HL", n1)
	for _, q := range []string{
		"ALTER TABLE bookings DROP CONSTRAINT bookings_status_check",
		"UPDATE bookings SET status = 'second pencil' WHERE status = 'second-pencil'",
		`ALTER TABLE bookings ADD CONSTRAINT bookings_status_check
			CHECK (status IN ('pencil', 'second pencil', 'confirmed', 'released'))`,
		`UPDATE history SET new = replace(new, '"status":"second-pencil"', '"status":"second pencil"')`,
		"ALTER TABLE history DROP COLUMN cancellation",
		"ALTER TABLE bookings DROP COLUMN extra_suites",
		"UPDATE pencil_schema SET version = 4",
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("back to schema 4: %s: %v", q, err)
		}
	}
	s.Close()
	s = openAt(t, dsn, Options{})
	if v, err := s.schemaVersion(ctx, s.db); err != nil || v != SchemaVersion {
		t.Fatalf("reopened: schema version %d, %v; want %d", v, err, SchemaVersion)
	}
	if b := current(t, s)["N1"]; b.Status != booking.SecondPencil {
		t.Errorf("after migration N1 is %q, want %q", b.Status, booking.SecondPencil)
	}
	hist, err := s.History(ctx, "N1")
	if err != nil || len(hist) != 1 || hist[0].New.Status != booking.SecondPencil {
		t.Errorf("history after migration = %+v, %v", hist, err)
	}
}
