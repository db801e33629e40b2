package whatif

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
)

// BaseName names the unchanged project in a comparison.
const BaseName = "base"

// Apply applies the scenario's overlays, in order, to p (a fresh copy of
// the base project: Apply changes it in place). Problems come back
// together as a *model.ValidationError positioned in the scenario file.
func (sc Scenario) Apply(p *model.Project) error {
	var problems []model.Problem
	for _, o := range sc.Overlays {
		problems = append(problems, o.Apply(p)...)
	}
	p.Reindex()
	if len(problems) > 0 {
		return &model.ValidationError{Problems: problems}
	}
	return nil
}

// Budget changes the productions' hard caps: the total when Total is set,
// and each department in Caps (a limit of 0 removes that department's
// cap). In a facility it applies to the production named by Production,
// or to every production when Production is "".
type Budget struct {
	Total      *float64
	Caps       []CapChange
	Production string
	at         at
}

// CapChange sets one department's cap.
type CapChange struct {
	Department string
	Limit      float64
	at         at
}

// Apply implements Overlay.
func (b Budget) Apply(p *model.Project) []model.Problem {
	var out []model.Problem
	for _, c := range b.Caps {
		if !slices.Contains(p.Departments, c.Department) {
			out = append(out, c.at.problem("departments: "+strings.Join(p.Departments, ", "), "unknown department %q", c.Department))
		}
	}
	if b.Production != "" && p.Production(b.Production) == nil {
		var ids []string
		for _, prod := range p.Productions {
			ids = append(ids, prod.ID)
		}
		out = append(out, b.at.problem("productions: "+strings.Join(ids, ", "), "unknown production %q", b.Production))
	}
	if len(out) > 0 {
		return out
	}
	for _, prod := range p.Productions {
		if b.Production != "" && prod.ID != b.Production {
			continue
		}
		if b.Total != nil {
			prod.Budget.Total = *b.Total
		}
		for _, c := range b.Caps {
			i := slices.IndexFunc(prod.Budget.Caps, func(bc model.BudgetCap) bool { return bc.Department == c.Department })
			switch {
			case c.Limit == 0 && i >= 0:
				prod.Budget.Caps = slices.Delete(prod.Budget.Caps, i, i+1)
			case c.Limit == 0:
			case i >= 0:
				prod.Budget.Caps[i].Limit, prod.Budget.Caps[i].Pos = c.Limit, c.at.pos
			default:
				prod.Budget.Caps = append(prod.Budget.Caps, model.BudgetCap{Department: c.Department, Limit: c.Limit, Pos: c.at.pos})
			}
		}
	}
	return nil
}

// AddResource adds a person (Person) or a suite copied from an existing
// one — same roles or kind, rate card, days off and rules — under a new
// id and name: "a second editor" is a copy of the first.
type AddResource struct {
	Copy, ID, Name string
	Person         bool
	at             at
}

// Apply implements Overlay.
func (a AddResource) Apply(p *model.Project) []model.Problem {
	if p.Person(a.ID) != nil || p.Suite(a.ID) != nil || p.Artiste(a.ID) != nil {
		return []model.Problem{a.at.problem("choose an id not used in the project", "id %q is already taken", a.ID)}
	}
	if a.Person {
		old := p.Person(a.Copy)
		if old == nil {
			return []model.Problem{a.at.problem(idHint(p, true), "no person %q to copy", a.Copy)}
		}
		np := *old
		np.ID, np.Name, np.Email, np.Pos = a.ID, a.Name, "", a.at.pos
		if np.Name == "" {
			np.Name = a.ID
		}
		np.Roles = slices.Clone(old.Roles)
		np.Off = nil // a new hire brings their own diary
		p.People = append(p.People, &np)
	} else {
		old := p.Suite(a.Copy)
		if old == nil {
			return []model.Problem{a.at.problem(idHint(p, false), "no suite %q to copy", a.Copy)}
		}
		ns := *old
		ns.ID, ns.Name, ns.Pos = a.ID, a.Name, a.at.pos
		if ns.Name == "" {
			ns.Name = a.ID
		}
		ns.Closed, ns.Maintenance = nil, nil
		p.Suites = append(p.Suites, &ns)
	}
	p.Reindex()
	return nil
}

// RemoveResource takes a person (Person) or a suite out of the project:
// the crew member is no longer available, the suite is gone. A session
// that names them cannot be scheduled, which is reported; bookings that
// name them are released.
type RemoveResource struct {
	ID     string
	Person bool
	at     at
}

