package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// split makes a booking worked in the given pieces ("05-11 09:00+8" is
// eight hours from 09:00 on 11 May).
func split(t *testing.T, id, prod, suite string, pieces ...string) Booking {
	t.Helper()
	b := Booking{ID: id, Production: prod, Session: "Grade", Suite: suite}
	for _, p := range pieces {
		start, hours, _ := strings.Cut(p, "+")
		s := at(t, start)
		b.Pieces = append(b.Pieces, Piece{Start: s, End: s.Add(durHours(t, hours))})
	}
	return b
}

// TestPiecesDecideClashes checks that bookings clash, and pencils queue
// as second pencils, only when their worked pieces overlap, not their
// spans: a grade worked Mon and Wed leaves Tue free.
func TestPiecesDecideClashes(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		tests := []struct {
			name      string
			a, b      []string
			clash     bool
			clashFrom string
		}{
			{"disjoint days inside each other's span", []string{"05-11 09:00+10", "05-13 09:00+10"}, []string{"05-12 09:00+10"}, false, ""},
			{"same day", []string{"05-11 09:00+10", "05-13 09:00+10"}, []string{"05-13 14:00+2"}, true, "05-13 14:00"},
			{"night between pieces", []string{"05-11 09:00+10", "05-12 09:00+10"}, []string{"05-11 20:00+12"}, false, ""},
			{"one block over the other's second piece", []string{"05-11 09:00+2", "05-14 09:00+10"}, []string{"05-12 09:00+60"}, true, "05-14 09:00"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := be.open(t)
				// One production: an overlap is a double booking.
				rep := commit(t, s, "", split(t, "A", "HL", "grade-a", tt.a...), split(t, "B", "HL", "grade-a", tt.b...))
				if got := len(rep.Report.Conflicts) > 0; got != tt.clash {
					t.Fatalf("conflicts = %+v, want clash %v", rep.Report.Conflicts, tt.clash)
				}
				if tt.clash && !rep.Report.Conflicts[0].Start.Equal(at(t, tt.clashFrom)) {
					t.Errorf("clash starts %s, want %s", rep.Report.Conflicts[0].Start, tt.clashFrom)
				}
				// Two productions: the later pencil is a second pencil only on a clash.
				s2 := be.open(t)
				commit(t, s2, "HL", split(t, "A", "HL", "grade-a", tt.a...))
				commit(t, s2, "DW", split(t, "B", "DW", "grade-a", tt.b...))
				want := booking.Pencil
				if tt.clash {
					want = booking.SecondPencil
				}
				if got := current(t, s2)["B"].Status; got != want {
					t.Errorf("B is %s, want %s", got, want)
				}
			})
		}
	})
}

// TestPiecesRoundTrip checks that a booking's pieces come back as
// committed, in UTC, and that moving one piece is a move.
func TestPiecesRoundTrip(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		s := be.open(t)
		b := split(t, "G", "HL", "grade-a", "05-11 09:00+10", "05-13 09:00+10")
		commit(t, s, "HL", b)
		got := current(t, s)["G"]
		if !samePieces(got.Pieces, b.Pieces) || !got.Start.Equal(b.Pieces[0].Start) || !got.End.Equal(b.Pieces[1].End) {
			t.Fatalf("stored %+v, want pieces %+v spanning them", got, b.Pieces)
		}
		moved := split(t, "G", "HL", "grade-a", "05-11 09:00+10", "05-14 09:00+10")
		rep := commit(t, s, "HL", moved)
		if c := rep.Report.Changes; len(c) != 1 || c[0].Kind != ChangeMoved || c[0].Was == nil || len(c[0].Was.Pieces) != 2 {
			t.Errorf("changes = %+v, want one move with the old pieces", c)
		}
		same := commit(t, s, "HL", moved)
		if len(same.Report.Changes) != 0 || same.Report.Unchanged != 1 {
			t.Errorf("unchanged run: %s", counts(same.Report))
		}
	})
}

// TestPiecesRefused checks that pieces that overlap, run backwards or do
// not span the booking are refused before anything is written.
func TestPiecesRefused(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		bad := []Booking{
			split(t, "X", "HL", "grade-a", "05-11 09:00+10", "05-11 18:00+2"),
			split(t, "X", "HL", "grade-a", "05-13 09:00+10", "05-11 09:00+2"),
			func() Booking {
				b := split(t, "X", "HL", "grade-a", "05-11 09:00+10")
				b.Start, b.End = at(t, "05-11 09:00"), at(t, "05-12 19:00")
				return b
			}(),
		}
		for i, b := range bad {
			s := be.open(t)
			_, err := s.CommitRun(context.Background(), RunInput{Fingerprint: fp, Bookings: []Booking{b}})
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("case %d: err = %v, want ErrInvalidInput", i, err)
			}
			if len(current(t, s)) != 0 {
				t.Errorf("case %d: a refused run wrote bookings", i)
			}
		}
	})
}

