package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestCopyTablesMatchTheirColumns(t *testing.T) {
	for _, tab := range copyTables {
		if n := len(strings.Split(tab.cols, ",")); n != len(tab.kinds) {
			t.Errorf("%s: %d columns, %d kinds", tab.name, n, len(tab.kinds))
		}
	}
}

// TestCopyRoundTrip copies a store between every pair of backends and
// checks that the copy reads the same through every reader, and that the
// next run on each gets the same id and report.
func TestCopyRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, src := range backends(t) {
		for _, dst := range backends(t) {
			t.Run(src.name+"-to-"+dst.name, func(t *testing.T) {
				from, _ := scenario(t, src)
				if _, err := from.Confirm(ctx, []string{"A3"}, "director signed off", "jo"); err != nil {
					t.Fatal(err)
				}
				token, _, err := from.AddSubscriber(ctx, FeedPerson, "ines")
				if err != nil {
					t.Fatal(err)
				}
				to := dst.open(t)
				if err := Copy(ctx, from, to); err != nil {
					t.Fatalf("Copy: %v", err)
				}
				same(t, "Bookings", func(s *Store) (any, error) { return s.Bookings(ctx, Filter{}) }, from, to)
				same(t, "Runs", func(s *Store) (any, error) { return s.Runs(ctx) }, from, to)
				same(t, "Subscribers", func(s *Store) (any, error) { return s.Subscribers(ctx) }, from, to)
				same(t, "Subscriber", func(s *Store) (any, error) { return s.Subscriber(ctx, token) }, from, to)
				same(t, "Productions", func(s *Store) (any, error) { return s.Productions(ctx) }, from, to)
				same(t, "Version", func(s *Store) (any, error) { return s.Version(ctx, "Harbour Lights") }, from, to)
				same(t, "History", func(s *Store) (any, error) { return s.History(ctx, "A3") }, from, to)
				same(t, "BookingsAsOf", func(s *Store) (any, error) { return s.BookingsAsOf(ctx, 2) }, from, to)
				same(t, "RunReport", func(s *Store) (any, error) { return s.RunReport(ctx, 3) }, from, to)
				same(t, "Diff", func(s *Store) (any, error) { return s.Diff(ctx, 1, 3) }, from, to)
				same(t, "next run", func(s *Store) (any, error) {
					res, err := s.CommitRun(ctx, RunInput{Production: "Night Shift", Fingerprint: fp, Who: "jo", Why: "after copy"})
					if err != nil {
						return nil, err
					}
					res.Report.Time = res.Report.Time.Truncate(0)
					return []any{res.RunID, counts(res.Report)}, nil
				}, from, to)
				if _, _, err := to.AddSubscriber(ctx, FeedSuite, "grade-a"); err != nil {
					t.Errorf("AddSubscriber after copy: %v", err)
				}
				if err := Copy(ctx, from, to); !errors.Is(err, ErrInvalidInput) {
					t.Errorf("Copy onto a store in use = %v, want ErrInvalidInput", err)
				}
			})
		}
	}
}

// same checks that read gives the same result on a and b.
func same(t *testing.T, what string, read func(*Store) (any, error), a, b *Store) {
	t.Helper()
	va, err := read(a)
	if err != nil {
		t.Fatalf("%s on the original: %v", what, err)
	}
	vb, err := read(b)
	if err != nil {
		t.Fatalf("%s on the copy: %v", what, err)
	}
	if !reflect.DeepEqual(va, vb) {
		t.Errorf("%s differs:\noriginal %+v\ncopy     %+v", what, va, vb)
	}
}
