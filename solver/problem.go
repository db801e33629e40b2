package solver

import "time"

// Slot is an index into a Problem's time grid. Slot 0 is the start of the
// horizon; a task that runs in slots [s, e) starts at s and ends at e.
type Slot int32

// TaskID indexes Problem.Tasks.
type TaskID int32

// ResourceID indexes Problem.Resources.
type ResourceID int32

// GroupID indexes Problem.Groups. Every hard constraint belongs to a group,
// so that an infeasible problem can be explained as a set of groups.
// NoGroup marks a constraint that is never relaxed when explaining.
type GroupID int32

// NoGroup is the GroupID of constraints that explanations never relax.
const NoGroup GroupID = -1

// Problem is a compiled scheduling problem. It knows nothing of film: a
// compile step (or a benchmark loader) fills it in, calls Freeze, and from
// then on it is shared read-only by every search worker.
//
// Time is a grid of Slots slots. When Calendar.SlotsPerDay is zero the grid
// is abstract time (PSPLIB periods): every slot is a working slot and day
// based rules and costs are ignored.
type Problem struct {
	// Name is shown in logs and reports.
	Name string
	// Slots is the horizon length; every task must end at or before it.
	Slots int
	// Calendar gives the grid its days, weeks and working hours.
	Calendar Calendar
	// Resources are people, rooms, artistes or abstract renewable resources.
	Resources []Resource
	// Tasks are the work to schedule, including zero-length milestones.
	Tasks []Task
	// Precedences order tasks.
	Precedences []Precedence
	// MaxLags bound how long a task may wait after another (timerules.go).
	MaxLags []MaxLag
	// SameResources make two tasks share a resource (timerules.go).
	SameResources []SameResource
	// Handovers are soft SameResources that cost money when broken
	// (handover.go).
	Handovers []Handover
	// Departments name the cost centres that Resource.Department and
	// BudgetCap.Department index.
	Departments []string
	// Budgets are hard caps on cost, in total or per department, for the
	// whole problem or one production.
	Budgets []BudgetCap
	// Productions name the productions of a facility that
	// Charge.Production and BudgetCap.Production index.
	Productions []string
	// Charging says, task by task, where the task's share of its
	// resources' cost goes (charging.go): nil, or one entry per task.
	// With it, budget caps and Breakdown.ByProduction and ByDepartment
	// read the shares; without it a resource's whole cost goes to its
	// own department.
	Charging []Charge
	// Objective weighs the soft terms.
	Objective Objective
	// Groups label hard constraints for explanations.
	Groups []Group

	frozen bool
	// Derived data filled in by Freeze. Search code reads these.
	succ, pred [][]int32 // indexes into Precedences, by task
	topo       []TaskID  // a topological order of tasks
	drv        *derived  // search tables (freeze.go)
}

// Calendar describes how the slot grid maps onto days and working time.
type Calendar struct {
	// Start is the wall-clock instant of slot 0 (informational: the solver
	// never looks at it; reports use it).
	Start time.Time
	// SlotMinutes is the length of one slot (informational).
	SlotMinutes int
	// SlotsPerDay is the number of slots in one day of the grid (48 for 30
	// minute slots); a day runs from slot 0 of it, wherever the caller
	// lays that in the clock. Zero means abstract time with no days.
	SlotsPerDay int
	// Days classifies each calendar day of the horizon; len(Days) ==
	// ceil(Slots / SlotsPerDay).
	Days []DayKind
	// WeekOffset shifts day indexes so that week w covers days
	// [7w-WeekOffset, 7w-WeekOffset+7): 0 when day 0 is a Monday, 1 when it
	// is a Tuesday, and so on.
	WeekOffset int
	// Working marks the slots inside normal working hours on working days.
	// Lags counted in working time advance over these slots. Nil means
	// every slot is working.
	Working Bitset
}

// DayKind classifies a calendar day for rate-card premiums.
type DayKind uint8

// Day kinds.
const (
	Workday DayKind = iota
	Weekend
	Holiday
)

// Resource is anything a task occupies: a person, a suite, an artiste or an
// abstract renewable resource with capacity.
type Resource struct {
	// Name is shown in reports and explanations.
	Name string
	// Capacity is the number of units available in every slot (1 for a
	// person or a room; k for a PSPLIB resource).
	Capacity int
	// Available marks the slots in which the resource can work. Nil means
	// always available.
	Available Bitset
	// Department indexes Problem.Departments; -1 means none.
	Department int
	// Rate is how the resource is paid for.
	Rate RateCard
	// Rules limit working time (people only; zero values mean no limit).
	Rules WorkRules
	// AvailabilityGroup is the constraint group of Available.
	AvailabilityGroup GroupID
	// RulesGroup is the constraint group of Rules.
	RulesGroup GroupID
}