// TestRunRefusedAfterDecision reads a snapshot, lets a person confirm,
// release or pencil a booking (or another run commit), and checks that a
// run committing against the old snapshot is refused with what changed,
// leaving the person's decision in place; a run against a fresh snapshot
// goes through.
func TestRunRefusedAfterDecision(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		decisions := []struct {
			name string
			do   func(s *Store) error
			want booking.Status // A's (or for "pencil", B's) status after the refused run
		}{
			{"confirm", func(s *Store) error { _, err := s.Confirm(ctx, []string{"A"}, "agreed", "jo"); return err }, booking.Confirmed},
			{"release", func(s *Store) error { _, err := s.Release(ctx, []string{"A"}, "not needed", "jo"); return err }, booking.Released},
			{"pencil", func(s *Store) error {
				// A confirmed booking put back in pencil: the run must not
				// re-confirm it, nor move it.
				_, err := s.SetPencil(ctx, []string{"B"}, "dates may move", "jo")
				return err
			}, booking.Pencil},
			{"another run", func(s *Store) error {
				_, err := s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, Who: "sam", Bookings: []Booking{
					bk(t, "A", "HL", "Grade/1", "grade-a", "05-14 09:00", 8, "ines")}})
				return err
			}, booking.Pencil},
		}
		for _, d := range decisions {
			t.Run(d.name, func(t *testing.T) {
				s := be.open(t)
				commit(t, s, "HL", bk(t, "A", "HL", "Grade/1", "grade-a", "05-12 09:00", 8, "ines"),
					bk(t, "B", "HL", "Mix/1", "mix-1", "05-12 09:00", 8, "jo"))
				if _, err := s.Confirm(ctx, []string{"B"}, "agreed", "jo"); err != nil {
					t.Fatal(err)
				}
				snap, err := s.Snapshot(ctx, "HL")
				if err != nil {
					t.Fatal(err)
				}
				if err := d.do(s); err != nil {
					t.Fatal(err)
				}
				id := "A"
				if d.name == "pencil" {
					id = "B"
				}
				before := current(t, s)[id]
				b := current(t, s)["B"]
				b.Status = booking.Confirmed
				_, err = s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, CheckVersion: true, ReadVersion: snap.Version,
					Bookings: []Booking{bk(t, "A", "HL", "Grade/1", "grade-a", "05-13 09:00", 8, "ines"), b}})
				var ce *ChangedError
				if !errors.As(err, &ce) || !errors.Is(err, ErrChanged) || len(ce.Changes) == 0 {
					t.Fatalf("err = %v, want a ChangedError naming the change", err)
				}
				after := current(t, s)[id]
				if after.Status != d.want || !after.sameTime(before) || after.Sequence != before.Sequence {
					t.Errorf("after the refused run A = %+v, want it as the decision left it %+v", after, before)
				}
				fresh, err := s.Snapshot(ctx, "HL")
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, CheckVersion: true, ReadVersion: fresh.Version,
					Bookings: []Booking{current(t, s)["A"], current(t, s)["B"]}}); err != nil {
					t.Errorf("a run against a fresh snapshot: %v", err)
				}
			})
		}
	})
}

// TestVersionIgnoresOtherProductions checks that a decision about another
// production's booking does not refuse this production's run.
func TestVersionIgnoresOtherProductions(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		commit(t, s, "HL", bk(t, "A", "HL", "Grade/1", "grade-a", "05-12 09:00", 8, "ines"))
		commit(t, s, "DW", bk(t, "D", "DW", "Grade/1", "grade-b", "05-12 09:00", 8, "kit"))
		snap, err := s.Snapshot(ctx, "HL")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Confirm(ctx, []string{"D"}, "agreed", "jo"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, CheckVersion: true, ReadVersion: snap.Version,
			Bookings: []Booking{bk(t, "A", "HL", "Grade/1", "grade-a", "05-13 09:00", 8, "ines")}}); err != nil {
			t.Errorf("run refused for another production's confirm: %v", err)
		}
	})
}

