package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/pflag"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/repencil"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
	"github.com/pencil-post/pencil/solver"
)

// stateOptions are the booking-store settings of `pencil solve`.
type stateOptions struct {
	path   string // --store; "" means the project's own store (storePathFor)
	off    bool   // --no-store
	now    string // --now, parsed once the project's time zone is known
	frozen int    // --frozen, in working days
	who    string
	why    string
	dryRun bool
}

// addStateFlags declares the booking-store flags of `pencil solve`.
func addStateFlags(fs *pflag.FlagSet) {
	addStoreFlag(fs, "booking store `PATH` (default NAME.pencil.db beside the project file NAME.yaml)")
	fs.Bool("no-store", false, "solve without state: read and write no booking store")
	fs.String("now", "", "the `time` of the run, RFC 3339 or 2006-01-02T15:04 in the project's time zone (default now)")
	fs.String("frozen", "2d", "pin the pencils starting within this many working `days` of --now (0 for none)")
	fs.String("why", "", "why the run was made, kept in the history (\"ep3 lock slipped\")")
	fs.Bool("dry-run", false, "solve and print the change report, but commit nothing")
	addWhoFlag(fs)
}

// stateOptions reads the booking-store settings.
func (g *globals) stateOptions() (stateOptions, error) {
	o := stateOptions{
		path: g.v.GetString("store"), off: g.v.GetBool("no-store"), now: g.v.GetString("now"),
		who: g.who(), why: g.v.GetString("why"), dryRun: g.v.GetBool("dry-run"),
	}
	v := strings.TrimSpace(g.v.GetString("frozen"))
	n, err := strconv.Atoi(strings.TrimSuffix(v, "d"))
	if err != nil || n < 0 {
		return o, usageError{fmt.Errorf("frozen %q: want working days such as 2d, or 0", v)}
	}
	o.frozen = n
	return o, nil
}

// runState is one solve's booking store: its current bookings, read
// before the solve, and the run to commit after it.
type runState struct {
	o          stateOptions
	path       string
	now        time.Time
	st         *store.Store
	current    []store.Booking
	owed       []store.Owed         // the production's cancellation charges owed already
	confirmed  map[string]time.Time // when its confirmed bookings were confirmed, by booking id
	version    int64                // the production's store version current was read at
	production string               // the production whose version it is
	log        zerolog.Logger
	input      string // the run's fingerprint: every file the project was read from
}

// openState parses --now and reads the store's bookings. A store that does
// not exist yet is created only when the run is committed, so a run that
// fails leaves no file behind.
func openState(ctx context.Context, file string, p *model.Project, o stateOptions, log zerolog.Logger) (*runState, error) {
	loc := p.Calendar.Location
	if loc == nil {
		loc = time.UTC
	}
	rs := &runState{o: o, log: log}
	if !o.off {
		rs.now = time.Now() // without a store, and no --now, moves cost the same whenever they are
	}
	if o.now != "" {
		t, err := parseNow(o.now, loc)
		if err != nil {
			return nil, err
		}
		rs.now = t
	}
	if o.off {
		return rs, nil
	}
	rs.path = o.path
	if rs.path == "" {
		rs.path = storePathFor(file)
		if err := checkLegacyStore(file, rs.path); err != nil {
			return nil, err
		}
	}
	rs.input = p.Fingerprint()
	var err error
	if isStoreURL(rs.path) {
		// A PostgreSQL store: the server holds it, nothing to look for.
	} else if _, err := os.Stat(rs.path); errors.Is(err, fs.ErrNotExist) {
		return rs, nil
	} else if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if rs.st, err = openStore(ctx, rs.path, rs.clock()); err != nil {
		return nil, err
	}
	snap, err := rs.st.Snapshot(ctx, p.Name)
	if err != nil {
		rs.close()
		return nil, err
	}
	rs.current, rs.version, rs.production = snap.Bookings, snap.Version, p.Name
	if rs.owed, err = rs.st.Cancellations(ctx, p.Name); err != nil {
		rs.close()
		return nil, err
	}
	if rs.confirmed, err = rs.st.ConfirmedAt(ctx, p.Name); err != nil {
		rs.close()
		return nil, err
	}
	if err := checkRenamed(file, p.Name, rs.path, snap.Bookings); err != nil {
		if o.path == "" {
			rs.close()
			return nil, err
		}
		// A store named with --store may be shared on purpose.
		rs.log.Warn().Err(err).Msg("another production's bookings")
	}
	return rs, nil
}

