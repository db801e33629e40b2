package whatif

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/solver"
)

// Comparison is the base and every scenario side by side.
type Comparison struct {
	Production, Currency string
	Base                 Result
	// Scenarios are in the order of the scenario file.
	Scenarios []Result
	Options   Options
	// Noise is the spread of the base's cost over Options.NoiseRuns
	// extra seeds (0 without them): a difference from the base no larger
	// than it is search noise, shown as "no change".
	Noise float64
	// Elapsed is the wall-clock time of all the solves (not rendered, so
	// that outputs are repeatable).
	Elapsed time.Duration
}

// NoChange reports whether r's cost is the base's within the search
// noise, or within half a unit of the currency (what rounds to nothing).
func (c *Comparison) NoChange(r Result) bool {
	return math.Abs(r.Cost-c.Base.Cost) < max(c.Noise, 0.5) || math.Abs(r.Cost-c.Base.Cost) <= c.Noise
}

// All returns the base followed by the scenarios.
func (c *Comparison) All() []Result {
	return append([]Result{c.Base}, c.Scenarios...)
}

// Departments returns every department that costs anything in some
// feasible result, in the order they first appear.
func (c *Comparison) Departments() []string {
	var out []string
	for _, r := range c.All() {
		for _, d := range r.Departments {
			if d.Amount != 0 && !slices.Contains(out, d.Name) {
				out = append(out, d.Name)
			}
		}
	}
	return out
}

// Result is one scenario's answer.
type Result struct {
	Name, Note string
	// Changes says what the scenario changes, in a few words ("add kit
	// (copy of ines); grade cap 30000"); empty for the base.
	Changes string
	// Feasible is false when no schedule was found; Infeasible says why.
	Feasible   bool
	Infeasible *Infeasible
	// Schedule is the schedule found (nil when infeasible); Solved holds
	// the compiled problem and solution behind it.
	Schedule *schedule.Schedule
	Solved   *Solved
	// Cost is the spend in the production's currency
	// (schedule.Cost.Total: the re-pencil disruption, a search weight,
	// is left out); Departments split the resource cost.
	Cost        float64
	Departments []schedule.Amount
	// Delivery is the schedule's delivery (schedule.DeliveryOf): its
	// delivery milestone, else the end of the last worked piece.
	Delivery time.Time
	// Deadlines are the production's and each episode's deliveries, with
	// the slack the schedule leaves before each.
	Deadlines []Deadline
	// MinSlackDays is the least slack over Deadlines, in working days.
	MinSlackDays float64
	// OvertimeHours is crew time beyond each rate card's standard day,
	// summed over people and days; WeekendHours is crew time on weekends
	// and holidays.
	OvertimeHours, WeekendHours float64
	// Moved counts the sessions whose booking differs from the base
	// (another start, suite, crew or artiste, or booked in one and not
	// the other); 0 for the base.
	Moved int
	// Risk is how fragile the schedule is.
	Risk Risk
}

// Deadline is one delivery date and the slack left before it.
type Deadline struct {
	// Name is "delivery" for the production, "ep3 delivery" for an
	// episode (prefixed by the production's id in a facility).
	Name string
	// Episode is the episode id (ep3), empty for the production.
	Episode string
	// Due is the end of the delivery day; Finish is when its last session
	// ends.
	Due, Finish time.Time
	// SlackDays is the working time between Finish and Due, in working
	// days (negative: late).
	SlackDays float64
}

// Risk measures how fragile a schedule is. Slack is worked out on the
// schedule as it stands: a session's slack is the working time it could
// slip before some hard deadline moves, pushing along everything after it
// — its successors in the order of work and the next session on each of
// its suites, crew and artistes (so a delay in the edit pushes the next
// episode's edit too).
type Risk struct {
	// Critical counts the sessions with less than one working day of
	// slack: the critical chain, where any slip makes a delivery late.
	Critical int
	// Artiste is the artiste whose sessions have the least slack (ties: the
	// one more work waits on), with that slack in working days, and
	// Waiting, the number of later sessions that cannot start until the
	// artiste has been in (the mix, QC, delivery). A patchy agent's
	// window with little slack and much waiting is the producer's biggest
	// single exposure. Empty when no session needs an artiste.
	Artiste          string
	ArtisteSlackDays float64
	ArtisteWaiting   int
}

// measure works out a result's figures.
func measure(name, note string, s *Solved, base *Solved, inf *Infeasible) Result {
	r := Result{Name: name, Note: note, Infeasible: inf}
	if s == nil {
		return r
	}
	r.Feasible, r.Schedule, r.Solved = true, s.Schedule, s
	r.Cost = s.Schedule.Cost.Total
	r.Departments = slices.Clone(s.Schedule.Cost.Departments)
	r.Delivery = s.Schedule.Delivery
	m := newMeter(s)
	r.Deadlines = m.deadlines()
	r.MinSlackDays = math.Inf(1)
	for _, d := range r.Deadlines {
		r.MinSlackDays = min(r.MinSlackDays, d.SlackDays)
	}
	if len(r.Deadlines) == 0 {
		r.MinSlackDays = 0
	}
	r.OvertimeHours, r.WeekendHours = m.crewHours()
	r.Risk = m.risk()
	if base != nil {
		r.Moved = moved(base.Schedule, s.Schedule)
	}
	return r
}

