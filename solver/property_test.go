package solver

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// genSize bounds a generated problem.
type genSize struct {
	tasks, resources, maxSlots int
	// timeRules adds max lags and same-resource links (drawn only when
	// set, so the other generated problems stay as they were).
	timeRules bool
}

// genProblem draws a small scheduling problem: resources with capacity,
// availability holes, rate cards and work rules; tasks with durations,
// splits, windows, pins and pools; precedences with lags; budget caps;
// days with weekends and holidays, or abstract time. Every constraint has
// its own group. Many draws are infeasible on purpose.
func genProblem(t *rapid.T, size genSize) *Problem {
	p := &Problem{Name: "generated"}
	group := GroupID(0)
	next := func(label string) GroupID {
		p.Groups = append(p.Groups, Group{Kind: "generated", Label: label})
		group++
		return group - 1
	}
	bits := func(label string, density float64) Bitset {
		if rapid.Float64Range(0, 1).Draw(t, label+" restricted") < 0.6 {
			return nil
		}
		b := NewBitset(p.Slots)
		for s := range p.Slots {
			if rapid.Float64Range(0, 1).Draw(t, label) < density {
				b.Set(Slot(s))
			}
		}
		return b
	}
	if rapid.Bool().Draw(t, "days") {
		spd := rapid.IntRange(3, 6).Draw(t, "slots per day")
		days := rapid.IntRange(2, max(2, size.maxSlots/spd)).Draw(t, "days")
		p.Slots = spd * days
		p.Calendar = Calendar{SlotsPerDay: spd, WeekOffset: rapid.IntRange(0, 6).Draw(t, "week offset")}
		for range days {
			p.Calendar.Days = append(p.Calendar.Days, DayKind(rapid.IntRange(0, 2).Draw(t, "day kind")))
		}
		p.Calendar.Working = bits("working", 0.7)
	} else {
		p.Slots = rapid.IntRange(4, size.maxSlots).Draw(t, "slots")
	}
	nRes := rapid.IntRange(1, size.resources).Draw(t, "resources")
	p.Departments = []string{"picture", "sound"}
	for r := range nRes {
		res := Resource{
			Name:              fmt.Sprintf("r%d", r),
			Capacity:          rapid.IntRange(1, 2).Draw(t, "capacity"),
			Department:        rapid.IntRange(-1, 1).Draw(t, "department"),
			Available:         bits("available", 0.8),
			AvailabilityGroup: next(fmt.Sprintf("r%d availability", r)),
			RulesGroup:        next(fmt.Sprintf("r%d rules", r)),
			Rate: RateCard{
				Hour:              float64(rapid.IntRange(0, 100).Draw(t, "hour")),
				HalfDay:           float64(rapid.IntRange(0, 300).Draw(t, "half day")),
				HalfDaySlots:      rapid.IntRange(0, 3).Draw(t, "half day slots"),
				Day:               float64(rapid.IntRange(0, 500).Draw(t, "day")),
				DaySlots:          rapid.IntRange(0, 4).Draw(t, "day slots"),
				Week:              float64(rapid.IntRange(0, 1).Draw(t, "weekly")) * 900,
				MinimumCall:       rapid.IntRange(0, 3).Draw(t, "minimum call"),
				WeekendMultiplier: float64(rapid.IntRange(0, 2).Draw(t, "weekend")),
				HolidayMultiplier: float64(rapid.IntRange(0, 3).Draw(t, "holiday")),
				Kit:               float64(rapid.IntRange(0, 40).Draw(t, "kit")),
				PerTask:           float64(rapid.IntRange(0, 60).Draw(t, "per task")),
				Travel:            float64(rapid.IntRange(0, 200).Draw(t, "travel")),
				Hold:              float64(rapid.IntRange(0, 120).Draw(t, "hold")),
			},
		}
		if rapid.Bool().Draw(t, "overtime") {
			res.Rate.Overtime = []OvertimeBand{{AfterSlots: 2, Multiplier: 1.5}, {AfterSlots: 3, Multiplier: 2}}
		}
		if rapid.Bool().Draw(t, "rules") {
			res.Rules = WorkRules{
				MaxSlotsPerDay: rapid.IntRange(0, 5).Draw(t, "max slots per day"),
				MinRestSlots:   rapid.IntRange(0, 3).Draw(t, "min rest"),
				MaxDaysPerWeek: rapid.IntRange(0, 3).Draw(t, "max days per week"),
			}
		}
		p.Resources = append(p.Resources, res)
	}
	nTasks := rapid.IntRange(1, size.tasks).Draw(t, "tasks")
	for i := range nTasks {
		task := Task{
			Name:        fmt.Sprintf("t%d", i),
			Duration:    rapid.IntRange(0, 4).Draw(t, "duration"),
			Split:       rapid.Bool().Draw(t, "split"),
			MinChunk:    rapid.IntRange(0, 2).Draw(t, "min chunk"),
			Release:     Slot(rapid.IntRange(0, p.Slots/3).Draw(t, "release")),
			Window:      bits("window", 0.8),
			WindowGroup: next(fmt.Sprintf("t%d window", i)),
			PinGroup:    next(fmt.Sprintf("t%d pin", i)),
		}
		if rapid.Float64Range(0, 1).Draw(t, "deadline?") < 0.3 {
			task.Deadline = Slot(rapid.IntRange(1, p.Slots).Draw(t, "deadline"))
		}
		if rapid.Bool().Draw(t, "due?") {
			task.Due = Slot(rapid.IntRange(1, p.Slots).Draw(t, "due"))
			task.LatenessPerDay = 25
		}
		for range rapid.IntRange(0, 2).Draw(t, "demands") {
			cands := rapid.SliceOfNDistinct(rapid.IntRange(0, nRes-1), 1, nRes, rapid.ID[int]).Draw(t, "candidates")
			d := Demand{Count: rapid.IntRange(1, len(cands)).Draw(t, "count"), Units: 1, Group: next(fmt.Sprintf("t%d demand", i))}
			if rapid.Float64Range(0, 1).Draw(t, "two units?") < 0.15 {
				d.Units = 2
			}
			for _, c := range cands {
				d.Candidates = append(d.Candidates, ResourceID(c))
			}
			task.Demands = append(task.Demands, d)
		}
		var res []ResourceID
		for _, d := range task.Demands {
			for _, c := range d.Candidates[:d.count()] {
				if !slices.Contains(res, c) {
					res = append(res, c)
				}
			}
		}
		if len(res) == flatCount(task.Demands) {
			pl := &Placement{Start: Slot(rapid.IntRange(0, p.Slots-1).Draw(t, "at")), Resources: res}
			switch rapid.IntRange(0, 5).Draw(t, "pin or previous") {
			case 0:
				task.Pin = pl
			case 1, 2:
				task.Previous, task.MoveCost = pl, 15
			}
		}
		p.Tasks = append(p.Tasks, task)
	}
	for range rapid.IntRange(0, nTasks).Draw(t, "precedences") {
		a, b := rapid.IntRange(0, nTasks-1).Draw(t, "from"), rapid.IntRange(0, nTasks-1).Draw(t, "to")
		if a == b {
			continue
		}
		p.Precedences = append(p.Precedences, Precedence{
			From: TaskID(min(a, b)), To: TaskID(max(a, b)),
			Kind:       PrecedenceKind(rapid.IntRange(0, 1).Draw(t, "kind")),
			Lag:        rapid.IntRange(-1, 3).Draw(t, "lag"),
			LagWorking: rapid.Bool().Draw(t, "working lag"),
			Group:      next(fmt.Sprintf("t%d before t%d", min(a, b), max(a, b))),
		})
	}
	if size.timeRules {
		genTimeRules(t, p, next)
	}
	for range rapid.IntRange(0, 2).Draw(t, "budgets") {
		p.Budgets = append(p.Budgets, BudgetCap{
			Department: rapid.IntRange(-1, 1).Draw(t, "capped department"),
			Limit:      float64(rapid.IntRange(0, 3000).Draw(t, "limit")),
			Group:      next("budget cap"),
		})
	}
	p.Objective = Objective{
		MakespanWeight: float64(rapid.IntRange(0, 2).Draw(t, "makespan weight")),
		OverheadPerDay: float64(rapid.IntRange(0, 50).Draw(t, "overhead")),
	}
	if err := p.Freeze(); err != nil {
		t.Fatalf("generated problem does not freeze: %v", err)
	}
	return p
}

