package storefeed

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// flakyTokens is countingTokens whose store can go away.
type flakyTokens struct {
	countingTokens
	down sync.Mutex
	gone bool
}

func (f *flakyTokens) setDown(gone bool) {
	f.down.Lock()
	f.gone = gone
	f.down.Unlock()
}

func (f *flakyTokens) Subscriber(ctx context.Context, token string) (store.Subscriber, error) {
	f.down.Lock()
	gone := f.gone
	f.down.Unlock()
	if gone {
		return store.Subscriber{}, errors.New("connection refused")
	}
	return f.countingTokens.Subscriber(ctx, token)
}

// TestTokensOutlastAnOutage: while the store cannot be asked, a token
// found before is served long past MaxAge, a token never found is not,
// and once the store answers a revoked token is refused again.
func TestTokensOutlastAnOutage(t *testing.T) {
	clk := newClock()
	ft := &flakyTokens{countingTokens: countingTokens{token: "good"}}
	tokens := NewTokens(ft, testRoster(t))
	tokens.MaxAge, tokens.Now = time.Second, clk.now
	if _, ok := tokens.Lookup(context.Background(), "good"); !ok {
		t.Fatal("good token refused")
	}
	ft.setDown(true)
	clk.tick(time.Hour)
	if _, ok := tokens.Lookup(context.Background(), "good"); !ok {
		t.Error("a known token was refused while the store was unreachable")
	}
	if _, ok := tokens.Lookup(context.Background(), "other"); ok {
		t.Error("an unknown token was served while the store was unreachable")
	}
	ft.setDown(false)
	ft.mu.Lock()
	ft.revoked = true
	ft.mu.Unlock()
	if _, ok := tokens.Lookup(context.Background(), "good"); ok {
		t.Error("a revoked token was served once the store answered")
	}
}

// TestKickReadsAtOnce: a kick ends KeepFresh's wait, so a change the store
// announces is read without waiting for the next turn.
func TestKickReadsAtOnce(t *testing.T) {
	ct := &listingTokens{countingTokens: countingTokens{token: "good"}}
	tokens := NewTokens(ct, testRoster(t))
	tokens.MaxAge = time.Hour // the next turn would be half an hour away
	if _, ok := tokens.Lookup(context.Background(), "good"); !ok {
		t.Fatal("good token refused")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go tokens.KeepFresh(ctx)
	// KeepFresh re-checks once as it starts; revoke after that.
	deadline := time.Now().Add(5 * time.Second)
	for lists := 0; lists == 0; {
		ct.mu.Lock()
		lists = ct.lists
		ct.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatal("KeepFresh did not start within 5 s")
		}
		time.Sleep(time.Millisecond)
	}
	ct.setRevoked()
	for {
		tokens.Kick()
		if _, ok := tokens.Lookup(context.Background(), "good"); !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a kick did not make KeepFresh re-check within 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
