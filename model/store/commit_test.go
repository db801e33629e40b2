package store

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/pencil-post/pencil/model/booking"
)

// TestCommitRunChangeSets commits a sequence of runs and checks the last
// run's change counts, the resulting statuses and sequences, and conflicts.
func TestCommitRunChangeSets(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		type run struct {
			prod string
			bs   []Booking
		}
		grade := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
		adr := bk(t, "A3", "HL", "ADR/3", "adr-1", "05-12 10:00", 4, "ravi|maya")
		mix := bk(t, "M1", "HL", "Mix/1", "mix-1", "05-13 09:00", 8, "tom")
		moved := adr
		moved.Start, moved.End = at(t, "05-14 10:00"), at(t, "05-14 14:00")
		resuited := adr
		resuited.Suite = "adr-2"
		confirmedMix := mix
		confirmedMix.Status = booking.Confirmed
		nsGrade := bk(t, "N1", "NS", "Grade/1", "grade-a", "05-12 14:00", 4, "kit")
		qxGrade := bk(t, "Q1", "QX", "Grade/1", "grade-a", "05-12 12:00", 4, "lee")
		nsElsewhere := bk(t, "N1", "NS", "Grade/1", "grade-a", "05-15 14:00", 4, "kit")
		sameSlot := bk(t, "G2", "HL", "Grade/2", "grade-a", "05-12 12:00", 2, "ines")
		gradeMoved := grade
		gradeMoved.Start, gradeMoved.End = at(t, "05-14 10:00"), at(t, "05-14 18:00")
		gradeMovedOntoNS := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-15 12:00", 4, "ines")

		tests := []struct {
			name      string
			runs      []run
			want      string                    // change counts of the last run
			status    map[string]booking.Status // statuses after the last run
			sequence  map[string]int            // sequences after the last run
			conflicts int
		}{
			{name: "first run is all new", runs: []run{{"HL", []Booking{grade, adr, mix}}},
				want: "new=3", status: map[string]booking.Status{"G1": booking.Pencil, "A3": booking.Pencil, "M1": booking.Pencil},
				sequence: map[string]int{"G1": 0, "A3": 0}},
			{name: "unchanged input moves nothing", runs: []run{{"HL", []Booking{grade, adr, mix}}, {"HL", []Booking{grade, adr, mix}}},
				want: "", sequence: map[string]int{"G1": 0, "A3": 0, "M1": 0}},
			{name: "moved booking keeps its id and bumps its sequence",
				runs: []run{{"HL", []Booking{grade, adr}}, {"HL", []Booking{grade, moved}}},
				want: "moved=1", sequence: map[string]int{"A3": 1, "G1": 0}},
			{name: "new suite is a reassignment", runs: []run{{"HL", []Booking{adr}}, {"HL", []Booking{resuited}}},
				want: "reassigned=1", sequence: map[string]int{"A3": 1}},
			{name: "dropped pencil is released", runs: []run{{"HL", []Booking{grade, adr}}, {"HL", []Booking{grade}}},
				want: "released=1", status: map[string]booking.Status{"A3": booking.Released, "G1": booking.Pencil}, sequence: map[string]int{"A3": 1}},
			{name: "dropped confirmed booking stays and needs a person",
				runs: []run{{"HL", []Booking{grade, confirmedMix}}, {"HL", []Booking{grade}}},
				want: "", status: map[string]booking.Status{"M1": booking.Confirmed}, conflicts: 1},
			{name: "a run never lowers a confirmed booking",
				runs: []run{{"HL", []Booking{confirmedMix}}, {"HL", []Booking{mix}}},
				want: "", status: map[string]booking.Status{"M1": booking.Confirmed}},
			{name: "pencil confirmed by the project file",
				runs: []run{{"HL", []Booking{mix}}, {"HL", []Booking{confirmedMix}}},
				want: "status=1", status: map[string]booking.Status{"M1": booking.Confirmed}, sequence: map[string]int{"M1": 1}},
			{name: "released booking pencilled again is new with a higher sequence",
				runs: []run{{"HL", []Booking{grade, adr}}, {"HL", []Booking{grade}}, {"HL", []Booking{grade, adr}}},
				want: "new=1", status: map[string]booking.Status{"A3": booking.Pencil}, sequence: map[string]int{"A3": 2}},
			{name: "second production on a held slot is a second pencil",
				runs: []run{{"HL", []Booking{grade}}, {"NS", []Booking{nsGrade}}},
				want: "new=1", status: map[string]booking.Status{"G1": booking.Pencil, "N1": booking.SecondPencil}},
			{name: "releasing the first pencil promotes the second",
				runs: []run{{"HL", []Booking{grade}}, {"NS", []Booking{nsGrade}}, {"HL", nil}},
				want: "released=1 promoted=1", status: map[string]booking.Status{"G1": booking.Released, "N1": booking.Pencil},
				sequence: map[string]int{"N1": 1, "G1": 1}},
			{name: "the earliest second pencil is promoted, the next stays behind it",
				runs: []run{{"HL", []Booking{grade}}, {"NS", []Booking{nsGrade}}, {"QX", []Booking{qxGrade}}, {"HL", nil}},
				want: "released=1 promoted=1", status: map[string]booking.Status{"N1": booking.Pencil, "Q1": booking.SecondPencil}},
			{name: "moving the first pencil away promotes the second",
				runs: []run{{"HL", []Booking{grade}}, {"NS", []Booking{nsGrade}}, {"HL", []Booking{gradeMoved}}},
				want: "moved=1 promoted=1", status: map[string]booking.Status{"N1": booking.Pencil, "G1": booking.Pencil},
				sequence: map[string]int{"N1": 1, "G1": 1}},
			{name: "a pencil moved onto another production's slot becomes a second pencil",
				runs: []run{{"HL", []Booking{grade}}, {"NS", []Booking{nsElsewhere}}, {"HL", []Booking{gradeMovedOntoNS}}},
				want: "moved=1 status=1", status: map[string]booking.Status{"G1": booking.SecondPencil, "N1": booking.Pencil}, sequence: map[string]int{"G1": 1}},
			{name: "other productions are out of a run's scope",
				runs: []run{{"HL", []Booking{grade}}, {"NS", []Booking{nsElsewhere}}, {"NS", nil}},
				want: "released=1", status: map[string]booking.Status{"G1": booking.Pencil, "N1": booking.Released}},
			{name: "a run for the whole store covers every production",
				runs: []run{{"HL", []Booking{grade}}, {"NS", []Booking{nsElsewhere}}, {"", []Booking{grade}}},
				want: "released=1", status: map[string]booking.Status{"G1": booking.Pencil, "N1": booking.Released}},
			{name: "one production double-booking a suite is a conflict",
				runs: []run{{"HL", []Booking{grade, sameSlot}}},
				want: "new=2", status: map[string]booking.Status{"G1": booking.Pencil, "G2": booking.Pencil}, conflicts: 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := be.open(t)
				var last RunResult
				for _, r := range tt.runs {
					last = commit(t, s, r.prod, r.bs...)
				}
				if got := counts(last.Report); got != tt.want {
					t.Errorf("changes = %q, want %q", got, tt.want)
				}
				if got := len(last.Report.Conflicts); got != tt.conflicts {
					t.Errorf("conflicts = %d, want %d: %+v", got, tt.conflicts, last.Report.Conflicts)
				}
				now := current(t, s)
				for _, b := range tt.runs[len(tt.runs)-1].bs {
					if got := now[b.ID].RunID; got != last.RunID {
						t.Errorf("%s: run %d, want the last run %d", b.ID, got, last.RunID)
					}
				}
				for id, want := range tt.status {
					if got := now[id].Status; got != want {
						t.Errorf("%s status = %q, want %q", id, got, want)
					}
				}
				for id, want := range tt.sequence {
					if got := now[id].Sequence; got != want {
						t.Errorf("%s sequence = %d, want %d", id, got, want)
					}
				}
				stored, err := s.RunReport(context.Background(), last.RunID)
				if err != nil {
					t.Fatal(err)
				}
				if counts(stored) != counts(last.Report) || len(stored.Conflicts) != len(last.Report.Conflicts) {
					t.Errorf("stored report %q differs from returned %q", counts(stored), counts(last.Report))
				}
				checkHistoryComplete(t, s)
			})
		}
	})
}