// genTimeRules draws premium slots for split tasks, finish-to-finish
// precedences, max lags (mostly beside a precedence, as a compile step
// writes them) and same-resource links between demand entries.
func genTimeRules(t *rapid.T, p *Problem, next func(string) GroupID) {
	n := len(p.Tasks)
	if p.Calendar.SlotsPerDay > 0 {
		for r := range p.Resources {
			if rapid.Float64Range(0, 1).Draw(t, "travels?") < 0.3 {
				p.Resources[r].Rules.TravelSlots = rapid.IntRange(1, 2).Draw(t, "travel slots")
			}
		}
	}
	for i := range p.Tasks {
		task := &p.Tasks[i]
		if !task.Split || !rapid.Bool().Draw(t, "premium?") {
			continue
		}
		task.Premium = NewBitset(p.Slots)
		for s := range p.Slots {
			if task.Window.Has(Slot(s)) && rapid.Float64Range(0, 1).Draw(t, "premium") < 0.3 {
				task.Premium.Set(Slot(s))
			}
		}
	}
	drawEarliness(t, p)
	for range rapid.IntRange(0, 2).Draw(t, "finish-to-finish") {
		a, b := rapid.IntRange(0, n-1).Draw(t, "ff from"), rapid.IntRange(0, n-1).Draw(t, "ff to")
		if a == b {
			continue
		}
		p.Precedences = append(p.Precedences, Precedence{
			From: TaskID(min(a, b)), To: TaskID(max(a, b)), Kind: FinishToFinish,
			Lag:        rapid.IntRange(-2, 3).Draw(t, "ff lag"),
			LagWorking: rapid.Bool().Draw(t, "ff working lag"),
			Group:      next(fmt.Sprintf("t%d ends after t%d", max(a, b), min(a, b))),
		})
	}
	for range rapid.IntRange(0, 2).Draw(t, "max lags") {
		m := MaxLag{
			From: TaskID(rapid.IntRange(0, n-1).Draw(t, "max lag from")), To: TaskID(rapid.IntRange(0, n-1).Draw(t, "max lag to")),
			Kind:       PrecedenceKind(rapid.IntRange(0, 1).Draw(t, "max lag kind")),
			Lag:        rapid.IntRange(0, 6).Draw(t, "max lag"),
			LagWorking: rapid.Bool().Draw(t, "working max lag"),
		}
		if m.From == m.To {
			continue
		}
		m.Group = next(fmt.Sprintf("t%d within %d of t%d", m.To, m.Lag, m.From))
		p.MaxLags = append(p.MaxLags, m)
	}
	for range rapid.IntRange(0, 2).Draw(t, "links") {
		if l, ok := drawEntries(t, p, "link"); ok {
			l.Group = next(fmt.Sprintf("t%d same as t%d", l.B, l.A))
			p.SameResources = append(p.SameResources, l)
		}
	}
	drawHandovers(t, p)
}

