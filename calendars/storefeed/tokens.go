package storefeed

import (
	"context"
	"errors"
	"strconv"
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

// DefaultLookupTimeout bounds one token lookup in the store.
const DefaultLookupTimeout = 5 * time.Second

// Tokens is a calendars.Subscribers over the booking store's feed
// subscribers (pencil feeds add). Every lookup asks the store, so a
// revoked token stops working at once. Only the SHA-256 of a token is
// stored; the store compares hashes in its index, and a hash reveals
// nothing about which tokens exist.
type Tokens struct {
	tr    TokenReader
	scope string
	// Timeout bounds one lookup; default DefaultLookupTimeout.
	Timeout time.Duration
	// Log receives store failures (never tokens); the zero Logger writes
	// nothing.
	Log zerolog.Logger
}

// NewTokens returns the subscribers of tr whose feeds belong to r: a
// production subscriber must name r's scope.
func NewTokens(tr TokenReader, r Roster) *Tokens {
	return &Tokens{tr: tr, scope: r.Scope, Timeout: DefaultLookupTimeout}
}

// Lookup returns the live subscriber holding token. A token that was never
// issued, was revoked, or opens another production's calendar is not
// found; so is any token while the store cannot be read (logged).
func (t *Tokens) Lookup(token string) (calendars.Subscriber, bool) {
	timeout := t.Timeout
	if timeout <= 0 {
		timeout = DefaultLookupTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	sub, err := t.tr.Subscriber(ctx, token)
	if err != nil {
		if !errors.Is(err, store.ErrUnknownToken) {
			t.Log.Error().Err(err).Msg("storefeed: feed token lookup failed")
		}
		return calendars.Subscriber{}, false
	}
	key, ok := FeedKeyOf(sub, t.scope)
	if !ok {
		return calendars.Subscriber{}, false
	}
	return calendars.Subscriber{
		ID:          strconv.FormatInt(sub.ID, 10),
		Feed:        key,
		TokenSHA256: calendars.HashToken(token),
		Issued:      sub.Created,
	}, true
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
