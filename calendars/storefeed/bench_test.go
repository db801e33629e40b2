package storefeed

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// BenchmarkSourceFeed is the feed server's hot path: a feed served from
// memory between re-reads.
func BenchmarkSourceFeed(b *testing.B) {
	clk := newClock()
	st := openStore(b, clk)
	commit(b, st, grade(1, 8, 10), grade(2, 15, 10), adr(10))
	src := NewSource(st, testRoster(b), Options{MaxAge: time.Hour, Now: clk.now})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := src.Feed(ctx, "person/ines"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSourceReread is one re-read of an unchanged store: the cost
// the server pays once per MaxAge.
func BenchmarkSourceReread(b *testing.B) {
	clk := newClock()
	st := openStore(b, clk)
	commit(b, st, grade(1, 8, 10), grade(2, 15, 10), adr(10))
	src := NewSource(st, testRoster(b), Options{})
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := src.Refresh(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokensLookup is one token lookup in the store: every feed
// request makes one.
func BenchmarkTokensLookup(b *testing.B) {
	st := openStore(b, newClock())
	tok, _, err := st.AddSubscriber(context.Background(), "person", "ines")
	if err != nil {
		b.Fatal(err)
	}
	tokens := NewTokens(st, testRoster(b))
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := tokens.Lookup(context.Background(), tok); !ok {
			b.Fatal("not found")
		}
	}
}

// BenchmarkSourceRender is a first read of the store: every booking's
// history read and every feed rendered, the most a re-read after a commit
// costs. With the store read by requests (no KeepFresh), the request that
// finds the feeds stale after a commit waits up to this long.
func BenchmarkSourceRender(b *testing.B) {
	clk := newClock()
	st := openStore(b, clk)
	commit(b, st, grade(1, 8, 10), grade(2, 15, 10), adr(10))
	ctx := context.Background()
	roster := testRoster(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := NewSource(st, roster, Options{}).Refresh(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServeStoreFeed is the feed server's own work for one request
// as pencil serve does it, with no network: the token trusted from
// memory, the feed from memory, validators, body and the access log line
// (encoded, then dropped). "200" sends the feed; "304" revalidates.
func BenchmarkServeStoreFeed(b *testing.B) {
	clk := newClock()
	st := openStore(b, clk)
	commit(b, st, grade(1, 8, 10), grade(2, 15, 10), adr(10))
	tok, _, err := st.AddSubscriber(context.Background(), store.FeedPerson, "ines")
	if err != nil {
		b.Fatal(err)
	}
	src := NewSource(st, testRoster(b), Options{MaxAge: time.Hour, Now: clk.now})
	tokens := NewTokens(st, testRoster(b))
	tokens.MaxAge, tokens.Now = time.Hour, clk.now
	h := calendars.NewHandler(calendars.ServerConfig{}, src, tokens, zerolog.New(io.Discard))
	first := &discardWriter{header: http.Header{}}
	h.ServeHTTP(first, httptest.NewRequest(http.MethodGet, calendars.FeedPath(tok), nil))
	for _, bm := range []struct {
		name, ifNoneMatch string
		want              int
	}{{"200", "", http.StatusOK}, {"304", first.header.Get("ETag"), http.StatusNotModified}} {
		b.Run(bm.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, calendars.FeedPath(tok), nil)
			if bm.ifNoneMatch != "" {
				req.Header.Set("If-None-Match", bm.ifNoneMatch)
			}
			w := &discardWriter{header: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.header)
				w.code = 0
				h.ServeHTTP(w, req)
				if w.code != bm.want {
					b.Fatalf("status %d, want %d", w.code, bm.want)
				}
			}
		})
	}
}

// discardWriter is a ResponseWriter that keeps the status and headers and
// drops the body, so a benchmark measures the handler, not a recorder.
type discardWriter struct {
	header http.Header
	code   int
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *discardWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return len(p), nil
}
