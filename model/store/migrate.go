package store

import (
	"context"
	"fmt"
)

// Migration is what Migrate did to a store's schema.
type Migration struct {
	// From is the schema version the store had; 0 for a new store.
	From int
	// To is the version it has now: SchemaVersion.
	To int
}

// Migrate opens the existing store at path, brings its schema up to
// SchemaVersion one step per transaction, and closes it. A store from a
// newer pencil is refused with ErrNewerSchema and left untouched, as are
// damaged files and other applications' databases; a missing file is
// ErrNoStore. Open migrates too; Migrate is the explicit step an operator
// takes before a new pencil goes out to every coordinator of a shared
// PostgreSQL store.
func Migrate(ctx context.Context, path string, opts Options) (Migration, error) {
	ok, err := Exists(path)
	if err != nil {
		return Migration{}, err
	}
	if !ok {
		return Migration{}, fmt.Errorf("%w there: %s", ErrNoStore, path)
	}
	s, err := open(ctx, path, opts)
	if err != nil {
		return Migration{}, err
	}
	defer s.Close()
	from, err := s.schemaVersion(ctx, s.db)
	if err != nil {
		return Migration{}, s.wrap("read schema version", err)
	}
	if err := s.migrate(ctx); err != nil {
		return Migration{From: from}, err
	}
	return Migration{From: from, To: SchemaVersion}, nil
}

// Counts is how many rows each part of a store holds.
type Counts struct {
	Runs        int64 `json:"runs"`
	Bookings    int64 `json:"bookings"`
	History     int64 `json:"history"`
	Productions int64 `json:"productions"`
	Subscribers int64 `json:"subscribers"`
}

// String lists the counts: "3 runs, 120 bookings, …".
func (c Counts) String() string {
	return fmt.Sprintf("%d runs, %d bookings, %d history rows, %d productions, %d feed subscribers",
		c.Runs, c.Bookings, c.History, c.Productions, c.Subscribers)
}

// Counts counts the store's rows in one read snapshot.
func (s *Store) Counts(ctx context.Context) (Counts, error) {
	var c Counts
	err := s.read(ctx, "count rows", func(tx dbtx) error {
		for _, t := range []struct {
			table string
			n     *int64
		}{{"runs", &c.Runs}, {"bookings", &c.Bookings}, {"history", &c.History},
			{"productions", &c.Productions}, {"feed_subscribers", &c.Subscribers}} {
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+t.table).Scan(t.n); err != nil {
				return fmt.Errorf("count %s: %w", t.table, err)
			}
		}
		return nil
	})
	return c, err
}