// drawEntries draws a demand entry of each of two tasks (false when the
// tasks drawn are one, or one has no demand).
func drawEntries(t *rapid.T, p *Problem, what string) (SameResource, bool) {
	n := len(p.Tasks)
	a, b := rapid.IntRange(0, n-1).Draw(t, what+" a"), rapid.IntRange(0, n-1).Draw(t, what+" b")
	na, nb := flatCount(p.Tasks[a].Demands), flatCount(p.Tasks[b].Demands)
	if a == b || na == 0 || nb == 0 {
		return SameResource{}, false
	}
	return SameResource{A: TaskID(a), B: TaskID(b),
		SlotA: rapid.IntRange(0, na-1).Draw(t, what+" slot a"), SlotB: rapid.IntRange(0, nb-1).Draw(t, what+" slot b")}, true
}

// drawHandovers draws soft links between demand entries of two tasks.
func drawHandovers(t *rapid.T, p *Problem) {
	for range rapid.IntRange(0, 2).Draw(t, "handovers") {
		if l, ok := drawEntries(t, p, "handover"); ok {
			p.Handovers = append(p.Handovers, Handover{A: l.A, B: l.B, SlotA: l.SlotA, SlotB: l.SlotB,
				Cost: float64(rapid.IntRange(0, 300).Draw(t, "handover cost"))})
		}
	}
}