// watchEvery is how often a solve checks whether the production's
// bookings changed while it searches.
const watchEvery = 200 * time.Millisecond

// watch returns a context for the search that ends early when the
// production's store version moves past the one read (someone confirmed,
// released or re-pencilled, or another solve committed), and a function
// that says, once the search is over, whether it did. Searching on would
// only find a schedule the commit must refuse.
func (rs *runState) watch(ctx context.Context) (context.Context, func() bool) {
	if rs.st == nil {
		return ctx, func() bool { return false }
	}
	sctx, cancel := context.WithCancel(ctx)
	var moved atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(watchEvery)
		defer tick.Stop()
		for {
			select {
			case <-sctx.Done():
				return
			case <-tick.C:
				if v, err := rs.st.Version(sctx, rs.production); err == nil && v != rs.version {
					moved.Store(true)
					cancel()
					return
				}
			}
		}
	}()
	return sctx, func() bool {
		cancel()
		<-done
		return moved.Load() && ctx.Err() == nil
	}
}

// parseNow reads --now: RFC 3339, or a date and time (or a date) in loc.
func parseNow(v string, loc *time.Location) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageError{fmt.Errorf("now %q: want a time such as 2026-07-01T09:00 or 2026-07-01T09:00:00Z", v)}
}

// clock is the store's clock: the wall clock, whatever --now says, so
// history records when a run really happened (a run planned as of a
// future --now is still stamped today). Tests set storeClock.
func (rs *runState) clock() func() time.Time { return storeClock }

// storeClock stamps runs and history; nil means the wall clock. Only
// tests set it, so that golden reports do not change by the minute.
var storeClock func() time.Time

// repencilOptions are the re-pencil settings of this run.
func (rs *runState) repencilOptions() repencil.Options {
	return repencil.Options{Now: rs.now, FrozenDays: rs.o.frozen, Owed: rs.owed}
}

// close closes the store, if one is open.
func (rs *runState) close() {
	if rs.st != nil {
		rs.st.Close()
		rs.st = nil
	}
}

// commit stores the run in one transaction and returns its change report.
// With --dry-run the store works the report out inside a transaction it
// rolls back (store.PreviewRun), so nothing is written even while another
// run commits; a store that does not exist yet is not created. Without a
// store it returns nil.
func (rs *runState) commit(ctx context.Context, plan *repencil.Plan, sol *solver.Solution, seed uint64) (*store.Report, error) {
	if rs.o.off {
		return nil, nil
	}
	in := store.RunInput{
		Production:  plan.Production,
		Fingerprint: rs.input,
		Seed:        int64(seed),
		Who:         rs.o.who,
		Why:         rs.o.why,
		Version:     readBuildInfo().Version,
		// The production's zone and names, so that the store-only commands
		// show its wall-clock times and people's names without --tz.
		TimeZone: plan.Compiled.Grid.Location.String(),
		Names:    plan.Names(),
		Bookings: plan.Bookings(sol),
		// What the moves owe under the rate cards' cancellation terms.
		Cancellation: plan.Cancellation(sol),
		// Refuse to commit over a decision made while this run solved.
		CheckVersion: true,
		ReadVersion:  rs.version,
	}
	st := rs.st
	if st == nil {
		path := rs.path
		if rs.o.dryRun {
			// No store yet: preview against an empty one in a temporary folder.
			dir, err := os.MkdirTemp("", "pencil-dry-run-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(dir)
			path = filepath.Join(dir, filepath.Base(rs.path))
		}
		var err error
		if st, err = openStore(ctx, path, rs.clock()); err != nil {
			return nil, err
		}
		if rs.o.dryRun {
			defer st.Close()
		} else {
			rs.st = st
		}
	}
	commit := st.CommitRun
	if rs.o.dryRun {
		commit = st.PreviewRun
	}
	res, err := commit(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("commit run: %w", err)
	}
	return &res.Report, nil
}

// workOutCash fills in the schedule's cash view: deposits of confirmed
// bookings in the week the store says they were confirmed, else in the
// week of this run (--now, else today).
func (rs *runState) workOutCash(s *schedule.Schedule, plan *repencil.Plan) {
	at := map[string]time.Time{}
	for t, id := range plan.IDs {
		if when, ok := rs.confirmed[id]; ok && id != "" {
			at[plan.Compiled.Tasks[t].ID] = when
		}
	}
	now := rs.now
	if now.IsZero() {
		now = time.Now()
	}
	s.WorkOutCash(at, now)
}
