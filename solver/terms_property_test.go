package solver

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// withTerms appends extra terms to the table for the length of one test.
// Tests in this package do not run in parallel, so swapping the table is
// safe.
func withTerms(t testing.TB, extra ...costTerm) {
	saved := costTerms
	costTerms = append(append([]costTerm(nil), saved...), extra...)
	t.Cleanup(func() { costTerms = saved })
}

// searchState places every task of place in a fresh search state, or
// returns nil when a placement cannot be expanded.
func searchState(p *Problem, place []Placement) *state {
	st := newState(p)
	for i, pl := range place {
		pieces, end, e := p.expand(nil, &p.Tasks[i], pl.Start, pl.Resources)
		if e != expandOK {
			return nil
		}
		st.place(TaskID(i), pl.Start, pl.Resources, pieces, end)
	}
	st.resync()
	return st
}

// termsDisagree prices placements with every pricer of the table (the
// search state, Evaluate and the verifier's RecomputeCost) and lists each
// term on which they disagree, or why they could not all price it.
func termsDisagree(p *Problem, place []Placement) []string {
	want, werr := RecomputeCost(p, place)
	sol, err := p.Evaluate(place)
	if werr != nil || err != nil {
		return nil
	}
	st := searchState(p, place)
	if st == nil {
		return []string{"the search cannot expand what Evaluate expands"}
	}
	var out []string
	search := st.searchTerms()
	for i, term := range costTerms {
		ev, ver, se := sol.Cost.Terms[i], want.Terms[i], search[i]
		if ev.Term != term.name() || ver.Term != term.name() || se.Term != term.name() {
			out = append(out, fmt.Sprintf("term %d is %q/%q/%q, want %q", i, ev.Term, ver.Term, se.Term, term.name()))
			continue
		}
		if !nearlyEqual(ev.Amount, ver.Amount) || !nearlyEqual(ev.Amount, se.Amount) {
			out = append(out, fmt.Sprintf("%s: Evaluate %v, verifier %v, search %v", term.name(), ev.Amount, ver.Amount, se.Amount))
		}
	}
	if !nearlyEqual(sol.Cost.Total, st.cost()) || !nearlyEqual(sol.Cost.Total, want.Total) {
		out = append(out, fmt.Sprintf("total: Evaluate %v, verifier %v, search %v", sol.Cost.Total, want.Total, st.cost()))
	}
	return out
}

// termBoundsAbove lists each way the lower bound exceeds a feasible
// schedule's cost: in total, or term by term for the terms with a bound
// of their own.
func termBoundsAbove(p *Problem, sol *Solution) []string {
	var out []string
	if b := p.LowerBound(context.Background()); b.Cost > sol.Cost.Total+1e-6 {
		out = append(out, fmt.Sprintf("bound %v (%s) above the cost %v", b.Cost, b.Method, sol.Cost.Total))
	}
	order, _ := topoOrder(p)
	tb := criticalPath(p, order)
	bv := &boundView{p: p, tb: tb, makespan: tb.makespan}
	for i, term := range costTerms {
		if b, c := term.bound(bv), sol.Cost.Terms[i].Amount; b > c+1e-6 {
			out = append(out, fmt.Sprintf("%s: bound %v above the amount %v", term.name(), b, c))
		}
	}
	return out
}

// TestPropertyTermsAgree checks every term of the table: on random
// problems and placements the search state, Evaluate and the verifier
// agree term by term, and on feasible schedules no bound exceeds the
// cost.
func TestPropertyTermsAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		addRateRules(t, p)
		addCancellation(t, p)
		sol := pricersAgree(t, p, termsDisagree)
		if sol == nil {
			return
		}
		if bad := termBoundsAbove(p, sol); len(bad) > 0 {
			t.Fatalf("bound above a feasible schedule %v:\n%s\n%s", sol.Placements, strings.Join(bad, "\n"), dump(p))
		}
	})
}

// parkingRule is a made-up resource term for the test below: a parking
// fee for each day a resource works. Its verifier piece is broken on
// purpose when broken is set: it charges per busy slot, not per day.
type parkingRule struct {
	fee    float64
	broken bool
}

func (pr parkingRule) evalResource(e *evalView, r ResourceID) float64 {
	n := 0
	for _, u := range e.perDay[r] {
		if u > 0 {
			n++
		}
	}
	return pr.fee * float64(n)
}

func (pr parkingRule) verifyResource(v *verifyView, r ResourceID) float64 {
	n := 0
	usedDays(v.days[r], func(_, slots int) {
		if pr.broken {
			n += slots
		} else {
			n++
		}
	})
	return pr.fee * float64(n)
}

func (pr parkingRule) searchResource(st *state, r ResourceID) float64 {
	return pr.fee * float64(st.tl[r].usedDays)
}

