package storefeed

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// propSteps is the most store changes a property check makes; fewer under
// the race detector, which slows SQLite down several times.
var propSteps = map[bool]int{false: 6, true: 3}[raceEnabled]

// TestSourceMatchesFreshSnapshot: after any sequence of runs, confirms
// and releases, a long-lived Source (which remembers dates and skips
// unchanged re-reads) serves exactly what a fresh Source renders, every
// booking appears once in the production feed with the store's SEQUENCE,
// and released bookings read CANCELLED.
func TestSourceMatchesFreshSnapshot(t *testing.T) {
	ctx := context.Background()
	roster := testRoster(t)
	rapid.Check(t, func(rt *rapid.T) {
		clk := newClock()
		st := openStore(t, clk)
		src := NewSource(st, roster, Options{MaxAge: time.Hour, Now: clk.now})
		for step := range rapid.IntRange(1, propSteps).Draw(rt, "steps") {
			clk.tick(time.Hour)
			switch rapid.IntRange(0, 3).Draw(rt, fmt.Sprint("action", step)) {
			case 0, 1:
				var bs []store.Booking
				for ep := range rapid.IntRange(0, 3).Draw(rt, "episodes") {
					bs = append(bs, grade(ep+1, rapid.IntRange(1, 25).Draw(rt, "day"), rapid.IntRange(1, 10).Draw(rt, "hours")))
				}
				if rapid.Bool().Draw(rt, "adr") {
					bs = append(bs, adr(rapid.IntRange(1, 25).Draw(rt, "adrDay")))
				}
				commit(t, st, bs...)
			case 2:
				_, _ = st.Confirm(ctx, []string{"B-hl-ep1.grade"}, "", "jo") // may not exist or be refused
			case 3:
				_, _ = st.Release(ctx, []string{"B-hl-adr"}, "", "jo")
			}
			if err := src.Refresh(ctx); err != nil {
				rt.Fatal(err)
			}
		}
		bs, err := st.Bookings(ctx, store.Filter{})
		if err != nil {
			rt.Fatal(err)
		}
		got, err := src.Feed(ctx, "production")
		if len(bs) == 0 {
			if err == nil {
				rt.Fatal("a feed with no bookings")
			}
			return
		}
		if err != nil {
			rt.Fatal(err)
		}
		fresh, err := NewSource(st, roster, Options{}).Feed(ctx, "production")
		if err != nil {
			rt.Fatal(err)
		}
		if !bytes.Equal(got.Body, fresh.Body) {
			rt.Fatalf("long-lived source differs from a fresh one:\n%s\n---\n%s", got.Body, fresh.Body)
		}
		evs := events(t, got.Body)
		if len(evs) != len(bs) {
			rt.Fatalf("%d events for %d bookings", len(evs), len(bs))
		}
		for _, b := range bs {
			ev := evs[b.ID+"-1@harbour-lights.pencil"]
			if ev.seq != b.Sequence || (b.Status == booking.Released) != (ev.status == "CANCELLED") {
				rt.Fatalf("%s (%s, sequence %d) reads %+v", b.ID, b.Status, b.Sequence, ev)
			}
		}
	})
}
