package solver

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// bruteForce searches every placement of a tiny problem for a feasible
// schedule (checked by Verify). searched is false when it gave up after
// maxNodes placements.
func bruteForce(p *Problem, maxNodes int) (place []Placement, searched bool) {
	var found []Placement
	searched = searchAll(p, maxNodes, func(place []Placement, _ *Solution) bool {
		found = slices.Clone(place)
		return true
	})
	return found, searched
}

// searchAll walks every placement of a tiny problem and calls feasible
// with each feasible schedule (checked by Verify) until it returns true.
// It reports false when it gave up after maxNodes placements.
func searchAll(p *Problem, maxNodes int, feasible func([]Placement, *Solution) bool) bool {
	order, ok := topoOrder(p)
	if !ok {
		return true
	}
	place := make([]Placement, len(p.Tasks))
	ends := make([]Slot, len(p.Tasks))
	use := make([][]int, len(p.Resources))
	for r := range use {
		use[r] = make([]int, p.Slots)
	}
	nodes := 0
	var dfs func(i int) bool
	dfs = func(i int) bool {
		if i == len(order) {
			v := &verifier{p: p}
			sc, ok := v.derive(place)
			if !ok {
				return false
			}
			sol := &Solution{Placements: place, Pieces: sc.pieces, Ends: sc.ends, Makespan: sc.makespan, Cost: recomputed(p, sc)}
			return Verify(p, sol) == nil && feasible(place, sol)
		}
		t := order[i]
		task := &p.Tasks[t]
		starts := []Slot{}
		for s := task.Release; int(s) <= p.Slots; s++ {
			starts = append(starts, s)
		}
		if task.Pin != nil {
			starts = []Slot{task.Pin.Start}
		}
		for _, s := range starts {
			for _, rs := range resourceChoices(task) {
				if task.Pin != nil && !slices.Equal(rs, task.Pin.Resources) {
					continue
				}
				if nodes++; nodes > maxNodes {
					return false
				}
				pl := Placement{Start: s, Resources: rs}
				pieces, end, why := taskPieces(p, t, pl)
				if why != "" || end > deadline(p, t) || !precedencesHold(p, t, s, place, ends, order[:i]) {
					continue
				}
				if !fits(p, task, rs, pieces, use, 1) {
					fits(p, task, rs, pieces, use, -1)
					continue
				}
				place[t], ends[t] = pl, end
				if dfs(i + 1) {
					return true
				}
				fits(p, task, rs, pieces, use, -1)
			}
		}
		return false
	}
	dfs(0)
	return nodes <= maxNodes
}

// resourceChoices lists every flattened choice of Count distinct
// candidates per demand with no resource twice.
func resourceChoices(task *Task) [][]ResourceID {
	out := [][]ResourceID{nil}
	for _, d := range task.Demands {
		var next [][]ResourceID
		for _, prefix := range out {
			var pick func(from int, cur []ResourceID)
			pick = func(from int, cur []ResourceID) {
				if len(cur) == len(prefix)+d.count() {
					next = append(next, slices.Clone(cur))
					return
				}
				for j := from; j < len(d.Candidates); j++ {
					if r := d.Candidates[j]; !slices.Contains(cur, r) {
						pick(j+1, append(cur, r))
					}
				}
			}
			pick(0, slices.Clone(prefix))
		}
		out = next
	}
	return out
}

func precedencesHold(p *Problem, t TaskID, s Slot, place []Placement, ends []Slot, done []TaskID) bool {
	for _, pr := range p.Precedences {
		if pr.To != t || !slices.Contains(done, pr.From) {
			continue
		}
		base := ends[pr.From]
		if pr.Kind == StartToStart {
			base = place[pr.From].Start
		}
		if s < advance(p, base, pr.Lag, pr.LagWorking) {
			return false
		}
	}
	return true
}

// fits adds (sign 1) or removes (sign -1) a task's units and reports
// whether every capacity still holds.
func fits(p *Problem, task *Task, rs []ResourceID, pieces []Interval, use [][]int, sign int) bool {
	ok := true
	k := 0
	for _, d := range task.Demands {
		for range d.count() {
			r := rs[k]
			k++
			for _, pc := range pieces {
				for x := pc.Start; x < pc.End; x++ {
					use[r][x] += sign * d.units()
					ok = ok && use[r][x] <= p.Resources[r].Capacity
				}
			}
		}
	}
	return ok
}