// meter measures one solved schedule on its slot grid.
type meter struct {
	s *Solved
	p *solver.Problem
	// working[x] is the number of working slots before slot x.
	working  []int
	daySlots int
	// start and end are each task's first and last worked slot, a
	// milestone's both where it sits (schedule.TaskEnds), so slack is
	// measured from the times the schedule shows.
	start, end []solver.Slot
}

func newMeter(s *Solved) *meter {
	p := s.Compiled.Problem
	m := &meter{s: s, p: p, working: make([]int, p.Slots+1)}
	m.end = schedule.TaskEnds(s.Compiled, s.Solution)
	m.start = make([]solver.Slot, len(p.Tasks))
	for t, pl := range s.Solution.Placements {
		m.start[t] = pl.Start
		if p.Tasks[t].Duration == 0 {
			m.start[t] = m.end[t]
		}
	}
	for x := range p.Slots {
		w := 0
		if p.Calendar.Working == nil || p.Calendar.Working.Has(solver.Slot(x)) {
			w = 1
		}
		m.working[x+1] = m.working[x] + w
	}
	cal := s.Project.Calendar
	m.daySlots = max(int(cal.DayLength()/time.Minute)/max(s.Compiled.Grid.SlotMinutes, 1), 1)
	return m
}

// w returns the working slots before x, clamping x to the horizon.
func (m *meter) w(x solver.Slot) int {
	return m.working[min(max(int(x), 0), m.p.Slots)]
}

// days converts working slots to working days.
func (m *meter) days(slots int) float64 {
	return math.Round(float64(slots)/float64(m.daySlots)*10) / 10
}

// deadlines lists the production's delivery and each episode's, with
// the last finish before each and the slack.
func (m *meter) deadlines() []Deadline {
	type group struct {
		name, episode string
		due           model.Date
		finish        solver.Slot
		any           bool
	}
	var groups []*group
	byKey := map[string]*group{}
	loc := m.s.Compiled.Grid.Location
	for t, info := range m.s.Compiled.Tasks {
		sess := m.s.Project.Session(info.ID)
		if sess == nil || sess.Production == nil {
			continue
		}
		prod := sess.Production
		type key struct {
			key, name, episode string
			due                model.Date
		}
		keys := []key{{prod.ID, "delivery", "", prod.Delivery}}
		if prod.Episodes != nil && sess.Episode > 0 {
			if d := prod.Episodes.EpisodeDelivery(sess.Episode); !d.IsZero() {
				keys = append(keys, key{prod.ID + "/" + info.Episode, info.Episode + " delivery", info.Episode, d})
			}
		}
		for _, k := range keys {
			if k.due.IsZero() {
				continue
			}
			if prod.ID != "" {
				k.name = prod.ID + " " + k.name
			}
			g := byKey[k.key]
			if g == nil {
				g = &group{name: k.name, episode: k.episode, due: k.due}
				byKey[k.key] = g
				groups = append(groups, g)
			}
			g.finish = max(g.finish, m.end[t])
			g.any = true
		}
	}
	out := make([]Deadline, 0, len(groups))
	for _, g := range groups {
		due := g.due.AddDays(1).In(loc)
		dueSlot := m.s.Compiled.Grid.SlotOf(due)
		out = append(out, Deadline{Name: g.name, Episode: g.episode, Due: due, Finish: m.s.Compiled.Grid.Time(g.finish),
			SlackDays: m.days(m.w(dueSlot) - m.w(g.finish))})
	}
	// By date; the production's delivery after an episode's on the same
	// day.
	slices.SortStableFunc(out, func(a, b Deadline) int {
		return cmp.Or(a.Due.Compare(b.Due), productionLast(a, b))
	})
	return out
}

// productionLast orders an episode's delivery before the production's.
func productionLast(a, b Deadline) int {
	switch {
	case a.Episode == "" && b.Episode != "":
		return 1
	case a.Episode != "" && b.Episode == "":
		return -1
	}
	return 0
}

