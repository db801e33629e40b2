package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations holds the SQLite schema, one step per version: migrations[i]
// takes the store from version i to version i+1, recorded in PRAGMA
// user_version. Steps are only ever appended; a released step is never
// edited. PostgreSQL's schema is in postgres.go.
var migrations = []string{
	// 1: runs, bookings and their history.
	`CREATE TABLE runs (
		id           INTEGER PRIMARY KEY AUTOINCREMENT,
		version      TEXT NOT NULL,    -- pencil version that made the run
		time         TEXT NOT NULL,
		fingerprint  TEXT NOT NULL,    -- sha256 of the run's inputs
		seed         INTEGER NOT NULL,
		who          TEXT NOT NULL,
		why          TEXT NOT NULL,
		production   TEXT NOT NULL,    -- the run's scope; '' is the whole store
		history_mark INTEGER NOT NULL, -- last history id written by the run
		report       TEXT NOT NULL     -- the change report, JSON
	) STRICT;
	CREATE TABLE bookings (
		id         TEXT PRIMARY KEY,
		production TEXT NOT NULL,
		session    TEXT NOT NULL,
		episode    TEXT NOT NULL,
		status     TEXT NOT NULL CHECK (status IN ('pencil', 'second pencil', 'confirmed', 'released')),
		suite      TEXT NOT NULL,
		people     TEXT NOT NULL,      -- JSON array of person ids
		artistes   TEXT NOT NULL,      -- JSON array of artiste ids
		start_at   TEXT NOT NULL,
		end_at     TEXT NOT NULL,
		sequence   INTEGER NOT NULL,
		run_id     INTEGER REFERENCES runs(id),
		note       TEXT NOT NULL,
		hold_rank  INTEGER NOT NULL    -- order of first pencilling: earlier pencils hold
	) STRICT;
	CREATE INDEX bookings_production ON bookings(production, status);
	CREATE INDEX bookings_suite ON bookings(suite, start_at);
	CREATE TABLE history (
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		booking_id TEXT NOT NULL REFERENCES bookings(id),
		run_id     INTEGER REFERENCES runs(id), -- NULL for a change by hand
		action     TEXT NOT NULL,
		changes    TEXT NOT NULL,      -- JSON array of change kinds
		old        TEXT,               -- the booking before, JSON; NULL when new
		new        TEXT NOT NULL,      -- the booking after, JSON
		reason     TEXT NOT NULL,
		who        TEXT NOT NULL,
		time       TEXT NOT NULL
	) STRICT;
	CREATE INDEX history_booking ON history(booking_id, id);
	CREATE INDEX history_run ON history(run_id);`,

	// 2: subscribers to personal calendar feeds.
	`CREATE TABLE feed_subscribers (
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		kind       TEXT NOT NULL CHECK (kind IN ('person', 'suite', 'artiste', 'production')),
		key        TEXT NOT NULL,
		token_hash TEXT NOT NULL UNIQUE, -- sha256 of the token; the token itself is never stored
		created    TEXT NOT NULL,
		revoked    TEXT
	) STRICT;
	CREATE INDEX feed_subscribers_key ON feed_subscribers(kind, key);`,

	// 3: each production's time zone and display names, as its last
	// committed run gave them, for the commands that work from the store
	// alone.
	`CREATE TABLE productions (
		name     TEXT PRIMARY KEY,
		timezone TEXT NOT NULL,         -- IANA zone name; '' when the run gave none
		names    TEXT NOT NULL,         -- JSON object: suite, person and artiste id → name
		run_id   INTEGER NOT NULL REFERENCES runs(id)
	) STRICT;`,

	// 4: the pieces each booking is actually worked in (a booking from an
	// older store was kept as one block, so it becomes one piece), the
	// store version each run read and checked before committing, the
	// second pencils held behind a first pencil outside the store, and
	// each production's key, which a rename keeps.
	`ALTER TABLE bookings ADD COLUMN pieces TEXT NOT NULL DEFAULT '[]'; -- JSON array of {start, end}, UTC
	UPDATE bookings SET pieces = json_array(json_object('start', start_at, 'end', end_at));
	ALTER TABLE runs ADD COLUMN read_version INTEGER; -- NULL when the run did not check
	ALTER TABLE bookings ADD COLUMN held_elsewhere INTEGER NOT NULL DEFAULT 0; -- a second pencil behind a hold outside the store
	ALTER TABLE productions ADD COLUMN key TEXT NOT NULL DEFAULT ''; -- the name it was first recorded under; kept by a rename
	UPDATE productions SET key = name;`,

	// 5: one spelling of every status: a second pencil is 'second-pencil'
	// here as in the project file, the feeds and JSON (it was 'second
	// pencil'). SQLite cannot change a CHECK constraint in place, so the
	// column is rebuilt beside the old one.
	`DROP INDEX bookings_production;
	ALTER TABLE bookings ADD COLUMN state TEXT NOT NULL DEFAULT 'pencil'
		CHECK (state IN ('pencil', 'second-pencil', 'confirmed', 'released'));
	UPDATE bookings SET state = CASE status WHEN 'second pencil' THEN 'second-pencil' ELSE status END;
	ALTER TABLE bookings DROP COLUMN status;
	ALTER TABLE bookings RENAME COLUMN state TO status;
	CREATE INDEX bookings_production ON bookings(production, status);
	` + secondPencilSpelling,

	// 6: the cancellation charges owed for giving a booking up (released,
	// or moved off its suite or people) inside their rate cards' notice,
	// kept with the history row of the change that owes them.
	historyCancellation,

	// 7: the further rooms a booking holds when its session books
	// several (remote ADR's studio and remote stage).
	bookingExtraSuites,
}