// bruteOracle is an exact feasibility oracle for tiny problems.
func bruteOracle(t *testing.T) func(context.Context, *Problem) (bool, error) {
	return func(_ context.Context, q *Problem) (bool, error) {
		place, searched := bruteForce(q, 300000)
		if !searched {
			t.Fatalf("%s: brute force gave up", q.Name)
		}
		return place != nil, nil
	}
}

// explainFixtures are problems whose conflict is known.
func explainFixtures() []struct {
	name  string
	p     *Problem
	want  []GroupID
	quick bool // whether ExplainQuick sees it
} {
	tiny := func(res []Resource, tasks []Task) *Problem {
		p := dayGrid(3, res, tasks)
		p.Slots, p.Calendar.SlotsPerDay, p.Calendar.SlotMinutes = 30, 10, 60
		p.Calendar.Days = make([]DayKind, 3)
		return p
	}
	groups := func(p *Problem, labels ...string) {
		for _, l := range labels {
			p.Groups = append(p.Groups, Group{Kind: "constraint", Label: l})
		}
	}
	type fixture = struct {
		name  string
		p     *Problem
		want  []GroupID
		quick bool
	}
	var out []fixture

	// Maya is free only before picture lock; her ADR must follow it.
	maya := NewBitset(30)
	maya.SetRange(0, 6)
	p := tiny([]Resource{
		{Name: "editor", AvailabilityGroup: 0},
		{Name: "maya", Available: maya, AvailabilityGroup: 1, RulesGroup: NoGroup},
		{Name: "adr-1", AvailabilityGroup: 2},
	}, []Task{
		{Name: "cut", Duration: 8, Demands: []Demand{{Candidates: []ResourceID{0}, Group: 3}}, WindowGroup: 4, PinGroup: NoGroup},
		{Name: "picture lock", WindowGroup: 5, PinGroup: NoGroup},
		{Name: "adr", Duration: 2, Demands: []Demand{{Candidates: []ResourceID{1}, Group: NoGroup}, {Candidates: []ResourceID{2}, Group: 6}}, WindowGroup: 7, PinGroup: NoGroup},
	})
	p.Precedences = []Precedence{{From: 0, To: 1, Group: 8}, {From: 1, To: 2, Group: 9}}
	p.Budgets = []BudgetCap{{Department: -1, Limit: 1e6, Group: 10}}
	groups(p, "editor availability", "Maya's availability", "adr-1 availability", "cut needs editor", "cut window",
		"lock window", "adr needs adr-1", "adr window", "cut before lock", "lock before ADR", "total budget")
	out = append(out, fixture{"artiste gone by picture lock", p, []GroupID{1, 8, 9}, true})

	// The mix deadline is shorter than the critical path.
	p = tiny(nil, []Task{
		{Name: "grade", Duration: 6, WindowGroup: 0, PinGroup: NoGroup},
		{Name: "conform", Duration: 6, WindowGroup: 1, PinGroup: NoGroup},
		{Name: "mix", Duration: 6, Deadline: 15, WindowGroup: 2, PinGroup: NoGroup},
		{Name: "qc", Duration: 2, WindowGroup: 3, PinGroup: NoGroup},
	})
	p.Precedences = []Precedence{{From: 0, To: 1, Group: 4}, {From: 1, To: 2, Group: 5}, {From: 2, To: 3, Group: 6}}
	groups(p, "grade window", "conform window", "mix deadline", "qc window", "grade before conform", "conform before mix", "mix before qc")
	out = append(out, fixture{"deadline before the critical path", p, []GroupID{2, 4, 5}, true})

	// The grade cap is below the cheapest colourist's cost.
	p = tiny([]Resource{
		{Name: "ines", Rate: RateCard{Hour: 100}, AvailabilityGroup: 0},
		{Name: "tom", Rate: RateCard{Hour: 80}, AvailabilityGroup: 1},
		{Name: "mixer", Rate: RateCard{Hour: 50}, AvailabilityGroup: 2},
	}, []Task{
		{Name: "grade", Duration: 6, Demands: []Demand{{Candidates: []ResourceID{0, 1}, Group: 3}}, WindowGroup: 4, PinGroup: NoGroup},
		{Name: "mix", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{2}, Group: 5}}, WindowGroup: 6, PinGroup: NoGroup},
	})
	p.Resources[0].Department, p.Resources[1].Department = 0, 0
	p.Departments = []string{"grade"}
	p.Budgets = []BudgetCap{{Department: 0, Limit: 450, Group: 7}, {Department: -1, Limit: 5000, Group: 8}}
	groups(p, "ines", "tom", "mixer", "grade needs a colourist", "grade window", "mix needs mixer", "mix window", "grade cap", "total cap")
	out = append(out, fixture{"grade cap below the cheapest colourist", p, []GroupID{3, 7}, true})

	// Two sessions fit the suite's week together, but not in their windows.
	w1, w2 := NewBitset(30), NewBitset(30)
	w1.SetRange(0, 5)
	w2.SetRange(4, 9)
	p = tiny([]Resource{{Name: "mix stage"}}, []Task{
		{Name: "premix", Duration: 3, Window: w1, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}}, WindowGroup: 0, PinGroup: NoGroup},
		{Name: "foley", Duration: 3, Window: w1, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}}, WindowGroup: 1, PinGroup: NoGroup},
		{Name: "music", Duration: 3, Window: w2, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}}, WindowGroup: 2, PinGroup: NoGroup},
	})
	groups(p, "premix window", "foley window", "music window")
	out = append(out, fixture{"two sessions in one short window", p, []GroupID{0, 1}, true})

	// Three sessions on one stage: any two fit before the deadline, not
	// all three, and no pool's work overflows a window.
	p = tiny([]Resource{{Name: "mix stage"}, {Name: "mixer"}, {Name: "foley artist"}}, []Task{
		{Name: "premix", Duration: 3, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}, {Candidates: []ResourceID{1}, Group: 0}}, WindowGroup: NoGroup, PinGroup: NoGroup},
		{Name: "foley", Duration: 3, Demands: []Demand{{Candidates: []ResourceID{2}, Group: NoGroup}, {Candidates: []ResourceID{1}, Group: 1}}, WindowGroup: NoGroup, PinGroup: NoGroup},
		{Name: "music", Duration: 3, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}, {Candidates: []ResourceID{2}, Group: 2}}, Deadline: 8, WindowGroup: NoGroup, PinGroup: NoGroup},
	})
	p.Tasks[0].Deadline, p.Tasks[1].Deadline = 8, 8
	groups(p, "premix needs the mixer", "foley needs the mixer", "music needs the foley artist")
	out = append(out, fixture{"three sessions pairwise sharing", p, []GroupID{0, 1, 2}, false})

	// Two confirmed bookings on one suite overlap.
	p = tiny([]Resource{{Name: "grade-a"}}, []Task{
		{Name: "ep1 grade", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}}, Pin: &Placement{Start: 2, Resources: []ResourceID{0}}, PinGroup: 0, WindowGroup: NoGroup},
		{Name: "ep2 grade", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}}, Pin: &Placement{Start: 4, Resources: []ResourceID{0}}, PinGroup: 1, WindowGroup: NoGroup},
		{Name: "ep3 grade", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}, Group: NoGroup}}, Pin: &Placement{Start: 12, Resources: []ResourceID{0}}, PinGroup: 2, WindowGroup: NoGroup},
	})
	groups(p, "B-1 confirmed", "B-2 confirmed", "B-3 confirmed")
	out = append(out, fixture{"overlapping confirmed bookings", p, []GroupID{0, 1}, true})
	return out
}

