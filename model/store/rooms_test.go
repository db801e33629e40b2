package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model/booking"
)

// remoteADR is Harbour Lights' remote ADR: the London stage and the
// Glasgow remote stage, held for the same four hours.
func remoteADR(t *testing.T) Booking {
	b := bk(t, "A1", "Harbour Lights", "ADR/3", "adr-1", "05-12 10:00", 4, "ravi|maya")
	b.ExtraSuites = []string{"glasgow"}
	return b
}

// TestBookingHoldsEveryRoom checks that a booking of two rooms holds
// both: another production's pencil in either room is a second pencil,
// a clash in the second room is a conflict, a filter on either room finds
// it, history keeps both and a change of room reads as one.
func TestBookingHoldsEveryRoom(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		a1 := remoteADR(t)
		commit(t, s, "Harbour Lights", a1)
		if got := current(t, s)["A1"]; !slices.Equal(got.Suites(), []string{"adr-1", "glasgow"}) {
			t.Fatalf("A1 holds %v, want adr-1 and glasgow", got.Suites())
		}

		// Night Shift pencils the Glasgow stage over A1's last two hours.
		res := commit(t, s, "Night Shift", bk(t, "N1", "Night Shift", "ADR/1", "glasgow", "05-12 12:00", 2, "kit"))
		n1 := current(t, s)["N1"]
		if n1.Status != booking.SecondPencil {
			t.Errorf("N1 in the remote stage A1 holds is %s, want a second pencil", n1.Status)
		}
		if len(res.Report.Changes) != 1 || !strings.Contains(res.Report.Changes[0].Reason, "A1 (Harbour Lights)") {
			t.Errorf("N1's change %+v, want the reason to name A1", res.Report.Changes)
		}

		for suite, want := range map[string][]string{"adr-1": {"A1"}, "glasgow": {"A1", "N1"}} {
			bs, err := s.Bookings(ctx, Filter{Suite: suite})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, b := range bs {
				ids = append(ids, b.ID)
			}
			if !slices.Equal(ids, want) {
				t.Errorf("bookings in %s: %v, want %v", suite, ids, want)
			}
		}

		// Harbour Lights books its own pencil into the remote stage at
		// the same time: a conflict in that room.
		clash := bk(t, "A2", "Harbour Lights", "ADR/4", "glasgow", "05-12 13:00", 2, "ravi")
		res = commit(t, s, "Harbour Lights", a1, clash)
		if len(res.Report.Conflicts) != 1 || res.Report.Conflicts[0].Suite != "glasgow" {
			t.Errorf("conflicts %+v, want one in glasgow", res.Report.Conflicts)
		}

		// The remote stage moves to Manchester: a reassignment, and the
		// Glasgow slot comes free for Night Shift.
		a1.ExtraSuites = []string{"manchester"}
		res = commit(t, s, "Harbour Lights", a1)
		var line string
		for _, c := range res.Report.Changes {
			if c.Booking.ID == "A1" {
				line = RenderOptions{}.Line(c)
			}
		}
		if !strings.Contains(line, "suites adr-1 and glasgow → adr-1 and manchester") {
			t.Errorf("A1's change reads %q, want the rooms named", line)
		}
		commit(t, s, "Night Shift", bk(t, "N1", "Night Shift", "ADR/1", "glasgow", "05-12 12:00", 2, "kit"))
		if st := current(t, s)["N1"].Status; st != booking.Pencil {
			t.Errorf("N1 after A1 left glasgow is %s, want a first pencil", st)
		}

		hist, err := s.History(ctx, "A1")
		if err != nil || len(hist) < 2 || !slices.Equal(hist[0].New.ExtraSuites, []string{"glasgow"}) ||
			!slices.Equal(hist[len(hist)-1].New.ExtraSuites, []string{"manchester"}) {
			t.Errorf("A1's history %+v, %v; want glasgow then manchester", hist, err)
		}

		// Confirming and releasing keep both rooms on the booking.
		if _, err := s.Confirm(ctx, []string{"A1"}, "director signed off", "jo"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, s)["A1"]; got.Status != booking.Confirmed || !slices.Equal(got.Suites(), []string{"adr-1", "manchester"}) {
			t.Errorf("confirmed A1: %s in %v", got.Status, got.Suites())
		}

		// store copy keeps every room, onto either backend.
		for _, dst := range backends(t) {
			to := dst.open(t)
			if err := Copy(ctx, s, to); err != nil {
				t.Fatalf("Copy to %s: %v", dst.name, err)
			}
			if got := current(t, to)["A1"]; !slices.Equal(got.Suites(), []string{"adr-1", "manchester"}) {
				t.Errorf("A1 copied to %s holds %v", dst.name, got.Suites())
			}
		}
		if _, err := s.Release(ctx, []string{"A1"}, "session cut", "jo"); err != nil {
			t.Fatal(err)
		}
		if got := current(t, s)["A1"]; got.Status != booking.Released || !slices.Equal(got.Suites(), []string{"adr-1", "manchester"}) {
			t.Errorf("released A1: %s in %v", got.Status, got.Suites())
		}
	})
}

// TestRunLocksEveryRoom checks that a run takes the lock of every room
// its bookings hold, those already stored and those it commits.
func TestRunLocksEveryRoom(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		commit(t, s, "Harbour Lights", remoteADR(t))
		in := RunInput{Production: "Harbour Lights", Bookings: []Booking{
			{ID: "A2", Suite: "adr-2", ExtraSuites: []string{"manchester"}},
		}}
		var got []string
		err := s.write(ctx, "test", func(tx dbtx) error {
			var err error
			got, err = runSuites(ctx, tx, in)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"adr-1", "adr-2", "glasgow", "manchester"}; !slices.Equal(got, want) {
			t.Errorf("run locks %v, want %v", got, want)
		}
	})
}
