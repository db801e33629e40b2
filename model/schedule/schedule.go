package schedule

import (
	"fmt"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// Schedule is a solved production. Times are wall-clock times in the
// production's time zone.
type Schedule struct {
	// Production is the production's (or facility's) name.
	Production string
	// Currency is the ISO 4217 code of every amount (GBP).
	Currency string
	// TimeZone is the IANA zone of every time (Europe/London).
	TimeZone string
	// Bookings has one entry per session, in start order.
	Bookings []Booking
	// Milestones are the zero-length tasks (picture lock, turnover), in
	// date order.
	Milestones []Milestone
	// Cost is the objective broken down.
	Cost Cost
	// Delivery is when the production delivers, by DeliveryOf: its
	// (latest) delivery milestone, else the end of the last worked piece.
	Delivery time.Time
	// Bound is a lower bound on Cost.Objective, what the search
	// minimises (spend plus search weights), proved by BoundMethod.
	Bound       float64
	BoundMethod string
	// Gap is (Cost.Objective - Bound) / Cost.Objective: like with like,
	// since the bound is on the objective, not on the spend alone.
	Gap float64
	// Pools splits the gap by pools of suites, people and artistes that
	// stand in for each other, the largest difference first (empty when
	// the bound is not split so).
	Pools []PoolGap
	// Stats describe the search that found the schedule.
	Stats solver.Stats
	// Cash is when the money is due (see WorkOutCash); empty until it is
	// worked out.
	Cash Cash
}

// Booking is where and when one session runs.
type Booking struct {
	// ID is the session id (ep3/adr); Name is its display name.
	ID, Name, Episode string
	// Start and End bound the whole booking; a split booking runs only
	// in its Pieces.
	Start, End time.Time
	// Pieces are the runs of work, at most one per day: a two-day grade
	// is two pieces, 09:00–19:00 each.
	Pieces []Piece
	// Suites, People and Artistes are display names of the resources
	// booked, in demand order.
	Suites, People, Artistes []string
	// Status is Pencil, or Confirmed for a pinned booking; a schedule
	// read from the store may also hold second pencils.
	Status booking.Status
	// Cost is the booking's share of its resources' cost: each resource's
	// cost split pro rata over the slots it works.
	Cost float64
	// Deposit is the part of Cost due when the booking is confirmed: each
	// resource's share times its rate card's deposit.
	Deposit float64
}

// Hours returns the working time of the booking.
func (b Booking) Hours() float64 {
	var d time.Duration
	for _, p := range b.Pieces {
		d += p.End.Sub(p.Start)
	}
	return d.Hours()
}

// Piece is one run of work of a booking.
type Piece struct {
	Start, End time.Time
}

// Milestone is a zero-length task with its date.
type Milestone struct {
	ID, Name, Episode string
	// At is when the milestone falls: where its last predecessor's work
	// ends (see TaskEnds), never the midnight or weekend after.
	At time.Time
}

// Cost is a schedule's cost broken down.
type Cost struct {
	// Total is the spend: the sum of Terms. It leaves out the search
	// weights.
	Total float64
	// Terms are the solver's cost terms that are spend, in their fixed
	// order (rate cards, kit, fees, travel, overhead, lateness,
	// cancellation).
	Terms []Amount
	// Weights are the solver's terms that steer the search but are not
	// spend: the earliness of a production scheduled backward, the
	// re-pencil disruption (each moved pencil's move cost) and the
	// makespan weight, in that order. WeightNotes words them.
	Weights []Amount
	// Objective is what the search minimised: Total plus Weights.
	Objective float64
	// Departments, Resources and Weeks split the resource cost.
	Departments []Amount
	// Productions split it among a facility's productions (by id; empty
	// for a single production): each bears its sessions' share of the
	// crew, suites and artistes they use.
	Productions []Amount
	Resources   []Amount
	Weeks       []WeekCost
}

// weightWords names the solver's cost terms that are search weights, not
// spend, as a person reads them.
var weightWords = map[string]string{
	solver.TermEarliness:  "just in time (days early)",
	solver.TermDisruption: "re-pencil disruption",
	solver.TermMakespan:   "makespan weight",
}

// WeightLabel words a search weight's term for people: "re-pencil
// disruption (search weight, not spend)".
func WeightLabel(term string) string {
	name, ok := weightWords[term]
	if !ok {
		name = term
	}
	return name + " (search weight, not spend)"
}

// WeightNotes words each non-zero search weight for people, apart from
// the spend, as a plain number (it is no money):
//
//	re-pencil disruption (search weight, not spend): 2,925
func (c Cost) WeightNotes() []string {
	var out []string
	for _, w := range c.Weights {
		if w.Amount != 0 {
			out = append(out, WeightLabel(w.Name)+": "+compile.Money("", w.Amount))
		}
	}
	return out
}

// Amount is a named share of the cost.
type Amount struct {
	Name   string
	Amount float64
}

// WeekCost is the resource cost of the week starting on Monday Start.
type WeekCost struct {
	Start  time.Time
	Amount float64
}

// Build translates a solution of c.Problem into a schedule.
func Build(c *compile.Compiled, sol *solver.Solution) (*Schedule, error) {
	p := c.Problem
	if len(sol.Placements) != len(p.Tasks) || len(sol.Pieces) != len(p.Tasks) || len(sol.Ends) != len(p.Tasks) {
		return nil, fmt.Errorf("schedule: solution has %d placements for %d tasks", len(sol.Placements), len(p.Tasks))
	}
	if len(c.Tasks) != len(p.Tasks) || len(c.Resources) != len(p.Resources) {
		return nil, fmt.Errorf("schedule: compiled names %d tasks and %d resources for %d and %d", len(c.Tasks), len(c.Resources), len(p.Tasks), len(p.Resources))
	}
	g := c.Grid
	s := &Schedule{
		Production:  c.Production,
		Currency:    c.Currency,
		TimeZone:    g.Location.String(),
		Bound:       sol.Bound.Cost,
		BoundMethod: sol.Bound.Method,
		Gap:         sol.Gap(),
		Pools:       poolGaps(c, sol),
		Stats:       sol.Stats,
	}
	busy := busySlots(p, sol)
	ends := TaskEnds(c, sol)
	for t, info := range c.Tasks {
		pl := sol.Placements[t]
		if info.Milestone || p.Tasks[t].Duration == 0 {
			s.Milestones = append(s.Milestones, Milestone{ID: info.ID, Name: info.Name, Episode: info.Episode, At: g.Time(ends[t])})
			continue
		}
		b := Booking{
			ID: info.ID, Name: info.Name, Episode: info.Episode,
			Start:  g.Time(pl.Start),
			End:    g.Time(sol.Ends[t]),
			Status: booking.Pencil,
		}
		if p.Tasks[t].Pin != nil {
			b.Status = booking.Confirmed
		}
		worked := 0
		for _, iv := range sol.Pieces[t] {
			worked += int(iv.End - iv.Start)
			b.Pieces = append(b.Pieces, splitByDay(g, iv)...)
		}
		for _, r := range pl.Resources {
			if r < 0 || int(r) >= len(c.Resources) {
				return nil, fmt.Errorf("schedule: task %q: resource %d out of range", info.ID, r)
			}
			ri := c.Resources[r]
			switch ri.Kind {
			case compile.Suite:
				b.Suites = append(b.Suites, ri.Name)
			case compile.Person:
				b.People = append(b.People, ri.Name)
			case compile.Artiste:
				b.Artistes = append(b.Artistes, ri.Name)
			}
			if busy[r] > 0 && int(r) < len(sol.Cost.ByResource) {
				share := sol.Cost.ByResource[r] * float64(worked) / float64(busy[r])
				b.Cost += share
				b.Deposit += share * ri.Deposit
			}
		}
		s.Bookings = append(s.Bookings, b)
	}
	sortBookings(s.Bookings)
	sortMilestones(s.Milestones)
	s.Delivery = DeliveryOf(s.Milestones, s.Bookings)
	s.Cost = buildCost(c, sol)
	return s, nil
}

// busySlots counts, per resource, the slots it works over all tasks.
func busySlots(p *solver.Problem, sol *solver.Solution) []int {
	busy := make([]int, len(p.Resources))
	for t := range p.Tasks {
		n := 0
		for _, iv := range sol.Pieces[t] {
			n += int(iv.End - iv.Start)
		}
		for _, r := range sol.Placements[t].Resources {
			if r >= 0 && int(r) < len(busy) {
				busy[r] += n
			}
		}
	}
	return busy
}

// splitByDay cuts a slot interval at the start of each day (local
// midnight, or the end of overtime past it), as the booking
// store keeps pieces (compile.Grid.DayPieces).
func splitByDay(g compile.Grid, iv solver.Interval) []Piece {
	spans := g.DayPieces([]solver.Interval{iv})
	out := make([]Piece, len(spans))
	for i, sp := range spans {
		out[i] = Piece{Start: sp.Start, End: sp.End}
	}
	return out
}

func buildCost(c *compile.Compiled, sol *solver.Solution) Cost {
	p := c.Problem
	cost := Cost{Objective: sol.Cost.Total}
	for _, t := range sol.Cost.Terms {
		a := Amount{Name: t.Term, Amount: t.Amount}
		if _, weight := weightWords[t.Term]; weight {
			cost.Weights = append(cost.Weights, a)
			continue
		}
		cost.Terms = append(cost.Terms, a)
		cost.Total += t.Amount
	}
	for d, a := range sol.Cost.ByDepartment {
		if d < len(p.Departments) {
			cost.Departments = append(cost.Departments, Amount{Name: p.Departments[d], Amount: a})
		}
	}
	for i, a := range sol.Cost.ByProduction {
		if i < len(p.Productions) {
			cost.Productions = append(cost.Productions, Amount{Name: p.Productions[i], Amount: a})
		}
	}
	for r, a := range sol.Cost.ByResource {
		if r < len(c.Resources) && a != 0 {
			cost.Resources = append(cost.Resources, Amount{Name: c.Resources[r].Name, Amount: a})
		}
	}
	for w, a := range sol.Cost.ByWeek {
		if a != 0 {
			cost.Weeks = append(cost.Weeks, WeekCost{Start: c.Grid.Date(7*w - p.Calendar.WeekOffset), Amount: a})
		}
	}
	return cost
}
