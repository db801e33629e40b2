package solver

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrNoConflict is returned by Explain when the problem is feasible as far
// as the oracle can tell, so there is nothing to explain.
var ErrNoConflict = errors.New("solver: no conflict: the oracle finds the problem feasible")

// Relax returns a copy of p without the constraints of the groups for
// which keep is false. A relaxed resource availability is always
// available; relaxed work rules are none; a relaxed task window also drops
// its release and deadline; a relaxed pin unpins the task; a relaxed
// demand is removed (with its entries in Pin and Previous); relaxed
// precedences and budget caps are removed. Constraints in NoGroup (or any
// negative group) are always kept. The copy is not frozen; it shares
// bitsets and names with p, which must not change.
func (p *Problem) Relax(keep func(GroupID) bool) *Problem {
	kept := func(g GroupID) bool { return g < 0 || keep(g) }
	q := &Problem{
		Name:        p.Name,
		Slots:       p.Slots,
		Calendar:    p.Calendar,
		Departments: p.Departments,
		Productions: p.Productions,
		Charging:    p.Charging,
		Objective:   p.Objective,
		Groups:      p.Groups,
		Resources:   slices.Clone(p.Resources),
		Tasks:       make([]Task, len(p.Tasks)),
	}
	for i := range q.Resources {
		r := &q.Resources[i]
		if !kept(r.AvailabilityGroup) {
			r.Available = nil
		}
		if !kept(r.RulesGroup) {
			r.Rules = WorkRules{}
		}
	}
	for i, task := range p.Tasks {
		if !kept(task.WindowGroup) {
			task.Window, task.Premium, task.Release, task.Deadline = nil, nil, 0, 0
		}
		if !kept(task.PinGroup) {
			task.Pin = nil
		}
		task.Demands = nil
		var dropped []int // demand indexes removed
		for d, dem := range p.Tasks[i].Demands {
			if kept(dem.Group) {
				task.Demands = append(task.Demands, dem)
			} else {
				dropped = append(dropped, d)
			}
		}
		if len(dropped) > 0 {
			task.Pin = withoutDemands(p.Tasks[i].Demands, dropped, task.Pin)
			task.Previous = withoutDemands(p.Tasks[i].Demands, dropped, task.Previous)
		}
		q.Tasks[i] = task
	}
	for _, pr := range p.Precedences {
		if kept(pr.Group) {
			q.Precedences = append(q.Precedences, pr)
		}
	}
	for _, b := range p.Budgets {
		if kept(b.Group) {
			q.Budgets = append(q.Budgets, b)
		}
	}
	q.relaxTimeRules(p, kept)
	return q
}

// withoutDemands returns a copy of pl without the resources of the
// dropped demands; a placement that does not match the demands is kept.
func withoutDemands(demands []Demand, dropped []int, pl *Placement) *Placement {
	if pl == nil {
		return nil
	}
	want := 0
	for _, d := range demands {
		want += d.count()
	}
	if len(pl.Resources) != want {
		return pl
	}
	out := &Placement{Start: pl.Start}
	k := 0
	for d, dem := range demands {
		if !slices.Contains(dropped, d) {
			out.Resources = append(out.Resources, pl.Resources[k:k+dem.count()]...)
		}
		k += dem.count()
	}
	return out
}

// Explain finds a minimal set of constraint groups that cannot hold
// together, by QuickXplain (Junker 2004) over the groups p uses. feasible
// is the oracle: it is given frozen relaxed copies of p (see Relax) and
// reports whether it finds a schedule; it should be monotone (relaxing
// more never makes a problem infeasible). The cheap necessary checks of
// ExplainQuick answer first, so the oracle only sees copies they cannot
// refute.
//
// The result, sorted, is infeasible with only its own groups kept, and
// dropping any one of them makes the oracle find a schedule. An empty
// result means the constraints outside every group conflict by
// themselves. Explain returns ErrNoConflict when p itself is feasible, and
// the oracle's error or ctx's when either stops it.
func Explain(ctx context.Context, p *Problem, feasible func(ctx context.Context, q *Problem) (bool, error)) ([]GroupID, error) {
	x := newExplainer(p, func(q *Problem) (bool, error) {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		if quickConflict(q) != "" {
			return true, nil
		}
		if err := q.Freeze(); err != nil {
			// Structure the search cannot take (a precedence cycle) is
			// a conflict in its own right.
			return true, nil
		}
		ok, err := feasible(ctx, q)
		if err != nil {
			return false, fmt.Errorf("solver: explain: %w", err)
		}
		return !ok, nil
	})
	return x.explain()
}

// ExplainQuick finds a minimal set of groups that the cheap necessary
// checks alone prove cannot hold together, without any search: a task with
// no room in its window and its resources' availability, a deadline or pin
// that the critical path cannot reach, more work than a resource or pool
// has room for before the deadlines, a budget cap below the least possible
// spend, a session longer than a person's day. It returns nil when the
// checks find no conflict (which does not prove the problem feasible).
func ExplainQuick(p *Problem) []GroupID {
	x := newExplainer(p, func(q *Problem) (bool, error) { return quickConflict(q) != "", nil })
	conflict, err := x.explain()
	if err != nil {
		return nil
	}
	return conflict
}