// Apply implements Overlay.
func (r RemoveResource) Apply(p *model.Project) []model.Problem {
	var out []model.Problem
	uses := func(s *model.Session) bool {
		if r.Person {
			return slices.ContainsFunc(s.People, func(x *model.Person) bool { return x.ID == r.ID })
		}
		return slices.ContainsFunc(s.SuiteNeeds(), func(n model.SuiteNeed) bool { return n.Suite != nil && n.Suite.ID == r.ID })
	}
	booked := func(b *model.Booking) bool {
		if r.Person {
			return slices.ContainsFunc(b.People, func(x *model.Person) bool { return x.ID == r.ID })
		}
		return b.Suite != nil && b.Suite.ID == r.ID || slices.ContainsFunc(b.ExtraSuites, func(x *model.Suite) bool { return x.ID == r.ID })
	}
	if r.Person {
		if p.Person(r.ID) == nil {
			return []model.Problem{r.at.problem(idHint(p, true), "no person %q", r.ID)}
		}
		p.People = slices.DeleteFunc(p.People, func(x *model.Person) bool { return x.ID == r.ID })
	} else {
		if p.Suite(r.ID) == nil {
			return []model.Problem{r.at.problem(idHint(p, false), "no suite %q", r.ID)}
		}
		p.Suites = slices.DeleteFunc(p.Suites, func(x *model.Suite) bool { return x.ID == r.ID })
	}
	for _, s := range p.Sessions {
		if uses(s) {
			out = append(out, r.at.problem("name a role or suite kind in the session instead, or keep "+r.ID,
				"%s is named by session %s (%s), which could not be scheduled without them", r.ID, s.ID, s.Pos))
		}
	}
	p.Bookings = slices.DeleteFunc(p.Bookings, booked)
	for _, prod := range p.Productions {
		prod.Bookings = slices.DeleteFunc(prod.Bookings, booked)
	}
	p.Reindex()
	return out
}

// MoveDeliveries moves every delivery and deadline by Days calendar days
// (negative: earlier): the production's delivery, each episode's and every
// session's hard deadline.
type MoveDeliveries struct {
	Days int
	at   at
}

// Apply implements Overlay.
func (m MoveDeliveries) Apply(p *model.Project) []model.Problem {
	for _, prod := range p.Productions {
		if !prod.Delivery.IsZero() {
			prod.Delivery = prod.Delivery.AddDays(m.Days)
		}
		if e := prod.Episodes; e != nil {
			if !e.FirstDelivery.IsZero() {
				e.FirstDelivery = e.FirstDelivery.AddDays(m.Days)
			}
			for n, d := range e.Deliveries { // an episode's own delivery
				e.Deliveries[n] = d.AddDays(m.Days)
			}
		}
		for _, s := range prod.Sessions {
			if !s.Deadline.IsZero() {
				s.Deadline = s.Deadline.AddDate(0, 0, m.Days)
			}
		}
	}
	return nil
}

// SetDeadline sets one session's hard deadline to the end of Day. It can
// tighten the session's delivery, never loosen it (move_deliveries does
// that).
type SetDeadline struct {
	Session string
	Day     model.Date
	at      at
}

// Apply implements Overlay.
func (d SetDeadline) Apply(p *model.Project) []model.Problem {
	s := p.Session(d.Session)
	if s == nil {
		return []model.Problem{d.at.problem("a session id such as ep3/mix", "no session %q", d.Session)}
	}
	s.Deadline = d.Day.AddDays(1).In(p.Calendar.Location)
	return nil
}

// RateChange sets prices on a person's or a suite's rate card (0 takes
// that price off the card), and may change how the card is paid.
type RateChange struct {
	ID     string
	Prices []Price
	// Paid is "engagement" or "worked" to change how a weekly rate is
	// paid; empty leaves it.
	Paid string
	// Clock replaces the card's overtime bands by the clock when
	// ClockSet (an empty list removes them).
	Clock    []model.ClockBand
	ClockSet bool
	// Times sets the card's durations, named as the project file
	// writes them (minimum_call, unit, free_hour_after, week_hours; 0
	// takes the term off).
	Times []Time
	// Cancellation replaces the card's cancellation terms when
	// CancellationSet (an empty list removes them).
	Cancellation    []model.CancellationTerm
	CancellationSet bool
	// Uses set the hourly rates of uses (uses: { record: { hour: 160 }
	// }); a use the card lacks is added, 0 takes one off.
	Uses []model.UseRate
	// Recall replaces an artiste's recall terms when not nil (a zero fee
	// takes them off); TravelTime their travel time each way when not
	// nil (0: none). They are the only changes an artiste's rates take.
	Recall     *model.Recall
	TravelTime *time.Duration
	at         at
}

