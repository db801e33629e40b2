package repencil

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// Defaults of Options.
const (
	// DefaultMoveCost is the disruption cost of moving a pencil that
	// books only a suite, far in the future.
	DefaultMoveCost = compile.DefaultPencilMoveCost
	// UrgencyDays is how soon a move starts to cost more: a pencil that
	// starts now costs 1+UrgencyBoost times as much to move as one far off,
	// and one UrgencyDays away about half that extra.
	UrgencyDays = 14
	// UrgencyBoost is the extra multiple charged for moving a pencil that
	// starts now (see UrgencyDays).
	UrgencyBoost = 4
	// PersonWeight and ArtisteWeight are added to a pencil's move cost
	// multiple for each person and each artiste on it: telling a person
	// costs more than re-booking a suite, and telling an artiste's agent
	// more again.
	PersonWeight  = 1
	ArtisteWeight = 2
)

// KindFrozen is the constraint-group kind of a pencil pinned because it
// falls in the frozen window.
const KindFrozen = "frozen pencil"

// Options tune a re-pencil. The zero value re-pencils with flat move costs
// and no frozen window.
type Options struct {
	// Now is the moment of the run: move costs rise as a pencil's start
	// nears it, and the frozen window starts from it. Zero means no moment:
	// every pencil costs MoveCost to move (half for a second pencil), and
	// FrozenDays is ignored.
	Now time.Time
	// FrozenDays is the length of the frozen window in working days of the
	// production calendar, counting today when it is a working day: every
	// pencil that starts before the window's end (past ones included) is
	// pinned like a confirmed booking. 0 means no frozen window. Nothing
	// new starts before Now (compile.Options.NotBefore).
	FrozenDays int
	// MoveCost is the base disruption cost of moving a pencil (default
	// DefaultMoveCost); see MoveCost for how it is scaled.
	MoveCost float64
	// Compile is passed to compile.Compile; its PencilMoveCost is set to
	// MoveCost.
	Compile compile.Options
	// Owed are the cancellation charges the store has recorded for the
	// production (store.Store.Cancellations): money spent already, in the
	// schedule's "cancellation" cost and off its budget caps.
	Owed []store.Owed
}

// Plan is a production compiled against its booking store, ready to
// solve.
type Plan struct {
	// Compiled is the problem to solve, with pins, warm start and move
	// costs. Solve may replace its Problem when it has to unpin a
	// confirmed booking.
	Compiled *compile.Compiled
	// Production is the store scope of the run: the project's name.
	Production string
	// IDs holds the booking id of each task; "" for milestones.
	IDs []string
	// FrozenUntil is the end of the frozen window (zero when none).
	FrozenUntil time.Time
	// Conflicts are the confirmed bookings that cannot stay where they
	// are; Solve adds to them and fills in their suggestions.
	Conflicts []Conflict

	sessions  []*model.Session
	prior     []*store.Booking       // per task: the booking it was pinned to or warm-started from
	confirmed []bool                 // per task: it is a confirmed booking
	held      []bool                 // per task: the project file says second pencil
	conflict  []int                  // per task: index into Conflicts, or -1
	calendar  model.Calendar         // the production's, for cancellation notice
	charges   map[int][]store.Charge // per task with cancellation fees: the charges, as its Cancellation
}

// Conflict is a confirmed booking the new inputs make impossible. The
// store keeps it as it was until a person acts; the run only suggests
// where it could go.
type Conflict struct {
	// Booking is the confirmed booking, as people were told.
	Booking store.Booking `json:"booking"`
	// Why says what stands in its way, in the trade's words.
	Why string `json:"why"`
	// Suggest is where the solver put the session instead; nil when no
	// schedule was found.
	Suggest *store.Booking `json:"suggest,omitempty"`
}

