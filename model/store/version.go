package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrChanged means a run was refused because a production's bookings
// changed after the run read them: a person confirmed, released or
// re-pencilled a booking, or another run committed. Committing would undo
// that decision, so nothing was written; solve again from the new state.
// See ChangedError.
var ErrChanged = errors.New("store: the bookings changed while solving")

// ChangedError says what changed since a run read the store. It wraps
// ErrChanged.
type ChangedError struct {
	Production string
	// Read is the version the run read; Now the version it found at commit.
	Read, Now int64
	// Changes are the decisions and runs recorded since Read, oldest first.
	Changes []Decision
}

// Decision is one change recorded in a booking's history: a person's
// confirm, release or pencil, or a run.
type Decision struct {
	Booking string    `json:"booking"`
	Action  string    `json:"action"` // "run", "confirm", "release", "pencil"
	Who     string    `json:"who"`
	Time    time.Time `json:"time"`
}

// Error names who changed what, up to three changes.
func (e *ChangedError) Error() string {
	var parts []string
	for i, d := range e.Changes {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(e.Changes)-3))
			break
		}
		who := d.Who
		if who == "" {
			who = "someone"
		}
		if d.Action == "run" {
			parts = append(parts, fmt.Sprintf("%s committed a run at %s", who, d.Time.Format(time.RFC3339)))
		} else {
			parts = append(parts, fmt.Sprintf("%s %s %s at %s", who, pastTense(d.Action), d.Booking, d.Time.Format(time.RFC3339)))
		}
	}
	return fmt.Sprintf("store: the bookings of %q changed while solving (%s): run again", e.Production, strings.Join(parts, "; "))
}

// Unwrap returns ErrChanged.
func (e *ChangedError) Unwrap() error { return ErrChanged }

// pastTense turns a history action into what a person did.
func pastTense(action string) string {
	switch action {
	case "confirm":
		return "confirmed"
	case "release":
		return "released"
	case "pencil":
		return "pencilled"
	case "rename":
		return "renamed the production of"
	}
	return action
}

// decisionActions are the history actions that count as a change of the
// record: what people decided and what runs committed. The store's own
// follow-ups (a promotion when a slot frees) are consequences of those.
const decisionActions = "('run', 'confirm', 'release', 'pencil', 'rename')"

// Snapshot is a production's bookings and the version they were read at,
// read in one transaction.
type Snapshot struct {
	// Bookings are every current booking of the store (all productions:
	// a run needs the others' holds too), as Bookings returns them.
	Bookings []Booking
	// Version is Version(production) at the moment Bookings were read.
	Version int64
}

// Snapshot reads every booking and production's version together, so a
// run can commit with RunInput.ReadVersion and be refused if anything
// changed in between.
func (s *Store) Snapshot(ctx context.Context, production string) (Snapshot, error) {
	var snap Snapshot
	err := s.read(ctx, "read bookings", func(tx dbtx) error {
		rows, err := queryRows(ctx, tx, "SELECT "+bookingColumns+" FROM bookings ORDER BY start_at, id")
		if err != nil {
			return err
		}
		for _, r := range rows {
			snap.Bookings = append(snap.Bookings, r.Booking)
		}
		snap.Version, err = version(ctx, tx, production)
		return err
	})
	return snap, err
}

// Version returns how far production's record has come: the id of the
// last history row recording a decision about one of its bookings (a
// run's, or a person's confirm, release or pencil); 0 when there is none.
// An empty production means every booking in the store.
func (s *Store) Version(ctx context.Context, production string) (int64, error) {
	var v int64
	err := s.read(ctx, "read version", func(tx dbtx) error {
		var err error
		v, err = version(ctx, tx, production)
		return err
	})
	return v, err
}

// version is Version inside a transaction.
func version(ctx context.Context, q queryer, production string) (int64, error) {
	query := "SELECT coalesce(max(h.id), 0) FROM history h WHERE h.action IN " + decisionActions
	var args []any
	if production != "" {
		query = `SELECT coalesce(max(h.id), 0) FROM history h JOIN bookings b ON b.id = h.booking_id
			WHERE b.production = ? AND h.action IN ` + decisionActions
		args = append(args, production)
	}
	var v int64
	if err := q.QueryRowContext(ctx, query, args...).Scan(&v); err != nil {
		return 0, fmt.Errorf("read version of %q: %w", production, err)
	}
	return v, nil
}

// checkVersion refuses a run whose production changed after it read the
// store (in.ReadVersion), naming the changes.
func checkVersion(ctx context.Context, tx dbtx, in RunInput) error {
	if !in.CheckVersion {
		return nil
	}
	now, err := version(ctx, tx, in.Production)
	if err != nil || now == in.ReadVersion {
		return err
	}
	query := `SELECT h.booking_id, h.action, h.who, h.time FROM history h JOIN bookings b ON b.id = h.booking_id
		WHERE h.id > ? AND h.action IN ` + decisionActions
	args := []any{in.ReadVersion}
	if in.Production != "" {
		query += " AND b.production = ?"
		args = append(args, in.Production)
	}
	rows, err := tx.QueryContext(ctx, query+" ORDER BY h.id", args...)
	if err != nil {
		return fmt.Errorf("read changes since version %d: %w", in.ReadVersion, err)
	}
	defer rows.Close()
	ce := &ChangedError{Production: in.Production, Read: in.ReadVersion, Now: now}
	runs := map[string]bool{}
	for rows.Next() {
		var d Decision
		var at string
		if err := rows.Scan(&d.Booking, &d.Action, &d.Who, &at); err != nil {
			return fmt.Errorf("read changes: %w", err)
		}
		if d.Time, err = parseStamp(at); err != nil {
			return err
		}
		if d.Action == "run" { // one line per run, not per booking it moved
			key := d.Who + "\x00" + at
			if runs[key] {
				continue
			}
			runs[key] = true
		}
		ce.Changes = append(ce.Changes, d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read changes: %w", err)
	}
	return ce
}
