package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"
)

// Sentinel errors. Match them with errors.Is; the returned error carries the
// path or booking it is about.
var (
	// ErrNewerSchema means the file was written by a newer pencil whose schema
	// this build does not know. The file is left untouched.
	ErrNewerSchema = errors.New("store: booking store has a newer schema than this pencil understands")
	// ErrCorrupt means the file is not an SQLite database, or SQLite found it
	// damaged. The file is left untouched.
	ErrCorrupt = errors.New("store: file is corrupt or not an SQLite database")
	// ErrNotStore means the file is a healthy SQLite database that belongs to
	// some other application.
	ErrNotStore = errors.New("store: SQLite file is not a pencil booking store")
	// ErrBusy means another writer held the store for longer than
	// Options.BusyTimeout. Nothing was written; try again.
	ErrBusy = errors.New("store: booking store is busy with another writer")
	// ErrReadOnly means the store's file, or the folder it is in, does not
	// let pencil write (or, for the file, read) it: permissions, or a
	// read-only file system. SQLite writes beside the file (its -wal and
	// -shm files), so the folder must be writable too. See ReadOnlyError;
	// nothing was written.
	ErrReadOnly = errors.New("store: booking store is read-only")
	// ErrUnknownBooking means a booking id is not in the store.
	ErrUnknownBooking = errors.New("store: unknown booking")
	// ErrUnknownRun means a run id is not in the store.
	ErrUnknownRun = errors.New("store: unknown run")
	// ErrTransition means a status change the rules do not allow, such as
	// confirming a released booking. See TransitionError.
	ErrTransition = errors.New("store: status change not allowed")
	// ErrInvalidInput means a run or action was refused before anything was
	// written, for example a booking that ends before it starts.
	ErrInvalidInput = errors.New("store: invalid input")
)

// defaultBusyTimeout is Options.BusyTimeout's zero-value meaning.
const defaultBusyTimeout = 5 * time.Second

// Options configures Open. The zero value is ready to use.
type Options struct {
	// BusyTimeout is how long a writer waits for another writer to finish
	// before failing with ErrBusy. Zero means 5 seconds.
	BusyTimeout time.Duration
	// Now stamps runs and history. Nil means time.Now.
	Now func() time.Time
}

// Store is an open booking store. It is safe for concurrent use. On SQLite
// writers are serialised by its write lock; on PostgreSQL runs of
// different productions on different suites read and plan concurrently
// and commit one at a time (see locks.go). Readers see the last committed
// run while a run is being written.
type Store struct {
	db      *sql.DB
	dialect dialect
	path    string
	dsn     string // PostgreSQL's connection string, for Watch; "" for SQLite
	timeout time.Duration
	now     func() time.Time
}

