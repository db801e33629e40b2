package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"
)

// dialect is what differs between the store's two databases. Every query
// is written once, with ? placeholders and the SQL both databases share;
// the dialect supplies the rest. Nothing above this package sees SQL.
type dialect interface {
	// name is "sqlite" or "postgres", for messages.
	name() string
	// rebind turns the ? placeholders of query into the database's own.
	rebind(query string) string
	// hasElement is a condition, with one placeholder, that the JSON array
	// of strings in column holds the argument.
	hasElement(column string) string
	// sharesElement is a condition, with one placeholder (a JSON array
	// of strings), that the JSON array in column holds one of its
	// strings.
	sharesElement(column string) string
	// elements is a subquery, with one placeholder, yielding each string of
	// the JSON array passed as the argument.
	elements() string
	// readOptions are the options of a read transaction: one snapshot for
	// every query in it.
	readOptions() *sql.TxOptions
	// lockWriter is the first statement of every write transaction: it
	// waits up to timeout for other writers to finish, then holds them off
	// until the transaction ends. With a production, it holds off only
	// writers of that production and those of the whole store (locks.go).
	lockWriter(ctx context.Context, tx *sql.Tx, timeout time.Duration, production string) error
	// lockSuites takes the locks of suites for a run of one production.
	lockSuites(ctx context.Context, c conn, suites []string) error
	// lockCommit takes the commit lock before a run's first write.
	lockCommit(ctx context.Context, c conn) error
	// notify announces, as the transaction commits, that the store
	// changed (see Store.Watch).
	notify(ctx context.Context, tx *sql.Tx) error
	// retryable reports whether err aborted a write for a concurrent one
	// (a deadlock or serialization failure), so that it may run again.
	retryable(err error) bool
	// check makes sure, before the schema is touched, that the database is
	// healthy and a pencil store or empty.
	check(ctx context.Context, s *Store) error
	// steps are the schema steps, oldest first.
	steps() []schemaStep
	// schemaVersion reads the store's schema version; 0 for a new store.
	schemaVersion(ctx context.Context, q queryer) (int, error)
	// setSchemaVersion records version v inside a migration.
	setSchemaVersion(ctx context.Context, tx conn, v int) error
	// resetIdentity makes the next id table's identity column gives
	// follow the largest id in it, after rows were written with their ids.
	resetIdentity(ctx context.Context, tx conn, table string) error
	// classify says whether err came from the database and, if it means
	// ErrBusy or ErrCorrupt, which.
	classify(err error) (kind error, fromDB bool)
}

// schemaStep takes the schema from version from to version to in one
// transaction.
type schemaStep struct {
	from, to int
	sql      string
}

// conn is the part of *sql.DB and *sql.Tx that queries go through.
type conn interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// dbtx is a transaction (or the database) whose queries are written with ?
// placeholders and rebound for the dialect on the way through.
type dbtx struct {
	c conn
	d dialect
}

// ExecContext runs a statement.
func (t dbtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.c.ExecContext(ctx, t.d.rebind(query), args...)
}

// QueryContext runs a query.
func (t dbtx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.c.QueryContext(ctx, t.d.rebind(query), args...)
}

// QueryRowContext runs a query for one row.
func (t dbtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return t.c.QueryRowContext(ctx, t.d.rebind(query), args...)
}

// PrepareContext prepares a statement.
func (t dbtx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return t.c.PrepareContext(ctx, t.d.rebind(query))
}

// elements is the dialect's JSON array expansion.
func (t dbtx) elements() string { return t.d.elements() }

// sharesElement is the dialect's sharesElement.
func (t dbtx) sharesElement(column string) string { return t.d.sharesElement(column) }

// dollarParams rewrites ? placeholders as $1, $2, … outside quoted strings
// and identifiers, as PostgreSQL numbers them.
func dollarParams(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte // the open quote, or 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