// checkHistoryComplete checks that every booking's last history entry is the
// booking as it stands, apart from RunID, which unchanged bookings update
// without history.
func checkHistoryComplete(t testing.TB, s *Store) {
	t.Helper()
	var last map[string]Booking
	err := s.read(context.Background(), "test history", func(tx dbtx) error {
		var err error
		last, err = stateAtMark(context.Background(), tx, math.MaxInt64)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	now := current(t, s)
	if len(last) != len(now) {
		t.Fatalf("%d bookings have history, %d bookings exist", len(last), len(now))
	}
	for id, b := range now {
		h, ok := last[id]
		if !ok {
			t.Fatalf("%s has no history", id)
		}
		if changeKinds(&h, b) != nil || h.Sequence != b.Sequence {
			t.Errorf("%s: last history %+v, booking %+v", id, h, b)
		}
	}
}

func TestCommitRunRefusesBadInput(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		good := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
		backwards := good
		backwards.End = backwards.Start
		unknown := good
		unknown.Status = "maybe"
		noPerson := good
		noPerson.People = []string{""}
		other := good
		other.Production = "NS"
		tests := []struct {
			name string
			in   RunInput
		}{
			{"bad fingerprint", RunInput{Fingerprint: "abc", Bookings: []Booking{good}}},
			{"empty id", RunInput{Fingerprint: fp, Bookings: []Booking{{Start: good.Start, End: good.End}}}},
			{"end before start", RunInput{Fingerprint: fp, Bookings: []Booking{backwards}}},
			{"unknown status", RunInput{Fingerprint: fp, Bookings: []Booking{unknown}}},
			{"empty person", RunInput{Fingerprint: fp, Bookings: []Booking{noPerson}}},
			{"duplicate id", RunInput{Fingerprint: fp, Bookings: []Booking{good, good}}},
			{"outside the production", RunInput{Production: "HL", Fingerprint: fp, Bookings: []Booking{other}}},
		}
		s := be.open(t)
		nsBooking := good
		nsBooking.Production = "NS"
		commit(t, s, "NS", nsBooking)
		tests = append(tests, struct {
			name string
			in   RunInput
		}{"another production's booking id", RunInput{Production: "HL", Fingerprint: fp, Bookings: []Booking{good}}})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.CommitRun(context.Background(), tt.in)
				if !errors.Is(err, ErrInvalidInput) {
					t.Fatalf("err = %v, want ErrInvalidInput", err)
				}
			})
		}
		runs, err := s.Runs(context.Background())
		if err != nil || len(runs) != 1 {
			t.Fatalf("refused runs were recorded: %v %v", runs, err)
		}
		if b := current(t, s)["G1"]; b.Production != "NS" || b.Sequence != 0 {
			t.Errorf("a refused run changed booking G1: %+v", b)
		}
	})
}