// Prepare compiles p against the current bookings of the store (all of
// them: those of other productions are ignored). Confirmed bookings, from
// the store and from the project file, are pinned; pencils are
// warm-started with a move cost; pencils in the frozen window are pinned.
// A confirmed booking from the store whose suite, person or artiste left
// the project, or that falls outside the production's dates, is not
// pinned and becomes a Conflict. Compile problems of the project file
// itself come back as the *model.ValidationError compile gives.
func Prepare(p *model.Project, current []store.Booking, o Options) (*Plan, error) {
	if o.MoveCost <= 0 {
		o.MoveCost = DefaultMoveCost
	}
	o.Compile.PencilMoveCost = o.MoveCost
	if !o.Now.IsZero() {
		// Time only runs forward: nothing new is pencilled before now.
		o.Compile.NotBefore = o.Now
	}
	pl := &Plan{Production: p.Name, sessions: p.Sessions, calendar: p.Calendar, charges: map[int][]store.Charge{}}
	m := matchBookings(p, current)
	pl.IDs = m.ids
	demoted := map[string]string{} // store-confirmed ids compiled as pencils, and why
	for _, sb := range m.store {
		if sb != nil && sb.Status == booking.Confirmed {
			if why := missingResources(p, sb); why != "" {
				demoted[sb.ID] = why
			}
		}
	}
	var c *compile.Compiled
	for {
		q := *p
		q.Bookings = m.bookings(p, demoted)
		var err error
		c, err = compile.Compile(&q, o.Compile)
		var verr *model.ValidationError
		if err == nil || !errors.As(err, &verr) || !m.demoteStoreProblems(verr, demoted) {
			if err != nil {
				return nil, err
			}
			break
		}
	}
	if len(c.Tasks) != len(p.Sessions) {
		return nil, fmt.Errorf("repencil: %s: compiled %d tasks for %d sessions", p.File, len(c.Tasks), len(p.Sessions))
	}
	pl.Compiled = c
	pl.prior = make([]*store.Booking, len(c.Tasks))
	pl.confirmed = make([]bool, len(c.Tasks))
	pl.held = make([]bool, len(c.Tasks))
	pl.conflict = make([]int, len(c.Tasks))
	for t := range c.Tasks {
		pl.conflict[t] = -1
		pl.held[t] = m.file[t] != nil && m.file[t].Status == booking.SecondPencil
		pl.prior[t] = m.prior(t, c.Grid.Location)
		if pl.prior[t] != nil && m.store[t] == nil {
			layOut(c, t, pl.prior[t])
		}
		if pl.prior[t] != nil && pl.prior[t].Status == booking.Confirmed {
			pl.confirmed[t] = true
			if why, ok := demoted[pl.prior[t].ID]; ok {
				pl.addConflict(t, why)
			}
		}
	}
	if o.FrozenDays > 0 && !o.Now.IsZero() {
		pl.FrozenUntil = frozenUntil(p.Calendar, o.Now.In(c.Grid.Location), o.FrozenDays)
	}
	if err := pl.adjust(o); err != nil {
		return nil, err
	}
	return pl, nil
}

// adjust sets each pencil's move cost (its cancellation fees, when moving
// it would owe some) and pins the pencils in the frozen window, on a
// fresh copy of the compiled problem that also counts the charges owed
// already.
func (pl *Plan) adjust(o Options) error {
	c := pl.Compiled
	q := c.Problem.Relax(func(solver.GroupID) bool { return true })
	q.Groups = slices.Clone(q.Groups)
	frozen := solver.Slot(-1)
	if !pl.FrozenUntil.IsZero() {
		frozen = c.Grid.SlotOf(pl.FrozenUntil)
	}
	for t := range q.Tasks {
		task := &q.Tasks[t]
		b := pl.prior[t]
		if task.Previous == nil || task.Pin != nil || b == nil {
			continue
		}
		if !o.Now.IsZero() {
			task.MoveCost = MoveCost(o.MoveCost, o.Now, *b)
			pl.priceMoves(task, t, *b, o.Now)
		}
		if task.Previous.Start < frozen {
			pin := solver.Placement{Start: task.Previous.Start, Resources: slices.Clone(task.Previous.Resources)}
			task.Pin = &pin
			// A pencil already under way stays where it is, though
			// nothing new may start before now.
			task.Release = min(task.Release, pin.Start)
			q.Groups = append(q.Groups, solver.Group{Kind: KindFrozen, Label: fmt.Sprintf("booking %s: %s pencilled for %s, inside the frozen window",
				b.ID, c.Tasks[t].Name, b.Start.In(c.Grid.Location).Format("Mon 2 Jan 15:04"))})
			task.PinGroup = solver.GroupID(len(q.Groups) - 1)
		}
	}
	pl.owe(q, o.Owed)
	if err := q.Freeze(); err != nil {
		return fmt.Errorf("repencil: %w", err)
	}
	cc := *c
	cc.Problem = q
	pl.Compiled = &cc
	return nil
}