// Open opens the booking store at path, creating it if it does not exist, and
// brings its schema up to date. A path starting with postgres:// or
// postgresql:// is a PostgreSQL connection string (see docs/postgres.md);
// anything else is an SQLite file. A store from a newer pencil is refused
// with ErrNewerSchema, a damaged or non-SQLite file with ErrCorrupt and
// another application's database with ErrNotStore; none of them is
// written to.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	s, err := open(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// open opens the store at path and checks it is a pencil store (or
// empty), without touching its schema.
func open(ctx context.Context, path string, opts Options) (*Store, error) {
	s := &Store{timeout: opts.BusyTimeout, now: opts.Now}
	if s.timeout <= 0 {
		s.timeout = defaultBusyTimeout
	}
	if s.now == nil {
		s.now = time.Now
	}
	var err error
	if isPostgres(path) {
		s.dialect = postgresDialect{}
		s.db, s.path, err = openPostgres(path)
		s.dsn = path
	} else {
		s.dialect = sqliteDialect{}
		s.db, s.path, err = openSQLite(path, s.timeout)
	}
	if err != nil {
		return nil, err
	}
	if err := s.dialect.check(ctx, s); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Path returns the absolute path of the store's file or, for PostgreSQL,
// its connection string with any password masked.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

// wrap adds the action and the path to err and maps the database's busy
// and corruption errors to ErrBusy and ErrCorrupt.
func (s *Store) wrap(action string, err error) error {
	kind, _ := s.dialect.classify(err)
	if kind == ErrReadOnly {
		return &ReadOnlyError{Path: s.path, Action: action, Err: err}
	}
	if kind != nil {
		return fmt.Errorf("%w: %s: %s: %w", kind, s.path, action, err)
	}
	return fmt.Errorf("store: %s: %s: %w", s.path, action, err)
}

// conn returns the database with the dialect's placeholders, for queries
// outside a transaction.
func (s *Store) conn() dbtx { return dbtx{c: s.db, d: s.dialect} }

// errRollback, returned by a write's fn, rolls the transaction back and
// makes the write succeed: a dry run.
var errRollback = errors.New("store: roll back")

// write runs fn in one write transaction that may change anything in the
// store, holding off every other writer, committing if fn returns nil and
// rolling back otherwise.
func (s *Store) write(ctx context.Context, action string, fn func(tx dbtx) error) error {
	return s.writeScoped(ctx, action, "", fn)
}

// writeScoped runs fn as write does, for a run of one production: on
// PostgreSQL it holds off only the writers of that production and those
// that may change anything (see locks.go); fn takes the suite and commit
// locks itself. An empty production is write. A write the database
// aborted for a concurrent one is run again, up to maxWriteAttempts
// times, so fn must set, not append to, what it shares with its caller.
func (s *Store) writeScoped(ctx context.Context, action, production string, fn func(tx dbtx) error) error {
	if !lockPerProduction {
		production = ""
	}
	for attempt := 1; ; attempt++ {
		err := s.writeOnce(ctx, action, production, fn)
		if err == nil || !s.dialect.retryable(err) {
			return err
		}
		if attempt == maxWriteAttempts {
			return fmt.Errorf("%w (gave up after %d attempts)", err, attempt)
		}
		// A short, random pause, so two writers that collided do not
		// collide again.
		select {
		case <-ctx.Done():
			return fmt.Errorf("store: %s: %s: %w", s.path, action, ctx.Err())
		case <-time.After(time.Duration(rand.Int64N(int64(attempt) * int64(10*time.Millisecond)))):
		}
	}
}

// writeOnce runs fn in one write transaction.
func (s *Store) writeOnce(ctx context.Context, action, production string, fn func(tx dbtx) error) error {
	tx, err := s.beginWrite(ctx, production)
	if err != nil {
		return s.wrap(action+": begin", err)
	}
	if err := fn(dbtx{c: tx, d: s.dialect}); err != nil {
		rerr := tx.Rollback()
		if errors.Is(err, errRollback) {
			if rerr != nil {
				return s.wrap(action+": roll back", rerr)
			}
			return nil
		}
		// The error from fn is the one to report.
		if _, fromDB := s.dialect.classify(err); fromDB {
			return s.wrap(action, err)
		}
		return err
	}
	if err := s.dialect.notify(ctx, tx); err != nil {
		tx.Rollback() //nolint:errcheck // the notify error is the one to report
		return s.wrap(action+": announce", err)
	}
	if err := tx.Commit(); err != nil {
		return s.wrap(action+": commit", err)
	}
	return nil
}

// read runs fn in one read transaction, so every query in fn sees the same
// committed state.
func (s *Store) read(ctx context.Context, action string, fn func(tx dbtx) error) error {
	tx, err := s.db.BeginTx(ctx, s.dialect.readOptions())
	if err != nil {
		return s.wrap(action+": begin", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only; nothing to keep
	if err := fn(dbtx{c: tx, d: s.dialect}); err != nil {
		if _, fromDB := s.dialect.classify(err); fromDB {
			return s.wrap(action, err)
		}
		return err
	}
	return nil
}

// beginWrite begins a write transaction and takes the writer's locks: the
// whole store's, or for a run of one production, that production's.
func (s *Store) beginWrite(ctx context.Context, production string) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if err := s.dialect.lockWriter(ctx, tx, s.timeout, production); err != nil {
		tx.Rollback() //nolint:errcheck // the lock error is the one to report
		return nil, err
	}
	return tx, nil
}

// stamp formats t for storage: UTC, RFC 3339 with nanoseconds, so text order
// is time order.
func stamp(t time.Time) string { return t.UTC().Format(timeLayout) }

// timeLayout is RFC 3339 with a fixed nine-digit fraction.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// parseStamp reads a time written by stamp.
func parseStamp(v string) (time.Time, error) {
	t, err := time.Parse(timeLayout, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: bad time %q in store: %w", v, err)
	}
	return t, nil
}

// ReadOnlyError is a store pencil may not write. errors.Is(err,
// ErrReadOnly) holds for it.
type ReadOnlyError struct {
	// Path is the store's file.
	Path string
	// Action is what the store was doing ("commit run"), or "" when it
	// failed opening the file.
	Action string
	// Err is the database's or the file system's error.
	Err error
}

// Error says the store is read-only and where to look:
//
//	store: /srv/post/pencil.db is read-only (attempt to write a readonly database):
//	pencil needs to write the file and beside it: check the permissions of /srv/post
func (e *ReadOnlyError) Error() string {
	cause := e.Err.Error()
	if e.Action != "" {
		cause = e.Action + ": " + cause
	}
	return fmt.Sprintf("store: %s is read-only (%s): pencil needs to write the file and beside it: check the permissions of %s",
		e.Path, cause, filepath.Dir(e.Path))
}

// Unwrap returns the underlying error.
func (e *ReadOnlyError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrReadOnly) hold.
func (e *ReadOnlyError) Is(target error) bool { return target == ErrReadOnly }
