package solver

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// ViolationKind names one way a schedule breaks the rules of doc.go.
type ViolationKind string

// Violation kinds, as reported by Verify.
const (
	ViolationPlacementCount ViolationKind = "wrong number of placements"
	ViolationDemand         ViolationKind = "demand not met"
	ViolationCannotRun      ViolationKind = "task cannot run from its start"
	ViolationRelease        ViolationKind = "starts before its release"
	ViolationDeadline       ViolationKind = "ends after its deadline"
	ViolationHorizon        ViolationKind = "outside the horizon"
	ViolationCapacity       ViolationKind = "resource over capacity"
	ViolationPrecedence     ViolationKind = "precedence broken"
	ViolationPin            ViolationKind = "confirmed booking moved"
	ViolationSlotsPerDay    ViolationKind = "too many slots in one day"
	ViolationRest           ViolationKind = "too little rest between days"
	ViolationDaysPerWeek    ViolationKind = "too many days in one week"
	ViolationSlotsPerWeek   ViolationKind = "too many hours in one week"
	ViolationBudget         ViolationKind = "budget cap exceeded"
	ViolationReport         ViolationKind = "reported schedule differs"
	ViolationCost           ViolationKind = "reported cost differs"
	ViolationBound          ViolationKind = "reported bound above the schedule"
	ViolationSameResource   ViolationKind = "not the same resource"
	ViolationMaxLag         ViolationKind = "waits too long"
	ViolationTravel         ViolationKind = "no time to travel"
)

// Violation is one broken rule. Task, Resource and Slot are -1 when they do
// not apply.
type Violation struct {
	Kind     ViolationKind
	Task     TaskID
	Resource ResourceID
	Slot     Slot
	Message  string
}

// String gives the kind and the message, e.g. "precedence broken: task
// "mix": starts at 40, before 44 (lag 4 after the end of "premix")".
func (v Violation) String() string { return string(v.Kind) + ": " + v.Message }

// VerifyError lists every rule a schedule breaks.
type VerifyError struct {
	Violations []Violation
}