// explainer runs QuickXplain with a memo of oracle answers.
type explainer struct {
	p            *Problem
	groups       []GroupID
	inconsistent func(q *Problem) (bool, error)
	memo         map[string]bool
}

func newExplainer(p *Problem, inconsistent func(q *Problem) (bool, error)) *explainer {
	return &explainer{p: p, groups: usedGroups(p), inconsistent: inconsistent, memo: map[string]bool{}}
}

// usedGroups lists, sorted, the groups that hold some constraint of p
// (a group whose constraints constrain nothing cannot be in a conflict).
func usedGroups(p *Problem) []GroupID {
	var gs []GroupID
	for _, r := range p.Resources {
		if r.Available != nil {
			gs = append(gs, r.AvailabilityGroup)
		}
		if r.Rules != (WorkRules{}) {
			gs = append(gs, r.RulesGroup)
		}
	}
	for _, t := range p.Tasks {
		if t.Window != nil || t.Release != 0 || t.Deadline != 0 {
			gs = append(gs, t.WindowGroup)
		}
		if t.Pin != nil {
			gs = append(gs, t.PinGroup)
		}
		for _, d := range t.Demands {
			gs = append(gs, d.Group)
		}
	}
	for _, pr := range p.Precedences {
		gs = append(gs, pr.Group)
	}
	for _, b := range p.Budgets {
		gs = append(gs, b.Group)
	}
	gs = p.appendTimeRuleGroups(gs)
	slices.Sort(gs)
	gs = slices.Compact(gs)
	for len(gs) > 0 && gs[0] < 0 {
		gs = gs[1:]
	}
	return gs
}

// conflicts reports whether keeping only the groups in set is infeasible.
func (x *explainer) conflicts(set []GroupID) (bool, error) {
	set = slices.Sorted(slices.Values(set))
	key := fmt.Sprint(set)
	if v, ok := x.memo[key]; ok {
		return v, nil
	}
	q := x.p.Relax(func(g GroupID) bool { _, ok := slices.BinarySearch(set, g); return ok })
	v, err := x.inconsistent(q)
	if err != nil {
		return false, err
	}
	x.memo[key] = v
	return v, nil
}

func (x *explainer) explain() ([]GroupID, error) {
	bad, err := x.conflicts(x.groups)
	if err != nil {
		return nil, err
	}
	if !bad {
		return nil, ErrNoConflict
	}
	if bad, err := x.conflicts(nil); err != nil || bad {
		return []GroupID{}, err
	}
	conflict, err := x.qx(nil, false, x.groups)
	if err != nil {
		return nil, err
	}
	// Deletion filter: with a monotone oracle this changes nothing; with
	// a heuristic one it makes the answer minimal all the same.
	for i := 0; i < len(conflict); {
		rest := slices.Delete(slices.Clone(conflict), i, i+1)
		if bad, err := x.conflicts(rest); err != nil {
			return nil, err
		} else if bad {
			conflict = rest
			continue
		}
		i++
	}
	slices.Sort(conflict)
	return conflict, nil
}

// qx is QuickXplain: a minimal subset of c that conflicts together with
// the background b, when b ∪ c conflicts; hasDelta says whether the last
// call added groups to b.
func (x *explainer) qx(b []GroupID, hasDelta bool, c []GroupID) ([]GroupID, error) {
	if hasDelta {
		if bad, err := x.conflicts(b); err != nil || bad {
			return nil, err
		}
	}
	if len(c) == 1 {
		return c, nil
	}
	c1, c2 := c[:len(c)/2], c[len(c)/2:]
	d2, err := x.qx(slices.Concat(b, c1), true, c2)
	if err != nil {
		return nil, err
	}
	d1, err := x.qx(slices.Concat(b, d2), len(d2) > 0, c1)
	if err != nil {
		return nil, err
	}
	return slices.Concat(d1, d2), nil
}

// quickConflict runs the cheap necessary checks and returns why q cannot
// be feasible, or "" when they find nothing.
func quickConflict(q *Problem) string {
	if q.Slots <= 0 {
		return fmt.Sprintf("horizon of %d slots", q.Slots)
	}
	for _, r := range q.Resources {
		if r.Capacity < 1 {
			return fmt.Sprintf("%q has no capacity", r.Name)
		}
	}
	if why := structureConflict(q); why != "" {
		return why
	}
	order, ok := topoOrder(q)
	if !ok {
		return "precedence cycle"
	}
	tb := criticalPath(q, order)
	if tb.bad >= 0 {
		return tb.why
	}
	if why := energyConflict(q, tb); why != "" {
		return why
	}
	if why := budgetConflict(q, tb); why != "" {
		return why
	}
	return rulesConflict(q)
}

