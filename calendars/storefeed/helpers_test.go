package storefeed

import (
	"bytes"
	"context"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// clock is a settable clock, safe for concurrent use; each reading by the
// store ticks it a minute so history times differ.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 6, 1, 7, 0, 0, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// tick advances the clock and returns the new time.
func (c *clock) tick(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	return c.t
}

// openStore opens a new store in a temporary folder on clk.
func openStore(t testing.TB, clk *clock) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "pencil.db"), store.Options{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// testRoster is Harbour Lights with two suites, two people and an artiste.
func testRoster(t testing.TB) Roster {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return Roster{
		Production: calendars.Production{ID: "harbour-lights", Name: "Harbour Lights", TimeZone: loc,
			Suites:   []calendars.Ref{{ID: "grade-1", Name: "Grade 1"}, {ID: "adr-1", Name: "ADR Stage"}},
			People:   []calendars.Ref{{ID: "ines", Name: "Inès Moreau"}, {ID: "lena", Name: "Lena Park"}},
			Artistes: []calendars.Ref{{ID: "maya", Name: "Maya Rees"}}},
		Scope:  "Harbour Lights",
		Suites: map[string]SuiteInfo{"grade-1": {Facility: "Halo Post", Kind: "grade"}, "adr-1": {Kind: "adr"}},
	}
}

// day9 is 09:00 London time on the given day of June 2026.
func day9(day int) time.Time {
	loc, _ := time.LoadLocation("Europe/London")
	return time.Date(2026, 6, day, 9, 0, 0, 0, loc)
}

// grade is episode ep's grade with Inès on June day, hours long.
func grade(ep, day, hours int) store.Booking {
	return store.Booking{ID: "B-hl-ep" + strconv.Itoa(ep) + ".grade", Production: "Harbour Lights", Session: "Grade",
		Episode: strconv.Itoa(ep), Suite: "grade-1", People: []string{"ines"},
		Start: day9(day), End: day9(day).Add(time.Duration(hours) * time.Hour)}
}

// adr is Maya's ADR with Lena on June day.
func adr(day int) store.Booking {
	return store.Booking{ID: "B-hl-adr", Production: "Harbour Lights", Session: "ADR", Suite: "adr-1",
		People: []string{"lena"}, Artistes: []string{"maya"}, Start: day9(day), End: day9(day).Add(4 * time.Hour),
		Note: "bring the revised script"}
}

// commit commits a run of bookings and fails the test on error.
func commit(t testing.TB, st *store.Store, bs ...store.Booking) {
	t.Helper()
	_, err := st.CommitRun(context.Background(), store.RunInput{Production: "Harbour Lights",
		Fingerprint: store.Fingerprint([]byte(strconv.Itoa(len(bs)))), Bookings: bs})
	if err != nil {
		t.Fatal(err)
	}
}

// event is what a test checks of one VEVENT.
type event struct {
	seq    int
	status string
}

// events decodes a calendar and returns its events by UID.
func events(t testing.TB, body []byte) map[string]event {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, body)
	}
	out := map[string]event{}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(ical.PropUID)
		seq := 0
		if p := ev.Props.Get(ical.PropSequence); p != nil {
			if seq, err = strconv.Atoi(p.Value); err != nil {
				t.Fatalf("SEQUENCE %q", p.Value)
			}
		}
		status, _ := ev.Props.Text(ical.PropStatus)
		if _, dup := out[uid]; dup {
			t.Fatalf("UID %s twice", uid)
		}
		out[uid] = event{seq: seq, status: status}
	}
	return out
}
