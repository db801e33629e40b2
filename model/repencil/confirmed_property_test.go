package repencil

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// TestMain lowers rapid's default of 100 checks to 20 for the package,
// since each check of TestConfirmedNeverMoveSilently solves a production
// three to five times; -rapid.checks on the command line wins.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if !set {
		if err := flag.Set("rapid.checks", "20"); err != nil {
			panic(err) // the flag is rapid's own: a broken invariant
		}
	}
	os.Exit(m.Run())
}

// propNow is the moment of every run in TestConfirmedNeverMoveSilently:
// the Friday before Night Shift starts, so every booking is ahead.
var propNow = time.Date(2026, 5, 29, 9, 0, 0, 0, time.UTC)

// TestConfirmedNeverMoveSilently solves Night Shift and commits it,
// confirms a random subset of its bookings, then applies two to four
// random input changes (the lead's ADR window shrinks, the delivery moves
// in, a person takes days off, a suite closes a day), re-pencilling and
// committing after each. For every booking confirmed before a re-pencil it
// checks that the solver kept it where people were told (same start, end,
// suite and people) or the plan reports it as a Conflict, that the run
// hands it to the store unchanged, and that the store still holds it
// confirmed, unchanged and with the same sequence. A change for which the
// re-pencil finds no schedule at all commits nothing: the store must still
// hold every confirmed booking, and the next change starts from the inputs
// before it, and the error must name at least one cause (a conflict), so
// the coordinator is told what is in the way. Every Conflict says why and
// where its session could go. The log counts both outcomes, so a run can
// be seen to test something.
func TestConfirmedNeverMoveSilently(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var n, committed, refused, kept, conflicts int
	rapid.Check(t, func(rt *rapid.T) {
		n++
		st, err := store.Open(ctx, filepath.Join(dir, fmt.Sprintf("ns%d.db", n)), store.Options{Now: func() time.Time { return propNow }})
		if err != nil {
			rt.Fatal(err)
		}
		defer st.Close()
		ns := nightShift{delivery: 19, mayaFrom: 8, mayaTo: 19, off: map[string][]int{}, closed: map[string][]int{}}
		if _, _, err := repencilRun(ctx, st, ns); err != nil {
			rt.Fatalf("first run: %v", err)
		}
		current := productionBookings(rt, st)
		var confirm []string
		for _, b := range current {
			if rapid.Bool().Draw(rt, "confirm "+b.ID) {
				confirm = append(confirm, b.ID)
			}
		}
		if len(confirm) > 0 {
			if _, err := st.Confirm(ctx, confirm, "producer signed off", "jo"); err != nil {
				rt.Fatal(err)
			}
		}
		for i := range rapid.IntRange(2, 4).Draw(rt, "changes") {
			changed := ns.change(rt)
			before := confirmedIn(productionBookings(rt, st))
			pl, sol, err := repencilRun(ctx, st, changed)
			var ie *solver.InfeasibleError
			if errors.As(err, &ie) {
				// No schedule found: nothing is committed, so nothing
				// moves. The store must still hold every confirmed
				// booking; the next change starts from the inputs before.
				// The coordinator must be told what is in the way.
				if len(ie.Conflict) == 0 {
					rt.Fatalf("re-pencil %d after %s found no schedule and names no cause: %v", i, changed.describe(), err)
				}
				checkStoreKept(rt, before, confirmedIn(productionBookings(rt, st)), nil)
				refused++
				continue
			}
			if err != nil {
				rt.Fatalf("re-pencil %d after %s: %v", i, changed.describe(), err)
			}
			ns = changed
			checkConfirmedKept(rt, pl, sol, before, confirmedIn(productionBookings(rt, st)))
			committed++
			kept += len(before)
			conflicts += len(pl.Conflicts)
		}
	})
	t.Logf("%d re-pencils committed with %d confirmed bookings checked and %d conflicts raised; %d found no schedule",
		committed, kept, conflicts, refused)
}

