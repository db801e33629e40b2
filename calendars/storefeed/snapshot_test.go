package storefeed

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// TestSnapshot: every field a calendar shows comes from the store booking
// and the roster, and LAST-MODIFIED is the booking's last change, not the
// last run.
func TestSnapshot(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	st := openStore(t, clk)
	commit(t, st, grade(1, 8, 10), adr(10))
	clk.tick(time.Hour)
	commit(t, st, grade(1, 8, 10), adr(11)) // the ADR moves, the grade stays
	clk.tick(time.Hour)
	if _, err := st.Confirm(ctx, []string{"B-hl-ep1.grade"}, "agreed", "jo"); err != nil {
		t.Fatal(err)
	}
	confirmed := clk.now()
	clk.tick(time.Hour)
	commit(t, st, grade(1, 8, 10)) // the ADR is released
	released := clk.now()

	prod, bs, err := Snapshot(ctx, st, testRoster(t))
	if err != nil {
		t.Fatal(err)
	}
	if !prod.Updated.Equal(released) || prod.ID != "harbour-lights" {
		t.Errorf("production %q updated %s, want harbour-lights, %s", prod.ID, prod.Updated, released)
	}
	want := map[string]calendars.Booking{
		"B-hl-ep1.grade": {ID: "B-hl-ep1.grade", Sequence: 1, Status: booking.Confirmed,
			Start: day9(8).UTC(), End: day9(8).Add(10 * time.Hour).UTC(), Session: "Grade", Episode: "Ep 1",
			Suite: calendars.Ref{ID: "grade-1", Name: "Grade 1"}, Facility: "Halo Post", Categories: []string{"grade"},
			People: []calendars.Ref{{ID: "ines", Name: "Inès Moreau"}}, LastModified: confirmed},
		"B-hl-adr": {ID: "B-hl-adr", Sequence: 2, Status: booking.Released,
			Start: day9(11).UTC(), End: day9(11).Add(4 * time.Hour).UTC(), Session: "ADR",
			Suite: calendars.Ref{ID: "adr-1", Name: "ADR Stage"}, Categories: []string{"adr"},
			People: []calendars.Ref{{ID: "lena", Name: "Lena Park"}}, Artistes: []calendars.Ref{{ID: "maya", Name: "Maya Rees"}},
			Notes: "bring the revised script", LastModified: released},
	}
	if len(bs) != len(want) {
		t.Fatalf("%d bookings, want %d", len(bs), len(want))
	}
	for _, b := range bs {
		w := want[b.ID]
		if !sameCalendarBooking(b, w) {
			t.Errorf("booking %s:\n got %+v\nwant %+v", b.ID, b, w)
		}
	}
}

// sameCalendarBooking compares two calendars bookings field by field.
func sameCalendarBooking(a, b calendars.Booking) bool {
	return a.ID == b.ID && a.Sequence == b.Sequence && a.Status == b.Status && a.Start.Equal(b.Start) &&
		a.End.Equal(b.End) && a.Session == b.Session && a.Episode == b.Episode && a.Suite == b.Suite &&
		a.Facility == b.Facility && slices.Equal(a.People, b.People) && slices.Equal(a.Artistes, b.Artistes) &&
		a.Notes == b.Notes && slices.Equal(a.Categories, b.Categories) && a.LastModified.Equal(b.LastModified)
}

// TestEpisode: episode numbers read as people say them.
func TestEpisode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""}, {"3", "Ep 3"}, {"12", "Ep 12"}, {"Block 2", "Block 2"}, {"3b", "3b"},
	} {
		if got := episode(tc.in); got != tc.want {
			t.Errorf("episode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStatuses: every status converts unchanged and an unknown one is
// refused.
func TestStatuses(t *testing.T) {
	for _, s := range booking.Statuses {
		cb, err := toCalendar(store.Booking{ID: "B-1", Status: s}, dated{modified: time.Now()}, names{}, Roster{})
		if err != nil || cb.Status != s {
			t.Errorf("status %q converts to %q, %v", s, cb.Status, err)
		}
	}
	if _, err := toCalendar(store.Booking{ID: "B-1", Status: "maybe"}, dated{modified: time.Now()}, names{}, Roster{}); err == nil {
		t.Error("an unknown status converts")
	}
}
