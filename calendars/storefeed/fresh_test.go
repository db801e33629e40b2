package storefeed

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// stepper is a wait for repeat that the test steps by hand: each wait
// reports a finished turn on done and goes on when told on next (false
// ends the loop).
type stepper struct {
	done chan struct{}
	next chan bool
}

func newStepper() stepper { return stepper{done: make(chan struct{}), next: make(chan bool)} }

func (s stepper) wait(context.Context) bool {
	s.done <- struct{}{}
	return <-s.next
}

// TestRepeat: repeat runs its turn, then waits, until the wait says stop
// or the context ends.
func TestRepeat(t *testing.T) {
	turns := 0
	waits := 0
	repeat(context.Background(), func(context.Context) bool { waits++; return waits < 3 },
		func(context.Context) { turns++ })
	if turns != 3 || waits != 3 {
		t.Errorf("%d turns, %d waits; want 3 and 3", turns, waits)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	repeat(ctx, func(context.Context) bool { return true }, func(context.Context) { t.Error("a turn after the end") })
	if ticks(time.Hour)(ctx) {
		t.Error("ticks waited out an ended context")
	}
}

// TestSourceKeepFresh: kept fresh, a source shows each commit after the
// next turn, without any request reading the store (its MaxAge is an
// hour on a clock that stands still).
func TestSourceKeepFresh(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	st := openStore(t, clk)
	commit(t, st, grade(1, 8, 10), adr(10))
	src := NewSource(st, testRoster(t), Options{MaxAge: time.Hour, Now: clk.now})
	step := newStepper()
	stopped := make(chan struct{})
	go func() { src.keepFresh(ctx, step.wait); close(stopped) }()
	<-step.done
	first, err := src.Feed(ctx, "artiste/maya")
	if err != nil {
		t.Fatal(err)
	}
	uid := "B-hl-adr-1@harbour-lights.pencil"
	if ev := events(t, first.Body)[uid]; ev.seq != 0 {
		t.Errorf("first read: ADR reads %+v", ev)
	}
	commit(t, st, grade(1, 8, 10), adr(12)) // the ADR moves
	if doc, _ := src.Feed(ctx, "artiste/maya"); doc.ETag != first.ETag {
		t.Error("a request read the store within MaxAge")
	}
	step.next <- true
	<-step.done
	moved, _ := src.Feed(ctx, "artiste/maya")
	if ev := events(t, moved.Body)[uid]; ev.seq != 1 {
		t.Errorf("after a turn the moved ADR reads %+v, want SEQUENCE 1", ev)
	}
	step.next <- false
	<-stopped
}

// TestTokensRecheck: a re-check renews the tokens in use that are still
// live, so requests keep being served from memory past MaxAge, and
// forgets a revoked one, so the next request asks the store and is
// refused. Without MaxAge or remembered tokens it asks nothing.
func TestTokensRecheck(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	ct := &listingTokens{countingTokens: countingTokens{token: "good"}}
	tokens := NewTokens(ct, testRoster(t))
	if err := tokens.Recheck(ctx); err != nil || ct.lists != 0 {
		t.Fatalf("re-check without MaxAge: %v after %d lists", err, ct.lists)
	}
	tokens.MaxAge, tokens.Now = time.Minute, clk.now
	steps := []struct {
		name                 string
		advance              time.Duration
		revoke, recheck      bool
		token                string
		wantOK               bool
		wantCalls, wantLists int
	}{
		{"nothing remembered: no list", 0, false, true, "", false, 0, 0},
		{"first lookup asks", 0, false, false, "good", true, 1, 0},
		{"re-checked at 50 s", 50 * time.Second, false, true, "", false, 1, 1},
		{"at 90 s it is still trusted", 40 * time.Second, false, false, "good", true, 1, 1},
		{"revoked and re-checked", 0, true, true, "", false, 1, 2},
		{"the next request asks and is refused", 0, false, false, "good", false, 2, 2},
	}
	for _, s := range steps {
		clk.tick(s.advance)
		ct.revoked = ct.revoked || s.revoke
		if s.recheck {
			if err := tokens.Recheck(ctx); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
		}
		ok := false
		if s.token != "" {
			_, ok = tokens.Lookup(context.Background(), s.token)
		}
		if ok != s.wantOK || ct.calls != s.wantCalls || ct.lists != s.wantLists {
			t.Errorf("%s: %v after %d lookups and %d lists in the store; want %v, %d, %d", s.name, ok, ct.calls,
				ct.lists, s.wantOK, s.wantCalls, s.wantLists)
		}
	}
}

// TestTokensRecheckFails: a store that cannot list, or fails to, leaves
// what is remembered as it was.
func TestTokensRecheckFails(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	for _, tr := range []TokenReader{&countingTokens{token: "good"}, &listingTokens{countingTokens: countingTokens{token: "good"}, fail: true}} {
		tokens := NewTokens(tr, testRoster(t))
		tokens.MaxAge, tokens.Now = time.Minute, clk.now
		if _, ok := tokens.Lookup(context.Background(), "good"); !ok {
			t.Fatal("good token refused")
		}
		if err := tokens.Recheck(ctx); err == nil {
			t.Errorf("%T: re-check did not fail", tr)
		}
		if _, ok := tokens.Lookup(context.Background(), "good"); !ok {
			t.Errorf("%T: a failed re-check forgot a token", tr)
		}
	}
}

// TestTokensKeepFresh: kept fresh, a revoked token is refused after the
// next turn, well within MaxAge.
func TestTokensKeepFresh(t *testing.T) {
	ct := &listingTokens{countingTokens: countingTokens{token: "good"}}
	tokens := NewTokens(ct, testRoster(t))
	tokens.MaxAge = time.Hour
	if _, ok := tokens.Lookup(context.Background(), "good"); !ok {
		t.Fatal("good token refused")
	}
	step := newStepper()
	stopped := make(chan struct{})
	go func() { tokens.keepFresh(context.Background(), step.wait); close(stopped) }()
	<-step.done
	ct.setRevoked()
	step.next <- true
	<-step.done
	if _, ok := tokens.Lookup(context.Background(), "good"); ok {
		t.Error("a revoked token was served after a re-check")
	}
	step.next <- false
	<-stopped
}

// listingTokens is countingTokens that can list its one subscriber too,
// counting the lists, or fail to.
type listingTokens struct {
	countingTokens
	lists int
	fail  bool
}

func (l *listingTokens) Subscribers(context.Context) ([]store.Subscriber, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lists++
	if l.fail {
		return nil, errors.New("disk on fire")
	}
	sub := store.Subscriber{ID: 7, Kind: store.FeedPerson, Key: "ines"}
	if l.revoked {
		sub.Revoked = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	}
	return []store.Subscriber{{ID: 3, Kind: store.FeedPerson, Key: "lena"}, sub}, nil
}

// setRevoked revokes the token while a re-check may be reading.
func (l *listingTokens) setRevoked() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.revoked = true
}

// TestTokensRecheckStore: against the booking store, a re-check refuses a
// token revoked with pencil feeds revoke and keeps the others.
func TestTokensRecheckStore(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, newClock())
	keep, _, err := st.AddSubscriber(ctx, store.FeedPerson, "ines")
	if err != nil {
		t.Fatal(err)
	}
	gone, sub, err := st.AddSubscriber(ctx, store.FeedSuite, "grade-1")
	if err != nil {
		t.Fatal(err)
	}
	tokens := NewTokens(st, testRoster(t))
	tokens.MaxAge = time.Hour
	for _, tok := range []string{keep, gone} {
		if _, ok := tokens.Lookup(context.Background(), tok); !ok {
			t.Fatal("live token refused")
		}
	}
	if err := st.RevokeSubscriber(ctx, sub.ID); err != nil {
		t.Fatal(err)
	}
	if err := tokens.Recheck(ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := tokens.Lookup(context.Background(), gone); ok {
		t.Error("revoked token served after a re-check")
	}
	if s, ok := tokens.Lookup(context.Background(), keep); !ok || s.Feed != "person/ines" {
		t.Errorf("live token after a re-check: %+v, %v", s, ok)
	}
}