func TestPreviewRunLeavesTheStoreAlone(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		grade := bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")
		adr := bk(t, "A3", "HL", "ADR/3", "adr-1", "05-12 10:00", 4, "ravi|maya")
		commit(t, s, "HL", grade, adr)
		before := current(t, s)
		moved := adr
		moved.Start, moved.End = at(t, "05-14 10:00"), at(t, "05-14 14:00")
		in := RunInput{Production: "HL", Fingerprint: fp, Who: "jo", Why: "what if", Bookings: []Booking{moved}}
		preview, err := s.PreviewRun(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(current(t, s), before) {
			t.Fatalf("PreviewRun changed the bookings")
		}
		if runs, err := s.Runs(ctx); err != nil || len(runs) != 1 {
			t.Fatalf("PreviewRun recorded a run: %d runs, %v", len(runs), err)
		}
		if h, err := s.History(ctx, "A3"); err != nil || len(h) != 1 {
			t.Fatalf("PreviewRun wrote history: %d entries, %v", len(h), err)
		}
		res := commit(t, s, "HL", moved)
		if preview.RunID != res.RunID || counts(preview.Report) != counts(res.Report) || counts(res.Report) != "moved=1 released=1" {
			t.Errorf("preview run %d %q, commit run %d %q", preview.RunID, counts(preview.Report), res.RunID, counts(res.Report))
		}
	})
}
