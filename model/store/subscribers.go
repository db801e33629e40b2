package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// FeedKind says what a feed subscriber's calendar follows.
type FeedKind string

// The kinds of calendar feed.
const (
	FeedPerson     FeedKind = "person"
	FeedSuite      FeedKind = "suite"
	FeedArtiste    FeedKind = "artiste"
	FeedProduction FeedKind = "production"
)

// ErrUnknownToken means no live subscriber has the token: it was never
// issued, or it was revoked.
var ErrUnknownToken = errors.New("store: unknown or revoked feed token")

// Subscriber is one issued calendar feed. Only a hash of its token is kept.
type Subscriber struct {
	ID   int64
	Kind FeedKind
	// Key is the person, suite, artiste or production the feed follows.
	Key     string
	Created time.Time
	// Revoked is when the token was withdrawn; zero while it is live.
	Revoked time.Time
}

// tokenBytes is the entropy of a feed token: 256 bits.
const tokenBytes = 32

// AddSubscriber issues a new feed token for kind and key and returns it with
// the subscriber. The token is shown once: the store keeps only its SHA-256.
func (s *Store) AddSubscriber(ctx context.Context, kind FeedKind, key string) (string, Subscriber, error) {
	switch {
	case kind != FeedPerson && kind != FeedSuite && kind != FeedArtiste && kind != FeedProduction:
		return "", Subscriber{}, fmt.Errorf("%w: unknown feed kind %q", ErrInvalidInput, kind)
	case key == "":
		return "", Subscriber{}, fmt.Errorf("%w: %s feed needs a key", ErrInvalidInput, kind)
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", Subscriber{}, fmt.Errorf("store: make feed token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	sub := Subscriber{Kind: kind, Key: key, Created: s.now().UTC()}
	err := s.write(ctx, "add feed subscriber", func(tx dbtx) error {
		err := tx.QueryRowContext(ctx, "INSERT INTO feed_subscribers (kind, key, token_hash, created) VALUES (?, ?, ?, ?) RETURNING id",
			string(kind), key, hashToken(token), stamp(sub.Created)).Scan(&sub.ID)
		if err != nil {
			return fmt.Errorf("insert subscriber: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", Subscriber{}, err
	}
	return token, sub, nil
}

// hashToken is how a token is stored and looked up.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Subscriber returns the live subscriber holding token, or ErrUnknownToken.
func (s *Store) Subscriber(ctx context.Context, token string) (Subscriber, error) {
	var sub Subscriber
	err := s.read(ctx, "find feed subscriber", func(tx dbtx) error {
		var kind, created string
		err := tx.QueryRowContext(ctx, `SELECT id, kind, key, created FROM feed_subscribers
			WHERE token_hash = ? AND revoked IS NULL`, hashToken(token)).Scan(&sub.ID, &kind, &sub.Key, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrUnknownToken
		}
		if err != nil {
			return fmt.Errorf("query subscriber: %w", err)
		}
		sub.Kind = FeedKind(kind)
		sub.Created, err = parseStamp(created)
		return err
	})
	return sub, err
}

// Subscribers returns every subscriber, live and revoked, oldest first.
func (s *Store) Subscribers(ctx context.Context) ([]Subscriber, error) {
	var out []Subscriber
	err := s.read(ctx, "list feed subscribers", func(tx dbtx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, kind, key, created, coalesce(revoked, '') FROM feed_subscribers ORDER BY id")
		if err != nil {
			return fmt.Errorf("query subscribers: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var sub Subscriber
			var kind, created, revoked string
			if err := rows.Scan(&sub.ID, &kind, &sub.Key, &created, &revoked); err != nil {
				return fmt.Errorf("scan subscriber: %w", err)
			}
			sub.Kind = FeedKind(kind)
			if sub.Created, err = parseStamp(created); err != nil {
				return err
			}
			if revoked != "" {
				if sub.Revoked, err = parseStamp(revoked); err != nil {
					return err
				}
			}
			out = append(out, sub)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeSubscriber withdraws a subscriber's token; its feed stops at once.
// Revoking a revoked subscriber does nothing.
func (s *Store) RevokeSubscriber(ctx context.Context, id int64) error {
	return s.write(ctx, "revoke feed subscriber", func(tx dbtx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM feed_subscribers WHERE id = ?", id).Scan(&n); err != nil {
			return fmt.Errorf("find subscriber: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("%w: no feed subscriber %d", ErrInvalidInput, id)
		}
		_, err := tx.ExecContext(ctx, "UPDATE feed_subscribers SET revoked = ? WHERE id = ? AND revoked IS NULL",
			stamp(s.now().UTC()), id)
		if err != nil {
			return fmt.Errorf("revoke subscriber %d: %w", id, err)
		}
		return nil
	})
}
