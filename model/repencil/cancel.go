package repencil

import (
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

// Cancellation charges: what giving a booking up costs inside the notice
// of its suite's and people's rate cards (model.CancellationTerm). A
// first pencil or a confirmed booking owes them when it is released or
// when a run moves it or takes a suite or person off it; a second
// pencil, a hold behind another, owes nothing.

// chargesAt is what giving up task t's booking b, held by the resources
// of place, costs at at: for each suite and person of place whose rate
// card has a cancellation term open at at, the term's share of what the
// booking's pieces cost on that card (solver.Problem.PriceAlone), rounded
// to the cent. The fees are the same charges for the solver.
func (pl *Plan) chargesAt(t int, place solver.Placement, b store.Booking, at time.Time) ([]store.Charge, []solver.CancelFee) {
	if at.IsZero() || b.Status == booking.SecondPencil || b.Status == booking.Released {
		return nil, nil
	}
	c := pl.Compiled
	var prices []float64
	var charges []store.Charge
	var fees []solver.CancelFee
	for i, r := range place.Resources {
		info := c.Resources[r]
		share := model.CancellationShare(info.Cancellation, pl.calendar, b.Start, at)
		if share == 0 {
			continue
		}
		if prices == nil {
			var err error
			if prices, err = c.Problem.PriceAlone(solver.TaskID(t), place.Resources, pl.slots(b)); err != nil {
				return nil, nil // worked outside the schedule's dates: nothing to price it by
			}
		}
		amount := math.Round(share*prices[i]*100) / 100
		if amount <= 0 {
			continue
		}
		charges = append(charges, store.Charge{Resource: info.ID, Share: share, Amount: amount})
		fees = append(fees, solver.CancelFee{Resource: r, Fee: amount})
	}
	return charges, fees
}

// ReleaseCharges is what releasing the bookings ids at at costs, by
// booking id: every suite and person on a first pencil or confirmed
// booking whose cancellation terms are open at at owes its share of the
// booking's price. Bookings the project has no session for owe nothing
// (there is no rate card to read).
func (pl *Plan) ReleaseCharges(ids []string, at time.Time) map[string][]store.Charge {
	out := map[string][]store.Charge{}
	q := pl.Compiled.Problem
	for t, id := range pl.IDs {
		b := pl.prior[t]
		if id == "" || b == nil || !slices.Contains(ids, id) {
			continue
		}
		place := q.Tasks[t].Pin
		if place == nil {
			place = q.Tasks[t].Previous
		}
		if place == nil {
			continue
		}
		if charges, _ := pl.chargesAt(t, *place, *b, at); len(charges) > 0 {
			out[id] = charges
		}
	}
	return out
}

// Cancellation is what sol owes in cancellation charges, by booking id:
// for each pencil it moves, or takes a suite or person off, inside their
// rate cards' notice as of Options.Now, the charges of what it gives up
// (the solver's "cancellation" term, booking by booking). The store
// records them with the run (store.RunInput.Cancellation).
func (pl *Plan) Cancellation(sol *solver.Solution) map[string][]store.Charge {
	out := map[string][]store.Charge{}
	q := pl.Compiled.Problem
	for t, charges := range pl.charges {
		task := &q.Tasks[t]
		for i := range charges {
			if i < len(task.Cancellation) && task.Owes(i, sol.Placements[t]) {
				out[pl.IDs[t]] = append(out[pl.IDs[t]], charges[i])
			}
		}
	}
	return out
}

// priceMoves sets task t's cancellation fees, when moving its pencil b
// would owe some as of now: they are its real price of moving, so they
// replace the disruption weight.
func (pl *Plan) priceMoves(task *solver.Task, t int, b store.Booking, now time.Time) {
	charges, fees := pl.chargesAt(t, *task.Previous, b, now)
	if len(fees) == 0 {
		return
	}
	task.Cancellation, task.MoveCost = fees, 0
	pl.charges[t] = charges
}

// owe counts the cancellation charges owed already: they are money spent,
// in the "cancellation" term, and come off the budget caps (the total,
// and the department of the suite or person owing each). In a facility
// a charge is its booking's production's: it comes off that
// production's caps only, and counts in its cost.
func (pl *Plan) owe(q *solver.Problem, owed []store.Owed) {
	dept := map[string]int{}
	for r, info := range pl.Compiled.Resources {
		if info.Kind != compile.Artiste { // no rate card, never charged
			dept[info.ID] = q.Resources[r].Department
		}
	}
	q.Budgets = slices.Clone(q.Budgets)
	spent := make([]float64, len(q.Budgets))
	for _, o := range owed {
		q.Objective.Cancelled += o.Amount
		d, ok := dept[o.Resource]
		pr := owedProduction(q.Productions, o.Session)
		if pr >= 0 {
			if q.Objective.CancelledByProduction == nil {
				q.Objective.CancelledByProduction = make([]float64, len(q.Productions))
			}
			q.Objective.CancelledByProduction[pr] += o.Amount
		}
		for i := range q.Budgets {
			cap := &q.Budgets[i]
			if cp := cap.Production; cp >= 0 && cp < len(q.Productions) && cp != pr {
				continue // another production's cap
			}
			if cap.Department < 0 || ok && cap.Department == d {
				cap.Limit -= o.Amount
				spent[i] += o.Amount
			}
		}
	}
	// Say so where a cap is explained: "total budget £2,500, £700 of it
	// spent on cancellations".
	for i, b := range q.Budgets {
		if g := b.Group; spent[i] > 0 && g >= 0 && int(g) < len(q.Groups) {
			q.Groups[g].Label += ", " + compile.Money(pl.Compiled.Currency, spent[i]) + " of it spent on cancellations"
		}
	}
}

// owedProduction is the index in productions of the production whose
// booking's session the store shows as session ("harbour: Grade"), or
// -1 when there is none (a single production's file).
func owedProduction(productions []string, session string) int {
	id, _, ok := strings.Cut(session, ": ")
	if !ok {
		return -1
	}
	return slices.Index(productions, id)
}

// slots are the pieces booking b is worked in, as slots of the grid (one
// piece from Start to End when it has none).
func (pl *Plan) slots(b store.Booking) []solver.Interval {
	g := pl.Compiled.Grid
	pieces := b.Pieces
	if len(pieces) == 0 {
		pieces = []store.Piece{{Start: b.Start, End: b.End}}
	}
	out := make([]solver.Interval, len(pieces))
	for i, pc := range pieces {
		out[i] = solver.Interval{Start: g.SlotOf(pc.Start), End: g.SlotOf(pc.End)}
	}
	return out
}