// crewHours sums, over people and days, the time beyond each person's
// standard day, and the time worked on weekends and holidays.
func (m *meter) crewHours() (overtime, weekend float64) {
	perDay := map[[2]int]int{} // (resource, day) → slots
	sol := m.s.Solution
	spd := m.p.Calendar.SlotsPerDay
	if spd == 0 {
		return 0, 0
	}
	for t, pl := range sol.Placements {
		for _, r := range pl.Resources {
			if m.s.Compiled.Resources[r].Kind != compile.Person {
				continue
			}
			for _, iv := range sol.Pieces[t] {
				for x := iv.Start; x < iv.End; x++ {
					perDay[[2]int{int(r), int(x) / spd}]++
				}
			}
		}
	}
	var ot, we int
	for k, u := range perDay {
		std := m.p.Resources[k[0]].Rate.DaySlots
		if std == 0 {
			std = m.daySlots
		}
		ot += max(u-std, 0)
		if k[1] < len(m.p.Calendar.Days) && m.p.Calendar.Days[k[1]] != solver.Workday {
			we += u
		}
	}
	hours := float64(m.s.Compiled.Grid.SlotMinutes) / 60
	return float64(ot) * hours, float64(we) * hours
}

// arc is "to cannot start until gap working slots after from's end
// (plus to's own slack) without moving".
type arc struct {
	from, to int
	gap      int
}

// slack works out each task's slack in working slots (see Risk).
func (m *meter) slack() []int {
	sol := m.s.Solution
	n := len(m.p.Tasks)
	var arcs []arc
	for _, pr := range m.p.Precedences {
		f, t := int(pr.From), int(pr.To)
		ref, at := m.end[f], m.start[t]
		if pr.Kind == solver.StartToStart {
			ref = m.start[f]
		}
		if pr.Kind == solver.FinishToFinish {
			at = m.end[t]
		}
		var gap int
		if pr.LagWorking {
			gap = m.w(at) - m.w(ref) - pr.Lag
		} else {
			gap = m.w(at) - m.w(ref+solver.Slot(pr.Lag))
		}
		arcs = append(arcs, arc{f, t, max(gap, 0)})
	}
	byResource := map[solver.ResourceID][]int{}
	for t, pl := range sol.Placements {
		if m.p.Tasks[t].Duration == 0 {
			continue
		}
		for _, r := range pl.Resources {
			byResource[r] = append(byResource[r], t)
		}
	}
	for _, ts := range byResource {
		slices.SortFunc(ts, func(a, b int) int { return cmp.Compare(sol.Placements[a].Start, sol.Placements[b].Start) })
		for i := 1; i < len(ts); i++ {
			a, b := ts[i-1], ts[i]
			arcs = append(arcs, arc{a, b, max(m.w(m.start[b])-m.w(m.end[a]), 0)})
		}
	}
	slack := make([]int, n)
	for t := range n {
		dl := m.p.Tasks[t].Deadline
		if dl == 0 {
			dl = solver.Slot(m.p.Slots)
		}
		slack[t] = max(m.w(dl)-m.w(m.end[t]), 0)
	}
	// Bellman–Ford style relaxation: the graph is acyclic in time, so
	// n rounds always settle it; most settle in a few.
	for range n {
		changed := false
		for _, a := range arcs {
			if v := a.gap + slack[a.to]; v < slack[a.from] {
				slack[a.from], changed = v, true
			}
		}
		if !changed {
			break
		}
	}
	return slack
}

// risk works out the schedule's Risk.
func (m *meter) risk() Risk {
	slack := m.slack()
	var r Risk
	for t, task := range m.p.Tasks {
		if task.Duration > 0 && slack[t] < m.daySlots {
			r.Critical++
		}
	}
	best := -1
	for res, info := range m.s.Compiled.Resources {
		if info.Kind != compile.Artiste {
			continue
		}
		least, waiting, used := math.MaxInt, map[int]bool{}, false
		for t, pl := range m.s.Solution.Placements {
			if !slices.Contains(pl.Resources, solver.ResourceID(res)) {
				continue
			}
			used = true
			least = min(least, slack[t])
			m.downstream(t, waiting)
		}
		if !used {
			continue
		}
		n := 0
		for t := range waiting {
			if m.p.Tasks[t].Duration > 0 {
				n++
			}
		}
		if best < 0 || least < best || (least == best && n > r.ArtisteWaiting) {
			best = least
			r.Artiste, r.ArtisteSlackDays, r.ArtisteWaiting = info.Name, m.days(least), n
		}
	}
	return r
}

// downstream marks every task after t in the order of work.
func (m *meter) downstream(t int, seen map[int]bool) {
	for _, i := range m.p.Successors(solver.TaskID(t)) {
		if s := int(m.p.Precedences[i].To); !seen[s] {
			seen[s] = true
			m.downstream(s, seen)
		}
	}
}

// moved counts the sessions booked differently in s than in base.
func moved(base, s *schedule.Schedule) int {
	was := make(map[string]schedule.Booking, len(base.Bookings))
	for _, b := range base.Bookings {
		was[b.ID] = b
	}
	n := 0
	for _, b := range s.Bookings {
		o, ok := was[b.ID]
		delete(was, b.ID)
		if !ok || !o.Start.Equal(b.Start) || !slices.Equal(o.Suites, b.Suites) ||
			!slices.Equal(o.People, b.People) || !slices.Equal(o.Artistes, b.Artistes) {
			n++
		}
	}
	return n + len(was)
}