// RateCard prices a resource's use. Cost is worked out per calendar day
// from the number of slots used that day (see Problem.Cost); fields that are
// zero are not offered. In abstract time (no days) only Hour, PerTask and
// the per-slot equivalent apply: cost = slots used * Hour / slotsPerHour.
type RateCard struct {
	// Hour is the hourly rate.
	Hour float64
	// HalfDay is the flat rate for a day of at most HalfDaySlots slots.
	HalfDay float64
	// HalfDaySlots is the length of a half day (e.g. 10 for 5 h).
	HalfDaySlots int
	// Day is the flat rate for a standard day of at most DaySlots slots.
	Day float64
	// DaySlots is the length of a standard day (e.g. 20 for 10 h).
	DaySlots int
	// Week is the flat weekly hire; when set, a week in which the resource
	// is used costs min(Week, sum of its day costs).
	Week float64
	// Engaged pays Week as an engagement: for every week from the first
	// day worked to the last, idle weeks included. A week the engagement
	// covers only in part costs Week times its engaged days that are
	// working days (not Weekend) or worked, over WeekDays, at most Week.
	// The days themselves then cost only what lies beyond the standard
	// day (overtime and clock premiums), and the weekly cap is not
	// applied to them. False: Week only caps the day prices of a week.
	Engaged bool
	// WeekDays is the number of days a weekly rate pays for (0 means 5).
	WeekDays int
	// SixthDayX prices the days worked in a week past the WeekDays-th
	// (a sixth day) outside the weekly rate, engaged or not: each costs
	// its whole day price (standard day, overtime, clock premium and
	// weekend or holiday multiplier) times SixthDayX, taken as at least
	// 1. 0: the weekly rate covers them.
	SixthDayX float64
	// WeekSlots and OverWeekX are a weekly hours threshold: the slots
	// worked in a week beyond WeekSlots cost OverWeekX - 1 times the
	// per-slot equivalent of the standard day on top of their day
	// prices (a premium past a 50-hour week). 0: none.
	WeekSlots int
	OverWeekX float64
	// MinimumCall is the smallest chargeable number of slots on a day the
	// resource is used.
	MinimumCall int
	// MinimumCallOff is the minimum call on a Weekend or Holiday day (0:
	// MinimumCall).
	MinimumCallOff int
	// UnitSlots is the billing unit: a day's chargeable slots are
	// rounded up to a multiple of it (0 or 1: every slot).
	UnitSlots int
	// FreeSlots are not charged on a day of at least FreeAfterSlots busy
	// slots (an hour free on days of 7 h or more); 0: none.
	FreeAfterSlots, FreeSlots int
	// Overtime bands apply to slots beyond AfterSlots on one day, each at
	// Multiplier times the hourly equivalent of the standard day. Sorted by
	// AfterSlots.
	Overtime []OvertimeBand
	// ClockX prices time by the clock: ClockX[i] is the multiplier of
	// the i-th slot of every calendar day (its time of day), so that
	// evening and night work costs a premium whatever the hours already
	// worked. A busy slot whose ClockX is above what the day already pays
	// for it (1 inside the standard day, its Overtime band beyond) costs
	// the per-slot equivalent times the difference on top. Nil, or
	// values of 1 or less, add nothing; slots past len(ClockX) add
	// nothing.
	ClockX []float64
	// WeekendMultiplier and HolidayMultiplier scale a day's cost on those
	// days (0 means 1).
	WeekendMultiplier, HolidayMultiplier float64
	// OnCost is added to the rate-card cost as a share of it (0.14 for
	// 14% holiday pay and pension); kit, fees and travel bear none. 0:
	// none.
	OnCost float64
	// Kit is a flat fee per day worked.
	Kit float64
	// PerTask is a fee per task the resource works on (an artiste's
	// session fee).
	PerTask float64
	// Travel is charged per visit: a run of consecutive used days, where a
	// gap is bridged by holding days when Hold*gapDays < Travel.
	Travel float64
	// Hold is the cost of one holding day between sessions.
	Hold float64
	// RecallFee is charged for each recall: a visit after the first
	// whose first day is at most RecallDays calendar days after the
	// first day used. Visits are Travel's: a gap of unused days bridged
	// by holding days (Hold*gap < Travel) does not end one. 0: none.
	RecallFee  float64
	RecallDays int
}

// OvertimeBand is one overtime tier of a rate card.
type OvertimeBand struct {
	AfterSlots int
	Multiplier float64
}

