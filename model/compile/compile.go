package compile

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// Defaults used when Options fields are zero.
const (
	// DefaultMarginDays pads the horizon of a production with no delivery
	// date, on top of its work laid end to end.
	DefaultMarginDays = 28
	// DefaultPencilMoveCost is the disruption cost of moving a first
	// pencil; a second pencil costs half as much to move.
	DefaultPencilMoveCost = 200
	// DefaultMaxDays caps the horizon: three years of post is more than
	// any production plans, and a typo in a year (2062 for 2026) would
	// otherwise make a grid of millions of slots.
	DefaultMaxDays = 3 * 366
)

// Options tune a compile.
type Options struct {
	// MarginDays pads the horizon when a production has no delivery date
	// (default DefaultMarginDays).
	MarginDays int
	// PencilMoveCost is charged when a pencilled session moves or changes
	// resources (default DefaultPencilMoveCost); second pencils cost half.
	PencilMoveCost float64
	// MaxDays caps the horizon (default DefaultMaxDays).
	MaxDays int
	// NotBefore is now: nothing new starts before it. Every session and
	// milestone not pinned by a confirmed booking gets its earliest start
	// raised to NotBefore, rounded up to the next slot; confirmed bookings
	// may lie earlier. A production that delivers before NotBefore is
	// refused with a *PastError. The zero time means no limit.
	NotBefore time.Time
}

// compiler holds the state of one Compile call. Problems are collected, not
// returned at the first, so one run reports every bad line.
type compiler struct {
	proj     *model.Project
	opts     Options
	grid     Grid
	ghosts   []solver.Slot // slots the clocks skip (Grid.Ghosts)
	prob     *solver.Problem
	out      *Compiled
	problems []model.Problem
	// tooLong marks the productions whose buffer: was refused, once.
	tooLong map[*model.Production]bool

	suiteRes   map[*model.Suite]solver.ResourceID
	personRes  map[*model.Person]solver.ResourceID
	artisteRes map[*model.Artiste]solver.ResourceID
	taskOf     map[*model.Session]solver.TaskID
	// demandKeys says, per task and demand, what the demand asks for
	// (demandSuite, demandRole+role, ""): continuity pairs them.
	demandKeys map[solver.TaskID][]string
	// words has, per task, what its dates-and-hours label says, for
	// relabelling it when NotBefore raises its release.
	words []taskWords

	// windows holds the windows already built for sessions with no
	// closed days of their own, which share them (windowSet).
	windows map[windowKey]solver.Bitset

	// lastDay is the latest delivery (or deadline) day, of lastProd.
	lastDay  model.Date
	lastProd *model.Production
}

// Compile turns a validated project into a frozen solver problem.
//
// Time is a grid of slots of the calendar's slot length over wall-clock days
// in the project's time zone (see Grid), from the earliest production start
// to the end of the latest delivery day; a production with no delivery date
// gets its work laid end to end plus MarginDays. Problems found while
// compiling (a window that leaves no slot, a confirmed booking outside the
// horizon) come back together as a *model.ValidationError with positions,
// so errors.Is(err, model.ErrInvalid) holds.
func Compile(p *model.Project, opts Options) (*Compiled, error) {
	if opts.MarginDays <= 0 {
		opts.MarginDays = DefaultMarginDays
	}
	if opts.PencilMoveCost <= 0 {
		opts.PencilMoveCost = DefaultPencilMoveCost
	}
	if opts.MaxDays <= 0 {
		opts.MaxDays = DefaultMaxDays
	}
	if len(p.Productions) == 0 {
		return nil, fmt.Errorf("compile: %s: no production", p.File)
	}
	c := &compiler{
		proj:       p,
		opts:       opts,
		suiteRes:   map[*model.Suite]solver.ResourceID{},
		personRes:  map[*model.Person]solver.ResourceID{},
		artisteRes: map[*model.Artiste]solver.ResourceID{},
		taskOf:     map[*model.Session]solver.TaskID{},
		demandKeys: map[solver.TaskID][]string{},
	}
	if err := c.layGrid(); err != nil {
		return nil, err
	}
	if len(c.problems) > 0 {
		return nil, &model.ValidationError{Problems: c.problems}
	}
	c.prob = &solver.Problem{Name: p.Name, Slots: c.grid.Slots(), Departments: p.Departments}
	c.out = &Compiled{
		Problem:    c.prob,
		Grid:       c.grid,
		Production: p.Name,
		Currency:   p.Productions[0].Currency,
	}
	c.calendar()
	if err := c.inThePast(); err != nil {
		return nil, err
	}
	c.resources()
	c.tasks()
	c.precedences()
	c.continuity()
	c.budgets()
	c.bookings()
	c.notBefore()
	if len(c.problems) > 0 {
		sortProblems(c.problems)
		return nil, &model.ValidationError{Problems: c.problems}
	}
	if err := c.prob.Freeze(); err != nil {
		return nil, fmt.Errorf("compile: %s: %w", p.File, err)
	}
	return c.out, nil
}

