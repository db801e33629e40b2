package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// RunInput is one solver run's schedule, to be committed as the new state.
type RunInput struct {
	// Production limits the run to one production's bookings: its bookings
	// missing from Bookings are released, and other productions' bookings are
	// left alone (though their second pencils may be promoted). Empty means
	// the run covers every booking in the store.
	Production string
	// Fingerprint is the SHA-256 of the run's inputs, 64 hex digits; see
	// Fingerprint.
	Fingerprint string
	// Seed is the solver seed, kept so the run can be reproduced.
	Seed int64
	// Who ran it and Why, as told by the person running it.
	Who, Why string
	// Version is the pencil version that made the run.
	Version string
	// TimeZone is the production's IANA time zone ("Europe/London"), kept
	// so that commands working from the store alone show its wall-clock
	// times; see RenderDefaults. Empty leaves what an earlier run recorded.
	TimeZone string
	// Names maps the production's suite, person and artiste ids to the names
	// people know them by, kept with TimeZone. Nil leaves what an earlier run
	// recorded.
	Names map[string]string
	// CheckVersion makes the commit refuse, with a *ChangedError, when the
	// production's Version is no longer ReadVersion: a person confirmed,
	// released or re-pencilled one of its bookings, or another run
	// committed, after this run read the store (see Snapshot). A solve is a
	// proposal; it must never overwrite a person's decision.
	CheckVersion bool
	ReadVersion  int64
	// Bookings is the whole schedule. IDs must be unique and stable across
	// runs. A booking's Status is a request: Pencil (or empty) pencils it,
	// and the store makes it a second pencil if another production holds
	// the slot; SecondPencil keeps it a second pencil behind a hold the
	// store may not know (HeldElsewhere); Confirmed confirms it; Released
	// releases it. A run never
	// lowers a confirmed booking to a pencil: use SetPencil for that.
	Bookings []Booking
	// Cancellation are the cancellation charges owed, by booking ID, for
	// the bookings the run moves, reassigns or releases inside their rate
	// cards' notice; recorded with the history of the change (see
	// Cancellations). Charges of a booking the run leaves as it was are
	// ignored.
	Cancellation map[string][]Charge
}

// RunResult is what CommitRun wrote.
type RunResult struct {
	RunID  int64
	Report Report
}

// Fingerprint returns the hex SHA-256 of the given inputs, each one
// length-prefixed so that moving bytes between inputs changes the result.
func Fingerprint(inputs ...[]byte) string {
	h := sha256.New()
	var n [8]byte
	for _, in := range inputs {
		binary.BigEndian.PutUint64(n[:], uint64(len(in)))
		h.Write(n[:])
		h.Write(in)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// validate checks a run before anything is written.
func (in RunInput) validate() error {
	if b, err := hex.DecodeString(in.Fingerprint); err != nil || len(b) != sha256.Size {
		return fmt.Errorf("%w: fingerprint %q is not a hex SHA-256", ErrInvalidInput, in.Fingerprint)
	}
	if err := validZone(in.TimeZone); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidInput, err)
	}
	seen := make(map[string]int, len(in.Bookings))
	for i, b := range in.Bookings {
		b = b.withPieces()
		if err := b.validate(); err != nil {
			return fmt.Errorf("%w: bookings[%d]: %w", ErrInvalidInput, i, err)
		}
		if j, dup := seen[b.ID]; dup {
			return fmt.Errorf("%w: bookings[%d]: id %q already used by bookings[%d]", ErrInvalidInput, i, b.ID, j)
		}
		seen[b.ID] = i
		if in.Production != "" && b.Production != in.Production {
			return fmt.Errorf("%w: bookings[%d] %s: production %q is outside the run's production %q",
				ErrInvalidInput, i, b.ID, b.Production, in.Production)
		}
	}
	return nil
}

// validate checks one booking of a run.
func (b Booking) validate() error {
	switch {
	case b.ID == "":
		return fmt.Errorf("empty id")
	case b.Status != "" && !b.Status.Valid():
		return fmt.Errorf("%s: unknown status %q", b.ID, b.Status)
	case b.Start.IsZero() || !b.End.After(b.Start):
		return fmt.Errorf("%s: end %s is not after start %s", b.ID, b.End.Format(time.RFC3339), b.Start.Format(time.RFC3339))
	case b.checkPieces() != nil:
		return b.checkPieces()
	case slices.Contains(b.People, ""):
		return fmt.Errorf("%s: empty person id", b.ID)
	case slices.Contains(b.Artistes, ""):
		return fmt.Errorf("%s: empty artiste id", b.ID)
	case len(b.ExtraSuites) > 0 && b.Suite == "":
		return fmt.Errorf("%s: extra suites %v without a suite", b.ID, b.ExtraSuites)
	case slices.Contains(b.ExtraSuites, "") || slices.Contains(b.ExtraSuites, b.Suite):
		return fmt.Errorf("%s: extra suites %v repeat the suite or are empty", b.ID, b.ExtraSuites)
	}
	return nil
}