// bookingExtraSuites adds bookings' extra_suites column, a JSON array of
// suite ids beside suite (empty for a booking of one room); the same SQL
// on both backends.
const bookingExtraSuites = `ALTER TABLE bookings ADD COLUMN extra_suites TEXT NOT NULL DEFAULT '[]';`

// historyCancellation adds history's cancellation column, a JSON array of
// Charge (empty when nothing is owed); the same SQL on both backends.
const historyCancellation = `ALTER TABLE history ADD COLUMN cancellation TEXT NOT NULL DEFAULT '[]';`

// secondPencilSpelling rewrites the status spelling inside the JSON the
// store keeps (history's before and after, each run's change report); it
// is the same SQL on both backends.
const secondPencilSpelling = `UPDATE history SET
		old = replace(old, '"status":"second pencil"', '"status":"second-pencil"'),
		new = replace(new, '"status":"second pencil"', '"status":"second-pencil"');
	UPDATE runs SET report = replace(report, '"status":"second pencil"', '"status":"second-pencil"');`

// SchemaVersion is the schema version this build writes: the number of
// migrations.
const SchemaVersion = 7

// NewerSchemaError says which schema version a refused file has. It wraps
// ErrNewerSchema.
type NewerSchemaError struct {
	Path  string // the store's file
	Found int    // the file's schema version
	Known int    // the newest version this build knows
}

// Error says which versions differ and that pencil needs upgrading.
func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("store: %s: schema version %d is newer than this pencil's %d; upgrade pencil", e.Path, e.Found, e.Known)
}

// Unwrap returns ErrNewerSchema.
func (e *NewerSchemaError) Unwrap() error { return ErrNewerSchema }

// migrate brings the schema up to SchemaVersion, one step per transaction.
func (s *Store) migrate(ctx context.Context) error {
	return s.migrateTo(ctx, SchemaVersion)
}

// migrateTo applies the dialect's schema steps up to version target. Each
// step re-reads the version inside its write transaction, so two processes
// opening a new store at once apply each step once.
func (s *Store) migrateTo(ctx context.Context, target int) error {
	steps := s.dialect.steps()
	known := steps[len(steps)-1].to
	found, err := s.schemaVersion(ctx, s.db)
	if err != nil {
		return s.wrap("open", err)
	}
	if found > known {
		return &NewerSchemaError{Path: s.path, Found: found, Known: known}
	}
	for _, step := range steps {
		if step.to > target {
			break
		}
		if found >= step.to || found != step.from {
			continue // done already, or a step for a store at another version
		}
		err := s.write(ctx, "migrate", func(tx dbtx) error {
			v, err := s.schemaVersion(ctx, tx)
			if err != nil {
				return err
			}
			found = v
			if v >= step.to {
				return nil
			}
			if v != step.from {
				return fmt.Errorf("store: %s: schema version %d has no step to %d", s.path, v, step.to)
			}
			if _, err := tx.c.ExecContext(ctx, step.sql); err != nil {
				return fmt.Errorf("schema version %d: %w", step.to, err)
			}
			if err := s.dialect.setSchemaVersion(ctx, tx.c, step.to); err != nil {
				return err
			}
			found = step.to
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// queryer is the part of *sql.DB and *sql.Tx the store reads through.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// schemaVersion reads the store's schema version.
func (s *Store) schemaVersion(ctx context.Context, q queryer) (int, error) {
	return s.dialect.schemaVersion(ctx, q)
}
