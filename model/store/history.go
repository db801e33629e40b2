package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// HistoryEntry is one recorded change to one booking.
type HistoryEntry struct {
	ID        int64
	BookingID string
	// RunID is the run that made the change; 0 for a change by hand.
	RunID int64
	// Action is "run", "confirm", "release", "pencil", or "promote" and
	// "resolve" for changes the store made to other bookings along the way.
	Action  string
	Changes []ChangeKind
	// Old is the booking before the change, nil when it was new; New after.
	Old    *Booking
	New    Booking
	Reason string
	Who    string
	Time   time.Time
	// Cancellation are the cancellation charges the change owes (see
	// Charge); nil when none.
	Cancellation []Charge
}

// History returns every change to one booking, oldest first.
func (s *Store) History(ctx context.Context, bookingID string) ([]HistoryEntry, error) {
	var out []HistoryEntry
	err := s.read(ctx, "history of "+bookingID, func(tx dbtx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM bookings WHERE id = ?", bookingID).Scan(&n); err != nil {
			return fmt.Errorf("find booking: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("%w: %s", ErrUnknownBooking, bookingID)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, booking_id, coalesce(run_id, 0), action, changes, old, new, reason, who, time, cancellation
			FROM history WHERE booking_id = ? ORDER BY id`, bookingID)
		if err != nil {
			return fmt.Errorf("query history: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var (
				h                          HistoryEntry
				changes, newJS, ts, cancJS string
				oldJS                      sql.NullString
			)
			if err := rows.Scan(&h.ID, &h.BookingID, &h.RunID, &h.Action, &changes, &oldJS, &newJS, &h.Reason, &h.Who, &ts, &cancJS); err != nil {
				return fmt.Errorf("scan history: %w", err)
			}
			if err := json.Unmarshal([]byte(changes), &h.Changes); err != nil {
				return fmt.Errorf("history %d: changes: %w", h.ID, err)
			}
			if oldJS.Valid {
				h.Old = new(Booking)
				if err := json.Unmarshal([]byte(oldJS.String), h.Old); err != nil {
					return fmt.Errorf("history %d: old: %w", h.ID, err)
				}
			}
			if err := json.Unmarshal([]byte(newJS), &h.New); err != nil {
				return fmt.Errorf("history %d: new: %w", h.ID, err)
			}
			if cancJS != "[]" {
				if err := json.Unmarshal([]byte(cancJS), &h.Cancellation); err != nil {
					return fmt.Errorf("history %d: cancellation: %w", h.ID, err)
				}
			}
			if h.Time, err = parseStamp(ts); err != nil {
				return fmt.Errorf("history %d: %w", h.ID, err)
			}
			out = append(out, h)
		}
		return rows.Err()
	})
	return out, err
}

// Run describes one committed run.
type Run struct {
	ID          int64
	Version     string // pencil version that made it
	Time        time.Time
	Fingerprint string // SHA-256 of its inputs
	Seed        int64
	Who, Why    string
	Production  string // its scope; empty for the whole store
	// ReadVersion is the store version the run read its bookings at and
	// checked before committing (see RunInput.CheckVersion); -1 when it
	// did not check.
	ReadVersion int64
}

// Runs returns every run, oldest first.
func (s *Store) Runs(ctx context.Context) ([]Run, error) {
	var out []Run
	err := s.read(ctx, "list runs", func(tx dbtx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, version, time, fingerprint, seed, who, why, production, coalesce(read_version, -1) FROM runs ORDER BY id")
		if err != nil {
			return fmt.Errorf("query runs: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r Run
			var ts string
			if err := rows.Scan(&r.ID, &r.Version, &ts, &r.Fingerprint, &r.Seed, &r.Who, &r.Why, &r.Production, &r.ReadVersion); err != nil {
				return fmt.Errorf("scan run: %w", err)
			}
			if r.Time, err = parseStamp(ts); err != nil {
				return fmt.Errorf("run %d: %w", r.ID, err)
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// RunReport returns the change report stored with a run.
func (s *Store) RunReport(ctx context.Context, runID int64) (Report, error) {
	var rep Report
	err := s.read(ctx, fmt.Sprintf("report of run %d", runID), func(tx dbtx) error {
		var js string
		err := tx.QueryRowContext(ctx, "SELECT report FROM runs WHERE id = ?", runID).Scan(&js)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: %d", ErrUnknownRun, runID)
		}
		if err != nil {
			return fmt.Errorf("query run: %w", err)
		}
		if err := json.Unmarshal([]byte(js), &rep); err != nil {
			return fmt.Errorf("decode report: %w", err)
		}
		return nil
	})
	return rep, err
}

// Diff reports how the bookings changed from just after run a to just after
// run b, including changes made by hand in between. With a after b it
// reports the change back. Conflicts are not worked out for a diff.
func (s *Store) Diff(ctx context.Context, a, b int64) (Report, error) {
	rep := Report{RunID: b}
	err := s.read(ctx, fmt.Sprintf("diff runs %d and %d", a, b), func(tx dbtx) error {
		before, err := stateAt(ctx, tx, a)
		if err != nil {
			return err
		}
		after, err := stateAt(ctx, tx, b)
		if err != nil {
			return err
		}
		for id, now := range after {
			var was *Booking
			if b, ok := before[id]; ok {
				was = &b
			}
			if was == nil && now.Status == booking.Released {
				continue // pencilled and released between the two runs
			}
			kinds := changeKinds(was, now)
			for _, k := range kinds {
				rep.Changes = append(rep.Changes, Change{Kind: k, Booking: now, Was: was})
			}
			if len(kinds) == 0 {
				rep.Unchanged++
			}
		}
		for id, was := range before {
			if _, ok := after[id]; !ok && was.Status != booking.Released {
				// Only a diff backwards in time can lose a booking.
				now := was
				now.Status = booking.Released
				rep.Changes = append(rep.Changes, Change{Kind: ChangeReleased, Booking: now, Was: &was})
			}
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	sortChanges(rep.Changes)
	return rep, nil
}

// stateAt rebuilds every booking as it stood just after a run, from history.
func stateAt(ctx context.Context, tx dbtx, runID int64) (map[string]Booking, error) {
	var mark int64
	err := tx.QueryRowContext(ctx, "SELECT history_mark FROM runs WHERE id = ?", runID).Scan(&mark)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %d", ErrUnknownRun, runID)
	}
	if err != nil {
		return nil, fmt.Errorf("query run %d: %w", runID, err)
	}
	return stateAtMark(ctx, tx, mark)
}

// stateAtMark rebuilds every booking as its last history row up to history
// id mark left it.
func stateAtMark(ctx context.Context, tx dbtx, mark int64) (map[string]Booking, error) {
	rows, err := tx.QueryContext(ctx, `SELECT h.new FROM history h
		JOIN (SELECT max(id) AS id FROM history WHERE id <= ? GROUP BY booking_id) last ON h.id = last.id`, mark)
	if err != nil {
		return nil, fmt.Errorf("query history to %d: %w", mark, err)
	}
	defer rows.Close()
	out := map[string]Booking{}
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, fmt.Errorf("scan history: %w", err)
		}
		var b Booking
		if err := json.Unmarshal([]byte(js), &b); err != nil {
			return nil, fmt.Errorf("decode history: %w", err)
		}
		b.People, b.Artistes = nonNil(b.People), nonNil(b.Artistes)
		out[b.ID] = b
	}
	return out, rows.Err()
}