// problem records a positioned compile problem.
func (c *compiler) problem(pos model.Pos, field, hint, format string, args ...any) {
	c.problems = append(c.problems, model.Problem{
		File: pos.File, Line: pos.Line, Col: pos.Col,
		Field: field, Msg: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// layGrid chooses the horizon: from the earliest production start to the
// end of the latest delivery day, or the work laid end to end plus a
// margin for a production without one.
func (c *compiler) layGrid() error {
	cal := c.proj.Calendar
	loc := cal.Location
	if loc == nil {
		loc = time.UTC
	}
	slot := cal.Slot
	if slot <= 0 {
		slot = 30 * time.Minute
	}
	var first, last model.Date
	var lastProd *model.Production
	for _, prod := range c.proj.Productions {
		start := prod.Start
		if prod.Episodes != nil && !prod.Episodes.FirstStart.IsZero() && (start.IsZero() || prod.Episodes.FirstStart.Before(start)) {
			start = prod.Episodes.FirstStart
		}
		if start.IsZero() {
			return fmt.Errorf("compile: %s: production %q has no start date", c.proj.File, prod.Name)
		}
		if first.IsZero() || start.Before(first) {
			first = start
		}
		end := prod.Delivery
		if end.IsZero() {
			// Open-ended: the work laid end to end from the start, or
			// from now when the production has already started.
			from := start
			if now := c.nowDate(); now.After(from) {
				from = now
			}
			end = from.AddDays(c.openEndedDays(prod))
		}
		for _, s := range prod.Sessions {
			if !s.Deadline.IsZero() {
				if d := model.DateOf(s.Deadline.In(loc)); d.After(end) {
					end = d
				}
			}
		}
		if prod.Episodes != nil {
			if d := prod.Episodes.LastDelivery(); !d.IsZero() && d.After(end) {
				end = d
			}
		}
		if last.IsZero() || end.After(last) {
			last, lastProd = end, prod
		}
	}
	days := first.DaysUntil(last) + 1
	if days > c.opts.MaxDays {
		c.problem(lastProd.Pos, "delivery", "check the years of the start, delivery and deadlines",
			"the schedule would run %d days, from %s to %s; pencil plans at most %d", days, first, last, c.opts.MaxDays)
		return nil
	}
	g, err := NewGrid(loc, first.In(loc), int(slot/time.Minute), days)
	if err != nil {
		return fmt.Errorf("compile: %s: %w", c.proj.File, err)
	}
	if g, err = g.WithDayStart(int(c.proj.DayStart() / time.Minute)); err != nil {
		return fmt.Errorf("compile: %s: %w", c.proj.File, err)
	}
	c.grid, c.ghosts = g, g.Ghosts()
	c.lastDay, c.lastProd = last, lastProd
	return nil
}

// openEndedDays is the horizon of a production with no delivery date: its
// work laid end to end in working days, turned into calendar days, plus
// the margin.
func (c *compiler) openEndedDays(prod *model.Production) int {
	var work time.Duration
	for _, s := range prod.Sessions {
		work += s.Duration
		for _, d := range s.After {
			work += d.Lag.Amount
		}
	}
	dayLen := prod.Calendar.DayLength()
	if dayLen <= 0 {
		dayLen = 10 * time.Hour
	}
	perWeek := max(prod.Calendar.Week.Count(), 1)
	workDays := int((work + dayLen - 1) / dayLen)
	days := workDays * 7 / perWeek
	if prod.Episodes != nil {
		days += prod.Episodes.StaggerDays * max(prod.Episodes.Count-1, 0)
	}
	return days + c.opts.MarginDays
}

// calendar fills in Problem.Calendar: day kinds, the week offset and the
// working slots of the project calendar.
func (c *compiler) calendar() {
	g, cal := c.grid, c.proj.Calendar
	pc := &c.prob.Calendar
	pc.Start = g.Time(0)
	pc.SlotMinutes = g.SlotMinutes
	pc.SlotsPerDay = g.SlotsPerDay
	pc.WeekOffset = g.WeekOffset()
	pc.Days = make([]solver.DayKind, g.Days)
	pc.Working = solver.NewBitset(g.Slots())
	for d := range g.Days {
		date := model.DateOf(g.Date(d))
		switch {
		case cal.IsHoliday(date):
			pc.Days[d] = solver.Holiday
		case !cal.Week.Has(date.Weekday()):
			pc.Days[d] = solver.Weekend
		default:
			pc.Days[d] = solver.Workday
			c.setClock(pc.Working, d, cal.Hours)
		}
	}
}

// setClock adds the slots of clock range r on day d's date (an end past
// 24:00 is the next morning), less the hour the clocks skip.
func (c *compiler) setClock(b solver.Bitset, d int, r model.ClockRange) {
	from := max(c.grid.SlotAtDay(d, int(r.Start)), 0)
	to := min(c.grid.SlotAtDay(d, int(r.End)+c.grid.SlotMinutes-1), solver.Slot(c.grid.Slots()))
	if from >= to {
		return
	}
	b.SetRange(from, to)
	for _, g := range c.ghosts {
		if g >= from && g < to {
			b.Clear(g)
		}
	}
}

// dayIndex returns the grid day of date.
func (c *compiler) dayIndex(date model.Date) int {
	return c.grid.DayIndex(date.In(c.grid.Location))
}

// slotsFor converts a duration of working time to slots, rounding up.
func (c *compiler) slotsFor(d time.Duration) int { return c.grid.SlotsFor(d) }

// group adds a labelled constraint group and returns its id.
func (c *compiler) group(kind string, pos model.Pos, format string, args ...any) solver.GroupID {
	label := fmt.Sprintf(format, args...)
	if pos.IsValid() {
		label += " (" + pos.String() + ")"
	}
	c.prob.Groups = append(c.prob.Groups, solver.Group{Kind: kind, Label: label})
	return solver.GroupID(len(c.prob.Groups) - 1)
}

func sortProblems(ps []model.Problem) {
	slices.SortStableFunc(ps, func(a, b model.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Field, b.Field))
	})
}