func (parkingRule) demandRates(*Problem, ResourceID) demandRates { return demandRates{} }

// TestTermsAgreementCatchesBrokenPiece appends a made-up parking term to
// the table and shows that the agreement check prices it everywhere when
// its pieces agree and names it when its verifier piece is broken.
func TestTermsAgreementCatchesBrokenPiece(t *testing.T) {
	p := dayGrid(2, []Resource{{Name: "runner", Rate: RateCard{Hour: 10}}}, []Task{on("a", 3, 0), on("b", 2, 0)})
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	place := []Placement{at(18, 0), at(48+20, 0)}
	for _, broken := range []bool{false, true} {
		t.Run(fmt.Sprintf("broken=%v", broken), func(t *testing.T) {
			withTerms(t, resourceTerm{"parking", parkingRule{fee: 7, broken: broken}})
			sol, err := p.Evaluate(place)
			if err != nil {
				t.Fatal(err)
			}
			if got := termAmount(sol.Cost, "parking"); got != 14 {
				t.Fatalf("Evaluate charges %v for parking, want 14 (two days)", got)
			}
			bad := termsDisagree(p, place)
			switch {
			case !broken && len(bad) > 0:
				t.Fatalf("pieces that agree reported as disagreeing: %v", bad)
			case broken && (len(bad) == 0 || !strings.HasPrefix(bad[0], "parking: Evaluate 14, verifier 35")):
				t.Fatalf("broken verifier piece not reported: %v", bad)
			}
			if broken {
				t.Logf("reported: %v", bad)
			}
			if err := Verify(p, sol); (err != nil) != broken {
				t.Fatalf("Verify with broken=%v: %v", broken, err)
			}
		})
	}
}

// TestPropertyWeekCapHolds checks the weekly hours cap: every schedule
// the search keeps for a problem with MaxSlotsPerWeek passes the
// verifier, which counts the week's slots on its own (Solve reports a
// kept schedule that fails it as an internal error).
func TestPropertyWeekCapHolds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, tinySize)
		if p.Calendar.SlotsPerDay == 0 {
			return
		}
		for r := range p.Resources {
			p.Resources[r].Rules.MaxSlotsPerWeek = rapid.IntRange(0, 8).Draw(t, "max slots per week")
		}
		p.frozen, p.drv = false, nil
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
		sol, err := Solve(context.Background(), p, Options{Seed: rapid.Uint64().Draw(t, "seed"), Iterations: 20, Workers: 1})
		if strings.Contains(fmt.Sprint(err), "fails verification") {
			t.Fatalf("search broke a rule: %v\n%s", err, dump(p))
		}
		if err != nil {
			return
		}
		if err := Verify(p, sol); err != nil {
			t.Fatalf("search broke a rule: %v\n%s", err, dump(p))
		}
	})
}

// TestSearchKeepsWeekCap: an editor capped at 24 slots (12 h) a week
// with three 10-slot edits must spread them over two weeks; the search
// finds that and the verifier agrees.
func TestSearchKeepsWeekCap(t *testing.T) {
	p := dayGrid(14, []Resource{{Name: "editor", Rate: RateCard{Hour: 10}, Rules: WorkRules{MaxSlotsPerWeek: 24}}},
		[]Task{on("edit 1", 10, 0), on("edit 2", 10, 0), on("edit 3", 10, 0)})
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	sol, err := Solve(context.Background(), p, Options{Seed: 1, Iterations: 50, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	weeks := map[int]int{}
	for _, pieces := range sol.Pieces {
		for _, iv := range pieces {
			for s := iv.Start; s < iv.End; s++ {
				weeks[int(s)/(7*48)]++
			}
		}
	}
	if weeks[0] > 24 || weeks[1] > 24 {
		t.Errorf("slots per week %v, at most 24: %v", weeks, sol.Pieces)
	}
}

// pricersAgree draws placements for p and fails when disagree lists
// anything for them. It returns them evaluated when they are feasible,
// else what a short search finds (a random placement is seldom
// feasible; a short search gives one more often), or nil when it finds
// nothing.
func pricersAgree(t *rapid.T, p *Problem, disagree func(*Problem, []Placement) []string) *Solution {
	place := drawPlacements(t, p)
	if bad := disagree(p, place); len(bad) > 0 {
		t.Fatalf("pricers disagree for %v:\n%s\n%s", place, strings.Join(bad, "\n"), dump(p))
	}
	sol, err := p.Evaluate(place)
	if err != nil || Verify(p, sol) != nil {
		opts := Options{Seed: rapid.Uint64().Draw(t, "seed"), Iterations: 10, Workers: 1}
		if sol, err = Solve(context.Background(), p, opts); err != nil {
			return nil
		}
	}
	return sol
}
