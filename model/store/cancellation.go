package store

import (
	"context"
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
	// Booking is the booking given up, Production its production, and
	// Time when it was given up.
	Booking, Production string
	Time                time.Time
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
		q := `SELECT h.booking_id, b.production, h.cancellation, h.time
			FROM history h JOIN bookings b ON b.id = h.booking_id WHERE h.cancellation <> '[]'`
		var args []any
		if production != "" {
			q += " AND b.production = ?"
			args = append(args, production)
		}
		rows, err := tx.QueryContext(ctx, q+" ORDER BY h.id", args...)
		if err != nil {
			return fmt.Errorf("query cancellations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, prod, js, ts string
			if err := rows.Scan(&id, &prod, &js, &ts); err != nil {
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
				out = append(out, Owed{Charge: c, Booking: id, Production: prod, Time: at})
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