func flatCount(ds []Demand) int {
	n := 0
	for _, d := range ds {
		n += d.count()
	}
	return n
}

var tinySize = genSize{tasks: 4, resources: 3, maxSlots: 18}

// TestPropertyBounds checks the bounds and quick checks against brute
// force: a feasible schedule is never below the bounds, ExplainQuick never
// blames a feasible problem, and its conflicts are really infeasible.
func TestPropertyBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		place, searched := bruteForce(p, 200000)
		if !searched {
			t.Skip("brute force gave up")
		}
		quick := ExplainQuick(p)
		if place == nil {
			if quick != nil {
				only := p.Relax(func(g GroupID) bool { return slices.Contains(quick, g) })
				if found, ok := bruteForce(only, 200000); ok && found != nil {
					t.Fatalf("quick conflict %v (%s) is feasible: %v", quick, p.Describe(quick), found)
				}
			}
			return
		}
		if quick != nil {
			t.Fatalf("quick conflict %v (%s) on a feasible problem: %v", quick, p.Describe(quick), place)
		}
		cost, err := RecomputeCost(p, place)
		if err != nil {
			t.Fatal(err)
		}
		v := &verifier{p: p}
		sc, _ := v.derive(place)
		b := p.LowerBound(context.Background())
		if b.Makespan > sc.makespan {
			t.Fatalf("makespan bound %d (%s) above a schedule's %d: %v", b.Makespan, b.Method, sc.makespan, place)
		}
		if b.Cost > cost.Total+1e-6 {
			t.Fatalf("cost bound %v (%s) above a schedule's %v: %v", b.Cost, b.Method, cost.Total, place)
		}
	})
}

// TestPropertyExplainMinimal checks Explain with an exact oracle: the
// conflict is infeasible on its own and dropping any group of it is
// feasible.
func TestPropertyExplainMinimal(t *testing.T) {
	for _, rules := range []bool{false, true} {
		t.Run(fmt.Sprintf("time rules %v", rules), func(t *testing.T) {
			rapid.Check(t, checkExplainMinimal(genSize{tasks: 3, resources: 2, maxSlots: 12, timeRules: rules}))
		})
	}
}

// checkExplainMinimal is the property of TestPropertyExplainMinimal.
func checkExplainMinimal(small genSize) func(t *rapid.T) {
	return func(t *rapid.T) {
		p := genProblem(t, small)
		gaveUp := false
		oracle := func(_ context.Context, q *Problem) (bool, error) {
			place, searched := bruteForce(q, 50000)
			gaveUp = gaveUp || !searched
			return place != nil, nil
		}
		conflict, err := Explain(context.Background(), p, oracle)
		if gaveUp {
			t.Skip("brute force gave up")
		}
		if errors.Is(err, ErrNoConflict) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		only := func(set []GroupID) *Problem { return p.Relax(func(g GroupID) bool { return slices.Contains(set, g) }) }
		if ok, _ := oracle(context.Background(), only(conflict)); ok {
			t.Fatalf("conflict %v (%s) is feasible", conflict, p.Describe(conflict))
		}
		for i := range conflict {
			rest := slices.Delete(slices.Clone(conflict), i, i+1)
			if ok, _ := oracle(context.Background(), only(rest)); !ok {
				t.Fatalf("conflict %v without %d is still infeasible", conflict, conflict[i])
			}
		}
	}
}