// MoveCost is the disruption cost of moving pencil b, as of now: base,
// times 1 + UrgencyBoost·UrgencyDays/(UrgencyDays+d) for a pencil d days
// away (d = 0 for one already started), times 1 + PersonWeight per person
// + ArtisteWeight per artiste on it, halved for a second pencil. A move
// next week costs more than one in two months, and moving a person more
// than moving a suite.
func MoveCost(base float64, now time.Time, b store.Booking) float64 {
	d := math.Max(0, b.Start.Sub(now).Hours()/24)
	cost := base * (1 + UrgencyBoost*UrgencyDays/(UrgencyDays+d))
	cost *= 1 + PersonWeight*float64(len(b.People)) + ArtisteWeight*float64(len(b.Artistes))
	if b.Status == booking.SecondPencil {
		cost /= 2
	}
	return math.Round(cost*100) / 100
}

// frozenUntil is the end of the frozen window: midnight after the days-th
// working day counted from now's day. A calendar with no working day in
// three years freezes those three years.
func frozenUntil(cal model.Calendar, now time.Time, days int) time.Time {
	d := model.DateOf(now)
	for i, n := 0, 0; i < compile.DefaultMaxDays; i, d = i+1, d.AddDays(1) {
		if cal.IsWorkday(d) {
			if n++; n >= days {
				break
			}
		}
	}
	return d.AddDays(1).In(now.Location())
}

// missingResources names what a store booking books that the project no
// longer has, or "" when all of it is there.
func missingResources(p *model.Project, b *store.Booking) string {
	var gone []string
	for _, id := range b.Suites() {
		if p.Suite(id) == nil {
			gone = append(gone, "suite "+id)
		}
	}
	for _, id := range b.People {
		if p.Person(id) == nil {
			gone = append(gone, id)
		}
	}
	for _, id := range b.Artistes {
		if p.Artiste(id) == nil {
			gone = append(gone, "artiste "+id)
		}
	}
	if len(gone) == 0 {
		return ""
	}
	return strings.Join(gone, ", ") + " no longer in the project"
}

// Confirmed reports whether task t is a confirmed booking (pinned, or a
// Conflict when it could not stay).
func (pl *Plan) Confirmed(t int) bool { return pl.confirmed[t] }

// addConflict records that task t's confirmed booking cannot stay.
func (pl *Plan) addConflict(t int, why string) {
	if pl.conflict[t] >= 0 {
		return
	}
	pl.conflict[t] = len(pl.Conflicts)
	pl.Conflicts = append(pl.Conflicts, Conflict{Booking: *pl.prior[t], Why: why})
}

// layOut gives a booking from the project file, which says only where it
// starts, the pieces it is worked in from its pin: the same walk through
// working time the solver makes, so that it compares with the schedule
// found. A booking that cannot be laid out (it clashes with its
// calendar) keeps one piece of its duration; it becomes a conflict.
func layOut(c *compile.Compiled, t int, b *store.Booking) {
	pin := c.Problem.Tasks[t].Pin
	if pin == nil {
		return
	}
	runs, _, err := c.Problem.Layout(solver.TaskID(t), *pin)
	if err != nil || len(runs) == 0 {
		return
	}
	b.Pieces = storePieces(c.Grid.DayPieces(runs))
	b.Start, b.End = b.Pieces[0].Start, b.Pieces[len(b.Pieces)-1].End
}
