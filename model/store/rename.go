package store

import (
	"context"
	"fmt"
)

// ProductionCount is how many bookings a production has in the store.
type ProductionCount struct {
	Name string
	// Live counts its pencils, second pencils and confirmed bookings;
	// Released its released ones.
	Live, Released int
}

// Productions lists every production with bookings in the store, by name.
func (s *Store) Productions(ctx context.Context) ([]ProductionCount, error) {
	var out []ProductionCount
	err := s.read(ctx, "list productions", func(tx dbtx) error {
		rows, err := tx.QueryContext(ctx, `SELECT production, sum(CASE WHEN status <> 'released' THEN 1 ELSE 0 END),
			sum(CASE WHEN status = 'released' THEN 1 ELSE 0 END)
			FROM bookings GROUP BY production ORDER BY production`)
		if err != nil {
			return fmt.Errorf("count bookings: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c ProductionCount
			if err := rows.Scan(&c.Name, &c.Live, &c.Released); err != nil {
				return fmt.Errorf("count bookings: %w", err)
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// RenameProduction gives every booking of production from the name to,
// as when the project file's production: line changes. Bookings keep
// their ids, statuses, pieces and sequences (so calendars update them in
// place), each gets a history row saying so, and the production's time
// zone and names go with it. It refuses an unknown from, and a to that
// already has bookings (merging two productions is not a rename).
func (s *Store) RenameProduction(ctx context.Context, from, to, reason, who string) (Report, error) {
	switch {
	case from == "" || to == "" || from == to:
		return Report{}, fmt.Errorf("%w: rename %q to %q: give two different names", ErrInvalidInput, from, to)
	case reason == "":
		return Report{}, fmt.Errorf("%w: rename: a reason is required for the history", ErrInvalidInput)
	}
	now := s.now().UTC()
	rep := Report{Time: now, Who: who, Why: reason, Production: to}
	err := s.write(ctx, "rename production", func(tx dbtx) error {
		st, err := loadState(ctx, tx)
		if err != nil {
			return err
		}
		targets := map[string]bool{}
		for _, r := range st.rows {
			switch r.Production {
			case to:
				return fmt.Errorf("%w: rename %q to %q: %q already has bookings in %s", ErrInvalidInput, from, to, to, s.path)
			case from:
				r.Production = to
				targets[r.ID] = true
			}
		}
		if len(targets) == 0 {
			return fmt.Errorf("%w: rename: no production %q in %s", ErrInvalidInput, from, s.path)
		}
		act := action{name: "rename", who: who, why: reason, targets: targets, now: now}
		if rep.Changes, err = writeChanges(ctx, tx, st.old, st.rows, act); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE productions SET name = ? WHERE name = ?", to, from)
		if err != nil {
			return fmt.Errorf("rename production %q: %w", from, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			// No run recorded its zone and names: record the key alone,
			// so the production keeps its calendar UIDs.
			_, err = tx.ExecContext(ctx, `INSERT INTO productions (name, timezone, names, run_id, key)
				SELECT ?, '', '{}', max(id), ? FROM runs HAVING max(id) IS NOT NULL`, to, from)
			if err != nil {
				return fmt.Errorf("record key of production %q: %w", to, err)
			}
		}
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}
