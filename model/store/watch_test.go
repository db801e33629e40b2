package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// waitFor waits up to 5 s for a value on ch, failing t with what.
func waitFor(t *testing.T, ch <-chan error, what string) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("no word of %s within 5 s", what)
	}
	return nil
}

func TestWatchTellsOfCommitsAndReconnects(t *testing.T) {
	s := openAt(t, postgresDSN(t), Options{Now: newClock().now})
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan error, 16)
	done := make(chan error, 1)
	go func() { done <- s.Watch(ctx, func(err error) { events <- err }) }()
	defer func() {
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Watch ended with %v, want context.Canceled", err)
		}
	}()
	// Once listening, Watch tells the caller to re-read (a commit may have
	// come before LISTEN took effect); then every commit is told.
	if err := waitFor(t, events, "listening"); err != nil {
		t.Fatalf("Watch: %v", err)
	}
	commit(t, s, "alpha", bk(t, "a1", "alpha", "mix/1", "s1", "05-12 09:00", 2, "ann"))
	if err := waitFor(t, events, "a commit"); err != nil {
		t.Fatalf("Watch: %v", err)
	}
	if _, _, err := s.AddSubscriber(ctx, FeedPerson, "ann"); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(t, events, "a new subscriber"); err != nil {
		t.Fatalf("Watch: %v", err)
	}
	// The listening connection dies: Watch says so, listens again, and
	// tells of a change that may have been missed.
	if _, err := s.db.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	if err := waitFor(t, events, "the lost connection"); err == nil {
		t.Fatal("Watch did not report the lost connection")
	}
	if err := waitFor(t, events, "listening again"); err != nil {
		t.Fatalf("after reconnecting: %v", err)
	}
}

func TestWatchOnSQLite(t *testing.T) {
	if err := openTest(t).Watch(context.Background(), func(error) {}); !errors.Is(err, ErrNoWatch) {
		t.Errorf("Watch on SQLite: %v, want ErrNoWatch", err)
	}
}