// TestPropertySolve checks the search against the independent verifier:
// every schedule it returns passes Verify, one seed and iteration limit
// give one schedule, its cost is never below the bound, and when it says
// infeasible without budget caps, brute force agrees.
func TestPropertySolve(t *testing.T) { rapid.Check(t, checkSolve(tinySize)) }

// TestPropertySolveTimeRules is TestPropertySolve with max lags and
// same-resource links.
func TestPropertySolveTimeRules(t *testing.T) {
	size := tinySize
	size.timeRules = true
	rapid.Check(t, checkSolve(size))
}

// checkSolve is the property of TestPropertySolve on problems of size.
func checkSolve(size genSize) func(t *rapid.T) {
	return func(t *rapid.T) {
		p := genProblem(t, size)
		opts := Options{Seed: rapid.Uint64().Draw(t, "seed"), Iterations: 40, Workers: rapid.IntRange(1, 2).Draw(t, "workers")}
		sol, err := Solve(context.Background(), p, opts)
		if err != nil {
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("solve: %v", err)
			}
			// Budget caps are met by search, not by construction, so a
			// short search may miss a tight one; without caps an
			// infeasible verdict on so small a problem must be right.
			if len(p.Budgets) > 0 {
				return
			}
			if place, searched := bruteForce(p, 200000); searched && place != nil {
				t.Fatalf("Solve says infeasible (%v); brute force found %v\n%s", err, place, dump(p))
			}
			return
		}
		if err := Verify(p, sol); err != nil {
			t.Fatalf("placements %v: %v\n%s", sol.Placements, err, dump(p))
		}
		again, err := Solve(context.Background(), p, opts)
		if err != nil {
			t.Fatalf("second solve: %v", err)
		}
		if !slices.EqualFunc(sol.Placements, again.Placements, func(a, b Placement) bool {
			return a.Start == b.Start && slices.Equal(a.Resources, b.Resources)
		}) {
			t.Fatalf("same seed, two schedules: %v and %v", sol.Placements, again.Placements)
		}
		b := p.LowerBound(context.Background())
		if b.Makespan > sol.Makespan || b.Cost > sol.Cost.Total+1e-6 {
			t.Fatalf("bound %+v above the schedule %v: makespan %d, cost %v\n%s", b, sol.Placements, sol.Makespan, sol.Cost.Total, dump(p))
		}
	}
}

// dump prints a problem's fields for a failure message.
func dump(p *Problem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "slots %d, calendar %+v, objective %+v, budgets %+v\n", p.Slots, p.Calendar, p.Objective, p.Budgets)
	for _, r := range p.Resources {
		fmt.Fprintf(&b, "resource %+v\n", r)
	}
	for _, t := range p.Tasks {
		fmt.Fprintf(&b, "task %+v pin %+v previous %+v\n", t, t.Pin, t.Previous)
	}
	for _, pr := range p.Precedences {
		fmt.Fprintf(&b, "precedence %+v\n", pr)
	}
	for _, m := range p.MaxLags {
		fmt.Fprintf(&b, "max lag %+v\n", m)
	}
	for _, l := range p.SameResources {
		fmt.Fprintf(&b, "same resource %+v\n", l)
	}
	return b.String()
}

// TestPropertyCostAgrees checks the verifier's cost against the search's
// Evaluate on random placements: two independent readings of doc.go must
// agree on pieces, ends, makespan and every cost figure.
func TestPropertyCostAgrees(t *testing.T) {
	for _, rules := range []bool{false, true} {
		size := tinySize
		size.timeRules = rules
		t.Run(fmt.Sprintf("time rules %v", rules), func(t *testing.T) { rapid.Check(t, checkCostAgrees(size)) })
	}
}