// Error counts the violations and lists the first ten.
func (e *VerifyError) Error() string {
	const show = 10
	var b strings.Builder
	fmt.Fprintf(&b, "solver: schedule breaks %d rule(s): ", len(e.Violations))
	for i, v := range e.Violations {
		if i == show {
			fmt.Fprintf(&b, "; and %d more", len(e.Violations)-show)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(v.String())
	}
	return b.String()
}

// costTolerance is the relative tolerance of cost comparisons.
const costTolerance = 1e-6

// Verify checks a solution against p from its Placements alone, following
// the feasibility and cost rules of doc.go independently of the search. It
// re-derives every task's pieces and end, the makespan and the full cost
// breakdown, and checks that the solution reports the same and that its
// Bound is not above it. It returns nil
// or a *VerifyError listing every violation.
func Verify(p *Problem, sol *Solution) error {
	if sol == nil {
		return &VerifyError{Violations: []Violation{{Kind: ViolationPlacementCount, Task: -1, Resource: -1, Slot: -1, Message: "no solution"}}}
	}
	v := &verifier{p: p}
	sched, ok := v.derive(sol.Placements)
	if ok {
		for i := range p.Tasks {
			v.checkPin(TaskID(i), sol.Placements[i])
		}
		v.checkTimes(sched)
		v.checkCapacity(sched)
		v.checkPrecedences(sched)
		v.checkMaxLags(sched)
		v.checkSameResources(sched)
		v.checkRules(sched)
		cost, l, extra := costOf(p, sched)
		v.checkBudgets(sched, cost, l, extra)
		v.checkReport(sol, sched, cost)
	}
	if len(v.out) == 0 {
		return nil
	}
	return &VerifyError{Violations: v.out}
}

// RecomputeCost works out the cost breakdown of placements (one per task)
// with the same independent code as Verify. ByWeek, which doc.go leaves
// open and Verify does not check, puts rate cards and kit in the week of
// their day, fees in the week of the task's start and travel in the week
// of the day that opens or bridges a visit. It returns an error when a
// placement cannot be read (wrong resources, or a task that cannot run from
// its start); it does not check capacity, precedences or other rules.
func RecomputeCost(p *Problem, placements []Placement) (Breakdown, error) {
	v := &verifier{p: p}
	sched, ok := v.derive(placements)
	if !ok {
		return Breakdown{}, fmt.Errorf("solver: recompute cost: %w", &VerifyError{Violations: v.out})
	}
	cost, _, _ := costOf(p, sched)
	return cost, nil
}

// schedule is the verifier's own reading of a list of placements.
type schedule struct {
	place    []Placement
	pieces   [][]Interval
	ends     []Slot
	makespan Slot
	// busy[r] marks the slots in which resource r works (nil when never,
	// not "always" as for Available: read it with busySlots).
	busy []Bitset
	// served[r] counts the tasks resource r works on.
	served []int
}

type verifier struct {
	p   *Problem
	out []Violation
}

func (v *verifier) add(kind ViolationKind, t TaskID, r ResourceID, s Slot, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if t >= 0 && int(t) < len(v.p.Tasks) {
		msg = fmt.Sprintf("task %q: %s", v.p.Tasks[t].Name, msg)
	}
	v.out = append(v.out, Violation{Kind: kind, Task: t, Resource: r, Slot: s, Message: msg})
}

// derive reads the placements: resources against demands, pins, pieces. It
// reports false when some task's pieces cannot be worked out.
func (v *verifier) derive(place []Placement) (*schedule, bool) {
	p := v.p
	if p.Slots <= 0 {
		v.add(ViolationHorizon, -1, -1, -1, "horizon of %d slots", p.Slots)
		return nil, false
	}
	if len(place) != len(p.Tasks) {
		v.add(ViolationPlacementCount, -1, -1, -1, "%d placements for %d tasks", len(place), len(p.Tasks))
		return nil, false
	}
	sc := &schedule{
		place:  place,
		pieces: make([][]Interval, len(p.Tasks)),
		ends:   make([]Slot, len(p.Tasks)),
		busy:   make([]Bitset, len(p.Resources)),
		served: make([]int, len(p.Resources)),
	}
	ok := true
	for i := range p.Tasks {
		t := TaskID(i)
		if !v.checkDemands(t, place[i]) {
			ok = false
			continue
		}
		pieces, end, why := taskPieces(p, t, place[i])
		if why != "" {
			v.add(ViolationCannotRun, t, -1, place[i].Start, "%s", why)
			ok = false
			continue
		}
		sc.pieces[i], sc.ends[i] = pieces, end
		sc.makespan = max(sc.makespan, end)
		for _, r := range place[i].Resources {
			sc.served[r]++
			if len(pieces) > 0 && sc.busy[r] == nil {
				sc.busy[r] = NewBitset(p.Slots)
			}
			for _, pc := range pieces {
				sc.busy[r].SetRange(pc.Start, pc.End)
			}
		}
	}
	return sc, ok
}

// checkDemands checks that a placement names Count distinct candidates per
// demand and no resource twice.
func (v *verifier) checkDemands(t TaskID, pl Placement) bool {
	p := v.p
	want := 0
	for _, d := range p.Tasks[t].Demands {
		want += d.count()
	}
	if len(pl.Resources) != want {
		v.add(ViolationDemand, t, -1, -1, "%d resources chosen, demands need %d", len(pl.Resources), want)
		return false
	}
	ok := true
	i := 0
	for di, d := range p.Tasks[t].Demands {
		for k := 0; k < d.count(); k++ {
			r := pl.Resources[i]
			switch {
			case r < 0 || int(r) >= len(p.Resources):
				v.add(ViolationDemand, t, r, -1, "resource %d does not exist", r)
				ok = false
			case !slices.Contains(d.Candidates, r):
				v.add(ViolationDemand, t, r, -1, "%q is not a candidate of demand %d", p.Resources[r].Name, di)
				ok = false
			case slices.Contains(pl.Resources[:i], r):
				v.add(ViolationDemand, t, r, -1, "%q chosen twice", p.Resources[r].Name)
				ok = false
			}
			i++
		}
	}
	return ok
}

func (v *verifier) checkPin(t TaskID, pl Placement) {
	pin := v.p.Tasks[t].Pin
	if pin == nil {
		return
	}
	if pl.Start != pin.Start || !slices.Equal(pl.Resources, pin.Resources) {
		v.add(ViolationPin, t, -1, pl.Start, "placed at %d on %v, pinned at %d on %v", pl.Start, pl.Resources, pin.Start, pin.Resources)
	}
}

// taskPieces walks a task from its placement as doc.go says and returns
// its pieces and end, or a reason why it cannot run.
func taskPieces(p *Problem, t TaskID, pl Placement) ([]Interval, Slot, string) {
	task := &p.Tasks[t]
	s := pl.Start
	if s < 0 || int(s) > p.Slots {
		return nil, s, fmt.Sprintf("start %d outside the horizon of %d slots", s, p.Slots)
	}
	if task.Duration == 0 {
		if !task.Window.Has(s) {
			return nil, s, fmt.Sprintf("milestone at slot %d, outside its window", s)
		}
		return nil, s, ""
	}
	open := func(x Slot) bool {
		if x < 0 || int(x) >= p.Slots || !task.Window.Has(x) {
			return false
		}
		for _, r := range pl.Resources {
			if !p.Resources[r].Available.Has(x) {
				return false
			}
		}
		return true
	}
	if !task.Split {
		for x := s; x < s+Slot(task.Duration); x++ {
			if !open(x) {
				return nil, s, fmt.Sprintf("slot %d of [%d, %d) is not open", x, s, s+Slot(task.Duration))
			}
		}
		return []Interval{{s, s + Slot(task.Duration)}}, s + Slot(task.Duration), ""
	}
	if !open(s) {
		return nil, s, fmt.Sprintf("start slot %d is not open", s)
	}
	if task.Premium != nil && !task.Premium.Has(s) {
		// First without the premium days; with them only when the work
		// would not end by the deadline (or cannot be laid out at all).
		weekdays := func(x Slot) bool { return open(x) && !task.Premium.Has(x) }
		limit := Slot(p.Slots)
		if task.Deadline > 0 {
			limit = min(limit, task.Deadline)
		}
		if pieces, end, why := splitPieces(p, task, s, pl.Resources, weekdays); why == "" && end <= limit {
			return pieces, end, ""
		}
	}
	return splitPieces(p, task, s, pl.Resources, open)
}

// splitPieces walks a split task from s over the slots open says are
// open, as doc.go says.
func splitPieces(p *Problem, task *Task, s Slot, res []ResourceID, open func(Slot) bool) ([]Interval, Slot, string) {
	if c := dayCap(p, res); c > 0 {
		return cappedPieces(p, s, task.Duration, max(task.MinChunk, 1), c, open)
	}
	minChunk := max(task.MinChunk, 1)
	var pieces []Interval
	left := task.Duration
	for x := s; left > 0; {
		for x < Slot(p.Slots) && !open(x) {
			x++
		}
		if int(x) >= p.Slots {
			return nil, s, fmt.Sprintf("%d slots of work left at the end of the horizon", left)
		}
		runStart := x
		for int(x) < p.Slots && open(x) && int(x-runStart) < left {
			x++
		}
		// The run is open through x-1; it may go on past x when the
		// work left is done, which changes nothing.
		run := int(x - runStart)
		if run < min(minChunk, left) {
			if runStart == s {
				return nil, s, fmt.Sprintf("first piece of %d slots is shorter than the minimum chunk of %d", run, min(minChunk, left))
			}
			continue
		}
		pieces = append(pieces, Interval{runStart, runStart + Slot(run)})
		left -= run
	}
	return pieces, pieces[len(pieces)-1].End, ""
}

func (v *verifier) checkTimes(sc *schedule) {
	p := v.p
	for i := range p.Tasks {
		t, task := TaskID(i), &p.Tasks[i]
		start, end := sc.place[i].Start, sc.ends[i]
		if start < task.Release {
			v.add(ViolationRelease, t, -1, start, "starts at %d, released at %d", start, task.Release)
		}
		if task.Deadline > 0 && end > task.Deadline {
			v.add(ViolationDeadline, t, -1, end, "ends at %d, deadline %d", end, task.Deadline)
		}
		if int(end) > p.Slots {
			v.add(ViolationHorizon, t, -1, end, "ends at %d, horizon %d", end, p.Slots)
		}
	}
}

// checkCapacity adds up the units each resource is booked for, slot by
// slot. One horizon-long counter serves every resource in turn, so that
// checking a long series does not hold a counter per resource and slot.
func (v *verifier) checkCapacity(sc *schedule) {
	p := v.p
	type booking struct{ task, units int }
	byRes := make([][]booking, len(p.Resources))
	for i := range p.Tasks {
		k := 0
		for _, d := range p.Tasks[i].Demands {
			for range d.count() {
				r := sc.place[i].Resources[k]
				k++
				byRes[r] = append(byRes[r], booking{i, d.units()})
			}
		}
	}
	use := make([]int, p.Slots)
	for r, bs := range byRes {
		lo, hi := Slot(p.Slots), Slot(0)
		for _, b := range bs {
			for _, pc := range sc.pieces[b.task] {
				for s := pc.Start; s < pc.End; s++ {
					use[s] += b.units
				}
				lo, hi = min(lo, pc.Start), max(hi, pc.End)
			}
		}
		for s := lo; s < hi; s++ {
			if n := use[s]; n > p.Resources[r].Capacity {
				v.add(ViolationCapacity, -1, ResourceID(r), s, "%q uses %d of %d units in slot %d", p.Resources[r].Name, n, p.Resources[r].Capacity, s)
			}
			use[s] = 0
		}
	}
}

// advance returns x+lag, or with working lags the first y ≥ x such that
// [x, y) holds lag working slots, and for a negative working lag the
// last y ≤ x such that [y, x) holds -lag working slots (0 when there are
// too few); a nil Calendar.Working makes every slot working. It returns
// p.Slots+1 when the horizon holds too few working slots.
func advance(p *Problem, x Slot, lag int, working bool) Slot {
	if !working || lag == 0 || p.Calendar.Working == nil {
		return x + Slot(lag)
	}
	if lag < 0 {
		y := min(x, Slot(p.Slots))
		for n := 0; n < -lag; {
			if y <= 0 {
				return 0
			}
			y--
			if p.Calendar.Working.Has(y) {
				n++
			}
		}
		return y
	}
	y := max(x, 0)
	for n := 0; n < lag; y++ {
		if int(y) >= p.Slots {
			return Slot(p.Slots + 1)
		}
		if p.Calendar.Working.Has(y) {
			n++
		}
	}
	return y
}

// Advance returns advance(x, lag) of the precedence semantics (doc.go) on
// p's calendar: where a precedence with that lag lets its To task start
// (or end), counted from x.
func (p *Problem) Advance(x Slot, lag int, working bool) Slot {
	return advance(p, x, lag, working)
}

func (v *verifier) checkPrecedences(sc *schedule) {
	p := v.p
	for _, pr := range p.Precedences {
		if pr.From < 0 || int(pr.From) >= len(p.Tasks) || pr.To < 0 || int(pr.To) >= len(p.Tasks) {
			v.add(ViolationPrecedence, -1, -1, -1, "precedence between tasks %d and %d out of range", pr.From, pr.To)
			continue
		}
		base, which := sc.ends[pr.From], "end"
		if pr.Kind == StartToStart {
			base, which = sc.place[pr.From].Start, "start"
		}
		need := advance(p, base, pr.Lag, pr.LagWorking)
		got, verb := sc.place[pr.To].Start, "starts"
		if pr.Kind == FinishToFinish {
			got, verb = sc.ends[pr.To], "ends"
		}
		if got < need {
			v.add(ViolationPrecedence, pr.To, -1, got, "%s at %d, before %d (lag %d after the %s of %q)", verb, got, need, pr.Lag, which, p.Tasks[pr.From].Name)
		}
	}
}

// checkRules checks every person's work rules day by day.
func (v *verifier) checkRules(sc *schedule) {
	p := v.p
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 {
		return
	}
	for ri := range p.Resources {
		rules, busy := p.Resources[ri].Rules, sc.busy[ri]
		if busy == nil || rules == (WorkRules{}) {
			continue
		}
		r, name := ResourceID(ri), p.Resources[ri].Name
		days := dayUse(p, busy)
		if rules.TravelSlots > 0 {
			v.checkTravel(r, busy, days)
		}
		weekDays, weekSlots := map[int]int{}, map[int]int{}
		for d, u := range days {
			if u.slots == 0 {
				continue
			}
			if rules.MaxSlotsPerDay > 0 && u.slots > rules.MaxSlotsPerDay {
				v.add(ViolationSlotsPerDay, -1, r, u.first, "%q works %d slots on day %d, at most %d", name, u.slots, d, rules.MaxSlotsPerDay)
			}
			if rules.MinRestSlots > 0 && d > 0 && days[d-1].slots > 0 {
				if rest := int(u.first - days[d-1].last - 1); rest < rules.MinRestSlots {
					v.add(ViolationRest, -1, r, u.first, "%q rests %d slots before day %d, at least %d", name, rest, d, rules.MinRestSlots)
				}
			}
			weekDays[weekOf(p, d)]++
			weekSlots[weekOf(p, d)] += u.slots
		}
		if rules.MaxSlotsPerWeek > 0 {
			for _, w := range sortedKeys(weekSlots) {
				if weekSlots[w] > rules.MaxSlotsPerWeek {
					v.add(ViolationSlotsPerWeek, -1, r, -1, "%q works %d slots in week %d, at most %d", name, weekSlots[w], w, rules.MaxSlotsPerWeek)
				}
			}
		}
		if rules.MaxDaysPerWeek > 0 {
			for _, w := range sortedKeys(weekDays) {
				if weekDays[w] > rules.MaxDaysPerWeek {
					v.add(ViolationDaysPerWeek, -1, r, -1, "%q works %d days in week %d, at most %d", name, weekDays[w], w, rules.MaxDaysPerWeek)
				}
			}
		}
	}
}

func (v *verifier) checkBudgets(sc *schedule, cost Breakdown, l, extra ledger) {
	p := v.p
	for _, b := range p.Budgets {
		spent, what := 0.0, p.capName(b)
		switch pr := p.capProduction(b); {
		case pr >= 0 && p.charging():
			spent = l.spend(pr, b.Department)
		case b.Department < 0:
			for _, c := range cost.ByResource {
				spent += c
			}
			spent += termAmount(cost, TermOverhead)
		case b.Department < len(cost.ByDepartment):
			spent = cost.ByDepartment[b.Department]
		}
		moved := termAmount(cost, TermCancellation) - p.Objective.Cancelled
		spent += p.capSurcharge(b, termAmount(cost, TermRecall), moved, func(t TaskID, i int) bool {
			return p.Tasks[t].owes(i, sc.place[t].Start, sc.place[t].Resources)
		}, extra)
		if spent > b.Limit && !nearlyEqual(spent, b.Limit) {
			v.add(ViolationBudget, -1, -1, -1, "%s spend %.2f over the cap of %.2f", what, spent, b.Limit)
		}
	}
}

// checkReport compares what the solution says with the recomputation.
func (v *verifier) checkReport(sol *Solution, sc *schedule, cost Breakdown) {
	p := v.p
	for i := range p.Tasks {
		t := TaskID(i)
		if i >= len(sol.Pieces) || !slices.Equal(sol.Pieces[i], sc.pieces[i]) {
			var got []Interval
			if i < len(sol.Pieces) {
				got = sol.Pieces[i]
			}
			v.add(ViolationReport, t, -1, -1, "pieces %v, recomputed %v", got, sc.pieces[i])
		}
		if i >= len(sol.Ends) || sol.Ends[i] != sc.ends[i] {
			v.add(ViolationReport, t, -1, -1, "end reported wrongly, recomputed %d", sc.ends[i])
		}
	}
	if sol.Makespan != sc.makespan {
		v.add(ViolationReport, -1, -1, -1, "makespan %d, recomputed %d", sol.Makespan, sc.makespan)
	}
	if !nearlyEqual(sol.Cost.Total, cost.Total) {
		v.add(ViolationCost, -1, -1, -1, "total %.6f, recomputed %.6f", sol.Cost.Total, cost.Total)
	}
	for _, tc := range sol.Cost.Terms {
		if !knownTerm(tc.Term) {
			v.add(ViolationCost, -1, -1, -1, "unknown term %q", tc.Term)
		}
	}
	for _, term := range costTerms {
		name := term.name()
		if got, want := termAmount(sol.Cost, name), termAmount(cost, name); !nearlyEqual(got, want) {
			v.add(ViolationCost, -1, -1, -1, "term %q %.6f, recomputed %.6f", name, got, want)
		}
	}
	if sol.Bound.Makespan > sc.makespan || sol.Bound.Cost > cost.Total && !nearlyEqual(sol.Bound.Cost, cost.Total) {
		v.add(ViolationBound, -1, -1, -1, "bound of makespan %d and cost %.6f (%s) above the schedule's %d and %.6f",
			sol.Bound.Makespan, sol.Bound.Cost, sol.Bound.Method, sc.makespan, cost.Total)
	}
	v.checkPoolBounds(sol.Bound.Pools, cost.ByResource)
	v.compareSlice("resource", sol.Cost.ByResource, cost.ByResource, func(i int) string { return p.Resources[i].Name })
	v.compareSlice("department", sol.Cost.ByDepartment, cost.ByDepartment, func(i int) string { return p.Departments[i] })
	v.compareSlice("production", sol.Cost.ByProduction, cost.ByProduction, func(i int) string { return p.Productions[i] })
}

func (v *verifier) compareSlice(what string, got, want []float64, name func(int) string) {
	for i, w := range want {
		g := 0.0
		if i < len(got) {
			g = got[i]
		}
		if !nearlyEqual(g, w) {
			r := ResourceID(-1)
			if what == "resource" {
				r = ResourceID(i)
			}
			v.add(ViolationCost, -1, r, -1, "%s %q costs %.6f, recomputed %.6f", what, name(i), g, w)
		}
	}
	if len(got) > len(want) {
		v.add(ViolationCost, -1, -1, -1, "%d %s costs for %d %ss", len(got), what, len(want), what)
	}
}

// nearlyEqual reports whether a and b agree within costTolerance, relative to
// the larger of them (absolute below 1).
func nearlyEqual(a, b float64) bool {
	return math.Abs(a-b) <= costTolerance*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

func sortedKeys(m map[int]int) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
