package store

import (
	"context"
	"errors"
	"testing"

	"github.com/pencil-post/pencil/model/booking"
)

// TestManualTransitions sets up HL's grade pencil G1 with NS's second pencil
// N1 on the same slot, a confirmed mix M1, and a released ADR A3, then
// applies one hand-made change.
func TestManualTransitions(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		setup := func(t *testing.T) *Store {
			s := be.open(t)
			mix := bk(t, "M1", "HL", "Mix/1", "mix-1", "05-13 09:00", 8, "tom")
			mix.Status = booking.Confirmed
			commit(t, s, "HL", bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines"), mix,
				bk(t, "A3", "HL", "ADR/3", "adr-1", "05-12 10:00", 4, "ravi|maya"))
			commit(t, s, "NS", bk(t, "N1", "NS", "Grade/1", "grade-a", "05-12 14:00", 4, "kit"),
				bk(t, "N2", "NS", "ADR/1", "adr-1", "05-12 11:00", 2, "|sol"))
			if _, err := s.Release(ctx, []string{"A3"}, "artiste unavailable", "jo"); err != nil {
				t.Fatal(err)
			}
			return s
		}
		tests := []struct {
			name   string
			do     func(s *Store) (Report, error)
			err    error
			want   string                    // change counts
			status map[string]booking.Status // after
		}{
			{name: "confirm a pencil", do: func(s *Store) (Report, error) { return s.Confirm(ctx, []string{"G1"}, "producer approved", "jo") },
				want: "status=1", status: map[string]booking.Status{"G1": booking.Confirmed, "N1": booking.SecondPencil}},
			{name: "confirm a confirmed booking does nothing", do: func(s *Store) (Report, error) { return s.Confirm(ctx, []string{"M1"}, "again", "jo") },
				want: "", status: map[string]booking.Status{"M1": booking.Confirmed}},
			{name: "confirm a released booking is refused", do: func(s *Store) (Report, error) { return s.Confirm(ctx, []string{"A3"}, "oops", "jo") },
				err: ErrTransition, status: map[string]booking.Status{"A3": booking.Released}},
			{name: "confirm a second pencil is refused", do: func(s *Store) (Report, error) { return s.Confirm(ctx, []string{"N1"}, "oops", "jo") },
				err: ErrTransition, status: map[string]booking.Status{"N1": booking.SecondPencil}},
			{name: "one refusal changes nothing", do: func(s *Store) (Report, error) { return s.Confirm(ctx, []string{"G1", "A3"}, "both", "jo") },
				err: ErrTransition, status: map[string]booking.Status{"G1": booking.Pencil}},
			{name: "release promotes the second pencil", do: func(s *Store) (Report, error) {
				return s.Release(ctx, []string{"G1"}, "grade moved to another facility", "jo")
			},
				want: "released=1 promoted=1", status: map[string]booking.Status{"G1": booking.Released, "N1": booking.Pencil}},
			{name: "release a confirmed booking", do: func(s *Store) (Report, error) { return s.Release(ctx, []string{"M1"}, "mix cancelled", "jo") },
				want: "released=1", status: map[string]booking.Status{"M1": booking.Released}},
			{name: "un-confirm with SetPencil", do: func(s *Store) (Report, error) { return s.SetPencil(ctx, []string{"M1"}, "date in doubt", "jo") },
				want: "status=1", status: map[string]booking.Status{"M1": booking.Pencil}},
			{name: "re-pencil onto a held slot gives a second pencil", do: func(s *Store) (Report, error) {
				return s.SetPencil(ctx, []string{"A3"}, "artiste free after all", "jo")
			},
				want: "new=1", status: map[string]booking.Status{"A3": booking.SecondPencil, "N2": booking.Pencil}},
			{name: "unknown booking", do: func(s *Store) (Report, error) { return s.Release(ctx, []string{"X9"}, "typo", "jo") },
				err: ErrUnknownBooking},
			{name: "a reason is required", do: func(s *Store) (Report, error) { return s.Release(ctx, []string{"G1"}, "", "jo") },
				err: ErrInvalidInput, status: map[string]booking.Status{"G1": booking.Pencil}},
			{name: "no bookings given", do: func(s *Store) (Report, error) { return s.Confirm(ctx, nil, "nothing", "jo") },
				err: ErrInvalidInput},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s := setup(t)
				rep, err := tt.do(s)
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				if got := counts(rep); err == nil && got != tt.want {
					t.Errorf("changes = %q, want %q", got, tt.want)
				}
				now := current(t, s)
				for id, want := range tt.status {
					if got := now[id].Status; got != want {
						t.Errorf("%s status = %q, want %q", id, got, want)
					}
				}
				checkHistoryComplete(t, s)
			})
		}
	})
}

func TestTransitionErrorNamesTheRule(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		s := be.open(t)
		commit(t, s, "HL", bk(t, "A3", "HL", "ADR/3", "adr-1", "05-12 10:00", 4, "ravi"))
		ctx := context.Background()
		if _, err := s.Release(ctx, []string{"A3"}, "cut from the episode", "jo"); err != nil {
			t.Fatal(err)
		}
		_, err := s.Confirm(ctx, []string{"A3"}, "mistake", "jo")
		var te *TransitionError
		if !errors.As(err, &te) {
			t.Fatalf("err = %v, want *TransitionError", err)
		}
		want := TransitionError{ID: "A3", From: booking.Released, To: booking.Confirmed, Why: "a released booking must be pencilled again before it is confirmed"}
		if *te != want {
			t.Errorf("got %+v, want %+v", *te, want)
		}
	})
}

func TestHistoryRecordsHandMadeChanges(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		commit(t, s, "HL", bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines"))
		commit(t, s, "NS", bk(t, "N1", "NS", "Grade/1", "grade-a", "05-12 14:00", 4, "kit"))
		if _, err := s.Release(ctx, []string{"G1"}, "lock slipped", "sam"); err != nil {
			t.Fatal(err)
		}
		type entry struct {
			action, reason, who string
			runID               int64
			status              booking.Status
			sequence            int
		}
		tests := []struct {
			id   string
			want []entry
		}{
			{"G1", []entry{{"run", "test run", "jo", 1, booking.Pencil, 0}, {"release", "lock slipped", "sam", 0, booking.Released, 1}}},
			{"N1", []entry{{"run", "slot already pencilled by G1 (HL)", "jo", 2, booking.SecondPencil, 0},
				{"promote", reasonPromoted, "sam", 0, booking.Pencil, 1}}},
		}
		for _, tt := range tests {
			t.Run(tt.id, func(t *testing.T) {
				h, err := s.History(ctx, tt.id)
				if err != nil {
					t.Fatal(err)
				}
				var got []entry
				for _, e := range h {
					got = append(got, entry{e.Action, e.Reason, e.Who, e.RunID, e.New.Status, e.New.Sequence})
				}
				if len(got) != len(tt.want) {
					t.Fatalf("history = %+v, want %+v", got, tt.want)
				}
				for i := range got {
					if got[i] != tt.want[i] {
						t.Errorf("history[%d] = %+v, want %+v", i, got[i], tt.want[i])
					}
				}
			})
		}
		if _, err := s.History(ctx, "X9"); !errors.Is(err, ErrUnknownBooking) {
			t.Errorf("History(X9) err = %v, want ErrUnknownBooking", err)
		}
	})
}