// WorkRules are working-time rules of a person. Zero means no limit.
type WorkRules struct {
	// MaxSlotsPerDay caps the slots worked in one calendar day.
	MaxSlotsPerDay int
	// MinRestSlots is the minimum gap between the last slot worked on one
	// day and the first slot worked on the next.
	MinRestSlots int
	// MaxDaysPerWeek caps the days worked in one week.
	MaxDaysPerWeek int
	// MaxSlotsPerWeek caps the slots worked in one week (a 50-hour
	// week).
	MaxSlotsPerWeek int
	// TravelSlots is the travel time each way of a resource that comes
	// to the work (travel.go): the slots before the first worked on a
	// visit (as Rate.Travel counts visits) and after the last must be
	// available and not worked.
	TravelSlots int
}

// limits reports whether any rule of ru limits working time on a grid
// with days.
func (ru *WorkRules) limits() bool {
	return ru.MaxSlotsPerDay > 0 || ru.MinRestSlots > 0 || ru.MaxDaysPerWeek > 0 || ru.MaxSlotsPerWeek > 0 || ru.TravelSlots > 0
}

// Task is a unit of work: a session, or a milestone when Duration is 0.
type Task struct {
	// Name is shown in reports and explanations.
	Name string
	// Duration is the work content in slots.
	Duration int
	// Demands are what the task occupies while it runs.
	Demands []Demand
	// Release is the earliest start.
	Release Slot
	// Deadline is the hard latest end; 0 means the horizon.
	Deadline Slot
	// Due is a soft latest end; 0 means none. Lateness costs
	// LatenessPerDay per started day (per slot in abstract time).
	Due            Slot
	LatenessPerDay float64
	// Target is the end wanted just in time (a delivery less its
	// buffer); 0 means none. Ending earlier costs EarlinessPerDay per
	// whole day before Target (per slot in abstract time): a search
	// weight that schedules the task as late as the rest allows.
	Target          Slot
	EarlinessPerDay float64
	// Window marks the slots in which the task may run (time-of-day
	// windows, working hours). Nil means any slot. Tasks may share one
	// window (compile builds one per calendar and hours); nothing in the
	// solver changes a window.
	Window Bitset
	// Premium marks slots of Window (weekends, holidays) that a split
	// task works only when needed: it walks without them when it starts
	// outside them and can still end by its deadline (or the horizon),
	// else with them. A task that does not split may run in them freely.
	// Nil means none.
	Premium Bitset
	// Split allows the task to pause where its window or its resources'
	// availability is off (nights, weekends, days off), the way a
	// multi-day edit runs in working time. Every piece must last at least
	// MinChunk slots (0 means 1). A task that is not split runs in
	// Duration consecutive slots.
	Split    bool
	MinChunk int
	// UseRates price the task's use of some resources apart (a
	// recording session in a room whose card has a recording rate):
	// each slot of work costs Slot more on that resource. Nil: none.
	UseRates []UseRate
	// Pin fixes the task's start and resources (a confirmed booking).
	Pin *Placement
	// Previous is where the task was in the previous schedule, for
	// disruption cost; MoveCost is charged when the start or resources
	// differ.
	Previous *Placement
	MoveCost float64
	// Cancellation is the money moving the task costs under its
	// resources' cancellation terms: each fee is charged when the task no
	// longer holds its Resource at Previous's time, that is when its
	// start differs from Previous.Start or the Resource is not among its
	// resources. Nothing is charged without Previous.
	Cancellation []CancelFee
	// WindowGroup is the constraint group of Release, Deadline and Window;
	// PinGroup that of Pin.
	WindowGroup, PinGroup GroupID
}

// Demand asks for Count distinct resources from Candidates, each
// contributing Units units of its capacity while the task runs. A named
// person is a demand with one candidate; "1 colourist" is a demand whose
// candidates are every colourist.
type Demand struct {
	Candidates []ResourceID
	// Count is how many distinct candidates are needed (0 means 1).
	Count int
	// Units is the capacity used on each chosen resource (0 means 1).
	Units int
	// Group is the constraint group of this demand.
	Group GroupID
}

// UseRate is what a task's use of one resource costs on top of the
// resource's card, per slot of the task's work: a premium, so a
// negative Slot counts as 0.
type UseRate struct {
	Resource ResourceID
	Slot     float64
}

// PrecedenceKind says which ends of two tasks a precedence links.
type PrecedenceKind uint8

// Precedence kinds.
const (
	// FinishToStart: To starts at least Lag after From ends.
	FinishToStart PrecedenceKind = iota
	// StartToStart: To starts at least Lag after From starts.
	StartToStart
	// FinishToFinish: To ends at least Lag after From ends.
	FinishToFinish
)

