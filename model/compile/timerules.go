package compile

import (
	"fmt"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// Demand keys say what each demand of a task asks for, so that continuity
// can pair a session's editor with the editor of the session it keeps.
const (
	demandSuite = "suite"
	demandRole  = "role:"
)

// maxLag adds the longest wait of dependency dep of session s, when it
// has one: the solver's MaxLag from the predecessor to s.
func (c *compiler) maxLag(s *model.Session, dep model.Dependency, from, to solver.TaskID, pos model.Pos) {
	if !dep.HasMaxLag {
		return
	}
	m := solver.MaxLag{From: from, To: to, Lag: c.slotsFor(dep.MaxLag.Amount), LagWorking: dep.MaxLag.Working}
	verb := "finishes"
	if dep.Kind == model.StartToStart {
		m.Kind = solver.StartToStart
		verb = "starts"
	}
	m.Group = c.group(KindLongestWait, pos, "%s must start within %s of when %s %s",
		sessionName(s), waitWords(dep.MaxLag), sessionName(dep.Session), verb)
	c.prob.MaxLags = append(c.prob.MaxLags, m)
}

// waitWords writes a wait the way a coordinator says it: "24 h", "90 min",
// "1 working day".
func waitWords(l model.Lag) string {
	d := l.Amount
	if l.Working {
		return fmt.Sprintf("%s of working time", waitWords(model.Lag{Amount: d}))
	}
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%d h", d/time.Hour)
	default:
		return fmt.Sprintf("%d min", d/time.Minute)
	}
}

// continuity adds a SameResource link for each person (role by role) or
// suite a session keeps from another.
func (c *compiler) continuity() {
	for _, s := range c.proj.Sessions {
		b, ok := c.taskOf[s]
		if !ok {
			continue
		}
		for _, k := range s.Keep {
			a, ok := c.taskOf[k.Session]
			if !ok {
				continue
			}
			pos := k.Pos
			if !pos.IsValid() {
				pos = s.Pos
			}
			var pairs [][2]int
			what := "suite"
			if k.Suite {
				pairs = c.sharedSlots(a, b, demandSuite)
			} else {
				var roles []string
				for _, need := range s.Roles {
					if ps := c.sharedSlots(a, b, demandRole+need.Role); len(ps) > 0 {
						pairs = append(pairs, ps...)
						roles = append(roles, need.Role)
					}
				}
				what = andWords(roles)
			}
			if len(pairs) == 0 {
				continue // a demand that could not be compiled, reported already
			}
			if k.CostPerSwitch > 0 {
				for _, pr := range pairs {
					c.prob.Handovers = append(c.prob.Handovers, solver.Handover{A: a, B: b, SlotA: pr[0], SlotB: pr[1], Cost: k.CostPerSwitch})
				}
				continue
			}
			g := c.group(KindContinuity, pos, "%s keeps the %s of %s", sessionName(s), what, sessionName(k.Session))
			for _, pr := range pairs {
				c.prob.SameResources = append(c.prob.SameResources, solver.SameResource{A: a, B: b, SlotA: pr[0], SlotB: pr[1], Group: g})
			}
		}
	}
}

// sharedSlots pairs the flat demand entries of tasks a and b that ask for
// key: entry k of a's demand with entry k of b's, for as many as both
// have.
func (c *compiler) sharedSlots(a, b solver.TaskID, key string) [][2]int {
	fa, na := c.demandSlot(a, key)
	fb, nb := c.demandSlot(b, key)
	var out [][2]int
	for k := 0; k < min(na, nb); k++ {
		out = append(out, [2]int{fa + k, fb + k})
	}
	return out
}

// demandSlot returns the first flat entry and the count of task t's
// demand for key, or a count of 0.
func (c *compiler) demandSlot(t solver.TaskID, key string) (int, int) {
	flat := 0
	for di, d := range c.prob.Tasks[t].Demands {
		n := max(d.Count, 1)
		if ks := c.demandKeys[t]; di < len(ks) && ks[di] == key {
			return flat, n
		}
		flat += n
	}
	return 0, 0
}

// andWords joins words as "editor", "editor and assistant-editor".
func andWords(ws []string) string {
	switch len(ws) {
	case 0:
		return "people"
	case 1:
		return ws[0]
	}
	out := ws[0]
	for i, w := range ws[1:] {
		if i == len(ws)-2 {
			out += " and " + w
		} else {
			out += ", " + w
		}
	}
	return out
}