// structureConflict checks demands and pins one task at a time.
func structureConflict(q *Problem) string {
	for i, task := range q.Tasks {
		for _, d := range task.Demands {
			if d.count() > len(d.Candidates) {
				return fmt.Sprintf("%q needs %d of %d candidates", task.Name, d.count(), len(d.Candidates))
			}
			for _, r := range d.Candidates {
				if r < 0 || int(r) >= len(q.Resources) {
					return fmt.Sprintf("%q: resource %d out of range", task.Name, r)
				}
			}
		}
		if task.Pin == nil {
			continue
		}
		v := &verifier{p: q}
		if !v.checkDemands(TaskID(i), *task.Pin) {
			return v.out[0].Message
		}
		if _, _, why := taskPieces(q, TaskID(i), *task.Pin); why != "" {
			return fmt.Sprintf("%q pinned: %s", task.Name, why)
		}
	}
	return pinsConflict(q)
}

// pinsConflict finds confirmed bookings that overload a resource together.
func pinsConflict(q *Problem) string {
	use := make([][]int, len(q.Resources))
	for i, task := range q.Tasks {
		if task.Pin == nil {
			continue
		}
		pieces, _, _ := taskPieces(q, TaskID(i), *task.Pin)
		k := 0
		for _, d := range task.Demands {
			for range d.count() {
				r := task.Pin.Resources[k]
				k++
				if use[r] == nil {
					use[r] = make([]int, q.Slots)
				}
				for _, pc := range pieces {
					for s := pc.Start; s < pc.End; s++ {
						if use[r][s] += d.units(); use[r][s] > q.Resources[r].Capacity {
							return fmt.Sprintf("confirmed bookings overload %q in slot %d", q.Resources[r].Name, s)
						}
					}
				}
			}
		}
	}
	return ""
}

// budgetConflict compares each cap with the least possible spend.
func budgetConflict(q *Problem, tb timeBounds) string {
	for _, b := range q.Budgets {
		var spend float64
		what := q.capName(b)
		switch pr := q.capProduction(b); {
		case pr >= 0 && q.charging():
			spend = chargeBound(q, pr, b.Department)
		case b.Department < 0:
			spend = greedyResourceCost(q, nil)
			if spd := q.Calendar.SlotsPerDay; spd > 0 && tb.busyEnd > 0 {
				spend += q.Objective.OverheadPerDay * float64((int(tb.busyEnd)-1)/spd+1)
			}
		case q.charging():
			spend = chargeBound(q, -1, b.Department)
		default:
			dept := b.Department
			spend = greedyResourceCost(q, func(r ResourceID) bool { return q.Resources[r].Department == dept })
		}
		if spend > b.Limit && !nearlyEqual(spend, b.Limit) {
			return fmt.Sprintf("%s spend of at least %.2f is over the cap of %.2f", what, spend, b.Limit)
		}
	}
	return ""
}

// rulesConflict finds a session that no working day of a person it cannot
// do without can hold: longer than two days' worth, or longer than one
// day's worth with rest required between days.
func rulesConflict(q *Problem) string {
	spd := q.Calendar.SlotsPerDay
	if spd <= 0 {
		return ""
	}
	for _, task := range q.Tasks {
		if task.Split || task.Duration == 0 {
			continue
		}
		for _, d := range task.Demands {
			if len(d.Candidates) != d.count() {
				continue
			}
			for _, r := range d.Candidates {
				rules := q.Resources[r].Rules
				if rules.MaxSlotsPerDay <= 0 || rules.MaxSlotsPerDay >= spd || task.Duration <= rules.MaxSlotsPerDay {
					continue
				}
				if task.Duration > 2*rules.MaxSlotsPerDay || rules.MinRestSlots > 0 {
					return fmt.Sprintf("%q lasts %d slots, %q works at most %d a day", task.Name, task.Duration, q.Resources[r].Name, rules.MaxSlotsPerDay)
				}
			}
		}
	}
	return ""
}

// Describe names each group of a conflict in the caller's words, for an
// InfeasibleError: "kind label" joined by "; ".
func (p *Problem) Describe(conflict []GroupID) string {
	parts := make([]string, 0, len(conflict))
	for _, g := range conflict {
		if g >= 0 && int(g) < len(p.Groups) {
			parts = append(parts, strings.TrimSpace(p.Groups[g].Kind+" "+p.Groups[g].Label))
		} else {
			parts = append(parts, fmt.Sprintf("group %d", g))
		}
	}
	return strings.Join(parts, "; ")
}

// ConflictError wraps a conflict found by Explain or ExplainQuick as the
// error a caller reports: errors.Is(err, ErrInfeasible) holds, Conflict
// holds the groups and Reason names them in the caller's words.
func (p *Problem) ConflictError(conflict []GroupID) *InfeasibleError {
	return &InfeasibleError{
		Conflict: slices.Clone(conflict),
		Reason:   "these cannot all hold: " + p.Describe(conflict),
	}
}
