package repencil

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// maxUnpinRounds bounds how often Solve unpins bookings and searches
// again; each round unpins at least one booking.
const maxUnpinRounds = 8

// Solve searches for a schedule (o.WarmStart is set from the plan). When
// the cheap checks of solver.ExplainQuick or the search itself find that
// pinned bookings cannot all hold, it unpins the pins in the conflict — a
// confirmed booking becomes a Conflict that needs a person, a pencil in
// the frozen window is simply re-pencilled — and searches again. When the
// search gives up without naming a conflict, pinsInTheWay finds the pins
// in the way the same way. Each Conflict's Suggest is filled in from the
// schedule found. An infeasible answer always names what is in the way:
// when nothing pinned is, the *solver.InfeasibleError holds the conflict
// compile.FindConflict finds among the inputs.
func (pl *Plan) Solve(ctx context.Context, o solver.Options) (*solver.Solution, error) {
	for round := 0; ; round++ {
		p := pl.Compiled.Problem
		conflict := solver.ExplainQuick(p)
		pins := pl.pinsIn(conflict)
		why := ""
		if len(pins) == 0 {
			o.WarmStart = pl.Compiled.WarmStart
			sol, err := solver.Solve(ctx, p, o)
			if gaveUp(ctx, err) {
				conflict = nil
				if ie := (*solver.InfeasibleError)(nil); errors.As(err, &ie) {
					conflict = ie.Conflict
				}
				pins = pl.pinsIn(conflict)
				if len(pins) == 0 && len(conflict) == 0 && round < maxUnpinRounds {
					w, werr := pl.pinsInTheWay(ctx, o)
					switch {
					case werr != nil:
						return nil, werr
					case w.found != nil:
						sol, err = w.found, nil
					case w.release >= 0:
						pins, why = []int{w.release}, w.why
					}
				}
			}
			if len(pins) == 0 || round >= maxUnpinRounds {
				if err == nil {
					pl.suggest(sol)
					return sol, nil
				}
				return sol, pl.nameCause(ctx, err, o)
			}
		}
		if err := pl.unpin(pins, conflict, why); err != nil {
			return nil, err
		}
	}
}

// gaveUp reports whether a search ended without a schedule of its own
// accord: infeasible as far as it could tell, or out of its own time
// (Options.TimeLimit or GiveUpAfter) while ctx is still live, so that
// there is time to look for what is in the way.
func gaveUp(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	return errors.Is(err, solver.ErrInfeasible) || errors.Is(err, solver.ErrTimeLimit)
}

// explainLimit bounds the search for a conflict when a re-pencil finds no
// schedule and nothing pinned is in the way, unless the search itself has
// a time limit (which then bounds it, as pencil solve does).
const explainLimit = 30 * time.Second

// nameCause makes sure an infeasible answer names what is in the way: an
// *solver.InfeasibleError without a conflict, or a search that ran out of
// its own time, is replaced by the conflict compile.FindConflict finds
// (within ctx). Any other error, or a conflict that cannot be narrowed
// down, is returned as it was: a search cut short stays cut short.
func (pl *Plan) nameCause(ctx context.Context, err error, o solver.Options) error {
	var ie *solver.InfeasibleError
	if !gaveUp(ctx, err) || errors.As(err, &ie) && len(ie.Conflict) > 0 {
		return err
	}
	limit := explainLimit
	if o.TimeLimit > 0 {
		limit = o.TimeLimit
	}
	conflict, xerr := pl.Compiled.FindConflict(ctx, err, o.Seed, limit)
	if xerr != nil || len(conflict) == 0 {
		return err
	}
	return pl.Compiled.Problem.ConflictError(conflict)
}

// pinsIn returns the tasks whose pin is part of conflict.
func (pl *Plan) pinsIn(conflict []solver.GroupID) []int {
	p := pl.Compiled.Problem
	var tasks []int
	for t, task := range p.Tasks {
		if task.Pin != nil && task.PinGroup >= 0 && slices.Contains(conflict, task.PinGroup) {
			tasks = append(tasks, t)
		}
	}
	return tasks
}

// unpin drops the pins of tasks, recording the confirmed ones as
// conflicts with why, or else what else in conflict stands in their way.
func (pl *Plan) unpin(tasks []int, conflict []solver.GroupID, why string) error {
	p := pl.Compiled.Problem
	drop := make([]solver.GroupID, len(tasks))
	for i, t := range tasks {
		drop[i] = p.Tasks[t].PinGroup
	}
	var rest []solver.GroupID
	for _, g := range conflict {
		if !slices.Contains(drop, g) {
			rest = append(rest, g)
		}
	}
	switch {
	case why != "":
	case len(rest) > 0:
		why = p.Describe(rest)
	default:
		why = "it clashes with other confirmed bookings"
	}
	q := p.Relax(func(g solver.GroupID) bool { return !slices.Contains(drop, g) })
	if err := q.Freeze(); err != nil {
		return fmt.Errorf("repencil: %w", err)
	}
	c := *pl.Compiled
	c.Problem = q
	pl.Compiled = &c
	for _, t := range tasks {
		if pl.confirmed[t] {
			pl.addConflict(t, why)
		}
	}
	return nil
}