// milestoneWindow marks the instants a milestone may fall at: the start
// and the end of each day the session may work (the end of normal hours,
// and of overtime when the calendar has it), so that picture lock after a
// cut that ends at 15:00 on a Tuesday is at 19:00 that Tuesday, a
// turnover with nothing before it is at 09:00 on its first working day,
// and neither is ever on a Saturday unless the calendar works weekends. A release written with a
// time of day (release: 2026-05-12T14:00) is an instant it may fall at
// too. A milestone with at: 14:00 falls at that time of a day it may
// work instead; none falls on one of the session's closed days.
func (c *compiler) milestoneWindow(s *model.Session) solver.Bitset {
	cal := c.calendarOf(s)
	anyDay := s.Weekends == model.WeekendsPremium || cal.Weekends == model.WeekendsPremium
	w := solver.NewBitset(c.grid.Slots())
	set := func(x solver.Slot) {
		if x >= 0 && int(x) < c.grid.Slots() {
			w.Set(x)
		}
	}
	for d := range c.grid.Days {
		if !c.worksOn(s, cal, anyDay, d) {
			continue
		}
		if s.HasAt {
			set(c.grid.SlotAtDay(d, int(s.At)))
			continue
		}
		set(c.grid.SlotAtDay(d, int(cal.Hours.Start)))
		set(c.grid.SlotAtDay(d, int(cal.Hours.End)))
		if ot := max(cal.OvertimeUntil, s.OvertimeUntil); ot > cal.Hours.End {
			set(c.grid.SlotAtDay(d, int(ot)))
		}
	}
	if !s.Release.IsZero() {
		if r := s.Release.In(c.grid.Location); r.Hour() != 0 || r.Minute() != 0 {
			set(c.slotCeil(r))
		}
	}
	return w
}

// checkMilestoneWindow reports a milestone with no working day between
// its earliest date and its deadline.
func (c *compiler) checkMilestoneWindow(s *model.Session, t *solver.Task) {
	for x := t.Release; x <= t.Deadline && int(x) < c.grid.Slots(); x++ {
		if t.Window.Has(x) {
			return
		}
	}
	c.problem(s.Pos, "sessions."+s.ID+".deadline", "move the deadline or the release to include a working day",
		"%s falls on a working day, but there is none between its earliest date and its deadline", t.Name)
}

// premiumSet marks the slots of window w on days outside the working
// week (weekends, holidays) when the session may work them at a premium:
// a split session works them only when it must to meet its deadline, or
// when it starts on one, so allowing weekends never forces a cut to work
// straight through them. Nil when the session keeps to working days.
func (c *compiler) premiumSet(s *model.Session, w solver.Bitset) solver.Bitset {
	cal := c.calendarOf(s)
	if s.Weekends != model.WeekendsPremium && cal.Weekends != model.WeekendsPremium {
		return nil
	}
	prem := solver.NewBitset(c.grid.Slots())
	found := false
	spd := solver.Slot(c.grid.SlotsPerDay)
	for d := range c.grid.Days {
		if cal.IsWorkday(model.DateOf(c.grid.Date(d))) {
			continue
		}
		for x := solver.Slot(d) * spd; x < solver.Slot(d+1)*spd && int(x) < c.grid.Slots(); x++ {
			if w.Has(x) {
				prem.Set(x)
				found = true
			}
		}
	}
	if !found {
		return nil
	}
	return prem
}

// lagSlots converts a lag to slots, rounding a positive lag up and a
// negative one (an overlap) towards zero, so neither allows more than
// written.
func (c *compiler) lagSlots(d time.Duration) int {
	if d < 0 {
		return -(int(-d/time.Minute) / c.grid.SlotMinutes)
	}
	return c.slotsFor(d)
}

// closedWords writes a session's own closed days for a label: " except
// 2026-05-12 (closed for it)", or "".
func closedWords(s *model.Session) string {
	if len(s.Closed) == 0 {
		return ""
	}
	days := make([]string, len(s.Closed))
	for i, r := range s.Closed {
		days[i] = r.String()
	}
	return " except " + strings.Join(days, ", ") + " (closed for it)"
}
