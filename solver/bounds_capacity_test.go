package solver

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

func TestCapacityResourceCost(t *testing.T) {
	half := NewBitset(48)
	half.SetRange(0, 20)
	morning := NewBitset(48)
	morning.SetRange(0, 10)
	grade := func(name string, d int, window Bitset) Task {
		return Task{Name: name, Duration: d, Window: window, Demands: []Demand{{Candidates: []ResourceID{0, 1}}}}
	}
	for _, tt := range []struct {
		name string
		p    *Problem
		want float64
	}{
		{"all to the cheaper colourist", dayGrid(1, []Resource{{Name: "ines", Rate: RateCard{Hour: 100}}, {Name: "tom", Rate: RateCard{Hour: 60}}},
			[]Task{grade("grade", 4, nil)}), 120},
		{"the cheaper colourist has room for one session", dayGrid(1,
			[]Resource{{Name: "ines", Rate: RateCard{Hour: 100}}, {Name: "tom", Rate: RateCard{Hour: 60}, Available: half}},
			[]Task{grade("grade 1", 20, nil), grade("grade 2", 20, nil)}), 20*30 + 20*50},
		{"the sessions' windows leave the cheaper one less room", dayGrid(1,
			[]Resource{{Name: "ines", Rate: RateCard{Hour: 100}}, {Name: "tom", Rate: RateCard{Hour: 60}, Available: half}},
			[]Task{grade("grade 1", 10, morning), grade("grade 2", 10, morning)}), 10*30 + 10*50},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := capacityResourceCost(tt.p, roomsOf(tt.p)); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("capacity bound %v, want %v", got, tt.want)
			}
		})
	}
}

// TestPropertyCapacityBelowLP checks the claim that makes
// capacityResourceCost a bound: with the LP's rooms (capacity times the
// available slots) it relaxes the LP of lpResourceCost, so it is never
// above the LP's optimum where the LP can be solved. (roomsOf is tighter
// than the LP's rooms; TestPropertyBounds checks the bound with them
// against brute force.) Visits are left out of the comparison: the LP
// prices them only for demands that are not pinned, the greedy bound and
// this one for every resource a task cannot do without.
func TestPropertyCapacityBelowLP(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genProblem(t, genSize{tasks: 6, resources: 4, maxSlots: 30})
		rates := allResourceRates(p)
		for _, task := range p.Tasks {
			if task.Pin != nil {
				t.Skip("pinned")
			}
		}
		for _, r := range rates {
			if r.visit > 0 {
				t.Skip("visits")
			}
		}
		lp, ok := lpResourceCost(p, rates)
		if !ok {
			t.Skip("no LP")
		}
		rooms := make([]float64, len(p.Resources))
		for r := range rooms {
			rooms[r] = float64(p.Resources[r].Capacity * availableSlots(p, ResourceID(r)))
		}
		if c := capacityResourceCost(p, rooms); c > lp+1e-6*math.Max(1, lp) {
			t.Fatalf("capacity bound %v above the LP's %v", c, lp)
		}
	})
}
