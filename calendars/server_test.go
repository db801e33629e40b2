package calendars

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// feedFixture is a handler over harbourLights with one live subscriber
// (Sam's phone) and one revoked one, logging into logs.
type feedFixture struct {
	handler       http.Handler
	reg           *Registry
	live, revoked string // tokens
	samICS        []byte
	samModified   time.Time
	logs          *bytes.Buffer
	cfg           ServerConfig
	src           *MemorySource
	prod          Production
	bookings      []Booking
}

func newFeedFixture(t testing.TB) *feedFixture {
	t.Helper()
	prod, bookings := harbourLights(t)
	src := NewMemorySource()
	if err := src.Publish(prod, bookings); err != nil {
		t.Fatal(err)
	}
	reg, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)
	live, err := reg.Issue("sam-phone", FeedKey(KindPerson, "sam"), now)
	if err != nil {
		t.Fatal(err)
	}
	revoked, err := reg.Issue("old-laptop", FeedKey(KindPerson, "ines"), now)
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.Revoke("old-laptop", now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		t.Fatal(err)
	}
	fx := &feedFixture{reg: reg, live: live, revoked: revoked, logs: &bytes.Buffer{}, src: src, prod: prod, bookings: bookings}
	for _, f := range feeds {
		if f.Key == "person/sam" {
			fx.samICS, fx.samModified = renderFeed(t, f), f.Modified()
		}
	}
	fx.handler = NewHandler(fx.cfg, src, reg, zerolog.New(fx.logs))
	return fx
}

func (fx *feedFixture) do(method, target string, header http.Header) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	fx.handler.ServeHTTP(rec, req)
	return rec
}

