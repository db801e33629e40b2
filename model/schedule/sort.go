package schedule

import (
	"cmp"
	"slices"
)

func sortBookings(bs []Booking) {
	slices.SortStableFunc(bs, func(a, b Booking) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func sortMilestones(ms []Milestone) {
	slices.SortStableFunc(ms, func(a, b Milestone) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}
