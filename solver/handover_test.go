package solver

import "testing"

// TestHandoverPriced: the assembly is Ann's (resource 0); a director's cut
// cut by Bob (resource 1) costs the 500 handover once, in Evaluate and in
// the verifier alike, and nothing when Ann keeps it. The search, free to
// choose, keeps Ann although Bob is 100 a day cheaper: the switch would
// cost 500 to save 100.
func TestHandoverPriced(t *testing.T) {
	editors := []Resource{{Name: "Ann", Capacity: 1, Rate: RateCard{Day: 500}}, {Name: "Bob", Capacity: 1, Rate: RateCard{Day: 400}}}
	both := []Demand{{Candidates: []ResourceID{0, 1}}}
	p := dayGrid(6, editors, []Task{
		{Name: "assembly", Duration: 4, Demands: []Demand{{Candidates: []ResourceID{0}}}},
		{Name: "directors-cut", Duration: 4, Demands: both},
	})
	p.Precedences = []Precedence{{From: 0, To: 1}}
	p.Handovers = []Handover{{A: 0, B: 1, Cost: 500}}
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		editor ResourceID
		want   float64
	}{{"kept", 0, 0}, {"switched", 1, 500}} {
		place := []Placement{at(0, 0), at(48, tt.editor)}
		sol, err := p.Evaluate(place)
		if err != nil {
			t.Fatal(err)
		}
		ver, err := RecomputeCost(p, place)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := termAmount(sol.Cost, TermHandovers), termAmount(ver, TermHandovers); a != tt.want || b != tt.want {
			t.Errorf("%s: Evaluate %v, verifier %v, want %v", tt.name, a, b, tt.want)
		}
	}
	sol, err := Solve(t.Context(), p, Options{Seed: 1, Iterations: 50, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r := sol.Placements[1].Resources[0]; r != 0 {
		t.Errorf("director's cut by %s, want Ann kept", p.Resources[r].Name)
	}
}