func TestExplain(t *testing.T) {
	for _, tt := range explainFixtures() {
		t.Run(tt.name, func(t *testing.T) {
			oracle := bruteOracle(t)
			got, err := Explain(context.Background(), tt.p, oracle)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("conflict %v (%s), want %v", got, tt.p.Describe(got), tt.want)
			}
			assertMinimalConflict(t, tt.p, got, oracle)
			quick := ExplainQuick(tt.p)
			if tt.quick && !slices.Equal(quick, tt.want) || !tt.quick && quick != nil {
				t.Errorf("quick conflict %v, want %v (%v)", quick, tt.want, tt.quick)
			}
		})
	}
}

// assertMinimalConflict checks that only the conflict's groups are
// infeasible and that dropping any one of them is feasible.
func assertMinimalConflict(t *testing.T, p *Problem, conflict []GroupID, oracle func(context.Context, *Problem) (bool, error)) {
	t.Helper()
	only := func(set []GroupID) *Problem {
		return p.Relax(func(g GroupID) bool { return slices.Contains(set, g) })
	}
	if ok, _ := oracle(context.Background(), only(conflict)); ok {
		t.Errorf("conflict %v is feasible", conflict)
	}
	for i := range conflict {
		rest := slices.Delete(slices.Clone(conflict), i, i+1)
		if ok, _ := oracle(context.Background(), only(rest)); !ok {
			t.Errorf("conflict %v without %d is still infeasible", conflict, conflict[i])
		}
	}
}

