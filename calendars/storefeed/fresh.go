package storefeed

import (
	"context"
	"time"
)

// KeepFresh reads the store every MaxAge/2 until ctx ends, starting now,
// so requests find the feeds already read and rendered and none of them
// waits for the store or a re-render after a commit; a commit then shows
// in the feeds within MaxAge/2 and the read. Without it (or when it falls
// behind) the request that finds the feeds older than MaxAge reads the
// store itself, while the others are served what was read before. A
// failed read is logged and tried again at the next turn.
func (s *Source) KeepFresh(ctx context.Context) {
	s.keepFresh(ctx, ticksOr(s.opts.MaxAge/2, s.kick))
}

// Kick makes KeepFresh read the store now rather than at its next turn:
// call it when the store announces a change (store.Store.Watch). It never
// blocks; kicks while a read is under way make one more read.
func (s *Source) Kick() { kick(s.kick) }

// kick sends on ch without waiting; a nil ch does nothing.
func kick(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// keepFresh is KeepFresh, waiting between reads with wait.
func (s *Source) keepFresh(ctx context.Context, wait func(context.Context) bool) {
	repeat(ctx, wait, func(ctx context.Context) {
		if err := s.Refresh(ctx); ctx.Err() == nil {
			s.noteRead(err)
		}
	})
}

// KeepFresh checks the tokens in use against the store every MaxAge/2
// until ctx ends (see Recheck), so a calendar client polling its feed
// never waits for a store query, while a revoked token still stops
// within MaxAge. It does nothing when MaxAge is zero.
func (t *Tokens) KeepFresh(ctx context.Context) {
	if t.MaxAge > 0 {
		t.keepFresh(ctx, ticksOr(t.MaxAge/2, t.kick))
	}
}

// Kick makes KeepFresh re-check the tokens in use now: call it when the
// store announces a change, so a revoked token stops at once. It never
// blocks.
func (t *Tokens) Kick() { kick(t.kick) }

// keepFresh is KeepFresh, waiting between checks with wait.
func (t *Tokens) keepFresh(ctx context.Context, wait func(context.Context) bool) {
	repeat(ctx, wait, func(ctx context.Context) {
		if err := t.Recheck(ctx); err != nil && ctx.Err() == nil {
			t.Log.Error().Err(err).Msg("storefeed: re-checking feed tokens in use failed")
		}
	})
}

// repeat calls fn, then waits, until ctx ends or wait reports it did not
// finish waiting.
func repeat(ctx context.Context, wait func(context.Context) bool, fn func(context.Context)) {
	for ctx.Err() == nil {
		fn(ctx)
		if !wait(ctx) {
			return
		}
	}
}

// ticks waits d between turns of repeat (at least a millisecond), or
// until ctx ends.
func ticks(d time.Duration) func(context.Context) bool { return ticksOr(d, nil) }

// ticksOr is ticks, cut short by a send on kicked (nil: never).
func ticksOr(d time.Duration, kicked <-chan struct{}) func(context.Context) bool {
	d = max(d, time.Millisecond)
	return func(ctx context.Context) bool {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return true
		case <-kicked:
			return true
		case <-ctx.Done():
			return false
		}
	}
}
