package model

import (
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Project is a loaded, validated project file: one production, or a
// facility holding several productions that share suites, people and
// artistes. Every value is resolved (dates, durations, references), so later
// stages never re-parse strings, and every element keeps its source Pos.
type Project struct {
	// File is the path of the root project file as given to Load.
	File string
	// Name is the production's name (single production) or the
	// facility's name.
	Name string
	// Facility is set when the file describes a facility with a
	// `productions:` list.
	Facility bool
	// Contact is the post coordinator people call about their bookings,
	// from the top-level `contact:`; zero when the file gives none.
	Contact Contact
	// Calendar is the shared calendar: the single production's, or the
	// facility's default that each production starts from. All
	// productions of a project share its time zone and slot length, so
	// they fit on one grid.
	Calendar Calendar
	// SuiteKinds are the known suite kinds: built-in ones followed by
	// those declared in `suite_kinds:`.
	SuiteKinds []string
	// Roles are the known crew roles: built-in ones followed by those
	// declared in `roles:`.
	Roles []string
	// Departments are the known budget departments: built-in ones
	// followed by those declared in `departments:`.
	Departments []string
	// Suites, People and Artistes are shared by every production, in file
	// order (includes and CSV imports in the order they are written).
	Suites   []*Suite
	People   []*Person
	Artistes []*Artiste
	// Productions holds one entry for a single-production file.
	Productions []*Production
	// Sessions is the flat list of every concrete session (episode
	// pipelines instantiated), production by production, in file order.
	Sessions []*Session
	// Bookings is every existing booking, production by production.
	Bookings []*Booking
	// Sources are the files the load read, root file first, then
	// includes and CSV imports in the order they were read; see
	// Fingerprint.
	Sources []Source

	suiteByID    map[string]*Suite
	personByID   map[string]*Person
	artisteByID  map[string]*Artiste
	sessionByID  map[string]*Session
	productionBy map[string]*Production
}

// Reindex rebuilds the lookups behind Suite, Person, Artiste, Session and
// Production. Load does this; call it after changing the lists by hand (a
// what-if scenario adding an editor, a test building a Project). The first
// of duplicate ids wins.
func (p *Project) Reindex() {
	p.suiteByID = byID(p.Suites, func(s *Suite) string { return s.ID })
	p.personByID = byID(p.People, func(x *Person) string { return x.ID })
	p.artisteByID = byID(p.Artistes, func(a *Artiste) string { return a.ID })
	p.sessionByID = byID(p.Sessions, func(s *Session) string { return s.ID })
	p.productionBy = byID(p.Productions, func(x *Production) string { return x.ID })
}

// Suite returns the suite with the given id, or nil.
func (p *Project) Suite(id string) *Suite { return p.suiteByID[id] }

// Person returns the person with the given id, or nil.
func (p *Project) Person(id string) *Person { return p.personByID[id] }

// Artiste returns the artiste with the given id, or nil.
func (p *Project) Artiste(id string) *Artiste { return p.artisteByID[id] }

// Session returns the session with the given full id (for example
// "ep1/grade", or "harbour/ep1/grade" in a facility), or nil.
func (p *Project) Session(id string) *Session { return p.sessionByID[id] }

// Production returns the production with the given id, or nil. A
// single-production file has one production whose id is "".
func (p *Project) Production(id string) *Production { return p.productionBy[id] }

// Production is one show: its calendar, dates, budget, work and bookings.
type Production struct {
	// ID namespaces the production's sessions in a facility file
	// (sessions are "<id>/<session>"); it is "" in a single-production
	// file.
	ID   string
	Name string
	// Calendar is the production's working calendar (inherits the
	// project calendar, may override week, hours and holidays).
	Calendar Calendar
	// Currency is an ISO 4217 code such as GBP; all money in the project
	// is in this currency.
	Currency string
	// Start is the first day work may be scheduled.
	Start Date
	// Delivery is the hard delivery deadline: all work ends by the end of
	// this day.
	Delivery Date
	// OverheadPerDay is charged for every calendar day from Start to the
	// day the last session ends (office, insurance, production staff).
	OverheadPerDay float64
	// Buffer is how long before each delivery (the production's, and
	// each episode's TX) its work must end: working time (5wd) or clock
	// time (1w), counted back from the end of the delivery day; zero
	// when none. BufferPos is where it is written.
	Buffer    Lag
	BufferPos Pos
	// EarlyPerDay, above zero, schedules the production just in time
	// (schedule: backward): each session is charged that search weight
	// per whole day it ends before its latest allowed end. It steers the
	// search and is no money.
	EarlyPerDay float64
	// Budget holds the production's caps.
	Budget Budget
	// Episodes is the episode template, nil when the production has none.
	Episodes *Episodes
	// Sessions are the production's concrete sessions: one-off sessions
	// and every episode's instance of the pipeline.
	Sessions []*Session
	// Bookings are the bookings already made for this production.
	Bookings []*Booking
	Pos      Pos
}

// WeekendPolicy says whether work may be scheduled on non-working days.
type WeekendPolicy uint8

// Weekend policies.
const (
	// WeekendsNever keeps all work on the working week (the default).
	WeekendsNever WeekendPolicy = iota
	// WeekendsPremium allows weekend and holiday work at the rate cards'
	// weekend and holiday multipliers.
	WeekendsPremium
)

// String returns the policy as written in the project file.
func (w WeekendPolicy) String() string {
	if w == WeekendsPremium {
		return "premium"
	}
	return "never"
}

// Calendar is a production's working time.
type Calendar struct {
	// TimeZone is the IANA name (Europe/London); Location is it loaded.
	TimeZone string
	Location *time.Location
	// Week is the working week (default Mon-Fri).
	Week WeekDays
	// Hours are the normal working hours (default 09:00-19:00). Their
	// length is the production's day length, the unit of "d" durations.
	Hours ClockRange
	// Holidays are public holidays (non-working days charged at the
	// holiday premium when worked).
	Holidays []Date
	// OvertimeUntil is the latest end of a long day; work between
	// Hours.End and OvertimeUntil is overtime. Equal to Hours.End (the
	// default) means no overtime.
	OvertimeUntil Clock
	// Weekends says whether work may run on non-working days.
	Weekends WeekendPolicy
	// Slot is the grid length (default 30m).
	Slot time.Duration
}

// DayStart is when every working day of the project starts after local
// midnight: 0, or the latest end past midnight of any overtime (2h for
// overtime_until "02:00") or hours written across midnight (a
// calendar's, a suite's, an agent's or a session's window: 2h for
// "22:00-02:00"), so the night's work is the day's. The model refuses an
// overtime end inside working hours, and calendar hours or a session's
// window that start before DayStart, so no working day's hours start
// before it.
func (p *Project) DayStart() time.Duration {
	return max(p.latestEnd()-24*60, 0).Duration()
}

// latestEnd is the latest end of any overtime or hours in the project,
// past 24:00 when it is the next morning.
func (p *Project) latestEnd() Clock {
	latest := max(p.Calendar.OvertimeUntil, p.Calendar.Hours.End)
	for _, prod := range p.Productions {
		latest = max(latest, prod.Calendar.OvertimeUntil, prod.Calendar.Hours.End)
		for _, s := range prod.Sessions {
			latest = max(latest, s.OvertimeUntil, s.Window.End)
		}
	}
	for _, s := range p.Suites {
		latest = max(latest, s.Hours.End)
	}
	for _, a := range p.Artistes {
		for _, av := range a.Available {
			latest = max(latest, av.Hours.End)
		}
	}
	return latest
}

// DayLength is the length of a standard working day (Hours.End -
// Hours.Start), the unit of durations written in days.
func (c Calendar) DayLength() time.Duration { return c.Hours.Length() }

// IsHoliday reports whether d is one of the calendar's holidays.
func (c Calendar) IsHoliday(d Date) bool {
	for _, h := range c.Holidays {
		if h == d {
			return true
		}
	}
	return false
}

// IsWorkday reports whether d is a working day: in the working week and
// not a holiday.
func (c Calendar) IsWorkday(d Date) bool { return c.Week.Has(d.Weekday()) && !c.IsHoliday(d) }

// Suite is a bookable room.
type Suite struct {
	ID, Name string
	// Kind is a built-in suite kind (offline, online, grade, mix, adr,
	// foley, screening) or one declared in `suite_kinds:`.
	Kind string
	// Facility is where the suite is (a facility or location name).
	Facility string
	Rate     RateCard
	// Hours are the suite's own opening hours; zero means the
	// production's hours.
	Hours ClockRange
	// Closed are whole days the suite cannot be used.
	Closed []DateRange
	// Maintenance are blocks of local time the suite is out of service.
	Maintenance []TimeRange
	// Department is the budget department the suite's cost is charged to
	// (default from its kind: offline→picture, grade→grade, mix→sound…).
	Department string
	// Productions ties the suite to productions of a facility: only
	// their sessions may use it. Empty: shared by every production.
	Productions []*Production
	Pos         Pos
}

// WorksFor reports whether the suite may be used by sessions of p.
func (s *Suite) WorksFor(p *Production) bool { return servesProduction(s.Productions, p) }

// servesProduction reports whether a resource tied to ties (none: shared)
// may work for p.
func servesProduction(ties []*Production, p *Production) bool {
	if len(ties) == 0 {
		return true
	}
	for _, t := range ties {
		if t == p {
			return true
		}
	}
	return false
}

// WorkRules are a person's working-time rules. Defaults (UK): 10h a day,
// 11h rest between days, 5 days a week.
type WorkRules struct {
	// MaxPerDay caps the time worked in one day.
	MaxPerDay time.Duration
	// MinRest is the least rest between one day's work and the next.
	MinRest time.Duration
	// MaxDaysPerWeek caps the days worked in one week.
	MaxDaysPerWeek int
	// MaxPerWeek caps the time worked in one week (0: no cap), e.g. the
	// 50-hour week of a Bectu-style agreement. It is a hard limit.
	MaxPerWeek time.Duration
}

// Person is a member of the crew.
type Person struct {
	ID, Name string
	// Roles are built-in roles (editor, colourist, re-recording-mixer…) or
	// ones declared in `roles:`.
	Roles []string
	// Rate includes the person's kit fee.
	Rate RateCard
	// Off are days the person is unavailable (holiday, other jobs).
	Off   []DateRange
	Rules WorkRules
	// OnCost is added to the person's rate-card cost as a share of it
	// (oncost: 0.14 for holiday pay and pension); 0: none.
	OnCost float64
	// Department is the budget department the person's cost is charged
	// to (default from their first role).
	Department string
	// Email is optional, for calendar feeds.
	Email string
	// Productions ties the person to productions of a facility: only
	// their sessions may book them. Empty: shared by every production.
	Productions []*Production
	Pos         Pos
}

// WorksFor reports whether the person may work on sessions of p.
func (p *Person) WorksFor(prod *Production) bool { return servesProduction(p.Productions, prod) }

// HasRole reports whether the person has role r.
func (p *Person) HasRole(r string) bool {
	for _, x := range p.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Contact is a person to call: the coordinator of a production or
// facility. Any field may be empty.
type Contact struct {
	Name, Email, Phone string
	// Pos is where `contact:` is written.
	Pos Pos
}

// Agent represents an artiste.
type Agent struct {
	Name, Email string
}

// Availability is a window the artiste's agent has offered: a run of days,
// optionally limited to hours on those days.
type Availability struct {
	Dates DateRange
	// Hours limit the window on each day; zero means the whole working
	// day.
	Hours ClockRange
	Pos   Pos
}

// ArtisteFee is what an artiste costs per session or per day used.
type ArtisteFee struct {
	// Session is paid per session worked, Day per day used.
	Session, Day float64
}

// Travel is the cost and time of one visit to the studio.
type Travel struct {
	// PerVisit is the cost of one return trip.
	PerVisit float64
	// Time is the travel time each way, inside the artiste's
	// availability: before the first session of a visit and after its
	// last (see docs/project-file.md).
	Time time.Duration
}

// Artiste is a performer (called for ADR). Availability comes from the
// agent and is usually patchy: an artiste can only be booked inside one of
// Available.
type Artiste struct {
	ID, Name  string
	Agent     Agent
	HomeCity  string
	Available []Availability
	Fee       ArtisteFee
	Travel    Travel
	// TravelTimePos is where the travel time is written.
	TravelTimePos Pos
	// HoldPerDay is the cost of keeping the artiste nearby between
	// sessions on different days (hotel, per diem).
	HoldPerDay float64
	// Recall is what recalling the artiste soon after their first
	// session costs (zero: nothing).
	Recall Recall
	// Department is the budget department (default adr).
	Department string
	Pos        Pos
}

// RoleNeed asks for Count people with Role.
type RoleNeed struct {
	// Role is a built-in or declared role.
	Role string
	// Count is how many distinct people (at least 1).
	Count int
	// Pos is where the role is written.
	Pos Pos
}

// DependencyKind says which ends of two sessions a dependency links.
type DependencyKind uint8

// Dependency kinds.
const (
	// FinishToStart: the session starts Lag after the other finishes
	// (the default).
	FinishToStart DependencyKind = iota
	// StartToStart: the session starts Lag after the other starts.
	StartToStart
	// FinishToFinish: the session ends Lag after the other ends.
	FinishToFinish
)

// dependencyKinds are the kinds as written in the project file.
var dependencyKinds = []string{"finish", "start", "finish-to-finish"}

// String returns the kind as written in the project file.
func (k DependencyKind) String() string {
	if int(k) < len(dependencyKinds) {
		return dependencyKinds[k]
	}
	return "finish"
}

// Dependency says a session follows another.
type Dependency struct {
	// Session is the predecessor.
	Session *Session
	// Kind says which ends are linked (finish-to-start by default).
	Kind DependencyKind
	// Lag is the least gap; negative, an overlap (in clock or working
	// time).
	Lag Lag
	// MaxLag, when HasMaxLag is set, is the longest gap: the session
	// starts no later than MaxLag after the other finishes (or starts;
	// never with FinishToFinish),
	// in clock time or, when MaxLag.Working, in working time.
	MaxLag    Lag
	HasMaxLag bool
	// Pos is where the predecessor is named.
	Pos Pos
}

// Continuity keeps a session's people, or its suite, those of another
// session: the editor of the director's cut is the editor of the
// assembly (same_people_as, continuity:), and so is the cutting room
// (same_suite_as).
type Continuity struct {
	// Session is the session whose people or suite are kept.
	Session *Session
	// Suite keeps the suite; otherwise the people, role by role: each
	// role both sessions need is filled by the same people.
	Suite bool
	// CostPerSwitch, above zero, makes the rule soft: the people may
	// change at that price (a handover), once per role entry switched.
	CostPerSwitch float64
	// Pos is where the rule is written.
	Pos Pos
}

// Session is one piece of work (or a zero-length milestone) to schedule.
type Session struct {
	// ID is the full, namespaced id: "grade", "ep1/grade", or in a facility
	// "harbour/ep1/grade".
	ID string
	// LocalID is the id within its production ("ep1/grade").
	LocalID string
	// Template is the pipeline step id ("grade") for an episode session,
	// "" for a one-off session.
	Template string
	// Episode is the episode number (from 1), 0 for a one-off session.
	Episode    int
	Production *Production
	Name       string
	// Kind describes the work (grade, adr, mix…); default the suite kind.
	Kind string
	// Milestone marks a zero-length event (picture lock, turnover,
	// delivery).
	Milestone bool
	// Duration is the work content (0 for a milestone).
	Duration time.Duration
	// SuiteKind is the kind of suite needed, "" when none or when Suite is
	// named.
	SuiteKind string
	// Suite is the named suite, nil when any suite of SuiteKind will do.
	Suite *Suite
	// ExtraSuites are the rooms booked besides the first (`suites:`
	// beyond its first entry): remote ADR holds the studio and the
	// remote stage for the same slots. Suite or SuiteKind is the first.
	ExtraSuites []SuiteNeed
	// Roles are the crew needed by role.
	Roles []RoleNeed
	// People and Artistes are named (fixed) participants.
	People   []*Person
	Artistes []*Artiste
	// Split allows the work to pause overnight, at weekends and over days
	// off, in pieces of at least MinChunk.
	Split    bool
	MinChunk time.Duration
	// Window limits the time of day the session may run; zero means the
	// production's hours (or the named suite's).
	Window ClockRange
	// Release is the earliest start, always set: the latest of the
	// production's start, the episode's start and the release written.
	Release time.Time
	// Deadline is the hard latest end, always set: the earliest of the
	// end of the production's delivery day, the end of the episode's
	// delivery day and the deadline written.
	Deadline time.Time
	// Due is a soft latest end (zero when none); LatenessPerDay is
	// charged per day late.
	Due            time.Time
	LatenessPerDay float64
	// Department is the budget department for reports (default from the
	// suite, suite kind or first role).
	Department string
	// Use names the kind of work for rate cards with uses (record): each
	// suite or person whose card has the use charges its hours at the
	// use's rate. "": the cards' own rates.
	Use string
	// Charged says Department was written (department: on the session
	// or its pipeline step): what the session's suite, crew and artistes
	// cost on it then goes to that department rather than to their own.
	Charged bool
	// After lists the predecessors.
	After []Dependency
	// Keep lists the sessions whose people or suite this one keeps.
	Keep []Continuity
	// Weekends and OvertimeUntil are the production calendar's unless the
	// session overrides them (e.g. a weekend mix in crunch).
	Weekends      WeekendPolicy
	OvertimeUntil Clock
	// Closed are days the session does not work although the calendar
	// does: an episode's own holiday (its presenter's day off, a shoot
	// day), written on the session or for a whole episode.
	Closed []DateRange
	// At, when HasAt, is the time of day a milestone falls (14:00), on
	// the first working day its predecessors allow.
	At    Clock
	HasAt bool
	Note  string
	Pos   Pos
}

// ClosedOn reports whether the session does not work on day d.
func (s *Session) ClosedOn(d Date) bool {
	return slices.ContainsFunc(s.Closed, func(r DateRange) bool { return r.Contains(d) })
}

// Episodes is an episode template: the production's pipeline is
// instantiated Count times, episode n starting StaggerDays*(n-1) calendar
// days after FirstStart and delivering as long after FirstDelivery.
type Episodes struct {
	// Count is the number of episodes.
	Count int
	// StaggerDays is the gap between episodes' starts in calendar days
	// (1w is 7).
	StaggerDays int
	// DeliveryStaggerDays is the gap between their deliveries: the same
	// as StaggerDays unless stagger: {start: 1w, delivery: 0} (a whole
	// season delivered at once) says otherwise.
	DeliveryStaggerDays int
	// FirstStart is the day episode 1's work may start.
	FirstStart Date
	// FirstDelivery is episode 1's delivery deadline (zero: the
	// production's delivery for every episode).
	FirstDelivery Date
	// Starts and Deliveries are single episodes' own dates, by episode
	// number (an override's start: and delivery:), instead of the
	// staggered ones: see EpisodeStart and EpisodeDelivery.
	Starts, Deliveries map[int]Date
	// Pos is where episodes: is written.
	Pos Pos
}

// BudgetCap is a hard limit on a department's cost.
type BudgetCap struct {
	// Department is a built-in or declared department.
	Department string
	// Limit is the most that department may cost.
	Limit float64
	// Pos is where the cap is written.
	Pos Pos
}

// Budget holds a production's hard caps. Total 0 means no total cap.
type Budget struct {
	// Total caps all resource costs plus overhead.
	Total float64
	// Caps are per-department caps, in file order.
	Caps []BudgetCap
	// Pos is where budget: is written.
	Pos Pos
}

// Booking is a booking already made for a session.
type Booking struct {
	// ID is the coordinator's booking reference (B-0142).
	ID string
	// Session is what the booking is for.
	Session *Session
	// Status is pencil, second pencil, confirmed or released.
	Status booking.Status
	// Start is the booked start, in the production's time zone.
	Start time.Time
	// Suite, People and Artistes are what was booked (nil or empty when
	// not recorded).
	Suite *Suite
	// ExtraSuites are the further rooms booked (suites: beyond its first).
	ExtraSuites []*Suite
	People      []*Person
	Artistes    []*Artiste
	Note        string
	// Pos is where the booking is written.
	Pos Pos
}
