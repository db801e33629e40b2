package store

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// testClock is a fixed clock that ticks a minute per reading, so runs and
// history get distinct, reproducible times.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time {
	c.t = c.t.Add(time.Minute)
	return c.t
}

func newClock() *testClock {
	return &testClock{t: time.Date(2026, 5, 11, 8, 0, 0, 0, time.UTC)}
}

// openTest opens a new store in a temporary directory.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "pencil.db"), Options{Now: newClock().now})
}

func openAt(t testing.TB, path string, opts Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// at parses the shorthand "05-12 10:00" as that time in 2026, UTC.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse("2006-01-02 15:04", "2026-"+s)
	if err != nil {
		t.Fatalf("bad test time %q: %v", s, err)
	}
	return tm
}

// bk builds a pencil: id, production, "session/episode", suite, start, hours
// and "people|artistes" as comma lists.
func bk(t testing.TB, id, prod, session, suite, start string, hours int, who string) Booking {
	t.Helper()
	sess, ep, _ := strings.Cut(session, "/")
	b := Booking{ID: id, Production: prod, Session: sess, Episode: ep, Suite: suite,
		Start: at(t, start)}
	b.End = b.Start.Add(time.Duration(hours) * time.Hour)
	people, artistes, _ := strings.Cut(who, "|")
	if people != "" {
		b.People = strings.Split(people, ",")
	}
	if artistes != "" {
		b.Artistes = strings.Split(artistes, ",")
	}
	return b
}

// fp is a fixed, valid fingerprint for runs whose inputs do not matter.
var fp = Fingerprint([]byte("test inputs"))

// commit commits a run and fails the test on error.
func commit(t testing.TB, s *Store, prod string, bs ...Booking) RunResult {
	t.Helper()
	res, err := s.CommitRun(context.Background(), RunInput{Production: prod, Fingerprint: fp, Who: "jo", Why: "test run", Bookings: bs})
	if err != nil {
		t.Fatalf("CommitRun: %v", err)
	}
	return res
}

// current returns the store's bookings by id.
func current(t testing.TB, s *Store) map[string]Booking {
	t.Helper()
	bs, err := s.Bookings(context.Background(), Filter{})
	if err != nil {
		t.Fatalf("Bookings: %v", err)
	}
	out := map[string]Booking{}
	for _, b := range bs {
		out[b.ID] = b
	}
	return out
}

// counts summarises a report as "moved=1 new=2 ..." for kinds that occur.
func counts(r Report) string {
	var parts []string
	for _, k := range changeOrder {
		if n := r.Count(k); n > 0 {
			parts = append(parts, string(k)+"="+strconv.Itoa(n))
		}
	}
	return strings.Join(parts, " ")
}

// commitOld writes one run holding b into a store left at a schema version
// before bookings kept pieces (1 to 3: the bookings and runs tables were
// the same), as a pencil of that age would have: one block from Start to
// End. It returns the run's id.
func commitOld(t testing.TB, s *Store, b Booking) int64 {
	t.Helper()
	ctx := context.Background()
	res, err := s.db.ExecContext(ctx, `INSERT INTO runs (version, time, fingerprint, seed, who, why, production, history_mark, report)
		VALUES ('v-old', ?, ?, 1, 'jo', 'old', ?, 0, '{}')`, stamp(b.Start), fp, b.Production)
	if err != nil {
		t.Fatal(err)
	}
	runID, err := res.LastInsertId()
	if err != nil {
		t.Fatal(err)
	}
	people, _ := json.Marshal(nonNil(b.People))
	artistes, _ := json.Marshal(nonNil(b.Artistes))
	status := "pencil" // as stores before schema 5 spelt them
	if b.Status == booking.SecondPencil {
		status = "second pencil"
		if v, _ := s.schemaVersion(ctx, s.db); v >= 5 {
			status = "second-pencil"
		}
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO bookings (id, production, session, episode, status, suite, people, artistes,
		start_at, end_at, sequence, run_id, note, hold_rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '', 1)`,
		b.ID, b.Production, b.Session, b.Episode, status, b.Suite, string(people), string(artistes), stamp(b.Start), stamp(b.End), runID)
	if err != nil {
		t.Fatal(err)
	}
	old := b
	old.Pieces = nil // as an old pencil wrote it: no pieces in its JSON
	js, _ := json.Marshal(struct {
		ID         string    `json:"id"`
		Production string    `json:"production"`
		Session    string    `json:"session"`
		Episode    string    `json:"episode,omitempty"`
		Status     string    `json:"status"`
		Start      time.Time `json:"start"`
		End        time.Time `json:"end"`
		Suite      string    `json:"suite,omitempty"`
		People     []string  `json:"people,omitempty"`
		Artistes   []string  `json:"artistes,omitempty"`
	}{old.ID, old.Production, old.Session, old.Episode, status, old.Start.UTC(), old.End.UTC(), old.Suite, old.People, old.Artistes})
	_, err = s.db.ExecContext(ctx, `INSERT INTO history (booking_id, run_id, action, changes, old, new, reason, who, time)
		VALUES (?, ?, 'run', '["new"]', NULL, ?, '', 'jo', ?)`, b.ID, runID, string(js), stamp(b.Start))
	if err != nil {
		t.Fatal(err)
	}
	return runID
}
