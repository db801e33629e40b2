package calendars

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// FeedDoc is a rendered calendar ready to serve.
type FeedDoc struct {
	// Body is the whole VCALENDAR; the server never modifies it.
	Body []byte
	// Modified is sent as Last-Modified, in whole seconds.
	Modified time.Time
	// ETag is the strong entity tag, quoted; when empty the server
	// computes ETagOf(Body).
	ETag string
}

// FeedSource hands the server a subscriber's calendar. A SQLite booking
// store can implement it; MemorySource and DirSource are ready now.
type FeedSource interface {
	// Feed returns the calendar for a feed key (see FeedKey), or an error
	// wrapping ErrNoFeed when there is no such feed.
	Feed(ctx context.Context, key string) (FeedDoc, error)
}

// ErrNoFeed says a feed key names no calendar.
var ErrNoFeed = errors.New("calendars: no such feed")

// ETagOf is a strong entity tag for body: a quoted base64url SHA-256.
func ETagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:]) + `"`
}

// MemorySource serves calendars rendered in memory by Publish. It is safe
// for concurrent use; Publish swaps all feeds at once, so a subscriber never
// sees a mixture of two runs.
type MemorySource struct {
	mu    sync.RWMutex
	feeds map[string]FeedDoc
}

// NewMemorySource returns an empty source.
func NewMemorySource() *MemorySource {
	return &MemorySource{feeds: map[string]FeedDoc{}}
}

// Publish renders every feed of prod (see Feeds) and replaces the source's
// contents with them.
func (m *MemorySource) Publish(prod Production, bookings []Booking) error {
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		return err
	}
	m.mu.RLock()
	prev := m.feeds
	m.mu.RUnlock()
	docs := make(map[string]FeedDoc, len(feeds))
	for _, f := range feeds {
		var buf bytes.Buffer
		if err := WriteCalendar(&buf, f); err != nil {
			return err
		}
		old := prev[f.Key]
		docs[f.Key] = FeedDoc{Body: buf.Bytes(), Modified: nextModified(old.Body, old.Modified, buf.Bytes(), f.Modified()),
			ETag: ETagOf(buf.Bytes())}
	}
	m.mu.Lock()
	m.feeds = docs
	m.mu.Unlock()
	return nil
}

// Feed returns the published calendar for key.
func (m *MemorySource) Feed(_ context.Context, key string) (FeedDoc, error) {
	m.mu.RLock()
	doc, ok := m.feeds[key]
	m.mu.RUnlock()
	if !ok {
		return FeedDoc{}, fmt.Errorf("%w: %q", ErrNoFeed, key)
	}
	return doc, nil
}

// nextModified keeps a feed's Last-Modified moving forward. An unchanged
// body keeps its previous date. A changed one gets the feed's own date, or
// one second past the previous date when that is not later: dropping a
// booking from a feed can take the feed's own date back, and a client that
// sends only If-Modified-Since would then never see the change.
func nextModified(prevBody []byte, prevMod time.Time, body []byte, mod time.Time) time.Time {
	prevMod = prevMod.UTC().Truncate(time.Second)
	switch {
	case prevMod.IsZero():
		return mod
	case bytes.Equal(prevBody, body):
		return prevMod
	case mod.After(prevMod):
		return mod
	}
	return prevMod.Add(time.Second)
}

// DirSource serves the files ExportDir wrote: feed key "person/sam" is
// Dir/person-sam.ics, and Last-Modified is the file's modification time.
type DirSource struct {
	Dir string // the directory ExportDir wrote
}

// Feed reads the file for key.
func (d DirSource) Feed(_ context.Context, key string) (FeedDoc, error) {
	kind, id, _ := strings.Cut(key, "/")
	f := Feed{Kind: FeedKind(kind), Owner: Ref{ID: id}}
	switch f.Kind {
	case KindProduction, KindPerson, KindSuite, KindArtiste:
	default:
		return FeedDoc{}, fmt.Errorf("%w: %q", ErrNoFeed, key)
	}
	// One open file gives body and time of the same version even while
	// ExportDir renames a new one into place.
	file, err := os.Open(filepath.Join(d.Dir, f.FileName()))
	if errors.Is(err, fs.ErrNotExist) {
		return FeedDoc{}, fmt.Errorf("%w: %q", ErrNoFeed, key)
	}
	if err != nil {
		return FeedDoc{}, fmt.Errorf("calendars: feed %q: %w", key, err)
	}
	defer file.Close()
	st, err := file.Stat()
	if err != nil {
		return FeedDoc{}, fmt.Errorf("calendars: feed %q: %w", key, err)
	}
	body, err := io.ReadAll(file)
	if err != nil {
		return FeedDoc{}, fmt.Errorf("calendars: feed %q: %w", key, err)
	}
	return FeedDoc{Body: body, Modified: st.ModTime()}, nil
}