func TestExplainFeasible(t *testing.T) {
	p := dayGrid(1, []Resource{{Name: "editor"}}, []Task{on("cut", 4, 0)})
	if _, err := Explain(context.Background(), p, bruteOracle(t)); !errors.Is(err, ErrNoConflict) {
		t.Errorf("err %v, want ErrNoConflict", err)
	}
	if got := ExplainQuick(p); got != nil {
		t.Errorf("quick conflict %v", got)
	}
}

func TestExplainStops(t *testing.T) {
	p := explainFixtures()[0].p
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Explain(ctx, p, bruteOracle(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	boom := errors.New("oracle failed")
	fail := func(context.Context, *Problem) (bool, error) { return false, boom }
	q := explainFixtures()[3].p
	if _, err := Explain(context.Background(), q, fail); !errors.Is(err, boom) {
		t.Errorf("err %v, want %v", err, boom)
	}
}

func TestRelax(t *testing.T) {
	avail := NewBitset(48)
	p := dayGrid(1, []Resource{{Name: "maya", Available: avail, AvailabilityGroup: 0, Rules: WorkRules{MaxSlotsPerDay: 8}, RulesGroup: 1}, {Name: "adr-1", AvailabilityGroup: NoGroup}},
		[]Task{{Name: "adr", Duration: 2, Release: 3, Deadline: 40, Window: avail, WindowGroup: 2, PinGroup: 3,
			Demands:  []Demand{{Candidates: []ResourceID{0}, Group: 4}, {Candidates: []ResourceID{1}, Group: NoGroup}},
			Pin:      &Placement{Start: 5, Resources: []ResourceID{0, 1}},
			Previous: &Placement{Start: 7, Resources: []ResourceID{0, 1}}}})
	p.Precedences = []Precedence{{From: 0, To: 0, Group: 5}}
	p.Budgets = []BudgetCap{{Department: -1, Limit: 10, Group: 6}}

	all := p.Relax(func(GroupID) bool { return true })
	if all.Resources[0].Available == nil || all.Tasks[0].Pin == nil || len(all.Tasks[0].Demands) != 2 || len(all.Precedences) != 1 || len(all.Budgets) != 1 {
		t.Errorf("keeping every group changed the problem: %+v", all)
	}
	none := p.Relax(func(GroupID) bool { return false })
	task := none.Tasks[0]
	switch {
	case none.Resources[0].Available != nil || none.Resources[0].Rules != (WorkRules{}):
		t.Error("availability or rules kept")
	case task.Window != nil || task.Release != 0 || task.Deadline != 0 || task.Pin != nil:
		t.Error("window or pin kept")
	case len(task.Demands) != 1 || !slices.Equal(task.Previous.Resources, []ResourceID{1}):
		t.Errorf("demands %v, previous %v", task.Demands, task.Previous)
	case len(none.Precedences) != 0 || len(none.Budgets) != 0:
		t.Error("precedence or budget kept")
	case p.Tasks[0].Pin == nil || len(p.Tasks[0].Demands) != 2 || p.Resources[0].Available == nil:
		t.Error("Relax changed the original")
	}
	pinOnly := p.Relax(func(g GroupID) bool { return g == 3 })
	if !slices.Equal(pinOnly.Tasks[0].Pin.Resources, []ResourceID{1}) {
		t.Errorf("pin without the dropped demand: %v", pinOnly.Tasks[0].Pin)
	}
	if got := p.Describe([]GroupID{9}); got != "group 9" {
		t.Errorf("describe %q", got)
	}
}
