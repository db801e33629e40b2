package storefeed

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// TokenReader is the part of the booking store that resolves feed tokens.
// *store.Store implements it.
type TokenReader interface {
	Subscriber(ctx context.Context, token string) (store.Subscriber, error)
}

// SubscriberLister lists every feed subscriber, live and revoked. A
// TokenReader that is one too (as *store.Store is) lets Tokens re-check
// the tokens in use with one query (see Recheck).
type SubscriberLister interface {
	Subscribers(ctx context.Context) ([]store.Subscriber, error)
}

// DefaultLookupTimeout bounds one token lookup in the store.
const DefaultLookupTimeout = 5 * time.Second

// Tokens is a calendars.Subscribers over the booking store's feed
// subscribers (pencil feeds add). Only the SHA-256 of a token is stored;
// the store finds it by its index, and a hash reveals nothing about which
// tokens exist.
//
// A token found in the store is remembered for MaxAge, so a calendar
// client polling its feed does not cost a store query each time; a
// revoked token therefore stops working within MaxAge. Recheck (or
// KeepFresh, which calls it) renews what is remembered ahead of time, so
// no request waits for the store. Tokens not found are never remembered:
// a token issued a moment ago works at once.
type Tokens struct {
	tr    TokenReader
	scope string
	// Timeout bounds one lookup; default DefaultLookupTimeout.
	Timeout time.Duration
	// MaxAge is how long a token found in the store is trusted without
	// asking again; zero asks every time.
	MaxAge time.Duration
	// Now is the clock of MaxAge; nil means time.Now.
	Now func() time.Time
	// Log receives store failures (never tokens); the zero Logger writes
	// nothing.
	Log zerolog.Logger

	mu   sync.RWMutex
	seen map[string]seenToken // by token hash
	kick chan struct{}        // asks KeepFresh to re-check now (see Kick)
}

// seenToken is a subscriber found in the store, and when to ask again.
type seenToken struct {
	sub   calendars.Subscriber
	until time.Time
}

// maxSeenTokens bounds the memory of found tokens; past it the memory is
// cleared and refilled as clients come back.
const maxSeenTokens = 10000

// NewTokens returns the subscribers of tr whose feeds belong to r: a
// production subscriber must name r's scope. It asks the store on every
// lookup until MaxAge is set.
func NewTokens(tr TokenReader, r Roster) *Tokens {
	return &Tokens{tr: tr, scope: r.Scope, Timeout: DefaultLookupTimeout, kick: make(chan struct{}, 1)}
}

// Lookup returns the live subscriber holding token. A token that was never
// issued, was revoked, or opens another production's calendar is not
// found. While the store cannot be asked (the failure is logged), a token
// found before is still served, however long ago, so subscribers keep
// their last good calendars through a database restart; a token never
// found is refused.
func (t *Tokens) Lookup(ctx context.Context, token string) (calendars.Subscriber, bool) {
	hash := calendars.HashToken(token)
	now := t.now
	var last *seenToken
	if t.MaxAge > 0 {
		t.mu.RLock()
		s, ok := t.seen[hash]
		t.mu.RUnlock()
		if ok && now().Before(s.until) {
			return s.sub, true
		}
		if ok {
			last = &s
		}
	}
	timeout := t.Timeout
	if timeout <= 0 {
		timeout = DefaultLookupTimeout
	}
	request := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	sub, err := t.tr.Subscriber(ctx, token)
	if err != nil {
		if request.Err() != nil {
			return calendars.Subscriber{}, false // the client went away: nothing to serve, nothing wrong with the store
		}
		if errors.Is(err, store.ErrUnknownToken) {
			t.forget(hash)
			return calendars.Subscriber{}, false
		}
		if last != nil {
			t.Log.Warn().Err(err).Str("subscriber", last.sub.ID).Msg("storefeed: feed token lookup failed; trusting the token as last found")
			return last.sub, true
		}
		t.Log.Error().Err(err).Msg("storefeed: feed token lookup failed")
		return calendars.Subscriber{}, false
	}
	key, ok := FeedKeyOf(sub, t.scope)
	if !ok {
		return calendars.Subscriber{}, false
	}
	cs := calendars.Subscriber{ID: strconv.FormatInt(sub.ID, 10), Feed: key, TokenSHA256: hash, Issued: sub.Created}
	if t.MaxAge > 0 {
		t.mu.Lock()
		if t.seen == nil || len(t.seen) >= maxSeenTokens {
			t.seen = map[string]seenToken{}
		}
		t.seen[hash] = seenToken{sub: cs, until: now().Add(t.MaxAge)}
		t.mu.Unlock()
	}
	return cs, true
}

// Recheck asks the store, in one query, whether the subscribers of the
// tokens remembered are still live with the same feed: those that are are
// trusted for MaxAge from now, the others forgotten, so a request for a
// revoked token asks the store again and is refused. It needs a
// TokenReader that is a SubscriberLister, and does nothing while MaxAge
// is zero or no token is remembered. On error nothing changes: what is
// remembered runs out at its time.
func (t *Tokens) Recheck(ctx context.Context) error {
	if t.MaxAge <= 0 {
		return nil
	}
	t.mu.RLock()
	n := len(t.seen)
	t.mu.RUnlock()
	if n == 0 {
		return nil
	}
	sl, ok := t.tr.(SubscriberLister)
	if !ok {
		return errors.New("storefeed: re-check tokens: the token store cannot list its subscribers")
	}
	checked := t.now()
	all, err := sl.Subscribers(ctx)
	if err != nil {
		return fmt.Errorf("storefeed: re-check tokens: %w", err)
	}
	live := make(map[string]string, len(all)) // subscriber id → feed key
	for _, sub := range all {
		if key, ok := FeedKeyOf(sub, t.scope); ok && sub.Revoked.IsZero() {
			live[strconv.FormatInt(sub.ID, 10)] = key
		}
	}
	until := checked.Add(t.MaxAge)
	t.mu.Lock()
	defer t.mu.Unlock()
	for hash, s := range t.seen {
		if key, ok := live[s.sub.ID]; ok && key == s.sub.Feed {
			// A later Lookup may have found it since the list was read.
			s.until = maxTime(s.until, until)
			t.seen[hash] = s
		} else {
			delete(t.seen, hash)
		}
	}
	return nil
}

// maxTime is the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// now reads the Tokens' clock.
func (t *Tokens) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

// forget drops a token that the store no longer knows.
func (t *Tokens) forget(hash string) {
	t.mu.Lock()
	delete(t.seen, hash)
	t.mu.Unlock()
}

// FeedKeyOf is the calendars feed key of a store subscriber, when the
// feed belongs to the production whose store name is scope: "person/sam",
// "suite/grade-1", "artiste/maya" or "production". A production
// subscriber's key is the production's name; one of another production
// gives false, as does an unknown kind.
func FeedKeyOf(sub store.Subscriber, scope string) (string, bool) {
	switch sub.Kind {
	case store.FeedProduction:
		if scope != "" && sub.Key != scope {
			return "", false
		}
		return calendars.FeedKey(calendars.KindProduction, ""), true
	case store.FeedPerson:
		return calendars.FeedKey(calendars.KindPerson, sub.Key), true
	case store.FeedSuite:
		return calendars.FeedKey(calendars.KindSuite, sub.Key), true
	case store.FeedArtiste:
		return calendars.FeedKey(calendars.KindArtiste, sub.Key), true
	}
	return "", false
}
