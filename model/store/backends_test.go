package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// backend is one database the store runs on, for the contract tests: every
// behavioural test runs once per backend.
type backend struct {
	name string
	// dsn returns where a new, empty store can be opened: a file path or
	// a PostgreSQL URL. It skips t when the backend is not available.
	dsn func(t testing.TB) string
}

// backends lists SQLite and PostgreSQL.
func backends(t testing.TB) []backend {
	t.Helper()
	return []backend{
		{name: "sqlite", dsn: func(t testing.TB) string { return filepath.Join(t.TempDir(), "pencil.db") }},
		{name: "postgres", dsn: postgresDSN},
	}
}

// open opens a new, empty store on the backend with a test clock.
func (be backend) open(t testing.TB) *Store {
	t.Helper()
	return openAt(t, be.dsn(t), Options{Now: newClock().now})
}

// eachBackend runs test once per backend, as a subtest named after it.
func eachBackend(t *testing.T, test func(t *testing.T, be backend)) {
	t.Helper()
	for _, be := range backends(t) {
		t.Run(be.name, func(t *testing.T) { test(t, be) })
	}
}

// wipe deletes every row of s, children before parents, so a property
// check can start each case from an empty store.
func wipe(ctx context.Context, s *Store) error {
	for _, table := range []string{"productions", "history", "bookings", "runs", "feed_subscribers"} {
		if _, err := s.db.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return fmt.Errorf("wipe %s: %w", table, err)
		}
	}
	return nil
}
