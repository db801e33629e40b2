package storefeed

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// TestSourceFeeds: a run that changes nothing leaves every feed byte for
// byte the same (same ETag, same Last-Modified); a move keeps the UID and
// raises SEQUENCE; a release shows CANCELLED. Changes show once MaxAge
// has passed, not before.
func TestSourceFeeds(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	st := openStore(t, clk)
	src := NewSource(st, testRoster(t), Options{MaxAge: time.Minute, Now: clk.now})
	if _, err := src.Feed(ctx, "production"); !errors.Is(err, ErrNoBookings) || !errors.Is(err, calendars.ErrNoFeed) {
		t.Fatalf("empty store: %v, want ErrNoBookings", err)
	}
	commit(t, st, grade(1, 8, 10), adr(10))
	clk.tick(time.Minute)
	keys := []string{"production", "person/ines", "person/lena", "suite/grade-1", "suite/adr-1", "artiste/maya"}
	before := map[string]calendars.FeedDoc{}
	for _, k := range keys {
		doc, err := src.Feed(ctx, k)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		before[k] = doc
	}
	uid := "B-hl-adr-1@harbour-lights.pencil"
	if ev := events(t, before["artiste/maya"].Body)[uid]; ev != (event{seq: 0, status: "TENTATIVE"}) {
		t.Errorf("pencilled ADR reads %+v", ev)
	}

	clk.tick(time.Hour)
	commit(t, st, grade(1, 8, 10), adr(10)) // nothing changes
	clk.tick(time.Hour)
	for _, k := range keys {
		doc, err := src.Feed(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(doc.Body, before[k].Body) || doc.ETag != before[k].ETag || !doc.Modified.Equal(before[k].Modified) {
			t.Errorf("%s changed after a run that changed nothing", k)
		}
	}

	commit(t, st, grade(1, 8, 10), adr(12)) // the ADR moves
	if doc, _ := src.Feed(ctx, "artiste/maya"); doc.ETag != before["artiste/maya"].ETag {
		t.Error("a move showed before MaxAge passed")
	}
	clk.tick(time.Minute)
	moved, err := src.Feed(ctx, "artiste/maya")
	if err != nil {
		t.Fatal(err)
	}
	if ev := events(t, moved.Body)[uid]; ev != (event{seq: 1, status: "TENTATIVE"}) {
		t.Errorf("moved ADR reads %+v, want SEQUENCE 1", ev)
	}
	if !moved.Modified.After(before["artiste/maya"].Modified) {
		t.Error("Last-Modified did not move forward with the move")
	}
	if doc, _ := src.Feed(ctx, "person/ines"); doc.ETag != before["person/ines"].ETag {
		t.Error("Inès's feed changed though none of her bookings did")
	}

	clk.tick(time.Hour)
	if _, err := st.Release(ctx, []string{"B-hl-adr"}, "artiste ill", "jo"); err != nil {
		t.Fatal(err)
	}
	if err := src.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	doc, _ := src.Feed(ctx, "person/lena")
	if ev := events(t, doc.Body)[uid]; ev != (event{seq: 2, status: "CANCELLED"}) {
		t.Errorf("released ADR reads %+v, want CANCELLED, SEQUENCE 2", ev)
	}
	if _, err := src.Feed(ctx, "person/nobody"); !errors.Is(err, calendars.ErrNoFeed) {
		t.Errorf("unknown person: %v, want ErrNoFeed", err)
	}
}

// failingReader fails every read.
type failingReader struct{ Reader }

func (failingReader) Bookings(context.Context, store.Filter) ([]store.Booking, error) {
	return nil, errors.New("disk on fire")
}

// switchReader reads through whichever Reader is current.
type switchReader struct {
	mu sync.Mutex
	r  Reader
}

func (s *switchReader) get() Reader { s.mu.Lock(); defer s.mu.Unlock(); return s.r }
func (s *switchReader) Bookings(ctx context.Context, f store.Filter) ([]store.Booking, error) {
	return s.get().Bookings(ctx, f)
}
func (s *switchReader) History(ctx context.Context, id string) ([]store.HistoryEntry, error) {
	return s.get().History(ctx, id)
}

// TestSourceKeepsServingWhenTheStoreFails: a failed re-read serves the
// feeds read before; with nothing read before, it is an error.
func TestSourceKeepsServingWhenTheStoreFails(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	st := openStore(t, clk)
	commit(t, st, grade(1, 8, 10))
	if _, err := NewSource(failingReader{}, testRoster(t), Options{}).Feed(ctx, "production"); err == nil {
		t.Error("a store that cannot be read served a feed")
	}
	sw := &switchReader{r: st}
	src := NewSource(sw, testRoster(t), Options{MaxAge: time.Minute, Now: clk.now})
	good, err := src.Feed(ctx, "production")
	if err != nil {
		t.Fatal(err)
	}
	sw.mu.Lock()
	sw.r = failingReader{}
	sw.mu.Unlock()
	clk.tick(time.Hour)
	doc, err := src.Feed(ctx, "production")
	if err != nil || doc.ETag != good.ETag {
		t.Errorf("after a failed re-read: %v, ETag %s want %s", err, doc.ETag, good.ETag)
	}
}

// TestSourceWhileRunsCommit: feeds are read while runs commit to the same
// store (WAL); every feed read is a whole calendar of one run or the
// next.
func TestSourceWhileRunsCommit(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	st := openStore(t, clk)
	commit(t, st, grade(1, 8, 10), adr(10))
	src := NewSource(st, testRoster(t), Options{MaxAge: time.Nanosecond})
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := range 20 {
			clk.tick(time.Minute)
			commit(t, st, grade(1, 8+i%3, 10), adr(10+i%4))
		}
	}()
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				doc, err := src.Feed(ctx, "artiste/maya")
				if err != nil {
					t.Error(err)
					return
				}
				if n := len(events(t, doc.Body)); n != 1 {
					t.Errorf("%d events in Maya's feed, want 1", n)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestSourceReadOutlivesRequest: a request whose client hung up still
// gets the store re-read for everyone.
func TestSourceReadOutlivesRequest(t *testing.T) {
	clk := newClock()
	st := openStore(t, clk)
	commit(t, st, adr(10))
	src := NewSource(st, testRoster(t), Options{MaxAge: time.Minute, Now: clk.now})
	before, err := src.Feed(context.Background(), "artiste/maya")
	if err != nil {
		t.Fatal(err)
	}
	clk.tick(time.Hour)
	commit(t, st, adr(12))
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	after, err := src.Feed(gone, "artiste/maya")
	if err != nil || after.ETag == before.ETag {
		t.Errorf("after a move, with the client gone: %v, ETag unchanged %v", err, after.ETag == before.ETag)
	}
}

// TestRestartServesTheSameFeeds: a feed server restarted on the same store
// (a new Source over a reopened store) serves every unchanged feed with
// the same bytes, ETag and Last-Modified — never an earlier date, which
// would make clients keep a stale copy or refetch for nothing.
func TestRestartServesTheSameFeeds(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := filepath.Join(t.TempDir(), "series.pencil.db")
	st, err := store.Open(ctx, path, store.Options{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	commit(t, st, grade(1, 1, 10), adr(2))
	clk.tick(time.Hour)
	commit(t, st, grade(1, 2, 10), adr(2))
	r := testRoster(t)
	keys := []string{"production", "person/ines", "suite/grade-1", "artiste/maya"}
	serve := func(st *store.Store) map[string]calendars.FeedDoc {
		src := NewSource(st, r, Options{})
		out := map[string]calendars.FeedDoc{}
		for _, k := range keys {
			doc, err := src.Feed(ctx, k)
			if err != nil {
				t.Fatalf("%s: %v", k, err)
			}
			out[k] = doc
		}
		return out
	}
	before := serve(st)
	st.Close()
	clk.tick(24 * time.Hour) // the restart happens later
	again, err := store.Open(ctx, path, store.Options{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	after := serve(again)
	for _, k := range keys {
		b, a := before[k], after[k]
		if !bytes.Equal(a.Body, b.Body) || a.ETag != b.ETag || !a.Modified.Equal(b.Modified) {
			t.Errorf("%s after a restart: modified %s etag %s, before %s %s (bodies equal %v)",
				k, a.Modified, a.ETag, b.Modified, b.ETag, bytes.Equal(a.Body, b.Body))
		}
	}
}
