package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"time"
)

// validZone checks a run's time zone: empty, or an IANA zone this machine
// can load. "Local" is refused: it is whichever zone the reading machine is
// in, not the production's.
func validZone(tz string) error {
	if tz == "" {
		return nil
	}
	if tz == "Local" {
		return fmt.Errorf("time zone %q is the machine's, not the production's: give an IANA zone such as Europe/London", tz)
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return fmt.Errorf("time zone %q: %w", tz, err)
	}
	return nil
}

// recordProduction keeps the run's time zone and names for its production,
// so store-only commands can show them. What the run leaves empty keeps the
// value an earlier run recorded.
func recordProduction(ctx context.Context, tx dbtx, in RunInput, runID int64) error {
	if in.TimeZone == "" && in.Names == nil {
		return nil
	}
	tz, names := in.TimeZone, in.Names
	var oldTZ, oldNames string
	err := tx.QueryRowContext(ctx, "SELECT timezone, names FROM productions WHERE name = ?", in.Production).Scan(&oldTZ, &oldNames)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return fmt.Errorf("read production %q: %w", in.Production, err)
	default:
		if tz == "" {
			tz = oldTZ
		}
		if names == nil {
			if err := json.Unmarshal([]byte(oldNames), &names); err != nil {
				return fmt.Errorf("production %q: bad names in store: %w", in.Production, err)
			}
		}
	}
	if names == nil {
		names = map[string]string{}
	}
	js, err := json.Marshal(names)
	if err != nil {
		return fmt.Errorf("encode names of production %q: %w", in.Production, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO productions (name, timezone, names, run_id, key) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET timezone = excluded.timezone, names = excluded.names, run_id = excluded.run_id`,
		in.Production, tz, string(js), runID, in.Production)
	if err != nil {
		return fmt.Errorf("record production %q: %w", in.Production, err)
	}
	return nil
}

// RenderDefaults returns the RenderOptions a command working from the store
// alone should use, from what committed runs recorded (RunInput.TimeZone
// and Names). Location is the time zone every recorded production shares;
// it is nil when none is recorded or productions differ, and the caller
// picks its own fallback. Names merges every production's names; where two
// give one id different names, the production whose run came later wins.
func (s *Store) RenderDefaults(ctx context.Context) (RenderOptions, error) {
	var ro RenderOptions
	err := s.read(ctx, "read productions", func(tx dbtx) error {
		rows, err := tx.QueryContext(ctx, "SELECT name, timezone, names FROM productions ORDER BY run_id, name")
		if err != nil {
			return fmt.Errorf("read productions: %w", err)
		}
		defer rows.Close()
		zones := map[string]bool{}
		var zone string
		for rows.Next() {
			var prod, tz, js string
			if err := rows.Scan(&prod, &tz, &js); err != nil {
				return fmt.Errorf("read productions: %w", err)
			}
			var names map[string]string
			if err := json.Unmarshal([]byte(js), &names); err != nil {
				return fmt.Errorf("production %q: bad names in store: %w", prod, err)
			}
			if ro.Names == nil {
				ro.Names = map[string]string{}
			}
			maps.Copy(ro.Names, names)
			if tz != "" {
				zones[tz], zone = true, tz
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read productions: %w", err)
		}
		if len(zones) != 1 {
			return nil
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return fmt.Errorf("recorded time zone %q: %w", zone, err)
		}
		ro.Location = loc
		return nil
	})
	if err != nil {
		return RenderOptions{}, err
	}
	return ro, nil
}

// ProductionKey is the name production was first recorded under in the
// store: it stays the same when the production is renamed
// (RenameProduction), so what is derived from it — calendar event UIDs —
// does not change and subscribed calendars update in place. It is the
// production's own name when the store has not recorded it.
func (s *Store) ProductionKey(ctx context.Context, production string) (string, error) {
	key := production
	err := s.read(ctx, "read production key", func(tx dbtx) error {
		err := tx.QueryRowContext(ctx, "SELECT key FROM productions WHERE name = ?", production).Scan(&key)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read key of production %q: %w", production, err)
		}
		if key == "" {
			key = production
		}
		return nil
	})
	return key, err
}
