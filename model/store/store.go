package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite"
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

// applicationID marks the file as a pencil store ("penc" in ASCII), so the
// store never adopts another application's SQLite file.
const applicationID = 0x70656e63

// defaultBusyTimeout is Options.BusyTimeout's zero-value meaning.
const defaultBusyTimeout = 5 * time.Second

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Options configures Open. The zero value is ready to use.
type Options struct {
	// BusyTimeout is how long a writer waits for another writer to finish
	// before failing with ErrBusy. Zero means 5 seconds.
	BusyTimeout time.Duration
	// Now stamps runs and history. Nil means time.Now.
	Now func() time.Time
}

// Store is an open booking store. It is safe for concurrent use; writers are
// serialised by SQLite, and readers see the last committed run while a run is
// being written (WAL mode).
type Store struct {
	db   *sql.DB
	path string
	now  func() time.Time
}

// Open opens the booking store at path, creating it if it does not exist, and
// brings its schema up to date. A file from a newer pencil is refused with
// ErrNewerSchema, a damaged or non-SQLite file with ErrCorrupt and another
// application's database with ErrNotStore; none of them is written to.
// A store this user may not write fails with ErrReadOnly: here, when its
// folder is read-only (SQLite cannot make the files it keeps beside it);
// at the first write, when only the file is (it can still be read).
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	if _, err := os.Stat(filepath.Dir(abs)); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: %s: folder %s does not exist: %w", abs, filepath.Dir(abs), err)
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	timeout := opts.BusyTimeout
	if timeout <= 0 {
		timeout = defaultBusyTimeout
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", timeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	dsn := (&url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	s := &Store{db: db, path: abs, now: opts.Now}
	if s.now == nil {
		s.now = time.Now
	}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// init checks the file's health and identity, switches to WAL and migrates.
func (s *Store) init(ctx context.Context) error {
	var check string
	if err := s.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		// SQLite cannot read the file: corrupt, or a format it does not
		// know. Only a lock held elsewhere is not the file's fault.
		if err := s.wrap("check", err); errors.Is(err, ErrBusy) || errors.Is(err, ErrCorrupt) || errors.Is(err, ErrReadOnly) {
			return err
		}
		return fmt.Errorf("%w: %s: %w", ErrCorrupt, s.path, err)
	}
	if check != "ok" {
		return fmt.Errorf("%w: %s: quick_check: %s", ErrCorrupt, s.path, check)
	}
	var appID int64
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return s.wrap("read application id", err)
	}
	if appID != 0 && appID != applicationID {
		return fmt.Errorf("%w: %s: application id %#x", ErrNotStore, s.path, appID)
	}
	if appID == 0 {
		var tables int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return s.wrap("read schema", err)
		}
		if tables > 0 {
			return fmt.Errorf("%w: %s: holds %d schema objects of another application", ErrNotStore, s.path, tables)
		}
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return s.wrap("switch to WAL", err)
	}
	return s.migrate(ctx)
}

// checkHeader refuses an existing, non-empty file that does not start with
// SQLite's magic header, before SQLite opens (and could write to) it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if errors.Is(err, fs.ErrPermission) {
		return &ReadOnlyError{Path: path, Err: err}
	}
	if err != nil {
		return fmt.Errorf("store: %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	switch {
	case n == 0 && (err == io.EOF):
		return nil // an empty file becomes a new store
	case errors.Is(err, io.ErrUnexpectedEOF) || (err == nil && !bytes.HasPrefix(head, sqliteHeader)):
		return fmt.Errorf("%w: %s: no SQLite header", ErrCorrupt, path)
	case err != nil:
		return fmt.Errorf("store: %s: %w", path, err)
	}
	return nil
}

// Path returns the absolute path of the store's file.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", s.path, err)
	}
	return nil
}

// SQLite primary result codes the store maps to its own sentinels.
const (
	sqlitePerm     = 3
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteCorrupt  = 11
	sqliteCantOpen = 14
	sqliteNotADB   = 26
)

// wrap adds the action and the path to err and maps SQLite's busy,
// corruption and permission codes to ErrBusy, ErrCorrupt and ErrReadOnly.
func (s *Store) wrap(action string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqliteBusy, sqliteLocked:
			return fmt.Errorf("%w: %s: %s: %w", ErrBusy, s.path, action, err)
		case sqliteCorrupt, sqliteNotADB:
			return fmt.Errorf("%w: %s: %s: %w", ErrCorrupt, s.path, action, err)
		case sqliteCantOpen:
			// Also what a missing folder gives: that is no permission
			// problem.
			if _, serr := os.Stat(filepath.Dir(s.path)); errors.Is(serr, fs.ErrNotExist) {
				return fmt.Errorf("store: %s: %s: folder %s does not exist: %w", s.path, action, filepath.Dir(s.path), err)
			}
			return &ReadOnlyError{Path: s.path, Action: action, Err: err}
		case sqliteReadOnly, sqlitePerm:
			return &ReadOnlyError{Path: s.path, Action: action, Err: err}
		}
	}
	return fmt.Errorf("store: %s: %s: %w", s.path, action, err)
}

// ReadOnlyError is a store pencil may not write. errors.Is(err,
// ErrReadOnly) holds for it.
type ReadOnlyError struct {
	// Path is the store's file.
	Path string
	// Action is what the store was doing ("commit run"), or "" when it
	// failed opening the file.
	Action string
	// Err is SQLite's or the file system's error.
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

// errRollback, returned by a write's fn, rolls the transaction back and
// makes the write succeed: a dry run.
var errRollback = errors.New("store: roll back")

// write runs fn in one write transaction (BEGIN IMMEDIATE), committing if fn
// returns nil and rolling back otherwise.
func (s *Store) write(ctx context.Context, action string, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap(action+": begin", err)
	}
	if err := fn(tx); err != nil {
		rerr := tx.Rollback()
		if errors.Is(err, errRollback) {
			if rerr != nil {
				return s.wrap(action+": roll back", rerr)
			}
			return nil
		}
		// The error from fn is the one to report.
		var se *sqlite.Error
		if errors.As(err, &se) {
			return s.wrap(action, err)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.wrap(action+": commit", err)
	}
	return nil
}

// read runs fn in one read transaction, so every query in fn sees the same
// committed state.
func (s *Store) read(ctx context.Context, action string, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.wrap(action+": begin", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only; nothing to keep
	if err := fn(tx); err != nil {
		var se *sqlite.Error
		if errors.As(err, &se) {
			return s.wrap(action, err)
		}
		return err
	}
	return nil
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
