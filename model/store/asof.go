package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// BookingsAsOf returns every booking as it stood just after run runID
// committed, rebuilt from the history table alone, by start time then ID
// as Bookings orders them.
//
// "As of" a run includes the hand-made confirms, releases and pencils (and
// the promotions they caused) recorded after the run and before the next
// run committed: it is the state the next run started from. For the newest
// run it is therefore the current state. Released bookings are included,
// as Bookings includes them; bookings first pencilled by a later run are
// not.
//
// RunID on each booking is the last run that changed it, as history
// records it. Bookings may show a later run there, since a run that leaves
// a booking as it was stamps it without writing history. An unknown runID
// fails with ErrUnknownRun.
func (s *Store) BookingsAsOf(ctx context.Context, runID int64) ([]Booking, error) {
	var out []Booking
	err := s.read(ctx, fmt.Sprintf("bookings as of run %d", runID), func(tx dbtx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM runs WHERE id = ?", runID).Scan(&n); err != nil {
			return fmt.Errorf("find run: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("%w: %d", ErrUnknownRun, runID)
		}
		bound, err := historyBefore(ctx, tx, runID)
		if err != nil {
			return err
		}
		state, err := stateAtMark(ctx, tx, bound)
		if err != nil {
			return err
		}
		for _, b := range state {
			out = append(out, b)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Booking) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// historyBefore returns the last history id written before the run after
// runID committed, or the last of all when runID is the newest run. Runs
// commit one at a time, so a run's history rows are contiguous: the next
// run's first row, if it wrote any, bounds the rows before it; else its
// history mark does.
func historyBefore(ctx context.Context, tx dbtx, runID int64) (int64, error) {
	var next, mark int64
	err := tx.QueryRowContext(ctx, "SELECT id, history_mark FROM runs WHERE id > ? ORDER BY id LIMIT 1", runID).Scan(&next, &mark)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM history").Scan(&mark)
		if err != nil {
			return 0, fmt.Errorf("find last history: %w", err)
		}
		return mark, nil
	}
	if err != nil {
		return 0, fmt.Errorf("find run after %d: %w", runID, err)
	}
	var first sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT min(id) FROM history WHERE run_id = ?", next).Scan(&first); err != nil {
		return 0, fmt.Errorf("find history of run %d: %w", next, err)
	}
	if first.Valid {
		return first.Int64 - 1, nil
	}
	return mark, nil
}
