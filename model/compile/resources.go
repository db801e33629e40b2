package compile

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// resources adds every suite, person and artiste, in that order.
func (c *compiler) resources() {
	for _, s := range c.proj.Suites {
		c.suiteRes[s] = c.addSuite(s)
	}
	for _, p := range c.proj.People {
		c.personRes[p] = c.addPerson(p)
	}
	for _, a := range c.proj.Artistes {
		c.artisteRes[a] = c.addArtiste(a)
	}
}

// addResource appends r with its names and returns its id.
func (c *compiler) addResource(r solver.Resource, info ResourceInfo) solver.ResourceID {
	if info.Name == "" {
		info.Name = info.ID
	}
	r.Name = info.Name
	r.Capacity = 1
	c.prob.Resources = append(c.prob.Resources, r)
	c.out.Resources = append(c.out.Resources, info)
	return solver.ResourceID(len(c.prob.Resources) - 1)
}

// department returns the index of name in Problem.Departments, or -1.
func (c *compiler) department(name string) int {
	for i, d := range c.prob.Departments {
		if d == name {
			return i
		}
	}
	return -1
}

// addSuite: a suite is available in its opening hours (every hour when it
// has none of its own), except closed days and maintenance.
func (c *compiler) addSuite(s *model.Suite) solver.ResourceID {
	g := c.grid
	avail := solver.NewBitset(g.Slots())
	for d := range g.Days {
		if s.Hours.IsZero() {
			avail.SetRange(solver.Slot(d*g.SlotsPerDay), solver.Slot((d+1)*g.SlotsPerDay))
		} else {
			c.setClock(avail, d, s.Hours)
		}
	}
	var why []string
	if !s.Hours.IsZero() {
		why = append(why, "open "+s.Hours.String())
	}
	for _, r := range s.Closed {
		c.clearDays(avail, r)
		why = append(why, "closed "+r.String())
	}
	for _, m := range s.Maintenance {
		c.clearTimes(avail, m)
		why = append(why, "maintenance "+m.String())
	}
	r := solver.Resource{
		Available:  avail,
		Department: c.department(s.Department),
		Rate:       c.rateCard(s.Rate),
		RulesGroup: solver.NoGroup,
	}
	name := displayName(s.ID, s.Name)
	r.AvailabilityGroup = c.group(KindSuiteAvailability, s.Pos, "suite %s: %s", name, orAlways(why))
	return c.addResource(r, ResourceInfo{ID: s.ID, Name: s.Name, Kind: Suite, Cancellation: s.Rate.Cancellation, Deposit: s.Rate.Deposit})
}

// addPerson: a person is available except on their days off, under their
// working-time rules.
func (c *compiler) addPerson(p *model.Person) solver.ResourceID {
	avail := c.allSlots()
	var off []string
	for _, r := range p.Off {
		c.clearDays(avail, r)
		off = append(off, r.String())
	}
	r := solver.Resource{
		Available:  avail,
		Department: c.department(p.Department),
		Rate:       c.rateCard(p.Rate),
		Rules: solver.WorkRules{
			MaxSlotsPerDay:  c.slotsFloor(p.Rules.MaxPerDay),
			MinRestSlots:    c.slotsFor(p.Rules.MinRest),
			MaxDaysPerWeek:  p.Rules.MaxDaysPerWeek,
			MaxSlotsPerWeek: c.slotsFloor(p.Rules.MaxPerWeek),
		},
	}
	r.Rate.OnCost = p.OnCost
	name := displayName(p.ID, p.Name)
	if len(off) == 0 {
		r.AvailabilityGroup = c.group(KindCrewAvailability, p.Pos, "%s has no days off", name)
	} else {
		r.AvailabilityGroup = c.group(KindCrewAvailability, p.Pos, "%s is off %s", name, strings.Join(off, ", "))
	}
	weekCap := ""
	if p.Rules.MaxPerWeek > 0 {
		weekCap = ", at most " + hours(p.Rules.MaxPerWeek) + " a week"
	}
	r.RulesGroup = c.group(KindWorkingTime, p.Pos, "%s works at most %s a day, rests %s between days, %s days a week%s",
		name, hours(p.Rules.MaxPerDay), hours(p.Rules.MinRest), count(p.Rules.MaxDaysPerWeek), weekCap)
	return c.addResource(r, ResourceInfo{ID: p.ID, Name: p.Name, Kind: Person, Cancellation: p.Rate.Cancellation, Deposit: p.Rate.Deposit})
}

