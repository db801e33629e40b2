package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
)

// What a write locks, and why.
//
// SQLite has one writer at a time (BEGIN IMMEDIATE), and every lock below
// is a no-op there. On PostgreSQL writers take transaction-scoped advisory
// locks, always in this order, so two writers cannot deadlock:
//
//  1. the store lock: exclusive for a write that may change anything (a
//     person's confirm, release or pencil, a rename, feed subscribers, a
//     run over every production, a migration, a copy); shared for a run of
//     one production, so that runs of different productions go ahead
//     together;
//  2. the production's lock, for a run of one production: two runs of one
//     production queue, and the optimistic version check (RunInput.
//     CheckVersion) then refuses the second if the first changed the
//     bookings it read;
//  3. the locks of the suites the run touches: every suite its production
//     has bookings in, and every suite of the run's bookings. A run
//     resolves first and second pencils across productions, within a
//     suite: it may promote or demote another production's holds there.
//     Two runs that share a suite therefore queue; runs on different
//     suites do not. A run reads only its own production's bookings and
//     the bookings in its suites, which nobody else can change while it
//     holds those locks;
//  4. the commit lock, taken just before the first write and held to the
//     commit: reading and planning go on concurrently, writing is one at
//     a time. Run ids, history ids and history marks then rise in commit
//     order, and a run's history rows are contiguous, which Version,
//     BookingsAsOf and the feeds' change tracking rely on.
//
// Every wait is bounded by Options.BusyTimeout (PostgreSQL's lock_timeout)
// and ends in ErrBusy naming what was waited for. A deadlock or
// serialization failure, which this order should rule out, is retried up
// to maxWriteAttempts times before it too is ErrBusy.

// Advisory lock classes: the first key of pg_advisory_xact_lock(int, int).
const (
	lockClassStore      = int32(applicationID)
	lockClassProduction = int32(applicationID + 1)
	lockClassSuite      = int32(applicationID + 2)
	lockClassCommit     = int32(applicationID + 3)
)

// lockPerProduction, when false, makes every write take the store lock
// exclusively, as before runs of one production were scoped: the baseline
// of BenchmarkConcurrentProductions. It is never changed outside tests.
var lockPerProduction = true

// maxWriteAttempts bounds how often a write the database aborted for a
// concurrent one (deadlock, serialization failure) is run again.
const maxWriteAttempts = 3

// lockKey is the second key of an advisory lock on a name: its 32-bit
// FNV-1a hash. Two names with one hash share a lock, which only makes
// their writers queue.
func lockKey(name string) int32 {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int32(h.Sum32())
}

// sortedLockKeys returns the distinct keys of names, in the order they
// are taken.
func sortedLockKeys(names []string) []int32 {
	keys := make([]int32, 0, len(names))
	for _, n := range names {
		keys = append(keys, lockKey(n))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// lockSuites takes the locks of suites, for a run of one production.
func (t dbtx) lockSuites(ctx context.Context, suites []string) error {
	if err := t.d.lockSuites(ctx, t.c, suites); err != nil {
		return fmt.Errorf("wait for other writers in suites %v: %w", suites, err)
	}
	return nil
}

// lockCommit takes the commit lock, before a run's first write.
func (t dbtx) lockCommit(ctx context.Context) error {
	if err := t.d.lockCommit(ctx, t.c); err != nil {
		return fmt.Errorf("wait for another writer to commit: %w", err)
	}
	return nil
}

// runSuites returns, sorted, the suites a run of in.Production touches:
// those its production has bookings in, and those of its bookings.
func runSuites(ctx context.Context, tx dbtx, in RunInput) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT suite, extra_suites FROM bookings WHERE production = ? AND suite <> ''", in.Production)
	if err != nil {
		return nil, fmt.Errorf("read suites of %q: %w", in.Production, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s, extra string
		if err := rows.Scan(&s, &extra); err != nil {
			return nil, fmt.Errorf("read suites of %q: %w", in.Production, err)
		}
		var more []string
		if err := json.Unmarshal([]byte(extra), &more); err != nil {
			return nil, fmt.Errorf("read suites of %q: extra suites: %w", in.Production, err)
		}
		out = append(append(out, s), more...)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read suites of %q: %w", in.Production, err)
	}
	for _, b := range in.Bookings {
		out = append(out, b.Suites()...)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// loadRunState locks and reads what a run of one production needs: its
// own bookings and every booking in the suites it touches. A run over
// every production (in.Production empty) holds the whole store and reads
// every booking.
func loadRunState(ctx context.Context, tx dbtx, in RunInput) (*state, error) {
	if in.Production == "" {
		return loadState(ctx, tx)
	}
	suites, err := runSuites(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	if err := tx.lockSuites(ctx, suites); err != nil {
		return nil, err
	}
	js, err := json.Marshal(nonNil(suites))
	if err != nil {
		return nil, fmt.Errorf("encode suites: %w", err)
	}
	st, err := loadStateWhere(ctx, tx, " WHERE production = ? OR suite IN ("+tx.elements()+") OR "+tx.sharesElement("extra_suites"),
		in.Production, string(js), string(js))
	if err != nil {
		return nil, err
	}
	// Hold ranks order pencils across the whole store: a fresh pencil
	// queues behind every earlier one, wherever it is.
	var top int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(hold_rank), 0) FROM bookings").Scan(&top); err != nil {
		return nil, fmt.Errorf("read hold ranks: %w", err)
	}
	st.nextRank = max(st.nextRank, top+1)
	return st, nil
}

// checkForeignIDs refuses a run of one production whose booking ids
// another production already uses in a suite the run did not read. It runs
// under the commit lock, so it sees every committed booking.
func checkForeignIDs(ctx context.Context, tx dbtx, in RunInput, st *state) error {
	if in.Production == "" {
		return nil // every booking was read
	}
	var ids []string
	for _, b := range in.Bookings {
		if _, ok := st.byID[b.ID]; !ok {
			ids = append(ids, b.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	js, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("encode booking ids: %w", err)
	}
	var id, prod string
	err = tx.QueryRowContext(ctx, "SELECT id, production FROM bookings WHERE id IN ("+tx.elements()+") ORDER BY id LIMIT 1", string(js)).Scan(&id, &prod)
	if err == nil {
		return fmt.Errorf("%w: booking %s belongs to production %q, outside this run's production %q",
			ErrInvalidInput, id, prod, in.Production)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("check booking ids: %w", err)
	}
	return nil
}
