package repencil

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// inWay is what pinsInTheWay found.
type inWay struct {
	// found is a schedule with every pin held, when the oracle's longer
	// search found one after all.
	found *solver.Solution
	// release is the pinned task to unpin, -1 when the pins are not to
	// blame (the search finds nothing with all of them relaxed either).
	release int
	// why says what stands in the released booking's way.
	why string
}

// pinsInTheWay is asked when the search gave up without naming a conflict
// (a session it could not place, with no cheap check to say why). It
// treats each pin — confirmed booking or frozen pencil — as a removable
// constraint and runs a deletion filter over the pins alone, with short
// seeded searches as the oracle: a minimal set of pins that cannot hold
// together with the rest of the inputs. It picks one of them to release
// (a frozen pencil before a confirmed booking, then the one that starts
// last), so that each round gives up as few promises as it can; Solve
// unpins it and searches again. The oracle runs one worker for a fixed
// number of iterations, so the answer is the same on every run.
func (pl *Plan) pinsInTheWay(ctx context.Context, o solver.Options) (inWay, error) {
	p := pl.Compiled.Problem
	var pinned []int
	for t, task := range p.Tasks {
		if task.Pin != nil && task.PinGroup >= 0 {
			pinned = append(pinned, t)
		}
	}
	if len(pinned) == 0 {
		return inWay{release: -1}, nil
	}
	oracle := solver.Options{Seed: o.Seed, Iterations: max(o.Iterations, compile.ExplainIterations), Workers: 1,
		WarmStart: pl.Compiled.WarmStart}
	holds := func(keep []int) (*solver.Solution, bool, error) {
		kept := make(map[solver.GroupID]bool, len(keep))
		for _, t := range keep {
			kept[p.Tasks[t].PinGroup] = true
		}
		pinGroup := make(map[solver.GroupID]bool, len(pinned))
		for _, t := range pinned {
			pinGroup[p.Tasks[t].PinGroup] = true
		}
		q := p.Relax(func(g solver.GroupID) bool { return !pinGroup[g] || kept[g] })
		if err := q.Freeze(); err != nil {
			return nil, false, fmt.Errorf("repencil: %w", err)
		}
		if len(solver.ExplainQuick(q)) > 0 {
			return nil, false, nil // the cheap checks prove it
		}
		sol, err := solver.Solve(ctx, q, oracle)
		switch {
		case err == nil:
			return sol, true, nil
		case errors.Is(err, solver.ErrInfeasible) && ctx.Err() == nil:
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("repencil: looking for the booking in the way: %w", err)
	}
	if sol, ok, err := holds(pinned); err != nil || ok {
		return inWay{found: sol, release: -1}, err
	}
	if _, ok, err := holds(nil); err != nil || !ok {
		return inWay{release: -1}, err
	}
	// Later bookings are tried for removal first: a session that no longer
	// fits is pushed later, into the earlier bookings that must follow
	// it, so those are the likelier culprits to keep.
	set := slices.Clone(pinned)
	slices.SortStableFunc(set, func(a, b int) int { return cmp.Compare(p.Tasks[b].Pin.Start, p.Tasks[a].Pin.Start) })
	for i := 0; i < len(set); {
		rest := slices.Delete(slices.Clone(set), i, i+1)
		_, ok, err := holds(rest)
		if err != nil {
			return inWay{release: -1}, err
		}
		if ok {
			i++ // needed: without it the rest hold
			continue
		}
		set = rest
	}
	release := slices.MaxFunc(set, func(a, b int) int {
		// Frozen pencils first (they are only re-pencilled), then the
		// latest start.
		if pl.confirmed[a] != pl.confirmed[b] {
			if pl.confirmed[a] {
				return -1
			}
			return 1
		}
		return cmp.Compare(p.Tasks[a].Pin.Start, p.Tasks[b].Pin.Start)
	})
	return inWay{release: release, why: pl.inWayWhy(release, set)}, nil
}

// inWayWhy says why task t's booking cannot stay, naming the other pins
// of the minimal set it is in and what to release instead.
func (pl *Plan) inWayWhy(t int, set []int) string {
	var others, ids []string
	for _, u := range set {
		if u != t {
			others = append(others, pl.pinLabel(u))
			ids = append(ids, pl.prior[u].ID)
		}
	}
	if len(others) == 0 {
		return "with the new inputs the sessions before and after it no longer fit around it"
	}
	return fmt.Sprintf("with the new inputs the sessions before and after it no longer fit around it and %s; "+
		"to keep it, release %s instead", strings.Join(others, " and "), strings.Join(ids, " or "))
}

// pinLabel names pinned task u's booking in the trade's words: "the
// confirmed trailer, Thu 4 Jun 09:00 with sam in offline-1 (B-7)".
func (pl *Plan) pinLabel(u int) string {
	b, loc := pl.prior[u], pl.Compiled.Grid.Location
	status := "the confirmed"
	if !pl.confirmed[u] {
		status = "the frozen pencil for"
	}
	label := fmt.Sprintf("%s %s, %s", status, b.Session, b.Start.In(loc).Format("Mon 2 Jan 15:04"))
	if b.Episode != "" {
		label = fmt.Sprintf("%s %s (episode %s), %s", status, b.Session, b.Episode, b.Start.In(loc).Format("Mon 2 Jan 15:04"))
	}
	if len(b.People) > 0 {
		label += " with " + strings.Join(b.People, ", ")
	}
	if b.Suite != "" {
		label += " in " + strings.Join(b.Suites(), " and ")
	}
	return label + " (" + b.ID + ")"
}
