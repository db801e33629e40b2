package solver

import "testing"

// TestInsertionFillsPaidDay checks that an insertion finds the rest of a
// day a pooled person is already paid for, which the first feasible
// start of the day (someone idle all day) misses.
func TestInsertionFillsPaidDay(t *testing.T) {
	const a, b = ResourceID(0), ResourceID(1)
	tests := []struct {
		name      string
		booked    int  // slots A already works from 09:00 on day 0
		window    Slot // the new session's window ends here each day
		duration  int
		wantStart Slot
		wantRes   ResourceID
		wantScore float64
	}{
		{name: "rest of A's paid day", booked: 8, window: 38, duration: 10, wantStart: 26, wantRes: a, wantScore: 0},
		{name: "A's day too full: B's day at 09:00", booked: 16, window: 38, duration: 10, wantStart: 18, wantRes: b, wantScore: 300},
		{name: "the window ends before A comes free for long enough", booked: 8, window: 30, duration: 10, wantStart: 18, wantRes: b, wantScore: 300},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := dayGrid(2, []Resource{
				{Name: "A", Rate: RateCard{Day: 400, DaySlots: 20}},
				{Name: "B", Rate: RateCard{Day: 300, DaySlots: 20}},
			}, []Task{
				{Name: "A's session", Duration: tc.booked, Window: dayHours(2, 18, 38), Demands: []Demand{{Candidates: []ResourceID{a}}}},
				{Name: "pool session", Duration: tc.duration, Window: dayHours(2, 18, tc.window), Demands: []Demand{{Candidates: []ResourceID{a, b}}}},
			})
			if err := p.Freeze(); err != nil {
				t.Fatal(err)
			}
			st := newState(p)
			st.place(0, 18, []ResourceID{a}, []Interval{{18, 18 + Slot(tc.booked)}}, 18+Slot(tc.booked))
			in := &st.sc.ins
			st.findInsertion(1, nil, 0, in)
			if !in.ok {
				t.Fatal("no insertion found")
			}
			if in.start != tc.wantStart || len(in.res) != 1 || in.res[0] != tc.wantRes || in.score != tc.wantScore {
				t.Errorf("insertion at %d on %v scoring %v, want %d on [%d] scoring %v",
					in.start, in.res, in.score, tc.wantStart, tc.wantRes, tc.wantScore)
			}
		})
	}
}