// addArtiste: an artiste is available only inside the windows their agent
// gave (the whole working day when a window has no hours). Fees are per
// session and per day used; travel is per visit, with holding days
// between sessions when cheaper.
func (c *compiler) addArtiste(a *model.Artiste) solver.ResourceID {
	g := c.grid
	avail := solver.NewBitset(g.Slots())
	var dates []string
	for _, w := range a.Available {
		h := w.OfferedHours(c.proj.Calendar)
		for d := max(c.dayIndex(w.Dates.From), 0); d <= min(c.dayIndex(w.Dates.To), g.Days-1); d++ {
			c.setClock(avail, d, h)
		}
		dates = append(dates, w.Dates.String())
	}
	r := solver.Resource{
		Available:  avail,
		Department: c.department(a.Department),
		Rate: solver.RateCard{
			Day:     a.Fee.Day,
			PerTask: a.Fee.Session,
			Travel:  a.Travel.PerVisit,
			Hold:    a.HoldPerDay,
			// A recall inside the window costs the fee.
			RecallFee: a.Recall.Fee, RecallDays: a.Recall.Within,
		},
		RulesGroup: solver.NoGroup,
	}
	name := displayName(a.ID, a.Name)
	pos := a.Pos
	if len(a.Available) > 0 {
		pos = a.Available[0].Pos
	}
	source := "their agent"
	if a.Agent.Name != "" {
		source = a.Agent.Name
	}
	if len(dates) == 0 {
		r.AvailabilityGroup = c.group(KindArtisteAvailability, pos, "%s has no dates from %s", name, source)
	} else {
		r.AvailabilityGroup = c.group(KindArtisteAvailability, pos, "%s's dates from %s: only %s", name, source, strings.Join(dates, ", "))
	}
	if t := a.Travel.Time; t > 0 {
		// The agent's hours run door to door: a visit's first session
		// starts t after they begin, its last ends t before they end.
		r.Rules.TravelSlots = c.slotsFor(t)
		r.RulesGroup = c.group(KindTravel, a.TravelTimePos, "%s travels %s each way, inside the hours %s gives: %s",
			name, hours(t), source, travelExample(a, c.proj.Calendar, t))
	}
	offered := make([]string, len(a.Available))
	for i, w := range a.Available {
		offered[i] = compactDates(w.Dates)
	}
	return c.addResource(r, ResourceInfo{ID: a.ID, Name: a.Name, Kind: Artiste, Agent: source, Offered: strings.Join(offered, ", ")})
}

// rateCard converts a rate card to slots.
func (c *compiler) rateCard(r model.RateCard) solver.RateCard {
	day := r.StandardDay
	if day <= 0 {
		day = c.proj.Calendar.DayLength()
	}
	half := r.HalfDayLength
	if half <= 0 {
		half = day / 2
	}
	rc := solver.RateCard{
		Hour:              r.Hour,
		HalfDay:           r.HalfDay,
		HalfDaySlots:      c.slotsFor(half),
		Day:               r.Day,
		DaySlots:          c.slotsFor(day),
		Week:              r.Week,
		Engaged:           r.Engagement,
		SixthDayX:         r.SixthDayX,
		WeekDays:          c.proj.Calendar.Week.Count(),
		MinimumCall:       c.slotsFor(r.MinimumCall),
		MinimumCallOff:    c.slotsFor(r.MinimumCallWeekend),
		UnitSlots:         c.slotsFor(r.Unit),
		WeekSlots:         c.slotsFloor(r.WeekHours),
		OverWeekX:         r.OverWeekX,
		WeekendMultiplier: r.WeekendX,
		HolidayMultiplier: r.HolidayX,
		Kit:               r.Kit,
	}
	for _, b := range r.Overtime {
		rc.Overtime = append(rc.Overtime, solver.OvertimeBand{AfterSlots: c.slotsFor(b.After), Multiplier: b.Multiplier})
	}
	rc.ClockX = c.clockX(r.ClockOvertime)
	if r.FreeHourAfter > 0 {
		rc.FreeAfterSlots, rc.FreeSlots = c.slotsFor(r.FreeHourAfter), c.slotsFor(time.Hour)
	}
	if rc.Hour == 0 && rc.Day == 0 && rc.HalfDay == 0 && rc.Week > 0 {
		// A weekly hire with no day rate: price a day as a fifth of the
		// week, so min(Week, sum of days) caps a full week at Week.
		rc.Day = rc.Week / float64(max(c.proj.Calendar.Week.Count(), 1))
	}
	return rc
}

