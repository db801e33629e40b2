package compile

import (
	"fmt"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// dayFormat is how dates appear in labels: Tue 12 May.
const dayFormat = "Mon 2 Jan 2006"

// tasks adds one task per session, in project order.
func (c *compiler) tasks() {
	for _, s := range c.proj.Sessions {
		c.taskOf[s] = solver.TaskID(len(c.prob.Tasks))
		task, words := c.task(s)
		c.prob.Tasks = append(c.prob.Tasks, task)
		c.words = append(c.words, words)
		c.out.Tasks = append(c.out.Tasks, TaskInfo{
			ID:        s.ID,
			Name:      sessionName(s),
			Episode:   episodeID(s),
			Milestone: s.Milestone,
		})
	}
}

// sessionName is the name used in reports: "ADR, Ep 3", prefixed by the
// production id in a facility ("harbour: ADR, Ep 3").
func sessionName(s *model.Session) string {
	name := s.Name
	if name == "" {
		name = s.Template
	}
	if name == "" {
		name = s.LocalID
	}
	if s.Episode > 0 && !strings.Contains(strings.ToLower(name), "ep") {
		name = fmt.Sprintf("%s, Ep %d", name, s.Episode)
	}
	if s.Production != nil && s.Production.ID != "" {
		name = s.Production.ID + ": " + name // a facility's production
	}
	return name
}

func episodeID(s *model.Session) string {
	if s.Episode == 0 {
		return ""
	}
	return fmt.Sprintf("ep%d", s.Episode)
}

// calendarOf returns the calendar a session's production works to.
func (c *compiler) calendarOf(s *model.Session) model.Calendar {
	if s.Production != nil && s.Production.Calendar.Location != nil {
		return s.Production.Calendar
	}
	return c.proj.Calendar
}

// task compiles one session, and says in words what its dates-and-hours
// group holds.
func (c *compiler) task(s *model.Session) (solver.Task, taskWords) {
	name := sessionName(s)
	t := solver.Task{Name: name, Split: s.Split, WindowGroup: solver.NoGroup, PinGroup: solver.NoGroup}
	if !s.Milestone {
		t.Duration = c.slotsFor(s.Duration)
		if s.Split {
			t.MinChunk = c.slotsFor(s.MinChunk)
		}
	}
	release, deadline, delivery := c.dates(s)
	t.Release = c.slotCeil(release)
	if t.Release < 0 {
		t.Release = 0
	}
	t.Deadline = min(c.grid.SlotOf(deadline), solver.Slot(c.grid.Slots()))
	buffer := c.justInTime(s, delivery, &t)
	if buffer != "" {
		deadline = c.grid.Time(t.Deadline)
		if t.Deadline <= t.Release {
			c.bufferTooLong(s, name, deadline, release, buffer)
			t.Deadline = 0
			return t, taskWords{pos: s.Pos, deadline: deadline}
		}
	}
	words := taskWords{pos: s.Pos, deadline: deadline}
	if !s.Due.IsZero() {
		t.Due = max(c.grid.SlotOf(s.Due), 1)
		t.LatenessPerDay = s.LatenessPerDay
	}
	if t.Deadline <= t.Release && !(s.Milestone && t.Deadline == t.Release) {
		c.problem(s.Pos, "sessions."+s.ID+".deadline", "move the deadline or the production start",
			"%s must end by %s but cannot start before %s", name, deadline.Format(dayFormat+" 15:04"), release.Format(dayFormat+" 15:04"))
		t.Deadline = 0
		return t, words
	}
	hours, days := c.window(s)
	days += closedWords(s)
	words.hours, words.days = hours.String(), days
	if !s.Milestone {
		t.Window = c.windowSet(s, hours)
		if s.Split {
			t.Premium = c.premiumSet(s, t.Window)
		}
		c.checkWindow(s, &t, hours)
	} else {
		t.Window = c.milestoneWindow(s)
		c.checkMilestoneWindow(s, &t)
	}
	if s.Milestone {
		when := "the start or end of a working day"
		if s.HasAt {
			when = s.At.String() + " on a working day"
		}
		t.WindowGroup = c.group(KindDatesAndHours, s.Pos, "%s falls at %s%s, no earlier than %s and no later than %s",
			name, when, closedWords(s), release.Format(dayFormat+" 15:04"), deadline.Add(-time.Minute).Format(dayFormat))
	} else {
		t.WindowGroup = c.group(KindDatesAndHours, s.Pos, "%s runs %s %s, from %s, done by %s%s",
			name, hours, days, release.Format(dayFormat), deadline.Add(-time.Minute).Format(dayFormat), buffer)
	}
	t.Demands = c.demands(s, name)
	t.UseRates = c.useRates(s, t.Demands)
	return t, words
}

// useRates prices a session's use: (use:) on each candidate whose rate
// card has it: its hours cost the use's hourly rate in place of the
// card's own (model.RateCard.HourlyEquivalent), the difference per slot
// on top of the card.
func (c *compiler) useRates(s *model.Session, demands []solver.Demand) []solver.UseRate {
	if s.Use == "" {
		return nil
	}
	cards := map[solver.ResourceID]*model.RateCard{}
	for _, su := range c.proj.Suites {
		cards[c.suiteRes[su]] = &su.Rate
	}
	for _, p := range c.proj.People {
		cards[c.personRes[p]] = &p.Rate
	}
	var out []solver.UseRate
	for _, d := range demands {
		for _, r := range d.Candidates {
			rc := cards[r]
			if rc == nil {
				continue // an artiste: fees, not rates
			}
			if h, ok := rc.UseHour(s.Use); ok {
				out = append(out, solver.UseRate{Resource: r, Slot: (h - rc.HourlyEquivalent()) * float64(c.grid.SlotMinutes) / 60})
			}
		}
	}
	return out
}

// dates returns a session's earliest start and hard latest end: the
// production's (or episode's) start and delivery, narrowed by the
// session's own release and deadline; and the end of its delivery day
// (zero when none).
func (c *compiler) dates(s *model.Session) (release, deadline, delivered time.Time) {
	loc := c.grid.Location
	release = c.grid.Day0
	deadline = c.grid.Date(c.grid.Days)
	if prod := s.Production; prod != nil {
		start, delivery := prod.Start, prod.Delivery
		if prod.Episodes != nil && s.Episode > 0 {
			start = prod.Episodes.EpisodeStart(s.Episode)
			if d := prod.Episodes.EpisodeDelivery(s.Episode); !d.IsZero() {
				delivery = d
			}
		}
		if !start.IsZero() {
			release = later(release, start.In(loc))
		}
		if !delivery.IsZero() {
			delivered = delivery.AddDays(1).In(loc)
			deadline = earlier(deadline, delivered)
		}
	}
	if !s.Release.IsZero() {
		release = later(release, s.Release.In(loc))
	}
	if !s.Deadline.IsZero() {
		deadline = earlier(deadline, s.Deadline.In(loc))
	}
	return release, deadline, delivered
}

// window returns the time of day a session may run and on which days, in
// words: its own window, else the production's hours (a suite's own
// opening hours limit its availability, not the session's window), stretched to the overtime limit for an unsplit
// session (or any session with its own overtime limit).
func (c *compiler) window(s *model.Session) (model.ClockRange, string) {
	cal := c.calendarOf(s)
	days := "on working days"
	if s.Weekends == model.WeekendsPremium || cal.Weekends == model.WeekendsPremium {
		days = "on any day (weekends at a premium)"
	}
	if !s.Window.IsZero() {
		return s.Window, days
	}
	h := cal.Hours
	// A split session works every open slot of each run it takes (see
	// the solver's placement rules), so stretching its window into
	// overtime would make every day a long day. Only unsplit sessions,
	// or a session that names its own overtime limit, may run late.
	ot := cal.OvertimeUntil
	if s.Split {
		ot = 0
	}
	if s.OvertimeUntil != 0 && s.OvertimeUntil != cal.OvertimeUntil {
		ot = s.OvertimeUntil // the session's own, not the calendar's copied down
	}
	if ot > h.End {
		h.End = ot
	}
	return h, days
}

// windowSet marks the slots of clock range h on the days the session may
// work.
// Sessions of one calendar and hours with no closed days of their own
// share one window, which nothing changes once built (a 40-episode
// series: 7,727 sessions in a few dozen windows).
func (c *compiler) windowSet(s *model.Session, h model.ClockRange) solver.Bitset {
	cal := c.calendarOf(s)
	anyDay := s.Weekends == model.WeekendsPremium || cal.Weekends == model.WeekendsPremium
	key := windowKey{hours: h, anyDay: anyDay}
	if s.Production != nil && s.Production.Calendar.Location != nil {
		key.production = s.Production
	}
	shared := len(s.Closed) == 0
	if w, ok := c.windows[key]; ok && shared {
		return w
	}
	w := solver.NewBitset(c.grid.Slots())
	for d := range c.grid.Days {
		if c.worksOn(s, cal, anyDay, d) {
			c.setClock(w, d, h)
		}
	}
	if shared {
		if c.windows == nil {
			c.windows = map[windowKey]solver.Bitset{}
		}
		c.windows[key] = w
	}
	return w
}

// windowKey says what a shared window depends on: the production whose
// calendar it follows (nil: the project's), the hours, and whether
// weekends are worked.
type windowKey struct {
	production *model.Production
	hours      model.ClockRange
	anyDay     bool
}

// worksOn reports whether session s may work on grid day d: a working
// day of its calendar (any day when anyDay), and not one of its own
// closed days.
func (c *compiler) worksOn(s *model.Session, cal model.Calendar, anyDay bool, d int) bool {
	day := model.DateOf(c.grid.Date(d))
	return (anyDay || cal.IsWorkday(day)) && !s.ClosedOn(day)
}

// checkWindow reports a session whose window cannot hold it between its
// release and deadline: no slot at all, or (unsplit) no run long enough.
func (c *compiler) checkWindow(s *model.Session, t *solver.Task, h model.ClockRange) {
	longest, run, total := 0, 0, 0
	for x := t.Release; x < t.Deadline; x++ {
		if t.Window.Has(x) {
			run++
			total++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	field := "sessions." + s.ID + ".window"
	switch {
	case total == 0:
		c.problem(s.Pos, field, "widen the window or move the dates",
			"%s: the window %s leaves no slot between its start and deadline", t.Name, h)
	case total < t.Duration:
		c.problem(s.Pos, field, "widen the window or move the deadline",
			"%s needs %s but its window %s holds only %s before the deadline", t.Name, hours(c.duration(t.Duration)), h, hours(c.duration(total)))
	case !t.Split && longest < t.Duration:
		c.problem(s.Pos, field, "allow split: { min: ... } or widen the window",
			"%s runs %s unbroken but its window %s is at most %s long", t.Name, hours(c.duration(t.Duration)), h, hours(c.duration(longest)))
	}
}

// demands turns a session's needs into solver demands: a suite kind is a
// pool of suites, a named suite one candidate, a role with a count a pool
// of people, named people and artistes one candidate each.
func (c *compiler) demands(s *model.Session, name string) []solver.Demand {
	var ds []solver.Demand
	var keys []string
	key := ""
	add := func(cands []solver.ResourceID, count int, kind, format string, args ...any) {
		ds = append(ds, solver.Demand{Candidates: cands, Count: count, Group: c.group(kind, s.Pos, format, args...)})
		keys = append(keys, key)
	}
	defer func() { c.demandKeys[c.taskOf[s]] = keys }()
	needs := "sessions." + s.ID + ".needs"
	for i, room := range s.SuiteNeeds() {
		// The first room is the one same_suite_as keeps.
		key = demandSuite
		if i > 0 {
			key = fmt.Sprintf("%s%d", demandSuite, i+1)
		}
		if room.Suite != nil {
			add([]solver.ResourceID{c.suiteRes[room.Suite]}, 1, KindSuiteNeed, "%s needs suite %s", name, displayName(room.Suite.ID, room.Suite.Name))
			continue
		}
		var pool []solver.ResourceID
		for _, su := range c.proj.Suites {
			if su.Kind == room.Kind && su.WorksFor(s.Production) {
				pool = append(pool, c.suiteRes[su])
			}
		}
		if len(pool) == 0 {
			c.problem(s.Pos, needs, "add a suite of that kind or name a suite", "%s needs a %s suite but there is none", name, room.Kind)
			continue
		}
		add(pool, 1, KindSuiteNeed, "%s needs a %s suite (%d in the facility)", name, room.Kind, len(pool))
	}
	for _, need := range s.Roles {
		var pool []solver.ResourceID
		for _, p := range c.proj.People {
			if p.HasRole(need.Role) && p.WorksFor(s.Production) {
				pool = append(pool, c.personRes[p])
			}
		}
		n := max(need.Count, 1)
		if len(pool) < n {
			c.problem(need.Pos, needs, "add crew with that role", "%s needs %d %s but the crew has %d", name, n, need.Role, len(pool))
			continue
		}
		key = demandRole + need.Role
		add(pool, n, KindCrewNeed, "%s needs %d %s (of %d)", name, n, need.Role, len(pool))
	}
	key = ""
	for _, p := range s.People {
		add([]solver.ResourceID{c.personRes[p]}, 1, KindCrewNeed, "%s needs %s", name, displayName(p.ID, p.Name))
	}
	for _, a := range s.Artistes {
		add([]solver.ResourceID{c.artisteRes[a]}, 1, KindArtisteNeed, "%s needs artiste %s", name, displayName(a.ID, a.Name))
	}
	return ds
}

// slotCeil returns the first slot starting at or after t.
func (c *compiler) slotCeil(t time.Time) solver.Slot {
	s := c.grid.SlotOf(t)
	if c.grid.Time(s).Before(t) {
		s++
	}
	return s
}

// duration converts slots back to time.
func (c *compiler) duration(slots int) time.Duration {
	return time.Duration(slots*c.grid.SlotMinutes) * time.Minute
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
