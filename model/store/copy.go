package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// copyTable is one table as Copy moves it: its columns, and how each is
// scanned, so that values cross between databases with their types ('i'
// integer, 's' text, 'b' boolean; integers and text may be NULL). A table
// whose first column is an integer has an identity id.
type copyTable struct {
	name  string
	cols  string
	kinds string
}

// copyTables lists every table of the schema, parents before children.
var copyTables = []copyTable{
	{"runs", "id, version, time, fingerprint, seed, who, why, production, history_mark, report, read_version", "isssisssisi"},
	{"bookings", bookingColumns, "ssssssssssiisisbs"},
	{"history", "id, booking_id, run_id, action, changes, old, new, reason, who, time, cancellation", "isissssssss"},
	{"productions", "name, timezone, names, run_id, key", "sssis"},
	{"feed_subscribers", "id, kind, key, token_hash, created, revoked", "isssss"},
}

// Copy copies every run, booking (with its pieces), history row,
// production and feed subscriber of from into to, which must be empty, in
// one write transaction on to and one read snapshot of from. Ids are kept,
// so runs, history marks, versions and feed tokens mean the same in the
// copy. The two stores may be on different databases: this is how a store
// moves from SQLite to PostgreSQL and back. Copy checks that every table
// of to ends with as many rows as from's.
func Copy(ctx context.Context, from, to *Store) error {
	if from == to {
		return fmt.Errorf("%w: copy %s onto itself", ErrInvalidInput, from.path)
	}
	return from.read(ctx, "copy from", func(src dbtx) error {
		return to.write(ctx, "copy to", func(dst dbtx) error {
			for _, tab := range copyTables {
				var n int64
				if err := dst.QueryRowContext(ctx, "SELECT count(*) FROM "+tab.name).Scan(&n); err != nil {
					return fmt.Errorf("count %s: %w", tab.name, err)
				}
				if n > 0 {
					return fmt.Errorf("%w: copy to %s: it is not empty (%d rows in %s)", ErrInvalidInput, to.path, n, tab.name)
				}
			}
			for _, tab := range copyTables {
				if err := copyRows(ctx, src, dst, tab); err != nil {
					return fmt.Errorf("copy %s from %s to %s: %w", tab.name, from.path, to.path, err)
				}
				if tab.kinds[0] != 'i' {
					continue
				}
				if err := to.dialect.resetIdentity(ctx, dst.c, tab.name); err != nil {
					return fmt.Errorf("copy %s to %s: %w", tab.name, to.path, err)
				}
			}
			return nil
		})
	})
}

// copyRows copies one table and checks the counts.
func copyRows(ctx context.Context, src, dst dbtx, tab copyTable) error {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(tab.kinds)), ", ")
	ins, err := dst.PrepareContext(ctx, "INSERT INTO "+tab.name+" ("+tab.cols+") VALUES ("+marks+")")
	if err != nil {
		return fmt.Errorf("prepare insert: %w", err)
	}
	defer ins.Close()
	rows, err := src.QueryContext(ctx, "SELECT "+tab.cols+" FROM "+tab.name+" ORDER BY 1")
	if err != nil {
		return fmt.Errorf("read: %w", err)
	}
	defer rows.Close()
	vals := make([]any, len(tab.kinds))
	for i, k := range tab.kinds {
		switch k {
		case 'i':
			vals[i] = new(sql.NullInt64)
		case 's':
			vals[i] = new(sql.NullString)
		default:
			vals[i] = new(bool)
		}
	}
	args := make([]any, len(vals))
	var copied int64
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		for i, v := range vals {
			switch v := v.(type) {
			case *sql.NullInt64:
				args[i] = *v
			case *sql.NullString:
				args[i] = *v
			case *bool:
				args[i] = *v
			}
		}
		if _, err := ins.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("write row %d: %w", copied+1, err)
		}
		copied++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	var want, got int64
	if err := src.QueryRowContext(ctx, "SELECT count(*) FROM "+tab.name).Scan(&want); err != nil {
		return fmt.Errorf("count source: %w", err)
	}
	if err := dst.QueryRowContext(ctx, "SELECT count(*) FROM "+tab.name).Scan(&got); err != nil {
		return fmt.Errorf("count copy: %w", err)
	}
	if got != want || copied != want {
		return fmt.Errorf("copied %d of %d rows; the copy holds %d", copied, want, got)
	}
	return nil
}
