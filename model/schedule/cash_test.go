package schedule

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

func TestWorkOutCash(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, london) }
	// A grade worked Fri 6 (week 45) and Mon 9 November (week 46), 10 h
	// each, costing 2,000 with a 600 deposit; a pencilled review on Mon 9
	// costing 500 with a 250 deposit.
	grade := Booking{ID: "grade", Status: booking.Confirmed, Cost: 2000, Deposit: 600,
		Pieces: []Piece{{day(6, 9), day(6, 19)}, {day(9, 9), day(9, 19)}}}
	review := Booking{ID: "review", Status: booking.Pencil, Cost: 500, Deposit: 250,
		Pieces: []Piece{{day(9, 9), day(9, 19)}}}
	weeks := []WeekCost{{Start: day(2, 0), Amount: 1000}, {Start: day(9, 0), Amount: 1500}}
	tests := []struct {
		name      string
		confirmed map[string]time.Time
		want      []string
	}{
		{"confirmed weeks before", map[string]time.Time{"grade": time.Date(2026, 10, 21, 12, 0, 0, 0, london)},
			[]string{"2026-W43 600+0", "2026-W45 0+700", "2026-W46 0+950"}},
		// No record of the confirmation: the week of now, Sat 7 November.
		{"confirmed now", nil, []string{"2026-W45 600+700", "2026-W46 0+950"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Schedule{TimeZone: "Europe/London", Bookings: []Booking{grade, review}, Cost: Cost{Weeks: weeks}}
			s.WorkOutCash(tt.confirmed, day(7, 10))
			var got []string
			total := s.Cash.OnConfirmation
			for _, w := range s.Cash.Weeks {
				got = append(got, fmt.Sprintf("%s %g+%g", w.Week, w.Deposits, w.Balances))
				total += w.Total()
			}
			if !slices.Equal(got, tt.want) || s.Cash.OnConfirmation != 250 || total != 2500 {
				t.Errorf("cash %q, on confirmation %v, total %v; want %q, 250 and 2,500", got, s.Cash.OnConfirmation, total, tt.want)
			}
		})
	}
}
