package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"pgregory.net/rapid"
)

// propProductions and propSuites keep the property test's world small, so
// that bookings contend for slots often.
var (
	propProductions = []string{"HL", "NS", "QX"}
	propSuites      = []string{"grade-a", "adr-1"}
)

// propSteps caps the steps of one property check; fewer under the race
// detector, which slows SQLite many times over.
var propSteps = map[bool]int{false: 8, true: 4}[raceEnabled]

// genBooking draws a four-hour booking (mostly pencils) for production prod from a pool of
// three ids per production, on one of two suites and six slots.
func genBooking(t *rapid.T, prod string) Booking {
	base := time.Date(2026, 5, 11, 9, 0, 0, 0, time.UTC)
	start := base.Add(time.Duration(rapid.IntRange(0, 5).Draw(t, "slot")) * 2 * time.Hour)
	status := booking.Pencil
	if rapid.IntRange(0, 5).Draw(t, "confirmed") == 0 {
		status = booking.Confirmed
	}
	return Booking{
		ID:         fmt.Sprintf("%s-%d", prod, rapid.IntRange(0, 2).Draw(t, "id")),
		Status:     status,
		Production: prod, Session: "Grade",
		Suite: rapid.SampledFrom(propSuites).Draw(t, "suite"),
		Start: start, End: start.Add(4 * time.Hour),
	}
}

// TestStatusRulesHold drives a store with random runs and hand-made
// changes and checks after each step that:
//   - no two productions' first pencils overlap in a suite (a confirmed
//     booking can clash, and is then reported as a conflict);
//   - every second pencil is behind another production's hold (else it
//     would have been promoted);
//   - sequences never fall, and rise exactly when time, place or status
//     changed;
//   - history ends at every booking's current state;
//   - committing the same run again changes nothing.
func TestStatusRulesHold(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		// One store per backend, emptied for each case: a PostgreSQL
		// database and connection per case would be most of the test's
		// time.
		s := openAt(t, be.dsn(t), Options{})
		rapid.Check(t, func(rt *rapid.T) {
			if err := wipe(ctx, s); err != nil {
				rt.Fatal(err)
			}
			before := map[string]Booking{}
			for range rapid.IntRange(1, propSteps).Draw(rt, "steps") {
				ids := []string{}
				for id := range before {
					ids = append(ids, id)
				}
				switch op := rapid.IntRange(0, 4).Draw(rt, "op"); {
				case op <= 1 || len(ids) == 0:
					prod := rapid.SampledFrom(propProductions).Draw(rt, "production")
					byID := map[string]Booking{}
					for range rapid.IntRange(0, 3).Draw(rt, "bookings") {
						b := genBooking(rt, prod)
						byID[b.ID] = b
					}
					in := RunInput{Production: prod, Fingerprint: fp}
					for _, b := range byID {
						in.Bookings = append(in.Bookings, b)
					}
					if _, err := s.CommitRun(ctx, in); err != nil {
						rt.Fatal(err)
					}
					if rapid.Bool().Draw(rt, "again") {
						snap := current(t, s)
						res, err := s.CommitRun(ctx, in)
						if err != nil {
							rt.Fatal(err)
						}
						if len(res.Report.Changes) != 0 {
							rt.Fatalf("same run again changed %q", counts(res.Report))
						}
						checkSequences(rt, snap, current(t, s))
					}
				default:
					id := rapid.SampledFrom(ids).Draw(rt, "target")
					var err error
					switch op {
					case 2:
						_, err = s.Confirm(ctx, []string{id}, "by hand", "jo")
					case 3:
						_, err = s.Release(ctx, []string{id}, "by hand", "jo")
					default:
						_, err = s.SetPencil(ctx, []string{id}, "by hand", "jo")
					}
					if err != nil && !errors.Is(err, ErrTransition) {
						rt.Fatal(err)
					}
				}
				after := current(t, s)
				checkSequences(rt, before, after)
				checkHolds(rt, after)
				checkHistoryComplete(t, s)
				before = after
			}
		})
	})
}

// checkSequences checks that sequences rise by one exactly on a change of
// time, place or status, and that no booking disappears.
func checkSequences(t *rapid.T, before, after map[string]Booking) {
	for id, was := range before {
		now, ok := after[id]
		if !ok {
			t.Fatalf("%s disappeared", id)
		}
		changed := !was.sameTime(now) || !was.samePlace(now) || was.Status != now.Status
		want := was.Sequence
		if changed {
			want++
		}
		if now.Sequence != want {
			t.Fatalf("%s: sequence %d → %d, changed %v", id, was.Sequence, now.Sequence, changed)
		}
	}
}

// checkHolds checks the first and second pencil rules over the whole store.
func checkHolds(t *rapid.T, bs map[string]Booking) {
	for _, a := range bs {
		behind := false
		for _, b := range bs {
			if a.ID == b.ID || a.Production == b.Production || !a.overlaps(b) || !b.Status.Holds() {
				continue
			}
			if a.Status == booking.Pencil && b.Status == booking.Pencil {
				t.Fatalf("%s (%s) and %s (%s) of different productions both hold %s", a.ID, a.Status, b.ID, b.Status, a.Suite)
			}
			behind = true
		}
		if a.Status == booking.SecondPencil && !behind {
			t.Fatalf("second pencil %s should have been promoted: nothing holds its slot", a.ID)
		}
	}
}
