package schedule_test

import (
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/schedule"
)

func TestDeliveryOf(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2026, 10, d, h, 0, 0, 0, time.UTC) }
	work := []schedule.Booking{
		{ID: "grade", Pieces: []schedule.Piece{{Start: day(5, 9), End: day(5, 19)}, {Start: day(7, 9), End: day(7, 19)}}},
		{ID: "qc", Pieces: []schedule.Piece{{Start: day(8, 9), End: day(8, 14)}}},
	}
	for _, tt := range []struct {
		name       string
		milestones []schedule.Milestone
		bookings   []schedule.Booking
		want       time.Time
	}{
		{"the latest episode delivery", []schedule.Milestone{
			{ID: "ep1/delivered", At: day(2, 19)}, {ID: "ep2/delivered", At: day(9, 19)}, {ID: "ep2/picture-lock", At: day(12, 19)},
		}, work, day(9, 19)},
		{"a milestone named Delivery", []schedule.Milestone{{ID: "m1", Name: "Delivery to broadcaster", At: day(6, 19)}}, work, day(6, 19)},
		{"no delivery milestone: the last worked piece", []schedule.Milestone{{ID: "picture-lock", At: day(12, 19)}}, work, day(8, 14)},
		{"nothing", nil, nil, time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := schedule.DeliveryOf(tt.milestones, tt.bookings); !got.Equal(tt.want) {
				t.Errorf("DeliveryOf = %s, want %s", got, tt.want)
			}
		})
	}
}