// checkCostAgrees is the property of TestPropertyCostAgrees.
func checkCostAgrees(size genSize) func(t *rapid.T) {
	return func(t *rapid.T) {
		p := genProblem(t, size)
		place := drawPlacements(t, p)
		want, werr := RecomputeCost(p, place)
		sol, err := p.Evaluate(place)
		// Evaluate leaves demands unchecked, so the verifier may refuse
		// more; it must never accept what Evaluate cannot read.
		if werr == nil && err != nil {
			t.Fatalf("Evaluate says %v for %v\n%s", err, place, dump(p))
		}
		if werr != nil {
			return
		}
		var v verifier
		v.p = p
		sc, _ := v.derive(place)
		v.checkReport(sol, sc, want)
		v.compareSlice("week", sol.Cost.ByWeek, want.ByWeek, func(i int) string { return fmt.Sprint(i) })
		if len(v.out) > 0 {
			t.Fatalf("Evaluate and the verifier disagree for %v: %v\n%s", place, (&VerifyError{Violations: v.out}).Error(), dump(p))
		}
	}
}

// TestPropertyExplainWithSolve checks Explain over the oracle a caller
// builds on Solve with a short iteration limit: the conflict is
// infeasible to that oracle and dropping any one group is feasible to it.
func TestPropertyExplainWithSolve(t *testing.T) {
	oracle := func(ctx context.Context, q *Problem) (bool, error) {
		if err := q.Freeze(); err != nil {
			return false, nil
		}
		_, err := Solve(ctx, q, Options{Seed: 7, Iterations: 20, Workers: 1})
		if errors.Is(err, ErrInfeasible) {
			return false, nil
		}
		return err == nil, err
	}
	small := genSize{tasks: 3, resources: 2, maxSlots: 12}
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, small)
		conflict, err := Explain(context.Background(), p, oracle)
		if errors.Is(err, ErrNoConflict) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		only := func(set []GroupID) *Problem { return p.Relax(func(g GroupID) bool { return slices.Contains(set, g) }) }
		if ok, _ := oracle(context.Background(), only(conflict)); ok && quickConflict(only(conflict)) == "" {
			t.Fatalf("conflict %v (%s) is feasible", conflict, p.Describe(conflict))
		}
		for i := range conflict {
			rest := slices.Delete(slices.Clone(conflict), i, i+1)
			q := only(rest)
			if ok, _ := oracle(context.Background(), q); !ok || quickConflict(q) != "" {
				t.Fatalf("conflict %v (%s) without %d is still infeasible", conflict, p.Describe(conflict), conflict[i])
			}
		}
	})
}

// drawPlacements draws one placement per task: resources among those its
// demands allow and, mostly, a start it can run from.
func drawPlacements(t *rapid.T, p *Problem) []Placement {
	place := make([]Placement, len(p.Tasks))
	for i, task := range p.Tasks {
		choices := resourceChoices(&task)
		if len(choices) == 0 {
			// The demands cannot be met: any choice will do.
			var rs []ResourceID
			for _, d := range task.Demands {
				rs = append(rs, d.Candidates[:d.count()]...)
			}
			choices = [][]ResourceID{rs}
		}
		rs := choices[rapid.IntRange(0, len(choices)-1).Draw(t, "choice")]
		// Draw mostly from the starts the task can run from.
		var starts []Slot
		for s := range Slot(p.Slots + 1) {
			if _, _, why := taskPieces(p, TaskID(i), Placement{Start: s, Resources: rs}); why == "" {
				starts = append(starts, s)
			}
		}
		start := Slot(rapid.IntRange(0, p.Slots).Draw(t, "start"))
		if len(starts) > 0 && rapid.Float64Range(0, 1).Draw(t, "readable?") < 0.9 {
			start = starts[rapid.IntRange(0, len(starts)-1).Draw(t, "readable start")]
		}
		place[i] = Placement{Start: start, Resources: rs}
	}
	return place
}

// addRateRules gives some resources of a problem with days the rate-card
// rules genProblem does not draw: a clock-time premium table, a weekly
// engagement, a sixth-day premium, and weekend minimum calls, billing
// units and free hours, and use rates on tasks. It draws after genProblem, so the problems
// genProblem draws (and the golden file records) stay as they were, and
// re-freezes the problem so that its derived tables see the new cards.
// addCancellation draws cancellation fees on the resources of each task
// with a Previous placement, and charges owed already.
func addCancellation(t *rapid.T, p *Problem) {
	p.Objective.Cancelled = float64(rapid.IntRange(0, 1).Draw(t, "cancelled") * 120)
	for i := range p.Tasks {
		task := &p.Tasks[i]
		if task.Previous == nil {
			continue
		}
		for _, r := range task.Previous.Resources {
			if fee := rapid.IntRange(0, 40).Draw(t, "cancellation fee"); fee > 0 {
				task.Cancellation = append(task.Cancellation, CancelFee{Resource: r, Fee: float64(fee)})
			}
		}
	}
}

