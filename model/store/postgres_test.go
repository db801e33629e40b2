package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
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
