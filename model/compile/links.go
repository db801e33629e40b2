package compile

import (
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/solver"
)

// precedences adds one precedence per dependency. Working lags (2wd)
// advance over the calendar's working slots; elapsed lags over wall-clock
// slots.
func (c *compiler) precedences() {
	for _, s := range c.proj.Sessions {
		to := c.taskOf[s]
		for _, dep := range s.After {
			from, ok := c.taskOf[dep.Session]
			if !ok {
				c.problem(dep.Pos, "sessions."+s.ID+".after", "", "%s follows a session that is not scheduled", sessionName(s))
				continue
			}
			pr := solver.Precedence{From: from, To: to, Lag: c.lagSlots(dep.Lag.Amount), LagWorking: dep.Lag.Working}
			link := linkWords[dep.Kind]
			pr.Kind = link.kind
			lag := ""
			switch {
			case dep.Lag.Amount < 0 && dep.Lag.Working:
				lag = ", less an overlap of " + waitWords(model.Lag{Amount: -dep.Lag.Amount, Working: true})
			case dep.Lag.Amount < 0:
				lag = ", less " + waitWords(model.Lag{Amount: -dep.Lag.Amount}) + " of overlap"
			case !dep.Lag.IsZero():
				lag = " + " + hours(dep.Lag.Amount)
				if dep.Lag.Working {
					lag += " of working time"
				}
			}
			pos := dep.Pos
			if !pos.IsValid() {
				pos = s.Pos
			}
			pr.Group = c.group(KindOrder, pos, "%s %s after %s %s%s", sessionName(s), link.to, sessionName(dep.Session), link.from, lag)
			c.prob.Precedences = append(c.prob.Precedences, pr)
			c.maxLag(s, dep, from, to, pos)
		}
	}
}

// linkWords says, per dependency kind, the solver's precedence kind and
// the ends it links in the trade's words: "the mix ends after the grade
// finishes".
var linkWords = map[model.DependencyKind]struct {
	kind     solver.PrecedenceKind
	to, from string
}{
	model.FinishToStart:  {solver.FinishToStart, "starts", "finishes"},
	model.StartToStart:   {solver.StartToStart, "starts", "starts"},
	model.FinishToFinish: {solver.FinishToFinish, "ends", "finishes"},
}

// budgets adds the hard caps and the overhead. In a single-production
// project the caps bound the whole cost (the total with the overhead).
// In a facility each production's caps bound its share of the cost of
// the crew, suites and artistes its sessions use (solver.Charging: a
// shared resource's cost in a week is split by the hours each
// production's sessions work it that week), overhead left out.
func (c *compiler) budgets() {
	for _, prod := range c.proj.Productions {
		c.prob.Objective.OverheadPerDay += prod.OverheadPerDay
	}
	facility := len(c.proj.Productions) > 1
	c.charging(facility)
	for i, prod := range c.proj.Productions {
		b := prod.Budget
		pr, who := -1, ""
		if facility {
			pr, who = i, prod.ID+" "
		}
		if b.Total > 0 {
			c.prob.Budgets = append(c.prob.Budgets, solver.BudgetCap{
				Department: -1, Production: pr, Limit: b.Total,
				Group: c.group(KindBudget, b.Pos, "%stotal budget %s", who, Money(c.out.Currency, b.Total)),
			})
		}
		for _, cp := range b.Caps {
			d := c.department(cp.Department)
			if d < 0 {
				c.problem(cp.Pos, "budget.caps."+cp.Department, "use one of the departments", "no department %q", cp.Department)
				continue
			}
			c.prob.Budgets = append(c.prob.Budgets, solver.BudgetCap{
				Department: d, Production: pr, Limit: cp.Limit,
				Group: c.group(KindBudget, cp.Pos, "%s%s budget capped at %s", who, cp.Department, Money(c.out.Currency, cp.Limit)),
			})
		}
	}
}

// charging charges each session's share of its resources' cost to the
// department it names (model.Session.Charged; else each resource's own)
// and, in a facility, to its production. A project whose sessions name
// no department other than those of every resource they may use, and
// that is no facility, needs no split: each resource's cost goes whole
// to its department.
func (c *compiler) charging(facility bool) {
	index := map[*model.Production]int{}
	if facility {
		for i, prod := range c.proj.Productions {
			index[prod] = i
			c.prob.Productions = append(c.prob.Productions, prod.ID)
		}
	}
	charges := make([]solver.Charge, len(c.prob.Tasks))
	split := facility
	for _, s := range c.proj.Sessions {
		t := c.taskOf[s]
		pr, ok := index[s.Production]
		if !ok {
			pr = -1
		}
		d := -1
		if s.Charged {
			d = c.department(s.Department)
		}
		charges[t] = solver.Charge{Production: pr, Department: d}
		for _, dem := range c.prob.Tasks[t].Demands {
			for _, r := range dem.Candidates {
				split = split || d >= 0 && c.prob.Resources[r].Department != d
			}
		}
	}
	if split {
		c.prob.Charging = charges
	}
}