// suggest fills in where sol puts each conflict's session.
func (pl *Plan) suggest(sol *solver.Solution) {
	// A pinned booking keeps its start and people, but a split one runs
	// in their working time: a day off in the middle stretches it. That
	// is a change to a confirmed booking, so a person must decide. (A
	// confirmed booking from the project file was laid out from its pin
	// in Prepare, so it compares like one from the store.)
	loc := pl.Compiled.Grid.Location
	for t, prior := range pl.prior {
		if !pl.confirmed[t] || prior == nil || pl.conflict[t] >= 0 {
			continue
		}
		if b := pl.booking(t, sol); !sameWork(b, *prior) {
			pl.addConflict(t, fmt.Sprintf("it no longer fits as booked: it would now run %s – %s",
				b.Start.In(loc).Format("Mon 2 Jan 15:04"), b.End.In(loc).Format("Mon 2 Jan 15:04")))
		}
	}
	for t, k := range pl.conflict {
		if k >= 0 {
			b := pl.booking(t, sol)
			pl.Conflicts[k].Suggest = &b
		}
	}
}

// Bookings returns the run's schedule as store bookings, one per session
// (milestones have none): confirmed bookings from the store exactly as
// they were (conflicts included: the store keeps them until a person
// acts), other confirmed bookings where they are pinned, and every other
// session as a pencil where sol puts it — a second pencil when the
// project file says so.
func (pl *Plan) Bookings(sol *solver.Solution) []store.Booking {
	var out []store.Booking
	for t, s := range pl.sessions {
		if s.Milestone || pl.IDs[t] == "" {
			continue
		}
		prior := pl.prior[t]
		switch {
		case pl.confirmed[t] && pl.conflict[t] < 0 && legacyBlock(*prior):
			// Kept as one block by an older store, and still worked as
			// booked: record the pieces actually worked.
			b := *prior
			w := pl.booking(t, sol)
			b.Status, b.Pieces = booking.Confirmed, w.Pieces
			out = append(out, b)
		case pl.confirmed[t] && (pl.conflict[t] >= 0 || prior.RunID != 0):
			b := *prior
			b.Status = booking.Confirmed
			out = append(out, b)
		case pl.confirmed[t]:
			b := pl.booking(t, sol)
			b.Status, b.Note = booking.Confirmed, prior.Note
			out = append(out, b)
		default:
			b := pl.booking(t, sol)
			if pl.held[t] {
				// The file says another production holds the slot: the
				// store keeps it a second pencil until the file says not.
				b.Status = booking.SecondPencil
			}
			out = append(out, b)
		}
	}
	return out
}

// booking is task t where sol puts it, as a first pencil.
func (pl *Plan) booking(t int, sol *solver.Solution) store.Booking {
	c := pl.Compiled
	name, ep := sessionLabel(pl.sessions[t])
	pm := sol.Placements[t]
	b := store.Booking{
		ID: pl.IDs[t], Production: pl.Production, Session: name, Episode: ep, Status: booking.Pencil,
		Start: c.Grid.Time(pm.Start), End: c.Grid.Time(sol.Ends[t]),
		Pieces: storePieces(c.Grid.DayPieces(sol.Pieces[t])),
	}
	if n := len(b.Pieces); n > 0 {
		b.Start, b.End = b.Pieces[0].Start, b.Pieces[n-1].End
	}
	if prior := pl.prior[t]; prior != nil {
		b.Note = prior.Note
	}
	for _, r := range pm.Resources {
		info := c.Resources[r]
		switch info.Kind {
		case compile.Suite:
			// Demands come in the session's order of rooms: its first
			// room is the booking's suite, the others its extra suites.
			if b.Suite == "" {
				b.Suite = info.ID
			} else {
				b.ExtraSuites = append(b.ExtraSuites, info.ID)
			}
		case compile.Person:
			b.People = append(b.People, info.ID)
		case compile.Artiste:
			b.Artistes = append(b.Artistes, info.ID)
		}
	}
	return b
}

// Names maps the project's suite, person and artiste ids to their names,
// for store.RenderOptions.
func (pl *Plan) Names() map[string]string {
	names := map[string]string{}
	for _, r := range pl.Compiled.Resources {
		names[r.ID] = r.Name
	}
	return names
}

// storePieces converts the grid's pieces to the store's.
func storePieces(spans []compile.Span) []store.Piece {
	out := make([]store.Piece, len(spans))
	for i, sp := range spans {
		out[i] = store.Piece{Start: sp.Start, End: sp.End}
	}
	return out
}

// sameWork reports whether a and b are worked at the same instants. A
// booking from a store written before pieces were kept is one block; it
// matches when its first start and last end do.
func sameWork(a, b store.Booking) bool {
	if !a.Start.Equal(b.Start) || !a.End.Equal(b.End) {
		return false
	}
	if legacyBlock(a) || legacyBlock(b) {
		return true
	}
	return slices.EqualFunc(a.Pieces, b.Pieces, func(x, y store.Piece) bool {
		return x.Start.Equal(y.Start) && x.End.Equal(y.End)
	})
}

// legacyBlock reports whether b is one piece over more than a day: a
// booking kept before the store kept pieces, whose nights and weekends
// were never really booked.
func legacyBlock(b store.Booking) bool {
	return len(b.Pieces) == 1 && b.End.Sub(b.Start) > 24*time.Hour
}