// Time is one duration of a rate card.
type Time struct {
	Field string
	Value time.Duration
}

// Price is one price of a rate card, named as the project file writes it
// (hour, half_day, day, week, kit, and sixth_day_x, a multiplier).
type Price struct {
	Field  string
	Amount float64
}

// Apply implements Overlay.
func (r RateChange) Apply(p *model.Project) []model.Problem {
	if a := p.Artiste(r.ID); a != nil && p.Person(r.ID) == nil && p.Suite(r.ID) == nil {
		if r.Recall == nil && r.TravelTime == nil || len(r.Prices) > 0 || len(r.Times) > 0 || r.Paid != "" || r.ClockSet || r.CancellationSet {
			return []model.Problem{r.at.problem("an artiste's rates: change only recall and travel_time, e.g. { recall: { within: 10d, fee: 300 }, travel_time: 2h }", "%s is an artiste, paid by fees", r.ID)}
		}
		if r.Recall != nil {
			a.Recall = *r.Recall
		}
		if r.TravelTime != nil {
			a.Travel.Time = *r.TravelTime
		}
		return nil
	}
	if r.Recall != nil || r.TravelTime != nil {
		return []model.Problem{r.at.problem("recall fees and travel time are an artiste's", "%s is not an artiste", r.ID)}
	}
	var card *model.RateCard
	if x := p.Person(r.ID); x != nil {
		card = &x.Rate
	} else if x := p.Suite(r.ID); x != nil {
		card = &x.Rate
	} else {
		return []model.Problem{r.at.problem("rates are changed on people, suites and artistes by id", "no person, suite or artiste %q", r.ID)}
	}
	prices := map[string]*float64{"hour": &card.Hour, "half_day": &card.HalfDay, "day": &card.Day,
		"week": &card.Week, "kit": &card.Kit, "sixth_day_x": &card.SixthDayX, "over_week_x": &card.OverWeekX,
		"deposit": &card.Deposit}
	for _, pr := range r.Prices {
		if dst, ok := prices[pr.Field]; ok {
			*dst = pr.Amount
		} else if pr.Field == "oncost" {
			x := p.Person(r.ID)
			if x == nil {
				return []model.Problem{r.at.problem("on-costs are a person's", "%s is not a person", r.ID)}
			}
			x.OnCost = pr.Amount
		}
	}
	times := map[string]*time.Duration{"minimum_call": &card.MinimumCall, "unit": &card.Unit,
		"free_hour_after": &card.FreeHourAfter, "week_hours": &card.WeekHours}
	for _, tm := range r.Times {
		if dst, ok := times[tm.Field]; ok {
			*dst = tm.Value
		}
		if tm.Field == "week_hours" && card.OverWeekX == 0 {
			card.OverWeekX = 1.5
		}
	}
	switch r.Paid {
	case "engagement":
		card.Engagement = true
	case "worked":
		card.Engagement = false
	}
	if r.ClockSet {
		h := p.Calendar.Hours
		for _, b := range r.Clock {
			if h.Holds(b.From) {
				return []model.Problem{r.at.problem(fmt.Sprintf("bands by the clock price time outside the working day %s", h), "band from %s is inside the working day", b.From)}
			}
		}
		card.ClockOvertime = slices.Clone(r.Clock)
	}
	if r.CancellationSet {
		card.Cancellation = slices.Clone(r.Cancellation)
	}
	for _, u := range r.Uses {
		i := slices.IndexFunc(card.Uses, func(x model.UseRate) bool { return x.Use == u.Use })
		switch {
		case u.Hour == 0 && i >= 0:
			card.Uses = slices.Delete(card.Uses, i, i+1)
		case u.Hour == 0:
		case u.Hour < card.HourlyEquivalent():
			return []model.Problem{r.at.problem(fmt.Sprintf("at least the card's own %g an hour", card.HourlyEquivalent()), "use %s at %g an hour is below %s's rate", u.Use, u.Hour, r.ID)}
		case i >= 0:
			card.Uses[i].Hour = u.Hour
		default:
			card.Uses = append(card.Uses, u)
		}
	}
	if (card.Engagement || card.SixthDayX != 0) && card.Week == 0 {
		return []model.Problem{r.at.problem("an engagement or a sixth-day premium is paid on a weekly rate: set week too", "%s's card has no weekly rate", r.ID)}
	}
	if card.Hour == 0 && card.HalfDay == 0 && card.Day == 0 && card.Week == 0 {
		return []model.Problem{r.at.problem("keep at least one of hour, half_day, day or week", "%s's rate card offers no price", r.ID)}
	}
	return nil
}