// repencilRun re-pencils ns against the store's bookings with a fixed
// seed, a short search and one worker, and commits the run.
func repencilRun(ctx context.Context, st *store.Store, ns nightShift) (*Plan, *solver.Solution, error) {
	p, err := model.Parse("night-shift.yaml", []byte(ns.yaml()))
	if err != nil {
		return nil, nil, err
	}
	current, err := st.Bookings(ctx, store.Filter{})
	if err != nil {
		return nil, nil, err
	}
	pl, err := Prepare(p, current, Options{Now: propNow})
	if err != nil {
		return nil, nil, err
	}
	sol, err := pl.Solve(ctx, solver.Options{Seed: 1, Iterations: 30, Workers: 1})
	if err != nil {
		return nil, nil, err
	}
	_, err = st.CommitRun(ctx, store.RunInput{Production: pl.Production, Fingerprint: store.Fingerprint([]byte(ns.yaml())),
		Seed: 1, Who: "jo", Why: ns.describe(), Bookings: pl.Bookings(sol)})
	return pl, sol, err
}

// productionBookings returns the store's bookings of Night Shift.
func productionBookings(t *rapid.T, st *store.Store) []store.Booking {
	bs, err := st.Bookings(context.Background(), store.Filter{Production: "Night Shift"})
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// confirmedIn returns the confirmed bookings of bs by id.
func confirmedIn(bs []store.Booking) map[string]store.Booking {
	out := map[string]store.Booking{}
	for _, b := range bs {
		if b.Status == booking.Confirmed {
			out[b.ID] = b
		}
	}
	return out
}

// sameSlot reports whether a and b book the same time, suite and people.
func sameSlot(a, b store.Booking) bool {
	return a.Start.Equal(b.Start) && a.End.Equal(b.End) && a.Suite == b.Suite && slices.Equal(a.People, b.People)
}

// checkConfirmedKept checks one re-pencil against the confirmed bookings
// before it and after it was committed.
func checkConfirmedKept(t *rapid.T, pl *Plan, sol *solver.Solution, before, after map[string]store.Booking) {
	conflicts := map[string]bool{}
	for _, c := range pl.Conflicts {
		conflicts[c.Booking.ID] = true
	}
	run := map[string]store.Booking{}
	for _, b := range pl.Bookings(sol) {
		run[b.ID] = b
	}
	for _, c := range pl.Conflicts {
		if c.Why == "" || c.Suggest == nil {
			t.Fatalf("conflict %s does not say why (%q) or where it could go (%v)", c.Booking.ID, c.Why, c.Suggest)
		}
	}
	for id, was := range before {
		task := slices.Index(pl.IDs, id)
		if task < 0 {
			t.Fatalf("confirmed %s is no task of the plan", id)
		}
		if placed := pl.booking(task, sol); !conflicts[id] && !sameSlot(placed, was) {
			t.Fatalf("confirmed %s silently moved by the solver: was %+v, placed %+v", id, was, placed)
		}
		if got := run[id]; got.Status != booking.Confirmed || !sameSlot(got, was) || !slices.Equal(got.Artistes, was.Artistes) {
			t.Fatalf("the run hands confirmed %s to the store as %+v, was %+v", id, got, was)
		}
	}
	checkStoreKept(t, before, after, conflicts)
}

// checkStoreKept checks that the store holds every booking confirmed
// before a re-pencil exactly as it was, sequence included, and no others.
func checkStoreKept(t *rapid.T, before, after map[string]store.Booking, conflicts map[string]bool) {
	for id, was := range before {
		now, ok := after[id]
		if !ok {
			t.Fatalf("the store no longer holds %s confirmed (conflict %v)", id, conflicts[id])
		}
		if !sameSlot(now, was) || !slices.Equal(now.Artistes, was.Artistes) || now.Sequence != was.Sequence {
			t.Fatalf("the store changed confirmed %s: was %+v, now %+v", id, was, now)
		}
	}
	if len(after) != len(before) {
		t.Fatalf("confirmed bookings %v after the run, %d before", slices.Sorted(maps.Keys(after)), len(before))
	}
}

// change applies one random input change to ns and returns the result;
// ns itself is left as it was.
func (ns nightShift) change(t *rapid.T) nightShift {
	out := nightShift{delivery: ns.delivery, mayaFrom: ns.mayaFrom, mayaTo: ns.mayaTo,
		off: maps.Clone(ns.off), closed: maps.Clone(ns.closed)}
	day := func(label string) int {
		d := rapid.IntRange(1, 19).Draw(t, label)
		for d%7 == 6 || d%7 == 0 { // 6, 7, 13, 14: the weekend
			d++
		}
		return d
	}
	switch rapid.IntRange(0, 3).Draw(t, "change") {
	case 0: // the lead's agent gives a shorter ADR window
		if out.mayaTo-out.mayaFrom > 2 {
			if rapid.Bool().Draw(t, "window from the start") {
				out.mayaFrom += rapid.IntRange(1, 2).Draw(t, "days later")
			} else {
				out.mayaTo -= rapid.IntRange(1, 2).Draw(t, "days sooner")
			}
		}
	case 1: // the delivery moves in
		if out.delivery > 15 {
			out.delivery -= rapid.IntRange(1, 2).Draw(t, "days earlier")
		}
	case 2: // a person takes a day off
		id := rapid.SampledFrom([]string{"sam", "ines", "mo", "lena"}).Draw(t, "person")
		out.off[id] = append(slices.Clone(out.off[id]), day("day off"))
	default: // a suite closes for a day
		id := rapid.SampledFrom([]string{"offline-1", "grade-1", "adr-1", "mix-1"}).Draw(t, "suite")
		out.closed[id] = append(slices.Clone(out.closed[id]), day("closed day"))
	}
	return out
}

// describe says what the inputs are now, as a run's reason.
func (ns nightShift) describe() string {
	return fmt.Sprintf("delivery %s, Maya %s..%s, off %v, closed %v", june(ns.delivery), june(ns.mayaFrom), june(ns.mayaTo), ns.off, ns.closed)
}

// nightShift is a small one-week-cut production written as a project file,
// with the inputs the property changes as fields: the delivery day, the
// lead's ADR window, and days off and closed days, all days of June 2026.
type nightShift struct {
	delivery         int
	mayaFrom, mayaTo int
	off              map[string][]int // person id → days off
	closed           map[string][]int // suite id → closed days
}

// june formats day d of June 2026 as a project-file date.
func june(d int) string { return fmt.Sprintf("2026-06-%02d", d) }

// days formats a project-file list of days of June 2026.
func days(ds []int) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = june(d)
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// yaml writes the production as a project file.
func (ns nightShift) yaml() string {
	var b strings.Builder
	fmt.Fprintf(&b, `production: Night Shift
timezone: Europe/London
currency: GBP
start: 2026-06-01
delivery: %s
overhead_per_day: 200
calendar:
  week: Mon-Fri
  hours: "09:00-19:00"
budget:
  total: 100000
suites:
`, june(ns.delivery))
	for _, s := range []string{"offline-1, kind: offline, rate: { day: 90 }", "grade-1, kind: grade, rate: { day: 1400 }",
		"adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h }", "mix-1, kind: mix, rate: { day: 2500 }"} {
		id, _, _ := strings.Cut(s, ",")
		fmt.Fprintf(&b, "  - { id: %s, closed: %s }\n", s, days(ns.closed[id]))
	}
	b.WriteString("people:\n")
	for _, p := range []string{"sam, roles: [editor], rate: { day: 500 }", "ines, roles: [colourist], rate: { day: 750 }",
		"mo, roles: [adr-mixer], rate: { day: 550 }", "lena, roles: [re-recording-mixer], rate: { day: 800 }"} {
		id, _, _ := strings.Cut(p, ",")
		fmt.Fprintf(&b, "  - { id: %s, off: %s }\n", p, days(ns.off[id]))
	}
	fmt.Fprintf(&b, `artistes:
  - { id: maya, name: Maya Rees, fee: { session: 600 }, available: [%s..%s] }
sessions:
  - { id: cut, roles: [editor], suite: offline, duration: 3d, split: 1d }
  - { id: picture-lock, milestone: true, after: cut }
  - { id: grade, after: picture-lock, roles: [colourist], suite: grade, duration: 1d }
  - { id: adr, after: picture-lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h, window: "10:00-18:00" }
  - { id: mix, after: [grade, adr], roles: [re-recording-mixer], suite: mix, duration: 1d }
  - { id: trailer, roles: [editor], suite: offline, duration: 1d, deadline: %s }
`, june(ns.mayaFrom), june(ns.mayaTo), june(ns.delivery))
	return b.String()
}
