package store

import (
	"context"
	"fmt"

	"github.com/pencil-post/pencil/model/booking"
)

// TransitionError is a status change the rules refuse. It wraps
// ErrTransition.
type TransitionError struct {
	ID       string // the booking
	From, To booking.Status
	Why      string // the rule that refuses it, in the trade's words
}

// Error names the booking, both statuses and the rule.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("store: booking %s: cannot go from %s to %s: %s", e.ID, e.From, e.To, e.Why)
}

// Unwrap returns ErrTransition.
func (e *TransitionError) Unwrap() error { return ErrTransition }

// transition is one hand-made status change: the status it moves to and the
// rule for each status it may start from.
type transition struct {
	name string
	to   booking.Status
	// from returns whether the change applies (false: already there, a
	// no-op) or a refusal.
	from func(b Booking) (bool, string)
}

// The hand-made transitions. A refusal reason is never empty.
var (
	confirmRule = transition{name: "confirm", to: booking.Confirmed, from: func(b Booking) (bool, string) {
		switch b.Status {
		case booking.Pencil:
			return true, ""
		case booking.SecondPencil:
			return false, "another production's first pencil holds the slot; release it first"
		case booking.Released:
			return false, "a released booking must be pencilled again before it is confirmed"
		}
		return false, "" // already confirmed
	}}
	releaseRule = transition{name: "release", to: booking.Released, from: func(b Booking) (bool, string) {
		return b.Status != booking.Released, ""
	}}
	pencilRule = transition{name: "pencil", to: booking.Pencil, from: func(b Booking) (bool, string) {
		return b.Status == booking.Confirmed || b.Status == booking.Released, ""
	}}
)

// Confirm turns pencils into confirmed bookings. A second pencil or a
// released booking cannot be confirmed; confirming a confirmed booking does
// nothing. The reason is recorded in each booking's history.
func (s *Store) Confirm(ctx context.Context, ids []string, reason, who string) (Report, error) {
	return s.act(ctx, confirmRule, ids, reason, who)
}

// Release drops bookings, freeing their slots; the earliest second pencil on
// a freed slot is promoted in the same transaction and listed in the report.
// Releasing a released booking does nothing.
func (s *Store) Release(ctx context.Context, ids []string, reason, who string) (Report, error) {
	return s.act(ctx, releaseRule, ids, reason, who)
}

// SetPencil turns confirmed or released bookings back into pencils. A
// booking whose slot another production now holds becomes a second pencil.
// Pencils and second pencils are left as they are.
func (s *Store) SetPencil(ctx context.Context, ids []string, reason, who string) (Report, error) {
	return s.act(ctx, pencilRule, ids, reason, who)
}

// act applies a hand-made transition to ids in one transaction. Either every
// booking changes or none does.
func (s *Store) act(ctx context.Context, t transition, ids []string, reason, who string) (Report, error) {
	return s.actCharged(ctx, t, ids, nil, reason, who)
}

// actCharged is act recording cancellation charges, by booking id, with
// the bookings that change.
func (s *Store) actCharged(ctx context.Context, t transition, ids []string, charges map[string][]Charge, reason, who string) (Report, error) {
	switch {
	case len(ids) == 0:
		return Report{}, fmt.Errorf("%w: %s: no bookings given", ErrInvalidInput, t.name)
	case reason == "":
		return Report{}, fmt.Errorf("%w: %s: a reason is required for the history", ErrInvalidInput, t.name)
	}
	now := s.now().UTC()
	rep := Report{Time: now, Who: who, Why: reason}
	err := s.write(ctx, t.name, func(tx dbtx) error {
		st, err := loadState(ctx, tx)
		if err != nil {
			return err
		}
		targets := map[string]bool{}
		for _, id := range ids {
			r, ok := st.byID[id]
			if !ok {
				return fmt.Errorf("%w: %s", ErrUnknownBooking, id)
			}
			targets[id] = true
			apply, refusal := t.from(r.Booking)
			if refusal != "" {
				return &TransitionError{ID: id, From: r.Status, To: t.to, Why: refusal}
			}
			if !apply {
				continue
			}
			if r.Status == booking.Released {
				st.requeue(r)
			}
			r.Status = t.to
		}
		// Pencils keep their slots. A booking taken back from confirmed
		// gives up its firm claim and competes for its slot again.
		reasons := resolveHolds(st.rows, func(r *row) bool { return st.old[r.ID].Status == booking.Pencil })
		act := action{name: t.name, who: who, why: reason, reasons: reasons, targets: targets, now: now, charges: charges}
		if rep.Changes, err = writeChanges(ctx, tx, st.old, st.rows, act); err != nil {
			return err
		}
		changed := map[string]bool{}
		for _, c := range rep.Changes {
			changed[c.Booking.ID] = true
		}
		rep.Conflicts = findConflicts(st.rows, func(r *row) bool { return changed[r.ID] })
		return nil
	})
	if err != nil {
		return Report{}, err
	}
	return rep, nil
}
