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
func (s *Source) KeepFresh(ctx context.Context) { s.keepFresh(ctx, ticks(s.opts.MaxAge/2)) }

// keepFresh is KeepFresh, waiting between reads with wait.
func (s *Source) keepFresh(ctx context.Context, wait func(context.Context) bool) {
	repeat(ctx, wait, func(ctx context.Context) {
		if err := s.Refresh(ctx); err != nil && ctx.Err() == nil {
			s.opts.Log.Warn().Err(err).Msg("storefeed: re-reading the booking store failed; serving the feeds read before")
		}
	})
}

// KeepFresh checks the tokens in use against the store every MaxAge/2
// until ctx ends (see Recheck), so a calendar client polling its feed
// never waits for a store query, while a revoked token still stops
// within MaxAge. It does nothing when MaxAge is zero.
func (t *Tokens) KeepFresh(ctx context.Context) {
	if t.MaxAge > 0 {
		t.keepFresh(ctx, ticks(t.MaxAge/2))
	}
}

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
func ticks(d time.Duration) func(context.Context) bool {
	d = max(d, time.Millisecond)
	return func(ctx context.Context) bool {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return true
		case <-ctx.Done():
			return false
		}
	}
}
