package report

import (
	"testing"
)

// TestGanttBookingOnEveryRoom: a booking of two rooms (remote ADR) is a
// bar on both rooms' rows.
func TestGanttBookingOnEveryRoom(t *testing.T) {
	s := fixtureSchedule()
	for i := range s.Bookings {
		if s.Bookings[i].Suites[0] == "ADR Stage" {
			s.Bookings[i].Suites = append(s.Bookings[i].Suites, "Glasgow Remote Stage")
		}
	}
	g := newGantt(s)
	held := map[string][]string{}
	for _, r := range g.suites {
		for _, b := range r.bookings {
			held[r.name] = append(held[r.name], b.ID)
		}
	}
	stage, remote := held["ADR Stage"], held["Glasgow Remote Stage"]
	if len(stage) == 0 || len(remote) != len(stage) || remote[0] != stage[0] {
		t.Errorf("ADR Stage holds %v, Glasgow Remote Stage %v: want the same bookings on both rows", stage, remote)
	}
}
