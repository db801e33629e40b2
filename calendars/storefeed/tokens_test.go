package storefeed

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store"
)

// TestTokens: a live token opens its feed; a revoked one, another
// production's, an unknown one and any token while the store fails do not.
func TestTokens(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, newClock())
	issue := func(kind store.FeedKind, key string) (string, store.Subscriber) {
		tok, sub, err := st.AddSubscriber(ctx, kind, key)
		if err != nil {
			t.Fatal(err)
		}
		return tok, sub
	}
	samTok, _ := issue(store.FeedPerson, "sam")
	prodTok, _ := issue(store.FeedProduction, "Harbour Lights")
	otherTok, _ := issue(store.FeedProduction, "The Bay")
	goneTok, gone := issue(store.FeedSuite, "grade-1")
	if err := st.RevokeSubscriber(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	tokens := NewTokens(st, testRoster(t))
	tests := []struct {
		name, token, wantFeed string
		wantOK                bool
	}{
		{"person", samTok, "person/sam", true},
		{"production", prodTok, "production", true},
		{"another production", otherTok, "", false},
		{"revoked", goneTok, "", false},
		{"never issued", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", false},
		{"empty", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sub, ok := tokens.Lookup(context.Background(), tc.token)
			if ok != tc.wantOK || sub.Feed != tc.wantFeed {
				t.Errorf("Lookup = %+v, %v; want feed %q, %v", sub, ok, tc.wantFeed, tc.wantOK)
			}
		})
	}
	broken := NewTokens(brokenTokens{}, testRoster(t))
	if _, ok := broken.Lookup(context.Background(), samTok); ok {
		t.Error("a token was found while the store failed")
	}
}

// brokenTokens fails every lookup.
type brokenTokens struct{}

func (brokenTokens) Subscriber(context.Context, string) (store.Subscriber, error) {
	return store.Subscriber{}, errors.New("database is locked")
}

// TestFeedKeyOf: store subscribers map to calendars feed keys.
func TestFeedKeyOf(t *testing.T) {
	tests := []struct {
		kind       store.FeedKind
		key, scope string
		want       string
		ok         bool
	}{
		{store.FeedPerson, "sam", "Harbour Lights", "person/sam", true},
		{store.FeedSuite, "grade-1", "Harbour Lights", "suite/grade-1", true},
		{store.FeedArtiste, "maya", "", "artiste/maya", true},
		{store.FeedProduction, "Harbour Lights", "Harbour Lights", "production", true},
		{store.FeedProduction, "The Bay", "Harbour Lights", "", false},
		{store.FeedProduction, "The Bay", "", "production", true},
		{"agent", "x", "", "", false},
	}
	for _, tc := range tests {
		got, ok := FeedKeyOf(store.Subscriber{Kind: tc.kind, Key: tc.key, Created: time.Now()}, tc.scope)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FeedKeyOf(%s %q in %q) = %q, %v; want %q, %v", tc.kind, tc.key, tc.scope, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzTokensLookup: no presented token panics or opens a feed unless it
// is the one issued.
func FuzzTokensLookup(f *testing.F) {
	st := openStore(f, newClock())
	tok, _, err := st.AddSubscriber(context.Background(), store.FeedPerson, "sam")
	if err != nil {
		f.Fatal(err)
	}
	tokens := NewTokens(st, testRoster(f))
	for _, seed := range []string{"", "x", tok[:42], tok + "=", "../../etc/passwd", "' OR 1=1 --", "\x00\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := tokens.Lookup(context.Background(), s); ok != (s == tok) {
			t.Errorf("Lookup(%q) = %v", s, ok)
		}
	})
}

// countingTokens is a store of one token that counts its lookups and can
// revoke it.
type countingTokens struct {
	mu      sync.Mutex // for a re-check running beside the test
	token   string
	revoked bool
	calls   int
}

func (c *countingTokens) Subscriber(_ context.Context, token string) (store.Subscriber, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if token != c.token || c.revoked {
		return store.Subscriber{}, store.ErrUnknownToken
	}
	return store.Subscriber{ID: 7, Kind: store.FeedPerson, Key: "ines"}, nil
}

// TestTokensMaxAge: a found token is trusted for MaxAge without asking the
// store; a revoked one stops once MaxAge has passed; unknown tokens are
// asked about every time.
func TestTokensMaxAge(t *testing.T) {
	clk := newClock()
	ct := &countingTokens{token: "good"}
	tokens := NewTokens(ct, testRoster(t))
	tokens.MaxAge, tokens.Now = time.Minute, clk.now
	steps := []struct {
		name      string
		token     string
		advance   time.Duration
		revoke    bool
		wantOK    bool
		wantCalls int
	}{
		{"first lookup asks", "good", 0, false, true, 1},
		{"within MaxAge is remembered", "good", 30 * time.Second, false, true, 1},
		{"revoked but remembered", "good", 0, true, true, 1},
		{"past MaxAge asks again", "good", time.Minute, false, false, 2},
		{"unknown asks", "bad", 0, false, false, 3},
		{"unknown asks again", "bad", 0, false, false, 4},
	}
	for _, s := range steps {
		clk.tick(s.advance)
		ct.revoked = ct.revoked || s.revoke
		sub, ok := tokens.Lookup(context.Background(), s.token)
		if ok != s.wantOK || ct.calls != s.wantCalls || (ok && sub.Feed != "person/ines") {
			t.Errorf("%s: %+v, %v after %d store calls; want %v after %d", s.name, sub, ok, ct.calls, s.wantOK, s.wantCalls)
		}
	}
}

// TestTokensFollowTheRequest: a request that has ended is not looked up
// in the store; once the token has been found, it is served from memory.
func TestTokensFollowTheRequest(t *testing.T) {
	st := openStore(t, newClock())
	tok, _, err := st.AddSubscriber(context.Background(), store.FeedPerson, "sam")
	if err != nil {
		t.Fatal(err)
	}
	tokens := NewTokens(st, testRoster(t))
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	if _, ok := tokens.Lookup(gone, tok); ok {
		t.Error("a token was looked up for a request that had ended")
	}
	if _, ok := tokens.Lookup(context.Background(), tok); !ok {
		t.Fatal("token not found for a live request")
	}
}
