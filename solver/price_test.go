package solver

import (
	"slices"
	"testing"
)

func TestPriceAlone(t *testing.T) {
	// Two days' work: a grade of 20 slots at slot 0 on a card of 500 a
	// standard day of 20 slots plus 50 kit; the other task, on the same
	// resource, is left out of the price.
	p := dayGrid(3, []Resource{
		{Name: "grade 1", Rate: RateCard{Day: 500, DaySlots: 20, Kit: 50}},
		{Name: "colourist", Rate: RateCard{Hour: 40, PerTask: 100}},
	}, []Task{
		{Name: "grade", Duration: 20, Demands: []Demand{{Candidates: []ResourceID{0}}, {Candidates: []ResourceID{1}}}},
		on("review", 10, 0),
	})
	if err := p.Freeze(); err != nil {
		t.Fatal(err)
	}
	got, err := p.PriceAlone(0, []ResourceID{0, 1}, []Interval{{Start: 0, End: 20}})
	if err != nil {
		t.Fatal(err)
	}
	// The colourist: 20 half-hour slots at 40 an hour, and the session
	// fee.
	if want := []float64{550, 20*20 + 100}; !slices.Equal(got, want) {
		t.Errorf("priced alone %v, want %v", got, want)
	}
	if _, err := p.PriceAlone(0, []ResourceID{0, 7}, []Interval{{Start: 0, End: 20}}); err == nil {
		t.Error("a resource out of range was priced")
	}
	if _, err := p.PriceAlone(0, []ResourceID{0}, []Interval{{Start: 0, End: 4 * 48}}); err == nil {
		t.Error("work past the horizon was priced")
	}
	// Two pieces, on two days: two days of the suite.
	two, err := p.PriceAlone(0, []ResourceID{0}, []Interval{{Start: 0, End: 10}, {Start: 48, End: 58}})
	if err != nil || two[0] != 1100 {
		t.Errorf("two days priced %v, %v; want 1100", two, err)
	}
}
