package store

import (
	"cmp"
	"slices"
	"time"
)

// ChangeKind says how a booking changed.
type ChangeKind string

// The kinds of change a report lists, in the order it lists them.
const (
	// ChangeMoved: the booking's start or end changed.
	ChangeMoved ChangeKind = "moved"
	// ChangeReassigned: its suite, people or artistes changed.
	ChangeReassigned ChangeKind = "reassigned"
	// ChangeNew: the booking is new, or pencilled again after a release.
	ChangeNew ChangeKind = "new"
	// ChangeReleased: the booking was dropped; its slot is free.
	ChangeReleased ChangeKind = "released"
	// ChangePromoted: a second pencil became the first pencil.
	ChangePromoted ChangeKind = "promoted"
	// ChangeStatus: any other change of status, such as a pencil confirmed
	// or a moved pencil that landed on a held slot and became a second pencil.
	ChangeStatus ChangeKind = "status"
	// ChangeDetails: only production, session, episode or note changed.
	ChangeDetails ChangeKind = "details"
)

// changeOrder is the order of kinds in reports.
var changeOrder = []ChangeKind{ChangeMoved, ChangeReassigned, ChangeNew, ChangeReleased, ChangePromoted, ChangeStatus, ChangeDetails}

// Change is one change to one booking.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// Booking is the booking after the change.
	Booking Booking `json:"booking"`
	// Was is the booking before the change; nil when the booking is new.
	Was *Booking `json:"was,omitempty"`
	// Reason says why, when the store or a person gave one.
	Reason string `json:"reason,omitempty"`
	// Cancellation are the cancellation charges owed for giving the
	// booking up (released, moved or reassigned inside its rate cards'
	// notice); on the first of a booking's changes only.
	Cancellation []Charge `json:"cancellation,omitempty"`
}

// ConflictKind names a situation that needs a person to decide.
type ConflictKind string

// The conflicts a report can raise.
const (
	// ConflictDoubleBooked: two bookings hold the same suite at the same
	// time, both as first pencils or confirmed.
	ConflictDoubleBooked ConflictKind = "double-booked suite"
	// ConflictConfirmedMissing: a confirmed booking is not in the run's
	// schedule. The store keeps it; a person must release or re-plan it.
	ConflictConfirmedMissing ConflictKind = "confirmed booking missing from the run"
)

// Conflict is something the store cannot settle by itself.
type Conflict struct {
	Kind ConflictKind `json:"kind"`
	// Suite, Start and End locate the clash (for a missing confirmed
	// booking, the booking itself).
	Suite string    `json:"suite,omitempty"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Bookings are the bookings involved.
	Bookings []Booking `json:"bookings"`
}

// Report is the change set of a run, a manual action or a diff between runs.
type Report struct {
	// RunID is the run the report is for; 0 for a change made by hand.
	RunID      int64     `json:"run_id,omitempty"`
	Time       time.Time `json:"time"`
	Who        string    `json:"who,omitempty"`
	Why        string    `json:"why,omitempty"`
	Production string    `json:"production,omitempty"`
	// Changes lists every change, by kind (moved first), then time, then
	// booking ID. A booking both moved and reassigned appears twice.
	Changes   []Change   `json:"changes"`
	Conflicts []Conflict `json:"conflicts"`
	// Unchanged counts bookings the run left exactly as they were.
	Unchanged int `json:"unchanged"`
}

// Count returns how many changes of kind k the report lists.
func (r Report) Count(k ChangeKind) int {
	n := 0
	for _, c := range r.Changes {
		if c.Kind == k {
			n++
		}
	}
	return n
}

// Audience says who a Notice is for.
type Audience string

// The audiences of notices, in report order.
const (
	AudiencePerson  Audience = "person"
	AudienceArtiste Audience = "artiste" // told through their agent
	AudienceSuite   Audience = "suite"   // bookings with no person or artiste on them
)

// Notice is what one person, one artiste's agent, or one suite must be told.
type Notice struct {
	Audience Audience `json:"audience"`
	// ID is the person, artiste or suite id.
	ID      string   `json:"id"`
	Changes []Change `json:"changes"`
}

// Notices groups the report's changes per person and per artiste: each
// change goes to everyone on the booking before or after it, so someone
// taken off a booking hears of it too. Changes with no one on them are
// grouped per suite. Changes of details alone are left out.
func (r Report) Notices() []Notice {
	type key struct {
		a  Audience
		id string
	}
	idx := map[key]int{}
	var out []Notice
	add := func(a Audience, id string, c Change) {
		k := key{a, id}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, Notice{Audience: a, ID: id})
		}
		out[i].Changes = append(out[i].Changes, c)
	}
	for _, c := range r.Changes {
		if c.Kind == ChangeDetails {
			continue
		}
		people, artistes := c.Booking.People, c.Booking.Artistes
		if c.Was != nil {
			people = union(c.Was.People, people)
			artistes = union(c.Was.Artistes, artistes)
		}
		for _, p := range people {
			add(AudiencePerson, p, c)
		}
		for _, a := range artistes {
			add(AudienceArtiste, a, c)
		}
		if len(people) == 0 && len(artistes) == 0 {
			suites := c.Booking.Suites()
			if len(suites) == 0 && c.Was != nil {
				suites = c.Was.Suites()
			}
			if len(suites) == 0 {
				suites = []string{""}
			}
			for _, su := range suites {
				add(AudienceSuite, su, c)
			}
		}
	}
	rank := map[Audience]int{AudiencePerson: 0, AudienceArtiste: 1, AudienceSuite: 2}
	slices.SortStableFunc(out, func(a, b Notice) int {
		return cmp.Or(cmp.Compare(rank[a.Audience], rank[b.Audience]), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// union returns the ids in a or b, in a's order then b's new ones.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, id := range b {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// sortChanges puts changes in report order: kind, start, booking ID.
func sortChanges(cs []Change) {
	order := map[ChangeKind]int{}
	for i, k := range changeOrder {
		order[k] = i
	}
	slices.SortFunc(cs, func(a, b Change) int {
		return cmp.Or(cmp.Compare(order[a.Kind], order[b.Kind]),
			a.Booking.Start.Compare(b.Booking.Start), cmp.Compare(a.Booking.ID, b.Booking.ID))
	})
}
