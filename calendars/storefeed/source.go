package storefeed

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"

	"github.com/pencil-post/pencil/calendars"
)

// DefaultMaxAge is how long a Source serves what it read before it reads
// the store again, when Options.MaxAge is zero.
const DefaultMaxAge = time.Second

// ErrNoBookings means the store holds no bookings in the roster's scope
// yet: there is nothing to put in a calendar until pencil solve commits a
// run. It wraps calendars.ErrNoFeed, so the feed server answers 404.
var ErrNoBookings = fmt.Errorf("%w: no bookings yet (run pencil solve first)", calendars.ErrNoFeed)

// Options tunes a Source. The zero value is ready to use.
type Options struct {
	// MaxAge is how long feeds are served from memory before the store is
	// read again; default DefaultMaxAge. A commit shows in the feeds at
	// most MaxAge later. Calendar clients poll hourly (see
	// calendars.RefreshInterval), so a second is plenty fresh, and it
	// keeps the store out of the path of almost every request.
	MaxAge time.Duration
	// Now is the clock that ages what was read; nil means time.Now.
	Now func() time.Time
	// Log receives a warning when a re-read fails and older feeds are
	// served instead; the zero Logger writes nothing.
	Log zerolog.Logger
}

// Source is a calendars.FeedSource over the booking store. It renders
// every feed of the roster's production at once, keeps them in memory and
// re-reads the store at most once per MaxAge. A re-read that finds the
// bookings as they were renders nothing, so unchanged feeds keep their
// bytes, ETag and Last-Modified, and subscribers get 304 Not Modified.
// It is safe for concurrent use; while one request re-reads the store,
// the others are served the feeds already rendered.
type Source struct {
	rd     Reader
	roster Roster
	opts   Options

	// refresh is held while the store is read and feeds rendered; it
	// guards dater.
	refresh sync.Mutex
	dater   dater
	mem     *calendars.MemorySource
	// read is when the store was last read, nil before the first read.
	read atomic.Pointer[readState]
	// failing is set while reads of the store fail (see noteRead).
	failing atomic.Bool
	// kick asks KeepFresh to read now (see Kick).
	kick chan struct{}
}

// readState is the outcome of the last read of the store.
type readState struct {
	at    time.Time
	empty bool // no bookings in scope: every feed is ErrNoBookings
}

// NewSource returns a Source reading rd for the bookings of r. It reads
// nothing until the first Feed or Refresh.
func NewSource(rd Reader, r Roster, o Options) *Source {
	if o.MaxAge <= 0 {
		o.MaxAge = DefaultMaxAge
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Source{rd: rd, roster: r, opts: o, mem: calendars.NewMemorySource(), kick: make(chan struct{}, 1)}
}

// Feed returns the calendar for a feed key, re-reading the store first
// when what was read is older than MaxAge. When that re-read fails and
// feeds were read before, they are served and the failure is logged.
func (s *Source) Feed(ctx context.Context, key string) (calendars.FeedDoc, error) {
	st := s.read.Load()
	switch {
	case st == nil:
		// Nothing to serve yet: wait for whoever reads first.
		if err := s.refreshIfStale(ctx, true); err != nil {
			return calendars.FeedDoc{}, err
		}
	case s.opts.Now().Sub(st.at) >= s.opts.MaxAge:
		s.noteRead(s.refreshIfStale(ctx, false))
	}
	if st := s.read.Load(); st != nil && st.empty {
		return calendars.FeedDoc{}, ErrNoBookings
	}
	return s.mem.Feed(ctx, key)
}

// noteRead logs when reading the store starts failing, and when it works
// again: not every failed read, which would flood the log while a
// database restarts. Meanwhile the feeds read before are served.
func (s *Source) noteRead(err error) {
	switch {
	case err != nil && !s.failing.Swap(true):
		s.opts.Log.Warn().Err(err).Msg("storefeed: cannot read the booking store; serving the last good feeds until it answers")
	case err == nil && s.failing.Swap(false):
		s.opts.Log.Info().Msg("storefeed: the booking store answers again; feeds are current")
	}
}

// refreshIfStale re-reads the store unless another goroutine is doing so
// (wait false) or has just done so.
func (s *Source) refreshIfStale(ctx context.Context, wait bool) error {
	if wait {
		s.refresh.Lock()
	} else if !s.refresh.TryLock() {
		return nil
	}
	defer s.refresh.Unlock()
	if st := s.read.Load(); st != nil && s.opts.Now().Sub(st.at) < s.opts.MaxAge {
		return nil
	}
	// The read serves every waiting request, so one client hanging up
	// does not abort it.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
	defer cancel()
	return s.refreshLocked(ctx)
}

// refreshTimeout bounds one read of the store on behalf of a request.
const refreshTimeout = 10 * time.Second

// Refresh reads the store now and renders the feeds again if any booking
// changed.
func (s *Source) Refresh(ctx context.Context) error {
	s.refresh.Lock()
	defer s.refresh.Unlock()
	return s.refreshLocked(ctx)
}

// refreshLocked reads the store; s.refresh is held. A failed read leaves
// the feeds as they were and is retried after MaxAge.
func (s *Source) refreshLocked(ctx context.Context) error {
	at := s.opts.Now()
	prev := s.read.Load()
	changed := s.dater.seen == nil
	before := s.dater.seen
	prod, bookings, err := s.dater.snapshot(ctx, s.rd, s.roster)
	if err != nil {
		if prev != nil {
			s.read.Store(&readState{at: at, empty: prev.empty})
		}
		return err
	}
	if !changed {
		changed = len(before) != len(s.dater.seen)
		for id, d := range s.dater.seen {
			if p, ok := before[id]; !ok || !sameBooking(p.b, d.b) || !p.modified.Equal(d.modified) {
				changed = true
				break
			}
		}
	}
	if changed && len(bookings) > 0 {
		if err := s.mem.Publish(prod, bookings); err != nil {
			s.dater.seen = before // so the next read tries again
			return fmt.Errorf("storefeed: render feeds: %w", err)
		}
	}
	s.read.Store(&readState{at: at, empty: len(bookings) == 0})
	return nil
}

// Roster returns the roster the source was made with.
func (s *Source) Roster() Roster { return s.roster }
