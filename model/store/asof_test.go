package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// asOfCrew and asOfArtistes are the people and artistes the as-of property
// draws from.
var (
	asOfCrew     = []string{"maya", "tom", "ines"}
	asOfArtistes = []string{"dev-patel", "ro-hale"}
)

// TestBookingsAsOfMatchesSnapshots drives a store with random runs (moves,
// reassignments, releases by omission, whole-store and one-production runs)
// and hand-made confirms, releases and pencils, snapshots Bookings just
// before each run and at the end, and checks that BookingsAsOf of every run
// equals the snapshot taken before the next: the state after the run and
// the hand-made changes that followed it.
func TestBookingsAsOfMatchesSnapshots(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		// One store per backend, emptied for each case: a PostgreSQL
		// database and connection per case would be most of the test's
		// time.
		s := openAt(t, be.dsn(t), Options{Now: newClock().now})
		rapid.Check(t, func(rt *rapid.T) {
			if err := wipe(ctx, s); err != nil {
				rt.Fatal(err)
			}
			var runs []int64
			snaps := map[int64][]Booking{}
			snapshot := func() {
				if len(runs) == 0 {
					return
				}
				bs, err := s.Bookings(ctx, Filter{})
				if err != nil {
					rt.Fatal(err)
				}
				snaps[runs[len(runs)-1]] = bs
			}
			for range rapid.IntRange(1, 2*propSteps).Draw(rt, "steps") {
				cur, err := s.Bookings(ctx, Filter{})
				if err != nil {
					rt.Fatal(err)
				}
				if op := rapid.IntRange(0, 4).Draw(rt, "op"); op <= 1 || len(cur) == 0 {
					snapshot()
					res, err := s.CommitRun(ctx, genAsOfRun(rt))
					if err != nil {
						rt.Fatal(err)
					}
					runs = append(runs, res.RunID)
					continue
				}
				id := rapid.SampledFrom(cur).Draw(rt, "target").ID
				switch rapid.IntRange(0, 2).Draw(rt, "hand") {
				case 0:
					_, err = s.Confirm(ctx, []string{id}, "director signed off", "jo")
				case 1:
					_, err = s.Release(ctx, []string{id}, "artiste unavailable", "jo")
				default:
					_, err = s.SetPencil(ctx, []string{id}, "back to a pencil", "jo")
				}
				if err != nil && !errors.Is(err, ErrTransition) {
					rt.Fatal(err)
				}
			}
			snapshot()
			for _, id := range runs {
				got, err := s.BookingsAsOf(ctx, id)
				if err != nil {
					rt.Fatalf("BookingsAsOf(%d): %v", id, err)
				}
				want := snaps[id]
				if len(got) != len(want) {
					rt.Fatalf("run %d: as of has %d bookings, snapshot %d:\n got %+v\nwant %+v", id, len(got), len(want), got, want)
				}
				for i := range want {
					if !sameAsOf(got[i], want[i]) {
						rt.Fatalf("run %d: booking %d:\n got %+v\nwant %+v", id, i, got[i], want[i])
					}
				}
			}
		})
	})
}

// sameAsOf reports whether a and b agree on every field BookingsAsOf
// rebuilds: all but RunID, which a run stamps without history.
func sameAsOf(a, b Booking) bool {
	return a.ID == b.ID && a.Status == b.Status && a.sameTime(b) && a.samePlace(b) &&
		a.Sequence == b.Sequence && a.sameDetails(b)
}

// genAsOfRun draws a run over one production or the whole store, each
// booking from genBooking with people and artistes added, so that runs move,
// reassign and (by leaving bookings out) release them.
func genAsOfRun(t *rapid.T) RunInput {
	prods := propProductions
	in := RunInput{Fingerprint: fp, Why: "turnover"}
	if rapid.Bool().Draw(t, "one production") {
		in.Production = rapid.SampledFrom(propProductions).Draw(t, "production")
		prods = []string{in.Production}
	}
	seen := map[string]bool{}
	for range rapid.IntRange(0, 4).Draw(t, "bookings") {
		b := genBooking(t, rapid.SampledFrom(prods).Draw(t, "booking production"))
		if seen[b.ID] {
			continue
		}
		seen[b.ID] = true
		b.People = rapid.SliceOfNDistinct(rapid.SampledFrom(asOfCrew), 0, 2, rapid.ID[string]).Draw(t, "people")
		b.Artistes = rapid.SliceOfNDistinct(rapid.SampledFrom(asOfArtistes), 0, 1, rapid.ID[string]).Draw(t, "artistes")
		slices.Sort(b.People)
		in.Bookings = append(in.Bookings, b)
	}
	return in
}

// TestBookingsAsOfUnknownRun checks that a run the store never made is
// refused with ErrUnknownRun.
func TestBookingsAsOfUnknownRun(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		s := be.open(t)
		ctx := context.Background()
		for _, id := range []int64{0, 1, -3} {
			if _, err := s.BookingsAsOf(ctx, id); !errors.Is(err, ErrUnknownRun) {
				t.Errorf("BookingsAsOf(%d) on an empty store: err %v, want ErrUnknownRun", id, err)
			}
		}
	})
}