// bookings turns existing bookings into pins (confirmed), previous
// placements with a move cost (pencils) or nothing (released), and the
// pencils into a warm start.
func (c *compiler) bookings() {
	for _, b := range c.proj.Bookings {
		if b.Status == booking.Released || b.Session == nil {
			continue
		}
		t, ok := c.taskOf[b.Session]
		if !ok {
			continue
		}
		task := &c.prob.Tasks[t]
		if task.Pin != nil {
			continue // a confirmed booking wins over later ones
		}
		pl, missing := c.placement(task, b)
		start := c.grid.Time(pl.Start).Format(dayFormat + " 15:04")
		inHorizon := pl.Start >= 0 && int(pl.Start) < c.grid.Slots()
		if b.Status == booking.Confirmed {
			switch {
			case !inHorizon:
				c.problem(b.Pos, "bookings."+b.ID+".start", "release the booking or move the production dates",
					"confirmed booking %s starts %s, outside the schedule's dates", b.ID, start)
				continue
			case missing != "":
				c.problem(b.Pos, "bookings."+b.ID, "name the missing suite or crew", "confirmed booking %s has no %s", b.ID, missing)
				continue
			}
			task.Pin = &pl
			task.PinGroup = c.group(KindConfirmed, b.Pos, "booking %s: %s confirmed for %s", b.ID, task.Name, start)
			c.out.Tasks[t].Booking = b.ID
			continue
		}
		if !inHorizon {
			continue // a pencil outside the dates is simply re-pencilled
		}
		task.Previous = &pl
		task.MoveCost = c.opts.PencilMoveCost
		if b.Status == booking.SecondPencil {
			task.MoveCost /= 2
		}
		c.out.Tasks[t].Booking = b.ID
	}
	c.out.WarmStart = c.warmStart()
}

// warmStart returns the existing schedule for the search to start from:
// each booked task where it was booked, and every other task at slot -1,
// before any release, which the search must repair (it places them
// itself). It is nil when no pencil exists, since pins alone need no warm
// start.
func (c *compiler) warmStart() []solver.Placement {
	warm := make([]solver.Placement, len(c.prob.Tasks))
	pencils := 0
	for t, task := range c.prob.Tasks {
		switch {
		case task.Pin != nil:
			warm[t] = *task.Pin
		case task.Previous != nil:
			warm[t] = *task.Previous
			pencils++
		default:
			warm[t] = solver.Placement{Start: -1}
		}
	}
	if pencils == 0 {
		return nil
	}
	return warm
}

// placement maps a booking onto the task's demands, in demand order: each
// demand takes the booked resources among its candidates, and is topped up
// with its first other candidates (missing names the first demand that had
// to be topped up).
func (c *compiler) placement(task *solver.Task, b *model.Booking) (solver.Placement, string) {
	booked := map[solver.ResourceID]bool{}
	if b.Suite != nil {
		booked[c.suiteRes[b.Suite]] = true
	}
	for _, su := range b.ExtraSuites {
		booked[c.suiteRes[su]] = true
	}
	for _, p := range b.People {
		booked[c.personRes[p]] = true
	}
	for _, a := range b.Artistes {
		booked[c.artisteRes[a]] = true
	}
	pl := solver.Placement{Start: c.grid.SlotOf(b.Start)}
	used := map[solver.ResourceID]bool{}
	missing := ""
	for di, d := range task.Demands {
		n := max(d.Count, 1)
		var got []solver.ResourceID
		for _, r := range d.Candidates {
			if len(got) < n && booked[r] && !used[r] {
				got = append(got, r)
				used[r] = true
			}
		}
		if len(got) < n && missing == "" {
			missing = c.prob.Groups[task.Demands[di].Group].Label
		}
		for _, r := range d.Candidates {
			if len(got) < n && !used[r] {
				got = append(got, r)
				used[r] = true
			}
		}
		pl.Resources = append(pl.Resources, got...)
	}
	return pl, missing
}
