package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Charge is a cancellation charge on one suite or person of a booking:
// what is owed for giving the booking up inside the notice of their rate
// card's cancellation terms.
type Charge struct {
	// Resource is the suite's or the person's id.
	Resource string `json:"resource"`
	// Share is the share of the booking's price owed (0.5: half).
	Share float64 `json:"share"`
	// Amount is the money owed: Share of the booking's price on the
	// resource's rate card.
	Amount float64 `json:"amount"`
}

// Owed is a cancellation charge the store has recorded.
type Owed struct {
	Charge
	// Booking is the booking given up, Production its production,
	// Session its session as the store shows it ("harbour: Grade" in a
	// facility) and Time when it was given up.
	Booking, Production, Session string
	Time                         time.Time
}

// chargesTotal adds up the amounts of charges.
func chargesTotal(charges []Charge) float64 {
	t := 0.0
	for _, c := range charges {
		t += c.Amount
	}
	return t
}

// chargeWords describes the cancellation charges of a change, with names
// from o: "cancellation 700.00: Grade 1 50%, Ines Moreau 50%".
func (o RenderOptions) chargeWords(charges []Charge) string {
	parts := make([]string, len(charges))
	for i, c := range charges {
		parts[i] = fmt.Sprintf("%s %g%%", o.name(c.Resource), c.Share*100)
	}
	return fmt.Sprintf("cancellation %.2f: %s", chargesTotal(charges), strings.Join(parts, ", "))
}

// ReleaseCharged releases bookings as Release does and records, with each
// released booking's history, the cancellation charges given for it by
// id (worked out by the caller from the rate cards; a booking without
// charges owes nothing). The report's changes carry them.
func (s *Store) ReleaseCharged(ctx context.Context, ids []string, charges map[string][]Charge, reason, who string) (Report, error) {
	return s.actCharged(ctx, releaseRule, ids, charges, reason, who)
}

// Cancellations returns every cancellation charge recorded for
// production's bookings ("" for every production), oldest first: the
// money owed already, which a solve counts in its cost.
func (s *Store) Cancellations(ctx context.Context, production string) ([]Owed, error) {
	var out []Owed
	err := s.read(ctx, "cancellations", func(tx dbtx) error {
		rows, err := historyOf(ctx, tx, "h.booking_id, b.production, b.session, h.cancellation, h.time", "h.cancellation <> '[]'", production)
		if err != nil {
			return fmt.Errorf("query cancellations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, prod, session, js, ts string
			if err := rows.Scan(&id, &prod, &session, &js, &ts); err != nil {
				return fmt.Errorf("scan cancellation: %w", err)
			}
			var charges []Charge
			if err := json.Unmarshal([]byte(js), &charges); err != nil {
				return fmt.Errorf("cancellation of %s: %w", id, err)
			}
			at, err := parseStamp(ts)
			if err != nil {
				return fmt.Errorf("cancellation of %s: %w", id, err)
			}
			for _, c := range charges {
				out = append(out, Owed{Charge: c, Booking: id, Production: prod, Session: session, Time: at})
			}
		}
		return rows.Err()
	})
	return out, err
}

// givesUp reports whether a change of the given kinds gives a booking up,
// so that cancellation charges may be owed for it: released, moved or
// reassigned (a booking pencilled again after a release is new).
func givesUp(kinds []ChangeKind, now Booking) bool {
	for _, k := range kinds {
		if k == ChangeMoved || k == ChangeReassigned || (k == ChangeReleased && now.Status == booking.Released) {
			return true
		}
	}
	return false
}

// nonNilCharges is charges, or an empty list for nil, so that it is
// stored as [].
func nonNilCharges(charges []Charge) []Charge {
	if charges == nil {
		return []Charge{}
	}
	return charges
}

// ConfirmedAt returns when each of production's confirmed bookings was
// confirmed ("" for every production), by booking ID: the time of the
// last change that made it confirmed, by hand or by a run. The cost
// report's cash view puts deposits in that week.
func (s *Store) ConfirmedAt(ctx context.Context, production string) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	err := s.read(ctx, "confirmation times", func(tx dbtx) error {
		rows, err := historyOf(ctx, tx, "h.booking_id, h.old, h.new, h.time", "b.status = 'confirmed'", production)
		if err != nil {
			return fmt.Errorf("query confirmations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, newJS, ts string
			var oldJS sql.NullString
			if err := rows.Scan(&id, &oldJS, &newJS, &ts); err != nil {
				return fmt.Errorf("scan confirmation: %w", err)
			}
			var was, now struct {
				Status booking.Status `json:"status"`
			}
			if err := json.Unmarshal([]byte(newJS), &now); err != nil {
				return fmt.Errorf("history of %s: %w", id, err)
			}
			if oldJS.Valid {
				if err := json.Unmarshal([]byte(oldJS.String), &was); err != nil {
					return fmt.Errorf("history of %s: %w", id, err)
				}
			}
			if now.Status != booking.Confirmed || was.Status == booking.Confirmed {
				continue
			}
			if out[id], err = parseStamp(ts); err != nil {
				return fmt.Errorf("history of %s: %w", id, err)
			}
		}
		return rows.Err()
	})
	return out, err
}

// historyOf queries the columns cols of the history rows h, joined with
// their bookings b, that meet where and belong to production ("" for
// every production), oldest first.
func historyOf(ctx context.Context, tx dbtx, cols, where, production string) (*sql.Rows, error) {
	q := "SELECT " + cols + " FROM history h JOIN bookings b ON b.id = h.booking_id WHERE " + where
	var args []any
	if production != "" {
		q += " AND b.production = ?"
		args = append(args, production)
	}
	return tx.QueryContext(ctx, q+" ORDER BY h.id", args...)
}