func addRateRules(t *rapid.T, p *Problem) {
	drawEarliness(t, p)
	drawHandovers(t, p)
	spd := p.Calendar.SlotsPerDay
	for r := range p.Resources {
		if spd == 0 {
			break
		}
		rc := &p.Resources[r].Rate
		if rapid.Bool().Draw(t, "recall") {
			rc.RecallFee, rc.RecallDays = 300, rapid.IntRange(0, 6).Draw(t, "recall days")
		}
		if rapid.Bool().Draw(t, "clock overtime") {
			rc.ClockX = clockBands(t, spd)
		}
		if rapid.Bool().Draw(t, "engaged") {
			rc.Engaged = true
			rc.Week = float64(rapid.IntRange(1, 3).Draw(t, "engaged week") * 500)
			rc.WeekDays = rapid.IntRange(0, 6).Draw(t, "week days")
		}
		if rapid.Bool().Draw(t, "week hours") {
			rc.WeekSlots, rc.OverWeekX = rapid.IntRange(1, 8).Draw(t, "week slots"), 1.5
		}
		if rapid.Bool().Draw(t, "oncost") {
			rc.OnCost = 0.14
		}
		if rapid.Bool().Draw(t, "billing") {
			rc.MinimumCallOff = rapid.IntRange(0, 4).Draw(t, "weekend call")
			rc.UnitSlots = rapid.IntRange(0, 3).Draw(t, "unit")
			rc.FreeAfterSlots = rapid.IntRange(0, 4).Draw(t, "free after")
			rc.FreeSlots = rapid.IntRange(0, 2).Draw(t, "free")
		}
		if rc.Week != 0 && rapid.Bool().Draw(t, "sixth day") {
			rc.SixthDayX = []float64{0.5, 1, 1.5, 2}[rapid.IntRange(0, 3).Draw(t, "sixth day x")]
			rc.WeekDays = rapid.IntRange(0, 3).Draw(t, "week days")
		}
	}
	for i := range p.Tasks {
		task := &p.Tasks[i]
		if len(task.Demands) == 0 || !rapid.Bool().Draw(t, "use rates") {
			continue
		}
		for _, r := range task.Demands[0].Candidates {
			x := []float64{-2, 0.5, 3}[rapid.IntRange(0, 2).Draw(t, "use rate")]
			task.UseRates = append(task.UseRates, UseRate{Resource: r, Slot: x})
		}
	}
	p.frozen, p.drv = false, nil
	if err := p.Freeze(); err != nil {
		t.Fatalf("re-freeze: %v", err)
	}
}

// drawEarliness gives some tasks a just-in-time Target with an earliness
// weight.
func drawEarliness(t *rapid.T, p *Problem) {
	for i := range p.Tasks {
		if rapid.Float64Range(0, 1).Draw(t, "just in time?") < 0.3 {
			p.Tasks[i].Target = Slot(rapid.IntRange(1, p.Slots).Draw(t, "target"))
			p.Tasks[i].EarlinessPerDay = float64(rapid.IntRange(1, 40).Draw(t, "early per day"))
		}
	}
}

// clockBands draws a clock-time premium table for a day of spd slots: the
// evening dearer than the morning, as a card's from: bands make it, with
// the odd entry below 1 that a compile step would never write.
func clockBands(t *rapid.T, spd int) []float64 {
	x := make([]float64, rapid.IntRange(1, spd).Draw(t, "clock slots"))
	for i := range x {
		x[i] = []float64{0.5, 1, 1.5, 2}[rapid.IntRange(0, 3).Draw(t, "clock x")]
	}
	return x
}