func TestServerFeedRequests(t *testing.T) {
	fx := newFeedFixture(t)
	etag := ETagOf(fx.samICS)
	lastMod := fx.samModified.Format(http.TimeFormat)
	unknown, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	live := fx.live
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	tests := []struct {
		name   string
		method string
		target string
		header http.Header
		status int
		body   []byte // nil: not checked
	}{
		{"get", "GET", FeedPath(live), nil, 200, fx.samICS},
		{"head", "HEAD", FeedPath(live), nil, 200, []byte{}},
		{"if-none-match", "GET", FeedPath(live), hdr("If-None-Match", etag), 304, []byte{}},
		{"if-none-match weak", "GET", FeedPath(live), hdr("If-None-Match", "W/"+etag), 304, []byte{}},
		{"if-none-match list", "GET", FeedPath(live), hdr("If-None-Match", `"old", `+etag), 304, []byte{}},
		{"if-none-match stale", "GET", FeedPath(live), hdr("If-None-Match", `"old"`), 200, fx.samICS},
		{"if-modified-since same", "GET", FeedPath(live), hdr("If-Modified-Since", lastMod), 304, []byte{}},
		{"if-modified-since earlier", "GET", FeedPath(live),
			hdr("If-Modified-Since", fx.samModified.Add(-time.Hour).Format(http.TimeFormat)), 200, fx.samICS},
		{"etag wins over date", "GET", FeedPath(live), hdr("If-None-Match", `"old"`, "If-Modified-Since", lastMod), 200, fx.samICS},
		{"head if-none-match", "HEAD", FeedPath(live), hdr("If-None-Match", etag), 304, []byte{}},
		{"healthz", "GET", "/healthz", nil, 200, []byte(`{"status":"ok"}` + "\n")},
		{"post", "POST", FeedPath(live), nil, 405, nil},
		{"unknown token", "GET", FeedPath(unknown), nil, 404, []byte(notFoundBody)},
		{"revoked token", "GET", FeedPath(fx.revoked), nil, 404, []byte(notFoundBody)},
		{"truncated token", "GET", FeedPath(live[:42]), nil, 404, []byte(notFoundBody)},
		{"token plus one", "GET", FeedPath(live + "A"), nil, 404, []byte(notFoundBody)},
		{"very long token", "GET", FeedPath(strings.Repeat(live, 200)), nil, 404, []byte(notFoundBody)},
		{"non-canonical base64", "GET", FeedPath(live[:42] + "B"), nil, 404, []byte(notFoundBody)},
		{"no suffix", "GET", "/feeds/" + live, nil, 404, []byte(notFoundBody)},
		{"trailing slash", "GET", FeedPath(live) + "/", nil, 404, []byte(notFoundBody)},
		{"dot dot", "GET", "/feeds/../healthz", nil, 404, []byte(notFoundBody)},
		{"dot dot to feed", "GET", "/feeds/../feeds/" + live + ".ics", nil, 404, []byte(notFoundBody)},
		{"escaped dot dot", "GET", "/feeds/%2e%2e/%2e%2e/etc/passwd", nil, 404, []byte(notFoundBody)},
		{"escaped token", "GET", "/feeds/%41" + live[1:] + ".ics", nil, 404, []byte(notFoundBody)},
		{"root", "GET", "/", nil, 404, []byte(notFoundBody)},
		{"feeds dir", "GET", "/feeds/", nil, 404, []byte(notFoundBody)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := fx.do(tt.method, tt.target, tt.header)
			if rec.Code != tt.status {
				t.Fatalf("%s %s: status %d, want %d", tt.method, tt.target, rec.Code, tt.status)
			}
			if tt.body != nil && !bytes.Equal(rec.Body.Bytes(), tt.body) {
				t.Errorf("body %.80q…, want %.80q…", rec.Body.Bytes(), tt.body)
			}
			h := rec.Result().Header
			switch tt.status {
			case 200, 304:
				if tt.target == "/healthz" {
					return
				}
				if h.Get("ETag") != etag {
					t.Errorf("ETag %q, want %q", h.Get("ETag"), etag)
				}
				if tt.status == 200 && h.Get("Last-Modified") != lastMod {
					t.Errorf("Last-Modified %q, want %q", h.Get("Last-Modified"), lastMod)
				}
				if !strings.HasPrefix(h.Get("Cache-Control"), "private") {
					t.Errorf("Cache-Control %q, want private", h.Get("Cache-Control"))
				}
				if tt.status == 200 {
					if ct := h.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
						t.Errorf("Content-Type %q", ct)
					}
					if cl := h.Get("Content-Length"); cl != strconv.Itoa(len(fx.samICS)) {
						t.Errorf("Content-Length %s, want %d", cl, len(fx.samICS))
					}
				}
			case 404:
				if h.Get("ETag") != "" || h.Get("Last-Modified") != "" {
					t.Errorf("404 carries validators: %v", h)
				}
			case 405:
				if h.Get("Allow") != "GET, HEAD" {
					t.Errorf("Allow %q", h.Get("Allow"))
				}
			}
		})
	}

	// No token, live or not, may reach the logs; the subscriber id must.
	logs := fx.logs.String()
	for _, secret := range []string{fx.live, fx.revoked, unknown, fx.live[:20], "/feeds/"} {
		if strings.Contains(logs, secret) {
			t.Errorf("access log contains %q:\n%s", secret, logs)
		}
	}
	if !strings.Contains(logs, `"subscriber":"sam-phone"`) {
		t.Errorf("access log lacks the subscriber id:\n%s", logs)
	}
	if n := strings.Count(logs, "\n"); n != len(tests) {
		t.Errorf("%d access log lines for %d requests", n, len(tests))
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServerRepublish checks that a new export changes the ETag, so a
// client holding the old one gets the new calendar, and a moved booking
// keeps its UID with a higher SEQUENCE.
func TestServerRepublish(t *testing.T) {
	fx := newFeedFixture(t)
	first := fx.do("GET", FeedPath(fx.live), nil)
	oldTag := first.Result().Header.Get("ETag")

	moved := append([]Booking(nil), fx.bookings...)
	for i, b := range moved {
		if b.ID == "B-0152" {
			next := b
			next.Start, next.End = b.Start.Add(24*time.Hour), b.End.Add(24*time.Hour)
			next.LastModified = b.LastModified.Add(48 * time.Hour)
			next.Sequence = NextSequence(b, next)
			moved[i] = next
		}
	}
	if err := fx.src.Publish(fx.prod, moved); err != nil {
		t.Fatal(err)
	}
	rec := fx.do("GET", FeedPath(fx.live), http.Header{"If-None-Match": {oldTag}})
	if rec.Code != 200 || rec.Result().Header.Get("ETag") == oldTag {
		t.Fatalf("after a move: status %d, ETag %q (old %q)", rec.Code, rec.Result().Header.Get("ETag"), oldTag)
	}
	body := rec.Body.String()
	if !strings.Contains(body, "UID:B-0152-1@harbour-lights.pencil\r\n") || strings.Count(body, "UID:B-0152-") != 1 {
		t.Errorf("moved booking lost or duplicated its UID:\n%s", body)
	}
	if !strings.Contains(body, "DTSTART;TZID=Europe/London:20261027T090000\r\n") {
		t.Errorf("moved booking not at its new time:\n%s", body)
	}
	cal := decode(t, rec.Body.Bytes())
	for _, ev := range cal.Events() {
		if uid, _ := ev.Props.Text("UID"); uid == "B-0152-1@harbour-lights.pencil" {
			if seq, _ := ev.Props.Get("SEQUENCE").Int(); seq != 2 {
				t.Errorf("moved booking SEQUENCE %d, want 2", seq)
			}
		}
	}
}

// TestServerOverNetwork runs the real http.Server from NewServer: oversized
// headers are refused, the access log stays token-free, and cancelling the
// context shuts it down.
func TestServerOverNetwork(t *testing.T) {
	fx := newFeedFixture(t)
	var logs syncBuffer
	srv := NewServer(ServerConfig{Addr: "127.0.0.1:0", MaxHeaderBytes: 4 << 10}, fx.src, fx.reg, zerolog.New(&logs))
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 {
		t.Fatalf("timeouts not set: %+v", srv)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, ln, 5*time.Second) }()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Timeout: 10 * time.Second}

	resp, err := client.Get(base + FeedPath(fx.live))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(body, fx.samICS) {
		t.Errorf("GET feed: %d, %d bytes", resp.StatusCode, len(body))
	}

	req, _ := http.NewRequest("GET", base+FeedPath(fx.live), nil)
	req.Header.Set("X-Padding", strings.Repeat("x", 64<<10))
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("huge header: status %d, want 431", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve after cancel: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := client.Get(base + "/healthz"); err == nil {
		t.Error("server still answers after shutdown")
	}
	if strings.Contains(logs.String(), fx.live) {
		t.Errorf("log contains the token:\n%s", logs.String())
	}
}
