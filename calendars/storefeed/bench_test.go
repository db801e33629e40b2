package storefeed

import (
	"context"
	"testing"
	"time"
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
		if _, ok := tokens.Lookup(tok); !ok {
			b.Fatal("not found")
		}
	}
}
