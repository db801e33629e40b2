package solver

import (
	"testing"

	"pgregory.net/rapid"
)

// TestPropertyTravelCostDays checks that pricing travel from the set of
// used days gives exactly what the walk over every day gives.
func TestPropertyTravelCostDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rc := RateCard{
			Travel: float64(rapid.IntRange(0, 5000).Draw(t, "travel")) / 7,
			Hold:   float64(rapid.IntRange(0, 800).Draw(t, "hold")) / 3,
		}
		busy := rapid.SliceOfN(rapid.Int32Range(0, 3), 1, 300).Draw(t, "busy")
		used := NewBitset(len(busy))
		for d, u := range busy {
			if u > 0 {
				used.Set(Slot(d))
			}
		}
		if got, want := travelCostDays(&rc, used), travelCost(&rc, busy, nil, nil); got != want {
			t.Fatalf("travel from used days %v, from every day %v", got, want)
		}
	})
}