// Weekends sets whether work may run at weekends and on holidays, for
// the whole project and every session: WeekendsNever forbids them,
// WeekendsPremium allows them at the rate cards' premiums.
type Weekends struct {
	Policy model.WeekendPolicy
}

// Apply implements Overlay.
func (w Weekends) Apply(p *model.Project) []model.Problem {
	p.Calendar.Weekends = w.Policy
	for _, prod := range p.Productions {
		prod.Calendar.Weekends = w.Policy
	}
	for _, s := range p.Sessions {
		s.Weekends = w.Policy
	}
	return nil
}

// idHint lists the people's or suites' ids, for "no such id" problems.
func idHint(p *model.Project, people bool) string {
	var ids []string
	if people {
		for _, x := range p.People {
			ids = append(ids, x.ID)
		}
		return "people: " + strings.Join(ids, ", ")
	}
	return "suites: " + strings.Join(suiteIDs(p), ", ")
}

// String names the scenario and what it changes.
func (sc Scenario) String() string { return sc.Name + ": " + sc.Changes() }

// Changes says what the scenario changes, in a few words.
func (sc Scenario) Changes() string {
	parts := make([]string, 0, len(sc.Overlays))
	for _, o := range sc.Overlays {
		parts = append(parts, describeOverlay(o))
	}
	return strings.Join(parts, "; ")
}

// describeOverlay says what an overlay changes, in a few words.
func describeOverlay(o Overlay) string {
	switch o := o.(type) {
	case Budget:
		var parts []string
		if o.Production != "" {
			parts = append(parts, o.Production)
		}
		if o.Total != nil {
			parts = append(parts, fmt.Sprintf("total budget %.0f", *o.Total))
		}
		for _, c := range o.Caps {
			parts = append(parts, fmt.Sprintf("%s cap %.0f", c.Department, c.Limit))
		}
		return strings.Join(parts, ", ")
	case AddResource:
		return fmt.Sprintf("add %s (copy of %s)", o.ID, o.Copy)
	case RemoveResource:
		return "remove " + o.ID
	case MoveDeliveries:
		return fmt.Sprintf("deliveries %+d days", o.Days)
	case SetDeadline:
		return fmt.Sprintf("%s deadline %s", o.Session, o.Day)
	case RateChange:
		var parts []string
		for _, pr := range o.Prices {
			parts = append(parts, fmt.Sprintf("%s %.0f", pr.Field, pr.Amount))
		}
		if o.Paid != "" {
			parts = append(parts, "paid by "+o.Paid)
		}
		if o.ClockSet {
			var bands []string
			for _, b := range o.Clock {
				bands = append(bands, fmt.Sprintf("x%g from %s", b.Multiplier, b.From))
			}
			parts = append(parts, "overtime "+orNone(strings.Join(bands, ", ")))
		}
		what := "rate"
		if o.Recall != nil || o.TravelTime != nil { // an artiste's terms
			what = "terms"
		}
		if o.Recall != nil {
			parts = append(parts, fmt.Sprintf("recall within %dd, fee %.0f", o.Recall.Within, o.Recall.Fee))
		}
		if o.TravelTime != nil {
			if *o.TravelTime == 0 {
				parts = append(parts, "no travel time")
			} else {
				parts = append(parts, "travel "+fmtWork(*o.TravelTime)+" each way")
			}
		}
		return fmt.Sprintf("%s %s %s", o.ID, what, strings.Join(parts, ", "))
	case Weekends:
		return "weekends " + o.Policy.String()
	case SetBuffer:
		return "buffer " + o.Text + " before delivery"
	case SetOvertime:
		return "overtime until " + o.Text
	case Schedule:
		if o.Backward {
			return "scheduled backward"
		}
		return "scheduled forward"
	case FixBooking:
		return fmt.Sprintf("fix %s at %s", o.Session, o.Start)
	case SetDuration:
		return fmt.Sprintf("%s takes %s", o.Session, o.Text)
	case SetAvailability:
		days := make([]string, len(o.Dates))
		for i, r := range o.Dates {
			days[i] = r.String()
		}
		return fmt.Sprintf("%s free %s", o.Artiste, strings.Join(days, ", "))
	case AddSession:
		return fmt.Sprintf("add session %s (copy of %s)", o.ID, o.Copy)
	case RemoveSession:
		return "remove session " + o.Session
	}
	return fmt.Sprintf("%T", o)
}

// orNone is s, or "none" when it is empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