// durHours parses a whole number of hours.
func durHours(t *testing.T, h string) time.Duration {
	t.Helper()
	n, err := strconv.Atoi(h)
	if err != nil {
		t.Fatalf("bad hours %q", h)
	}
	return time.Duration(n) * time.Hour
}

// TestMigrateReleaseStore opens a store written by the release before
// pieces (schema 3: series.yaml solved, one grade confirmed and one
// released by hand) and checks that every booking, its history and every
// past run's state come through, each old block as one piece, and that
// the store takes runs with pieces afterwards.
func TestMigrateReleaseStore(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(filepath.Join("testdata", "release-v3.pencil.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "series.pencil.db")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s := openAt(t, path, Options{Now: newClock().now})
	if v, _ := s.schemaVersion(ctx, s.db); v != SchemaVersion {
		t.Fatalf("schema version %d after Open, want %d", v, SchemaVersion)
	}
	bs, err := s.Bookings(ctx, Filter{})
	if err != nil || len(bs) != 62 {
		t.Fatalf("%d bookings, %v; want the release's 62", len(bs), err)
	}
	statuses := map[booking.Status]int{}
	for _, b := range bs {
		statuses[b.Status]++
		if len(b.Pieces) != 1 || !b.Pieces[0].Start.Equal(b.Start) || !b.Pieces[0].End.Equal(b.End) {
			t.Errorf("%s: pieces %+v, want its old block %s – %s", b.ID, b.Pieces, b.Start, b.End)
		}
	}
	if statuses[booking.Confirmed] != 3 || statuses[booking.Released] != 1 {
		t.Errorf("statuses %v, want the release's three confirmed (two from the file, one by hand) and one released", statuses)
	}
	hist, err := s.History(ctx, "B-harbour-lights-ep2.grade")
	if err != nil || len(hist) != 2 || hist[1].Old == nil || len(hist[1].Old.Pieces) != 1 {
		t.Errorf("history %+v, %v; want the run and the confirm, with pieces filled in", hist, err)
	}
	asOf, err := s.BookingsAsOf(ctx, 1)
	if err != nil || len(asOf) != 62 {
		t.Errorf("as of run 1: %d bookings, %v", len(asOf), err)
	}
	g := current(t, s)["B-harbour-lights-ep2.grade"]
	g.Pieces = []Piece{{Start: g.Start, End: g.Start.Add(10 * time.Hour)}, {Start: g.End.Add(-10 * time.Hour), End: g.End}}
	snap, err := s.Snapshot(ctx, "Harbour Lights")
	if err != nil {
		t.Fatal(err)
	}
	var run []Booking
	for _, b := range snap.Bookings {
		if b.ID == g.ID {
			b = g
		}
		if b.Status != booking.Released {
			run = append(run, b)
		}
	}
	res, err := s.CommitRun(ctx, RunInput{Production: "Harbour Lights", Fingerprint: fp, CheckVersion: true, ReadVersion: snap.Version, Bookings: run})
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Report.Changes; len(c) != 1 || c[0].Booking.ID != g.ID || c[0].Kind != ChangeMoved {
		t.Errorf("changes %+v, want the confirmed grade's pieces to count as a move", c)
	}
	if got := current(t, s)[g.ID]; len(got.Pieces) != 2 || got.Status != booking.Confirmed {
		t.Errorf("after the run: %+v", got)
	}
}

// TestWorkedDays checks how a report names the days a booking is worked.
func TestWorkedDays(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		o := RenderOptions{Location: time.UTC}
		tests := []struct {
			pieces []string
			want   string
		}{
			{[]string{"05-12 10:00+4"}, "Tue 12 May 10:00–14:00"},
			{[]string{"05-11 09:00+10", "05-12 09:00+10", "05-13 09:00+10"}, "Mon 11 May – Wed 13 May 09:00–19:00"},
			{[]string{"05-14 09:00+10", "05-15 09:00+10", "05-18 09:00+10"}, "Thu 14 May – Fri 15 May 09:00–19:00, Mon 18 May 09:00–19:00"},
			{[]string{"05-11 09:00+10", "05-12 09:00+4"}, "Mon 11 May 09:00–19:00, Tue 12 May 09:00–13:00"},
			{[]string{"05-11 20:00+8"}, "Mon 11 May 20:00 – Tue 12 May 04:00"},
		}
		for _, tt := range tests {
			if got := o.worked(split(t, "G", "HL", "grade-a", tt.pieces...)); got != tt.want {
				t.Errorf("%v: got %q, want %q", tt.pieces, got, tt.want)
			}
		}
		was := split(t, "G", "HL", "grade-a", "05-11 09:00+58")
		now := split(t, "G", "HL", "grade-a", "05-11 09:00+10", "05-12 09:00+10", "05-13 09:00+10")
		line := o.Line(Change{Kind: ChangeMoved, Booking: now, Was: &was})
		if want := "Grade in grade-a: same dates, now shown as the days worked: Mon 11 May – Wed 13 May 09:00–19:00 [G]"; line != want {
			t.Errorf("refined block: %q, want %q", line, want)
		}
	})
}

