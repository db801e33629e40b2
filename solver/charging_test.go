package solver

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// addCharging gives a generated problem two productions and draws, task
// by task, the production and department its share of cost goes to.
func addCharging(t *rapid.T, p *Problem) {
	p.Productions = []string{"harbour", "field"}
	p.Charging = make([]Charge, len(p.Tasks))
	for i := range p.Charging {
		p.Charging[i] = Charge{
			Production: rapid.IntRange(-1, 1).Draw(t, "production"),
			Department: rapid.IntRange(-1, len(p.Departments)-1).Draw(t, "task department"),
		}
	}
	p.frozen, p.drv = false, nil
	if err := p.Freeze(); err != nil {
		t.Fatalf("re-freeze: %v", err)
	}
}

// chargesDisagree lists where Evaluate, the verifier and the search
// state book different shares to a production and department, and where
// the shares do not add up to the resource cost.
func chargesDisagree(p *Problem, place []Placement) []string {
	sol, err := p.Evaluate(place)
	want, werr := RecomputeCost(p, place)
	st := searchState(p, place)
	if err != nil || werr != nil || st == nil {
		return nil
	}
	var out []string
	search := st.charges()
	extra := p.productionExtras(st.reading(func(t TaskID, i int) bool {
		return st.p.Tasks[t].owes(i, st.start[t], st.res[t])
	}))
	for pr := -1; pr < len(p.Productions); pr++ {
		for d := -1; d < len(p.Departments); d++ {
			var e, v float64
			switch {
			case pr < 0 && d < 0:
				e, v = sumOf(sol.Cost.ByResource), sumOf(want.ByResource)
			case pr < 0:
				e, v = sol.Cost.ByDepartment[d], want.ByDepartment[d]
			case d < 0:
				e, v = sol.Cost.ByProduction[pr], want.ByProduction[pr]
			default:
				continue
			}
			s := search.spend(pr, d)
			if pr >= 0 && d < 0 {
				// A production's cost counts its recalls and cancellations.
				s += extra.spend(pr, -1)
				if pr < len(p.Objective.CancelledByProduction) {
					s += p.Objective.CancelledByProduction[pr]
				}
			}
			if !nearlyEqual(e, v) || !nearlyEqual(e, s) {
				out = append(out, fmt.Sprintf("production %d department %d: Evaluate %v, verifier %v, search %v", pr, d, e, v, s))
			}
		}
	}
	return out
}

func sumOf(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// TestPropertyChargesAgree checks the split of shared resources among
// productions and departments: on random problems and placements the
// three pricers book the same shares, the shares add up to the resource
// cost, and on feasible schedules chargeBound is below each
// production's spend.
func TestPropertyChargesAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		addRateRules(t, p)
		addCharging(t, p)
		sol := pricersAgree(t, p, chargesDisagree)
		if sol == nil {
			return
		}
		st := searchState(p, sol.Placements)
		if st == nil {
			t.Fatalf("the search cannot expand %v", sol.Placements)
		}
		l := st.charges()
		for pr := -1; pr < len(p.Productions); pr++ {
			for d := -1; d < len(p.Departments); d++ {
				if b, s := chargeBound(p, pr, d), l.spend(pr, d); b > s+1e-6 {
					t.Fatalf("bound %v above production %d department %d's spend %v in %v\n%s", b, pr, d, s, sol.Placements, dump(p))
				}
			}
		}
	})
}

// TestPropertyProductionCapsAgree checks a facility's per-production
// caps with recall fees and cancellation charges on every resource: the
// three pricers give each production the same cost, and the search's cap
// penalty holds exactly when the verifier finds no cap broken.
func TestPropertyProductionCapsAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		addRateRules(t, p)
		addCancellation(t, p)
		for r := range p.Resources {
			if p.Calendar.SlotsPerDay > 0 && rapid.Bool().Draw(t, "recall everyone") {
				p.Resources[r].Rate.RecallFee, p.Resources[r].Rate.RecallDays = 300, 30
			}
		}
		p.Objective.CancelledByProduction = []float64{float64(rapid.IntRange(0, 2).Draw(t, "owed")) * 50, 0}
		for pr := range 2 { // addCharging's two productions
			if rapid.Bool().Draw(t, "capped") {
				p.Budgets = append(p.Budgets, BudgetCap{Department: -1, Production: pr,
					Limit: float64(rapid.IntRange(1, 60).Draw(t, "limit")) * 50, Group: -1})
			}
		}
		addCharging(t, p)
		place := drawPlacements(t, p)
		if bad := chargesDisagree(p, place); len(bad) > 0 {
			t.Fatalf("pricers disagree for %v:\n%s\n%s", place, strings.Join(bad, "\n"), dump(p))
		}
		sol, err := p.Evaluate(place)
		st := searchState(p, place)
		if err != nil || st == nil {
			return
		}
		broken := false
		var verr *VerifyError
		if errors.As(Verify(p, sol), &verr) {
			for _, v := range verr.Violations {
				if v.Kind != ViolationBudget {
					return // caps are read only on schedules that are otherwise sound
				}
				broken = true
			}
		}
		if held := st.capExcess() == 0; held == broken {
			t.Fatalf("search says caps held %v, verifier says broken %v, for %v (%v)\n%s", held, broken, place, sol.Cost.ByProduction, dump(p))
		}
	})
}

// TestPropertyChargesIncremental checks the search's running split: after
// a task is taken out of a state whose split was read, the split read
// again matches a fresh state that never held the task.
func TestPropertyChargesIncremental(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		addRateRules(t, p)
		addCharging(t, p)
		place := drawPlacements(t, p)
		st := searchState(p, place)
		if st == nil || len(place) == 0 {
			return
		}
		st.charges()
		k := TaskID(rapid.IntRange(0, len(place)-1).Draw(t, "task taken out"))
		st.unplace(k)
		fresh := newState(p)
		for i, pl := range place {
			if TaskID(i) != k {
				pieces, end, _ := p.expand(nil, &p.Tasks[i], pl.Start, pl.Resources)
				fresh.place(TaskID(i), pl.Start, pl.Resources, pieces, end)
			}
		}
		fresh.resync()
		got, want := st.charges(), fresh.charges()
		for pr := -1; pr < len(p.Productions); pr++ {
			for d := -1; d < len(p.Departments); d++ {
				if g, w := got.spend(pr, d), want.spend(pr, d); !nearlyEqual(g, w) {
					t.Fatalf("without task %d: production %d department %d: running %v, fresh %v", k, pr, d, g, w)
				}
			}
		}
	})
}