// clockX turns overtime bands by the clock into the multiplier of each
// slot of a day, from the grid's DayStart (nil when there are none). Inside the calendar's hours a
// minute is standard (1); outside them it takes the band in force, the
// latest From at or before it, counting back past midnight to the last
// band of the evening before. A slot's multiplier is the average of its
// minutes, so a band that starts inside a slot is paid pro rata.
func (c *compiler) clockX(bands []model.ClockBand) []float64 {
	if len(bands) == 0 {
		return nil
	}
	hours := c.proj.Calendar.Hours
	at := func(m model.Clock) float64 {
		if hours.Holds(m) {
			return 1
		}
		x := bands[len(bands)-1].Multiplier
		for _, b := range bands {
			if b.From <= m {
				x = b.Multiplier
			}
		}
		return x
	}
	slotMin := c.grid.SlotMinutes
	x := make([]float64, c.grid.SlotsPerDay)
	for i := range x {
		sum := 0.0
		for m := i * slotMin; m < (i+1)*slotMin; m++ {
			sum += at(model.Clock((c.grid.DayStart + m) % (24 * 60)))
		}
		x[i] = sum / float64(slotMin)
	}
	return x
}

// allSlots returns a set holding every slot of the horizon.
func (c *compiler) allSlots() solver.Bitset {
	b := solver.NewBitset(c.grid.Slots())
	b.SetRange(0, solver.Slot(c.grid.Slots()))
	return b
}

// clearDays removes whole days r from b.
func (c *compiler) clearDays(b solver.Bitset, r model.DateRange) {
	from := max(c.dayIndex(r.From), 0)
	to := min(c.dayIndex(r.To)+1, c.grid.Days)
	if from < to {
		b.ClearRange(solver.Slot(from*c.grid.SlotsPerDay), solver.Slot(to*c.grid.SlotsPerDay))
	}
}

// clearTimes removes the slots overlapping local times [r.Start, r.End).
func (c *compiler) clearTimes(b solver.Bitset, r model.TimeRange) {
	from := max(c.grid.SlotOf(r.Start), 0)
	end := c.grid.SlotOf(r.End)
	if !c.grid.Time(end).Equal(r.End.In(c.grid.Location)) {
		end++ // partly covered slot
	}
	to := min(end, solver.Slot(c.grid.Slots()))
	if from < to {
		b.ClearRange(from, to)
	}
}

// slotsFloor converts a cap to slots, rounding down (0 stays "no cap").
func (c *compiler) slotsFloor(d time.Duration) int {
	return int(d / (time.Duration(c.grid.SlotMinutes) * time.Minute))
}

func displayName(id, name string) string {
	if name != "" {
		return name
	}
	return id
}

func orAlways(why []string) string {
	if len(why) == 0 {
		return "always open"
	}
	return strings.Join(why, ", ")
}

// hours formats a duration the way a coordinator writes it: 10h, 4h30m.
func hours(d time.Duration) string {
	if d == 0 {
		return "no limit"
	}
	s := strings.TrimSuffix(d.String(), "0s") // 1h30m0s -> 1h30m
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m") // 10h0m -> 10h, never 1h30m -> 1h3
	}
	return s
}

// count formats a cap, 0 meaning none.
func count(n int) string {
	if n == 0 {
		return "any number of"
	}
	return strconv.Itoa(n)
}

// compactDates writes a run of days the way a coordinator would: 2–9 May,
// 28 May–3 Jun, 4 Jun.
func compactDates(r model.DateRange) string {
	day := func(d model.Date) string { return strconv.Itoa(d.Day) + " " + d.Month.String()[:3] }
	switch {
	case r.From == r.To:
		return day(r.From)
	case r.From.Year == r.To.Year && r.From.Month == r.To.Month:
		return strconv.Itoa(r.From.Day) + "–" + day(r.To)
	}
	return day(r.From) + "–" + day(r.To)
}

// travelExample words what an artiste's travel time t means on the first
// window their agent offered: "from 12:00, so a visit's first session
// starts at 15:00 and its last ends by 16:00".
func travelExample(a *model.Artiste, cal model.Calendar, t time.Duration) string {
	if len(a.Available) == 0 {
		return "a visit's first session starts " + hours(t) + " after they are available, its last ends " + hours(t) + " before they leave"
	}
	w := a.Available[0]
	h := w.OfferedHours(cal)
	m := model.Clock(t / time.Minute)
	return fmt.Sprintf("on %s from %s to %s, so a visit's first session starts at %s and its last ends by %s",
		compactDates(w.Dates), h.Start, h.End, h.Start+m, h.End-m)
}
