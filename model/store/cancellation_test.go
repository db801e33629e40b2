package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// TestCancellationChargesKept records charges with a release by hand and
// with a run's move, on both backends, and reads them back from the
// history, the report and Cancellations.
func TestCancellationChargesKept(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := openAt(t, be.dsn(t), Options{Now: newClock().now})
		g1 := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
		g2 := bk(t, "G2", "HL", "Grade/2", "grade-a", "05-13 10:00", 8, "ines")
		m1 := bk(t, "M1", "Other", "Mix/1", "mix-a", "05-13 10:00", 8, "")
		commit(t, s, "HL", g1, g2)
		commit(t, s, "Other", m1)
		grade := []Charge{{Resource: "grade-a", Share: 0.5, Amount: 700}, {Resource: "ines", Share: 0.5, Amount: 375}}
		rep, err := s.ReleaseCharged(ctx, []string{"G1"}, map[string][]Charge{"G1": grade, "G2": {{Resource: "x", Amount: 1}}}, "grade moved to another facility", "jo")
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Changes) != 1 || !slices.Equal(rep.Changes[0].Cancellation, grade) {
			t.Fatalf("release report %+v, want G1 released owing %v", rep.Changes, grade)
		}
		var text strings.Builder
		if err := rep.WriteText(&text, RenderOptions{Location: time.UTC}); err != nil {
			t.Fatal(err)
		}
		if want := "cancellation 1075.00: grade-a 50%, ines 50%"; !strings.Contains(text.String(), want) {
			t.Errorf("report text lacks %q:\n%s", want, text.String())
		}
		// A run moves G2 a day later: the charge given for it is owed; the
		// one given for M1, which the run leaves alone, is not.
		moved := bk(t, "G2", "HL", "Grade/2", "grade-a", "05-14 10:00", 8, "ines")
		mix := []Charge{{Resource: "mix-a", Share: 1, Amount: 900}}
		if _, err := s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, Who: "jo", Why: "lock slipped", Bookings: []Booking{moved},
			Cancellation: map[string][]Charge{"G2": {{Resource: "grade-a", Share: 1, Amount: 1400}}, "M1": mix}}); err != nil {
			t.Fatal(err)
		}
		owed, err := s.Cancellations(ctx, "HL")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range owed {
			got = append(got, o.Booking+" "+o.Resource)
		}
		if want := []string{"G1 grade-a", "G1 ines", "G2 grade-a"}; !slices.Equal(got, want) {
			t.Errorf("owed %v, want %v", got, want)
		}
		if all, err := s.Cancellations(ctx, ""); err != nil || len(all) != 3 {
			t.Errorf("every production: %d charges, %v; want 3", len(all), err)
		}
		hist, err := s.History(ctx, "G1")
		if err != nil || len(hist) != 2 || hist[0].Cancellation != nil || !slices.Equal(hist[1].Cancellation, grade) {
			t.Errorf("G1's history %+v, %v", hist, err)
		}
	})
}

// TestConfirmedAt: a booking confirmed by hand is dated by the confirm, a
// booking a run confirmed by that run, and a pencil is not listed; a
// booking confirmed again after going back to pencil by the last confirm.
func TestConfirmedAt(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := openAt(t, be.dsn(t), Options{Now: newClock().now}) // 08:01, 08:02, … per reading
		g1 := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
		g2 := bk(t, "G2", "HL", "Grade/2", "grade-a", "05-13 10:00", 8, "ines")
		g3 := bk(t, "G3", "HL", "Grade/3", "grade-a", "05-14 10:00", 8, "ines")
		g2.Status = booking.Confirmed
		commit(t, s, "HL", g1, g2, g3)
		for _, step := range []func(context.Context, []string, string, string) (Report, error){s.Confirm, s.SetPencil, s.Confirm} {
			if _, err := step(ctx, []string{"G1"}, "agent", "jo"); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.ConfirmedAt(ctx, "HL")
		if err != nil {
			t.Fatal(err)
		}
		hist := func(id string) []HistoryEntry {
			h, err := s.History(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return h
		}
		g1h, g2h := hist("G1"), hist("G2")
		if len(got) != 2 || !got["G1"].Equal(g1h[len(g1h)-1].Time) || !got["G2"].Equal(g2h[0].Time) {
			t.Errorf("confirmed at %v; want G1 at its last confirm %v, G2 at its run %v", got, g1h[len(g1h)-1].Time, g2h[0].Time)
		}
	})
}
