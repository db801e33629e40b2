package solver

import (
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"
)

// twoChainsProblem: two cut chains (a one-day cut, then a two-day cut
// that keeps its editor), Ann cheaper than Bob. The first chain starts on
// day 0 and ends by day 3; the second one's first cut is day 1 and its
// second cut must end by the end of day 3. Ann takes the first chain;
// cutting the second chain's first cut with her (cheaper, and free on day
// 1 while the first chain's second cut waits) leaves its second cut no
// room before its deadline: the second chain is Bob's.
func twoChainsProblem() *Problem {
	working := NewBitset(48 * 5)
	for d := Slot(0); d < 5; d++ {
		working.SetRange(48*d+18, 48*d+38)
	}
	editors := []ResourceID{0, 1}
	cut := func(name string, d int, release, deadline Slot) Task {
		return Task{Name: name, Duration: d, Window: working, Release: release, Deadline: deadline, Demands: []Demand{{Candidates: editors}}}
	}
	p := dayGrid(5, []Resource{
		{Name: "Ann", Rate: RateCard{Day: 400, DaySlots: 20}},
		{Name: "Bob", Rate: RateCard{Day: 500, DaySlots: 20}},
	}, []Task{
		cut("ep1 editor's cut", 20, 0, 0),
		cut("ep1 director's cut", 40, 0, 48*3+38),
		cut("ep2 editor's cut", 20, 48, 48+38),
		cut("ep2 director's cut", 40, 0, 48*4),
	})
	p.Tasks[1].Split, p.Tasks[1].MinChunk = true, 20
	p.Tasks[3].Split, p.Tasks[3].MinChunk = true, 20
	p.Precedences = []Precedence{{From: 0, To: 1}, {From: 2, To: 3}}
	p.SameResources = []SameResource{{A: 0, B: 1, Group: NoGroup}, {A: 2, B: 3, Group: NoGroup}}
	return p
}

// TestConstructKeepsChainTogether: the construction chooses the second
// chain's editor for the whole chain (Bob), not for its first cut alone
// (Ann, cheaper and free that day, who would leave the second cut no
// room before its deadline).
func TestConstructKeepsChainTogether(t *testing.T) {
	for _, cheapest := range []bool{false, true} {
		p := twoChainsProblem()
		if err := p.Freeze(); err != nil {
			t.Fatal(err)
		}
		st := newState(p)
		rng := rand.New(rand.NewPCG(1, 2))
		if err := st.construct(p.priorityList(nil, rng, 0), nil, rng, 0, cheapest); err != nil {
			t.Fatal(err)
		}
		if st.nPlaced != len(p.Tasks) {
			t.Fatalf("cheapest %v: %d of %d tasks placed", cheapest, st.nPlaced, len(p.Tasks))
		}
		if st.res[0][0] != st.res[1][0] || st.res[2][0] != st.res[3][0] || st.res[0][0] == st.res[2][0] {
			t.Errorf("cheapest %v: cuts went to %v, want one editor per chain", cheapest, st.res)
		}
	}
}

// TestPropertyConstructSameResource: every task the construction places
// keeps the resource of each placed task it is linked to, so a group
// shares one resource per linked entry even before the search repairs
// anything.
func TestPropertyConstructSameResource(t *testing.T) {
	size := tinySize
	size.timeRules = true
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, size)
		st := newState(p)
		rng := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		cheapest := rapid.Bool().Draw(t, "cheapest")
		if err := st.construct(p.priorityList(nil, rng, 0.3), nil, rng, 0.03, cheapest); err != nil {
			return // pins that cannot hold
		}
		for _, l := range p.SameResources {
			if st.placed[l.A] && st.placed[l.B] && st.res[l.A][l.SlotA] != st.res[l.B][l.SlotB] {
				t.Fatalf("%q uses %d, %q uses %d\n%s", p.Tasks[l.A].Name, st.res[l.A][l.SlotA], p.Tasks[l.B].Name, st.res[l.B][l.SlotB], dump(p))
			}
		}
		if len(st.force) != 0 {
			t.Fatalf("construction left %d forced entries", len(st.force))
		}
	})
}