// TestSecondPencilHeldElsewhereStays: a run that asks for a second pencil
// (the project file says another production holds the slot) keeps it a
// second pencil although nothing in this store holds the slot, through
// hand-made changes to other bookings, until a run asks for a first
// pencil, which the report shows as a promotion.
func TestSecondPencilHeldElsewhereStays(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		second := bk(t, "S", "HL", "Grade/1", "grade-a", "05-12 09:00", 8, "ines")
		second.Status = booking.SecondPencil
		other := bk(t, "M", "HL", "Mix/1", "mix-1", "05-12 09:00", 8, "jo")
		rep := commit(t, s, "HL", second, other)
		if b := current(t, s)["S"]; b.Status != booking.SecondPencil || !b.HeldElsewhere {
			t.Fatalf("after the run S = %+v, want a second pencil held elsewhere (%s)", b, counts(rep.Report))
		}
		if _, err := s.Confirm(ctx, []string{"M"}, "agreed", "jo"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Release(ctx, []string{"M"}, "moved", "jo"); err != nil {
			t.Fatal(err)
		}
		if b := current(t, s)["S"]; b.Status != booking.SecondPencil {
			t.Fatalf("after changes to another booking S is %s, want still a second pencil", b.Status)
		}
		again := commit(t, s, "HL", second)
		if c := again.Report.Changes; len(c) != 0 {
			t.Errorf("the same run again changed %+v", c)
		}
		first := second
		first.Status = booking.Pencil
		promoted := commit(t, s, "HL", first)
		if c := promoted.Report.Changes; len(c) != 1 || c[0].Kind != ChangePromoted {
			t.Errorf("asking for a first pencil: changes %+v, want one promotion", c)
		}
		if b := current(t, s)["S"]; b.Status != booking.Pencil || b.HeldElsewhere {
			t.Errorf("after the promotion S = %+v", b)
		}
	})
}

// TestRenameProduction: renaming keeps every booking (id, status, pieces,
// sequence) under the new name with a history row, refuses to merge into
// a production that has bookings, and an unknown name.
func TestRenameProduction(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		commit(t, s, "HL", bk(t, "A", "HL", "Grade/1", "grade-a", "05-12 09:00", 8, "ines"))
		if _, err := s.Confirm(ctx, []string{"A"}, "agreed", "jo"); err != nil {
			t.Fatal(err)
		}
		commit(t, s, "DW", bk(t, "D", "DW", "Grade/1", "grade-b", "05-12 09:00", 8, "kit"))
		before := current(t, s)["A"]
		if _, err := s.RenameProduction(ctx, "HL", "DW", "oops", "jo"); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("rename onto a production with bookings: %v", err)
		}
		if _, err := s.RenameProduction(ctx, "Nope", "X", "oops", "jo"); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("rename of an unknown production: %v", err)
		}
		rep, err := s.RenameProduction(ctx, "HL", "Harbour Lights", "the channel renamed the show", "jo")
		if err != nil {
			t.Fatal(err)
		}
		after := current(t, s)["A"]
		if after.Production != "Harbour Lights" || after.Status != booking.Confirmed || after.Sequence != before.Sequence || !samePieces(after.Pieces, before.Pieces) {
			t.Errorf("renamed booking %+v, was %+v", after, before)
		}
		if len(rep.Changes) != 1 || rep.Changes[0].Kind != ChangeDetails {
			t.Errorf("report %+v, want one change of details", rep.Changes)
		}
		if key, err := s.ProductionKey(ctx, "Harbour Lights"); err != nil || key != "HL" {
			t.Errorf("key after the rename = %q, %v; want the first name, HL", key, err)
		}
		counts, err := s.Productions(ctx)
		if err != nil || len(counts) != 2 || counts[1].Name != "Harbour Lights" || counts[1].Live != 1 {
			t.Errorf("productions %+v, %v", counts, err)
		}
	})
}
