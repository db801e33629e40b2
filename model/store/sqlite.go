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

// applicationID marks the file as a pencil store ("penc" in ASCII), so the
// store never adopts another application's SQLite file.
const applicationID = 0x70656e63

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// SQLite primary result codes the store maps to its own sentinels.
const (
	sqlitePerm     = 3
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteCorrupt  = 11
	sqliteNotADB   = 26
	sqliteReadOnly = 8
	sqliteCantOpen = 14
)

// sqliteDialect is the embedded store: one file, WAL, writers serialised
// by BEGIN IMMEDIATE (the driver's _txlock=immediate).
type sqliteDialect struct{}

// openSQLite opens the SQLite file at path, refusing one that is not an
// SQLite database before the driver can write to it.
func openSQLite(path string, timeout time.Duration) (*sql.DB, string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, path, fmt.Errorf("store: %s: %w", path, err)
	}
	if _, err := os.Stat(filepath.Dir(abs)); errors.Is(err, fs.ErrNotExist) {
		return nil, abs, fmt.Errorf("store: %s: folder %s does not exist: %w", abs, filepath.Dir(abs), err)
	}
	if err := checkHeader(abs); err != nil {
		return nil, abs, err
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", timeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	dsn := (&url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, abs, fmt.Errorf("store: open %s: %w", abs, err)
	}
	return db, abs, nil
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

func (sqliteDialect) name() string                { return "sqlite" }
func (sqliteDialect) rebind(query string) string  { return query }
func (sqliteDialect) readOptions() *sql.TxOptions { return &sql.TxOptions{ReadOnly: true} }
func (sqliteDialect) elements() string            { return "SELECT value FROM json_each(?)" }
func (sqliteDialect) sharesElement(column string) string {
	return "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE value IN (SELECT value FROM json_each(?)))"
}
func (sqliteDialect) hasElement(column string) string {
	return "EXISTS (SELECT 1 FROM json_each(" + column + ") WHERE value = ?)"
}

// lockWriter does nothing: the driver began the transaction with BEGIN
// IMMEDIATE, which took the write lock or failed with SQLITE_BUSY after
// the busy timeout.
func (sqliteDialect) lockWriter(context.Context, *sql.Tx, time.Duration, string) error { return nil }

// lockSuites does nothing: the transaction holds the whole file.
func (sqliteDialect) lockSuites(context.Context, conn, []string) error { return nil }

// lockCommit does nothing: the transaction holds the whole file.
func (sqliteDialect) lockCommit(context.Context, conn) error { return nil }

// notify does nothing: SQLite readers poll (Store.Watch).
func (sqliteDialect) notify(context.Context, *sql.Tx) error { return nil }

// retryable is false: SQLite writers never run at once.
func (sqliteDialect) retryable(error) bool { return false }

// check checks the file's health and identity and switches it to WAL.
func (sqliteDialect) check(ctx context.Context, s *Store) error {
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
	return nil
}

// steps are the migrations, one version each.
func (sqliteDialect) steps() []schemaStep {
	out := make([]schemaStep, len(migrations))
	for i, m := range migrations {
		out[i] = schemaStep{from: i, to: i + 1, sql: m}
	}
	return out
}

// schemaVersion reads PRAGMA user_version.
func (sqliteDialect) schemaVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// setSchemaVersion sets PRAGMA user_version, and marks a new file as a
// pencil store.
func (sqliteDialect) setSchemaVersion(ctx context.Context, tx conn, v int) error {
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		return fmt.Errorf("schema version %d: %w", v, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return fmt.Errorf("mark as pencil store: %w", err)
	}
	return nil
}

// resetIdentity does nothing: AUTOINCREMENT already counts from the
// largest id written.
func (sqliteDialect) resetIdentity(context.Context, conn, string) error { return nil }

// classify maps SQLite's busy and corruption codes.
func (sqliteDialect) classify(err error) (error, bool) {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil, false
	}
	switch se.Code() & 0xff {
	case sqliteBusy, sqliteLocked:
		return ErrBusy, true
	case sqliteCorrupt, sqliteNotADB:
		return ErrCorrupt, true
	case sqliteReadOnly, sqlitePerm, sqliteCantOpen:
		// The folder's existence is checked before opening, so
		// cannot-open means permissions.
		return ErrReadOnly, true
	}
	return nil, true
}
