package store

import (
	"context"
	"errors"
	"testing"
)

func TestFeedSubscribers(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s := be.open(t)
		maya, sub, err := s.AddSubscriber(ctx, FeedArtiste, "maya")
		if err != nil {
			t.Fatal(err)
		}
		ines, _, err := s.AddSubscriber(ctx, FeedPerson, "ines")
		if err != nil {
			t.Fatal(err)
		}
		if maya == ines || len(maya) < 40 {
			t.Fatalf("tokens %q and %q are not distinct and unguessable", maya, ines)
		}
		got, err := s.Subscriber(ctx, maya)
		if err != nil || got.ID != sub.ID || got.Kind != FeedArtiste || got.Key != "maya" {
			t.Fatalf("Subscriber(maya's token) = %+v, %v", got, err)
		}
		var stored int
		if err := s.conn().QueryRowContext(ctx, "SELECT count(*) FROM feed_subscribers WHERE token_hash = ?", maya).Scan(&stored); err != nil || stored != 0 {
			t.Fatalf("the token itself is stored (%d rows, %v)", stored, err)
		}
		if err := s.RevokeSubscriber(ctx, sub.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeSubscriber(ctx, sub.ID); err != nil {
			t.Fatalf("revoking twice: %v", err)
		}
		tests := []struct {
			name  string
			token string
			want  error
		}{
			{"revoked token", maya, ErrUnknownToken},
			{"made-up token", "not-a-token", ErrUnknownToken},
			{"live token", ines, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if _, err := s.Subscriber(ctx, tt.token); !errors.Is(err, tt.want) {
					t.Errorf("err = %v, want %v", err, tt.want)
				}
			})
		}
		all, err := s.Subscribers(ctx)
		if err != nil || len(all) != 2 || all[0].Revoked.IsZero() || !all[1].Revoked.IsZero() {
			t.Errorf("Subscribers = %+v, %v", all, err)
		}
		bad := []struct {
			kind FeedKind
			key  string
		}{{"email", "maya"}, {FeedSuite, ""}}
		for _, b := range bad {
			if _, _, err := s.AddSubscriber(ctx, b.kind, b.key); !errors.Is(err, ErrInvalidInput) {
				t.Errorf("AddSubscriber(%q, %q) err = %v, want ErrInvalidInput", b.kind, b.key, err)
			}
		}
		if err := s.RevokeSubscriber(ctx, 99); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("revoking an unknown subscriber: err = %v", err)
		}
	})
}