// CommitRun makes in's schedule the current state in one transaction: it
// works out what moved, was reassigned, is new or released against the
// current bookings, resolves first and second pencils (promoting second
// pencils whose slot came free), raises sequences, writes a history row for
// every changed booking and stores the run with its report. If anything
// fails, or the process dies part-way, the previous state stands. A writer
// that cannot get the store within Options.BusyTimeout fails with ErrBusy.
func (s *Store) CommitRun(ctx context.Context, in RunInput) (RunResult, error) {
	return s.run(ctx, in, true)
}

// PreviewRun works out what CommitRun would do with in, report and all,
// inside a write transaction that it then rolls back: the store is left as
// it was (a dry run). RunID is the id the run would get if committed now.
func (s *Store) PreviewRun(ctx context.Context, in RunInput) (RunResult, error) {
	return s.run(ctx, in, false)
}

// run commits or previews a run.
func (s *Store) run(ctx context.Context, in RunInput, keep bool) (RunResult, error) {
	if err := in.validate(); err != nil {
		return RunResult{}, err
	}
	now := s.now().UTC()
	rep := Report{Time: now, Who: in.Who, Why: in.Why, Production: in.Production}
	name := "commit run"
	if !keep {
		name = "preview run"
	}
	err := s.writeScoped(ctx, name, in.Production, func(tx dbtx) error {
		loaded, err := loadRunState(ctx, tx, in)
		if err != nil {
			return err
		}
		// After the suite locks: another production's run may re-resolve
		// this production's holds in a shared suite, which counts as a
		// change of its version.
		if err := checkVersion(ctx, tx, in); err != nil {
			return err
		}
		if err := tx.lockCommit(ctx); err != nil {
			return err
		}
		if err := checkForeignIDs(ctx, tx, in, loaded); err != nil {
			return err
		}
		// The run's id is the next after the last, not the database's
		// own counter: PostgreSQL's sequences do not roll back, and a
		// preview must report the id its commit will get. The commit
		// lock (see locks.go) makes max(id) + 1 safe.
		var read any
		if in.CheckVersion {
			read = in.ReadVersion
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO runs (id, version, time, fingerprint, seed, who, why, production, history_mark, report, read_version)
			VALUES ((SELECT coalesce(max(id), 0) + 1 FROM runs), ?, ?, ?, ?, ?, ?, ?, 0, '{}', ?) RETURNING id`, in.Version, stamp(now), in.Fingerprint, in.Seed, in.Who, in.Why, in.Production, read).Scan(&rep.RunID)
		if err != nil {
			return fmt.Errorf("record run: %w", err)
		}
		st, err := planRun(loaded, in, rep.RunID)
		if err != nil {
			return err
		}
		reasons := resolveHolds(st.rows, st.settled)
		for id, why := range st.reasons {
			if second, ok := reasons[id]; ok {
				why += "; " + second
			}
			reasons[id] = why
		}
		act := action{name: "run", runID: rep.RunID, who: in.Who, why: in.Why, reasons: reasons, now: now, charges: in.Cancellation}
		if rep.Changes, err = writeChanges(ctx, tx, st.old, st.rows, act); err != nil {
			return err
		}
		changed := map[string]bool{}
		for _, c := range rep.Changes {
			changed[c.Booking.ID] = true
		}
		var same []string
		for _, b := range in.Bookings {
			if !changed[b.ID] {
				same = append(same, b.ID)
			}
		}
		rep.Unchanged = len(same)
		if err := stampRun(ctx, tx, rep.RunID, same); err != nil {
			return err
		}
		rep.Conflicts = append(findConflicts(st.rows, st.inScope), st.missing...)
		sortConflicts(rep.Conflicts)
		if err := finishRun(ctx, tx, rep); err != nil {
			return err
		}
		if err := recordProduction(ctx, tx, in, rep.RunID); err != nil {
			return err
		}
		if !keep {
			return errRollback
		}
		return nil
	})
	if err != nil {
		return RunResult{}, err
	}
	return RunResult{RunID: rep.RunID, Report: rep}, nil
}

// stampRun records that run runID held the unchanged bookings ids. That is
// not a change, so it has no history.
func stampRun(ctx context.Context, tx dbtx, runID int64, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	js, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("encode booking ids: %w", err)
	}
	_, err = tx.ExecContext(ctx, "UPDATE bookings SET run_id = ? WHERE id IN ("+tx.elements()+")", runID, string(js))
	if err != nil {
		return fmt.Errorf("stamp %d unchanged bookings with run %d: %w", len(ids), runID, err)
	}
	return nil
}

// finishRun stores the run's report and the last history id it wrote.
func finishRun(ctx context.Context, tx dbtx, rep Report) error {
	js, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("encode report of run %d: %w", rep.RunID, err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE runs SET report = ?, history_mark = (SELECT coalesce(max(id), 0) FROM history)
		WHERE id = ?`, string(js), rep.RunID)
	if err != nil {
		return fmt.Errorf("record report of run %d: %w", rep.RunID, err)
	}
	return nil
}

// runPlan is the state a run proposes, before pencils are resolved.
type runPlan struct {
	*state
	reasons map[string]string // why the run changed a booking, by ID
	missing []Conflict        // confirmed bookings the run left out
	scope   map[string]bool   // IDs of bookings the run covers
}

// settled reports whether r already held its slot before the run and the
// run left it there, so that it keeps its first pencil.
func (p *runPlan) settled(r *row) bool {
	was, ok := p.old[r.ID]
	return ok && was.Status == booking.Pencil && r.Status == booking.Pencil && was.sameTime(r.Booking) &&
		was.Suite == r.Suite && slices.Equal(was.ExtraSuites, r.ExtraSuites)
}

// inScope reports whether the run covers r.
func (p *runPlan) inScope(r *row) bool { return p.scope[r.ID] }

// planRun applies the run's schedule to st. It refuses a booking whose ID
// belongs to a production outside the run's scope.
func planRun(st *state, in RunInput, runID int64) (*runPlan, error) {
	p := &runPlan{state: st, reasons: map[string]string{}, scope: map[string]bool{}}
	for _, r := range st.rows {
		if in.Production == "" || r.Production == in.Production {
			p.scope[r.ID] = true
		}
	}
	inRun := make(map[string]bool, len(in.Bookings))
	for _, b := range in.Bookings {
		inRun[b.ID] = true
		want := b.Status
		if want == "" {
			want = booking.Pencil
		}
		r, ok := st.byID[b.ID]
		if ok && !p.scope[b.ID] {
			return nil, fmt.Errorf("%w: booking %s belongs to production %q, outside this run's production %q",
				ErrInvalidInput, b.ID, r.Production, in.Production)
		}
		p.scope[b.ID] = true
		if !ok {
			r = st.add(b.ID)
		}
		was := r.Booking
		r.Booking = normalise(b)
		r.HeldElsewhere = want == booking.SecondPencil
		r.Sequence, r.RunID = was.Sequence, runID
		switch {
		case ok && was.Status == booking.Confirmed && (want == booking.Pencil || want == booking.SecondPencil):
			r.Status = booking.Confirmed
		case ok && was.Status == booking.Released && want != booking.Released:
			r.Status = want
			st.requeue(r)
			p.reasons[b.ID] = reasonRepencilled
		default:
			r.Status = want
		}
	}
	for _, r := range st.rows {
		if !p.scope[r.ID] || inRun[r.ID] {
			continue
		}
		switch r.Status {
		case booking.Pencil, booking.SecondPencil:
			r.Status, r.RunID = booking.Released, runID
			p.reasons[r.ID] = reasonDropped
		case booking.Confirmed:
			p.missing = append(p.missing, Conflict{Kind: ConflictConfirmedMissing, Suite: r.Suite,
				Start: r.Start, End: r.End, Bookings: []Booking{r.Booking}})
		}
	}
	return p, nil
}

// normalise returns b with times in UTC and without the fields the store
// owns, so that comparisons and storage see one form.
func normalise(b Booking) Booking {
	b = b.withPieces()
	b.Start, b.End = b.Start.UTC(), b.End.UTC()
	b.Pieces = slices.Clone(b.Pieces)
	for i := range b.Pieces {
		b.Pieces[i].Start, b.Pieces[i].End = b.Pieces[i].Start.UTC(), b.Pieces[i].End.UTC()
	}
	b.People, b.Artistes = nonNil(b.People), nonNil(b.Artistes)
	b.Sequence, b.RunID, b.HeldElsewhere = 0, 0, false
	return b
}

// action describes who or what is changing bookings, for history.
type action struct {
	name    string            // "run", "confirm", "release", "pencil"
	runID   int64             // 0 for a change by hand
	who     string            // who made it
	why     string            // their reason
	reasons map[string]string // the store's own reason for a booking, by ID
	targets map[string]bool   // bookings the person acted on; nil for a run
	now     time.Time
	charges map[string][]Charge // cancellation charges owed, by booking ID, when it is given up
}

// historyAction names a booking's history row: the action itself, or
// "promote" for second pencils the store promoted along the way.
func (a action) historyAction(id string, kinds []ChangeKind) string {
	if a.targets != nil && !a.targets[id] {
		if slices.Contains(kinds, ChangePromoted) {
			return "promote"
		}
		return "resolve"
	}
	return a.name
}

// storeReason is the store's own reason for a change to booking id, if it
// has one. Reports show it beside the change; the person's reason heads the
// report.
func (a action) storeReason(id string, kinds []ChangeKind) string {
	if r, ok := a.reasons[id]; ok {
		return r
	}
	if slices.Contains(kinds, ChangePromoted) {
		return reasonPromoted
	}
	return ""
}

// reason gives the history reason for a change to booking id: the store's
// own, the person's, or both.
func (a action) reason(id string, kinds []ChangeKind) string {
	own := a.targets == nil || a.targets[id]
	r := a.storeReason(id, kinds)
	ok := r != ""
	switch {
	case ok && own && a.targets != nil:
		return a.why + " (" + r + ")"
	case ok:
		return r
	case own:
		return a.why
	}
	return ""
}

// writeChanges compares every row with its old state, raises sequences,
// writes changed bookings with their history rows, and returns the changes
// in report order.
func writeChanges(ctx context.Context, tx dbtx, old map[string]Booking, rows []*row, act action) ([]Change, error) {
	var changes []Change
	// Bookings and history go in multi-row statements: one round trip
	// per batch, not per booking, which is most of a commit's time on
	// PostgreSQL. Every booking is added before its history row, so a
	// history batch only refers to bookings already written.
	up := upsertBatch()
	hist := newBatch(`INSERT INTO history (booking_id, run_id, action, changes, old, new, reason, who, time, cancellation) VALUES `, 10, "")
	var runID any
	if act.runID != 0 {
		runID = act.runID
	}
	for _, r := range rows {
		var was *Booking
		if b, ok := old[r.ID]; ok {
			was = &b
		}
		kinds := changeKinds(was, r.Booking)
		if len(kinds) == 0 {
			continue
		}
		if bumps(was, kinds) {
			r.Sequence = was.Sequence + 1
		}
		args, err := rowArgs(r)
		if err != nil {
			return nil, err
		}
		if err := up.add(ctx, tx, args...); err != nil {
			return nil, fmt.Errorf("write bookings: %w", err)
		}
		kindsJS, err := json.Marshal(kinds)
		if err != nil {
			return nil, fmt.Errorf("encode changes of %s: %w", r.ID, err)
		}
		newJS, err := json.Marshal(r.Booking)
		if err != nil {
			return nil, fmt.Errorf("encode booking %s: %w", r.ID, err)
		}
		var oldJS any
		if was != nil {
			js, err := json.Marshal(was)
			if err != nil {
				return nil, fmt.Errorf("encode booking %s: %w", r.ID, err)
			}
			oldJS = string(js)
		}
		why := act.reason(r.ID, kinds)
		var charges []Charge
		if givesUp(kinds, r.Booking) {
			charges = act.charges[r.ID]
		}
		chargesJS, err := json.Marshal(nonNilCharges(charges))
		if err != nil {
			return nil, fmt.Errorf("encode cancellation of %s: %w", r.ID, err)
		}
		if err := hist.add(ctx, tx, r.ID, runID, act.historyAction(r.ID, kinds), string(kindsJS), oldJS,
			string(newJS), why, act.who, stamp(act.now), string(chargesJS)); err != nil {
			return nil, fmt.Errorf("write history: %w", err)
		}
		for i, k := range kinds {
			c := Change{Kind: k, Booking: r.Booking, Was: was, Reason: act.storeReason(r.ID, kinds)}
			if i == 0 {
				c.Cancellation = charges // once per booking, on its first change
			}
			changes = append(changes, c)
		}
	}
	if err := up.flush(ctx, tx); err != nil {
		return nil, fmt.Errorf("write bookings: %w", err)
	}
	if err := hist.flush(ctx, tx); err != nil {
		return nil, fmt.Errorf("write history: %w", err)
	}
	sortChanges(changes)
	return changes, nil
}