// fromEnd reports whether the precedence counts from From's end (finish
// to start, finish to finish) rather than its start.
func (pr *Precedence) fromEnd() bool { return pr.Kind != StartToStart }

// toEnd reports whether the precedence bounds To's end (finish to
// finish) rather than its start.
func (pr *Precedence) toEnd() bool { return pr.Kind == FinishToFinish }

// anchors returns the ends a precedence links: From's start or end, and
// To's start or end.
func (pr *Precedence) anchors(fromStart, fromEnd, toStart, toEnd Slot) (from, to Slot) {
	from, to = fromStart, toStart
	if pr.fromEnd() {
		from = fromEnd
	}
	if pr.toEnd() {
		to = toEnd
	}
	return from, to
}

// Precedence orders two tasks.
type Precedence struct {
	From, To TaskID
	Kind     PrecedenceKind
	// Lag is in slots: elapsed slots, or working slots (Calendar.Working)
	// when LagWorking is set. A negative Lag is an overlap: To may come
	// up to that much before From's end (or start).
	Lag        int
	LagWorking bool
	Group      GroupID
}

// BudgetCap is a hard limit on cost.
type BudgetCap struct {
	// Department indexes Problem.Departments; -1 caps the total.
	Department int
	// Production indexes Problem.Productions: the cap bounds that
	// production's share of resource cost (Problem.Charging), overhead
	// left out. -1 (or any index outside Productions) caps the whole
	// problem, whose total includes the overhead.
	Production int
	Limit      float64
	Group      GroupID
}

// Objective weighs soft terms. The search minimises total cost: resource
// costs plus the terms below.
type Objective struct {
	// MakespanWeight is charged per slot of makespan (1 for PSPLIB, where
	// makespan is the objective).
	MakespanWeight float64
	// OverheadPerDay is charged per calendar day from day 0 to the day the
	// last task ends, inclusive.
	OverheadPerDay float64
	// Cancelled is the money already owed in cancellation charges
	// (bookings released inside their notice): charged as it stands by
	// the "cancellation" term, whatever the schedule. 0: none.
	Cancelled float64
	// CancelledByProduction is the part of Cancelled each production
	// of Productions owes (nil: none by production). It counts in
	// Breakdown.ByProduction; the caller takes it off the production's
	// budget caps, as it takes Cancelled off the others.
	CancelledByProduction []float64
}

// CancelFee is a cancellation charge on one resource of a task's
// Previous placement.
type CancelFee struct {
	Resource ResourceID
	// Fee is the money owed, at least 0.
	Fee float64
}

// Group labels a constraint group for explanations. Kind and Label come
// from the compile step, in the caller's words.
type Group struct {
	Kind  string
	Label string
}

// Placement is where a task runs: its start and the resources chosen for
// each demand, flattened in demand order (Count entries per demand).
type Placement struct {
	Start     Slot
	Resources []ResourceID
}

// Bitset is a fixed-length set of slots.
type Bitset []uint64

// NewBitset returns an empty set able to hold n slots.
func NewBitset(n int) Bitset { return make(Bitset, (n+63)/64) }

// Has reports whether slot s is in the set. A nil set holds every slot.
func (b Bitset) Has(s Slot) bool {
	if b == nil {
		return true
	}
	i := int(s) >> 6
	return i < len(b) && b[i]&(1<<(uint(s)&63)) != 0
}

// Set adds slot s.
func (b Bitset) Set(s Slot) { b[int(s)>>6] |= 1 << (uint(s) & 63) }

// Clear removes slot s.
func (b Bitset) Clear(s Slot) { b[int(s)>>6] &^= 1 << (uint(s) & 63) }

// SetRange adds slots [from, to).
func (b Bitset) SetRange(from, to Slot) {
	for s := from; s < to; s++ {
		b.Set(s)
	}
}

// ClearRange removes slots [from, to).
func (b Bitset) ClearRange(from, to Slot) {
	for s := from; s < to; s++ {
		b.Clear(s)
	}
}

// bits64 returns the n ≤ 64 bits of b from slot from on, the first in
// bit 0; slots past b's end read as clear.
func (b Bitset) bits64(from Slot, n int) uint64 {
	w, off := int(from)>>6, uint(from)&63
	if w >= len(b) {
		return 0
	}
	v := b[w] >> off
	if off > 0 && w+1 < len(b) {
		v |= b[w+1] << (64 - off)
	}
	if n < 64 {
		v &= 1<<uint(n) - 1
	}
	return v
}
