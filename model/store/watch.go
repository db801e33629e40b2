package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoWatch means the store cannot tell when it changes: an SQLite file.
// Callers read it again periodically instead.
var ErrNoWatch = errors.New("store: this booking store does not announce its changes")

// changeChannel is the PostgreSQL notification channel every write
// transaction notifies as it commits.
const changeChannel = "pencil_changes"

// watchRetry bounds the pause between attempts to listen again after the
// database became unreachable.
const (
	watchRetryMin = 100 * time.Millisecond
	watchRetryMax = 5 * time.Second
)

// Watch calls changed whenever another process (or this one) commits a
// change to the store, until ctx ends: a run, a person's confirm or
// release, a feed subscriber added or revoked. On PostgreSQL it listens
// on a connection of its own (LISTEN/NOTIFY); changes arrive within
// milliseconds of the commit. A quick succession of commits may be told
// once.
//
// When the connection fails, Watch calls changed with the error, waits
// and listens again; once listening again it calls changed(nil), since a
// change may have come and gone meanwhile. It returns ctx's error when ctx
// ends, or ErrNoWatch at once for an SQLite store, whose readers must
// re-read it periodically.
func (s *Store) Watch(ctx context.Context, changed func(err error)) error {
	if s.dsn == "" {
		return ErrNoWatch
	}
	pause := watchRetryMin
	for {
		err := s.listen(ctx, func() {
			pause = watchRetryMin
			// What was missed while not listening: on the first connection
			// too, since the caller's first read may have come before a
			// commit that was announced before LISTEN took effect.
			changed(nil)
		}, func() { changed(nil) })
		if ctx.Err() != nil {
			return ctx.Err()
		}
		changed(fmt.Errorf("store: %s: listen for changes: %w", s.path, err))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, watchRetryMax)
	}
}

// listen connects, listens on changeChannel, calls ready, and then
// notified for every notification until the connection fails or ctx
// ends.
func (s *Store) listen(ctx context.Context, ready, notified func()) error {
	conn, err := pgx.Connect(ctx, s.dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+changeChannel); err != nil {
		return err
	}
	ready()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		notified()
	}
}

// Ping reports whether the store's database answers, for health checks.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return s.wrap("ping", err)
	}
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return s.wrap("ping", err)
	}
	return nil
}
