package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Reasons the store gives, in history and reports, for changes it makes by
// itself.
const (
	reasonDropped       = "no longer in the schedule"
	reasonSecondPencil  = "slot already pencilled by %s (%s)"
	reasonPromoted      = "the slot came free"
	reasonRepencilled   = "pencilled again after release"
	reasonHeldElsewhere = "second pencil behind a hold outside this store, as the project file says"
)

// state is every booking as a write transaction found it, and as the write
// changes it.
type state struct {
	rows     []*row             // every booking, changed in place
	old      map[string]Booking // every booking as it stood
	byID     map[string]*row
	nextRank int64 // the hold rank of the next fresh pencil
}

// loadState reads every booking for a write.
func loadState(ctx context.Context, tx dbtx) (*state, error) {
	return loadStateWhere(ctx, tx, "")
}

// loadStateWhere reads the bookings where (a WHERE clause, or "") selects,
// with args, for a write.
func loadStateWhere(ctx context.Context, tx dbtx, where string, args ...any) (*state, error) {
	rows, err := queryRows(ctx, tx, "SELECT "+bookingColumns+" FROM bookings"+where, args...)
	if err != nil {
		return nil, err
	}
	st := &state{rows: rows, old: make(map[string]Booking, len(rows)), byID: make(map[string]*row, len(rows)), nextRank: 1}
	for _, r := range rows {
		st.old[r.ID] = r.Booking
		st.byID[r.ID] = r
		st.nextRank = max(st.nextRank, r.rank+1)
	}
	return st, nil
}

// requeue gives r the next hold rank: a fresh pencil queues behind the
// others.
func (st *state) requeue(r *row) {
	r.rank = st.nextRank
	st.nextRank++
}

// add makes a new booking id, queued behind every other pencil.
func (st *state) add(id string) *row {
	r := &row{Booking: Booking{ID: id}}
	st.requeue(r)
	st.rows = append(st.rows, r)
	st.byID[id] = r
	return r
}

// resolveHolds decides, for every tentative booking, whether it is a first
// or a second pencil, and returns the reason for each second pencil.
//
// Confirmed bookings always hold their slot, and so do settled pencils (those
// whose slot was already theirs). The other tentative bookings are taken in
// pencilling order (hold_rank, then ID): a booking is a second pencil if
// another production already holds an overlapping slot in the same suite,
// and a first pencil otherwise. So when a first pencil is released or moves
// away, the earliest second pencil on that slot is promoted. Overlaps within
// one production are not second pencils but conflicts (see findConflicts).
func resolveHolds(rows []*row, settled func(*row) bool) map[string]string {
	holds := map[string][]*row{} // suite → bookings holding a slot in it
	var pending []*row
	for _, r := range rows {
		switch {
		case r.Suite == "" && !r.HeldElsewhere && (r.Status == booking.Pencil || r.Status == booking.SecondPencil):
			r.Status = booking.Pencil // nothing to contend for
		case r.Status == booking.Confirmed || (r.Status == booking.Pencil && settled(r)):
			for _, su := range r.Suites() {
				holds[su] = append(holds[su], r)
			}
		case r.Status == booking.Pencil || r.Status == booking.SecondPencil:
			pending = append(pending, r)
		}
	}
	slices.SortFunc(pending, func(a, b *row) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.ID, b.ID))
	})
	reasons := map[string]string{}
	for _, r := range pending {
		r.Status = booking.Pencil
		if r.HeldElsewhere {
			r.Status = booking.SecondPencil
			reasons[r.ID] = reasonHeldElsewhere
			continue
		}
	rooms:
		for _, su := range r.Suites() {
			for _, h := range holds[su] {
				if h.Production != r.Production && r.overlaps(h.Booking) {
					r.Status = booking.SecondPencil
					reasons[r.ID] = fmt.Sprintf(reasonSecondPencil, h.ID, h.Production)
					break rooms
				}
			}
		}
		if r.Status == booking.Pencil {
			for _, su := range r.Suites() {
				holds[su] = append(holds[su], r)
			}
		}
	}
	return reasons
}

// findConflicts returns every pair of bookings holding overlapping slots in
// one suite, where at least one of the pair is relevant.
func findConflicts(rows []*row, relevant func(*row) bool) []Conflict {
	bySuite := map[string][]*row{}
	for _, r := range rows {
		if r.Status.Holds() {
			for _, su := range r.Suites() {
				bySuite[su] = append(bySuite[su], r)
			}
		}
	}
	var out []Conflict
	for suite, hs := range bySuite {
		slices.SortFunc(hs, func(a, b *row) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
		})
		for i, a := range hs {
			for _, b := range hs[i+1:] {
				if !b.Start.Before(a.End) {
					break
				}
				clash, ok := piecesOverlap(a.Pieces, b.Pieces)
				if !ok || !relevant(a) && !relevant(b) {
					continue // worked on different days, or nobody's business here
				}
				out = append(out, Conflict{
					Kind:     ConflictDoubleBooked,
					Suite:    suite,
					Start:    clash.Start,
					End:      clash.End,
					Bookings: []Booking{a.Booking, b.Booking},
				})
			}
		}
	}
	sortConflicts(out)
	return out
}

// sortConflicts orders conflicts by time, suite and first booking.
func sortConflicts(cs []Conflict) {
	slices.SortFunc(cs, func(a, b Conflict) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Suite, b.Suite),
			cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Bookings[0].ID, b.Bookings[0].ID))
	})
}

// changeKinds says how a booking changed from was (nil when new) to now, in
// report order. An empty result means no change.
func changeKinds(was *Booking, now Booking) []ChangeKind {
	switch {
	case was == nil:
		return []ChangeKind{ChangeNew}
	case was.Status == booking.Released && now.Status != booking.Released:
		return []ChangeKind{ChangeNew}
	case now.Status == booking.Released && was.Status != booking.Released:
		return []ChangeKind{ChangeReleased}
	}
	var kinds []ChangeKind
	if !was.sameTime(now) {
		kinds = append(kinds, ChangeMoved)
	}
	if !was.samePlace(now) {
		kinds = append(kinds, ChangeReassigned)
	}
	switch {
	case was.Status == booking.SecondPencil && now.Status == booking.Pencil:
		kinds = append(kinds, ChangePromoted)
	case was.Status != now.Status:
		kinds = append(kinds, ChangeStatus)
	}
	if len(kinds) == 0 && !was.sameDetails(now) {
		kinds = append(kinds, ChangeDetails)
	}
	return kinds
}

// bumps reports whether the change kinds raise the booking's sequence: any
// change of time, place or status does; a new booking starts at its current
// sequence and a change of details alone does not.
func bumps(was *Booking, kinds []ChangeKind) bool {
	if was == nil {
		return false
	}
	return len(kinds) > 0 && !(len(kinds) == 1 && kinds[0] == ChangeDetails)
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// earlier returns the earlier of two times.
func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
