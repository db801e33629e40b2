package calendars

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// ServerConfig tunes the feed server. Zero fields take the defaults given.
type ServerConfig struct {
	// Addr is the listen address; default ":8080".
	Addr string
	// ReadHeaderTimeout bounds reading request headers (default 5s), so
	// slow-header clients cannot hold connections open.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading the whole request (default 10s).
	ReadTimeout time.Duration
	// WriteTimeout bounds writing the response (default 30s).
	WriteTimeout time.Duration
	// IdleTimeout bounds keep-alive idle time (default 60s).
	IdleTimeout time.Duration
	// MaxHeaderBytes caps request headers (default 16 KiB); larger get 431.
	MaxHeaderBytes int
	// SourceTimeout bounds one FeedSource call (default 10s).
	SourceTimeout time.Duration
	// CacheMaxAge is the Cache-Control max-age of a feed (default 5m).
	// Clients revalidate with If-None-Match after it, cheaply.
	CacheMaxAge time.Duration
	// Health, when set, tells GET /healthz whether the store the feeds
	// come from answers; an error makes /healthz answer 503. Nil reports
	// the server alone.
	Health func(ctx context.Context) error
	// TLS, when set, makes Serve speak HTTPS with it (certificates and
	// all); nil serves plain HTTP, for behind a TLS-terminating proxy.
	TLS *tls.Config
}

// withDefaults fills zero fields.
func (c ServerConfig) withDefaults() ServerConfig {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	def(&c.ReadHeaderTimeout, 5*time.Second)
	def(&c.ReadTimeout, 10*time.Second)
	def(&c.WriteTimeout, 30*time.Second)
	def(&c.IdleTimeout, 60*time.Second)
	def(&c.SourceTimeout, 10*time.Second)
	def(&c.CacheMaxAge, 5*time.Minute)
	if c.MaxHeaderBytes <= 0 {
		c.MaxHeaderBytes = 16 << 10
	}
	return c
}

// Subscribers resolves a presented token to a live subscriber. Registry and
// TokenFile implement it; so can a booking store.
type Subscribers interface {
	// Lookup stops asking a slow source when ctx (the request's) ends.
	Lookup(ctx context.Context, token string) (Subscriber, bool)
}

// Routes, as they appear in access logs; the path itself is never logged
// because it carries the token.
const (
	routeFeed    = "feed"
	routeHealth  = "healthz"
	routeUnknown = "unknown"
)

// notFoundBody is the same for a bad path, a malformed, unknown or revoked
// token, and a missing feed, so a 404 tells a prober nothing.
const notFoundBody = "404 page not found\n"

// NewServer returns an http.Server, with timeouts and a header cap set,
// serving GET and HEAD of /feeds/{token}.ics from src for the subscribers
// in subs, and /healthz. Start it with Serve.
func NewServer(cfg ServerConfig, src FeedSource, subs Subscribers, lg zerolog.Logger) *http.Server {
	cfg = cfg.withDefaults()
	return &http.Server{
		Addr:              cfg.Addr,
		Handler:           NewHandler(cfg, src, subs, lg),
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    cfg.MaxHeaderBytes,
		TLSConfig:         cfg.TLS,
		ErrorLog:          log.New(errorLogWriter{lg}, "", 0),
	}
}

// NewHandler is the feed server's handler, for mounting in another server.
func NewHandler(cfg ServerConfig, src FeedSource, subs Subscribers, lg zerolog.Logger) http.Handler {
	return &feedHandler{cfg: cfg.withDefaults(), src: src, subs: subs, log: lg, gz: &gzipCache{}}
}

// Serve runs srv on ln until ctx ends, then shuts it down gracefully,
// letting requests in flight finish for up to grace before closing. With
// srv.TLSConfig set (ServerConfig.TLS) it serves HTTPS.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	done := make(chan error, 1)
	go func() {
		if srv.TLSConfig != nil {
			done <- srv.ServeTLS(ln, "", "")
			return
		}
		done <- srv.Serve(ln)
	}()
	select {
	case err := <-done:
		return fmt.Errorf("calendars: feed server: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-done; !errors.Is(serr, http.ErrServerClosed) {
		return fmt.Errorf("calendars: feed server: %w", serr)
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("calendars: feed server shutdown: %w", err)
	}
	return nil
}

// ListenAndServe listens on srv.Addr and calls Serve.
func ListenAndServe(ctx context.Context, srv *http.Server, grace time.Duration) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", srv.Addr)
	if err != nil {
		return fmt.Errorf("calendars: feed server: %w", err)
	}
	return Serve(ctx, srv, ln, grace)
}

type feedHandler struct {
	cfg  ServerConfig
	src  FeedSource
	subs Subscribers
	log  zerolog.Logger
	gz   *gzipCache
}

// ServeHTTP routes and writes one access log line.
func (h *feedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w}
	route, sub := h.serve(rec, r)
	status := rec.code
	if status == 0 {
		status = http.StatusOK
	}
	ev := h.log.Info()
	if status >= 500 {
		ev = h.log.Error()
	}
	ev.Str("method", r.Method).
		Str("route", route).
		Int("status", status).
		Int64("bytes", rec.bytes).
		Dur("duration", time.Since(start)).
		Str("subscriber", sub).
		Str("remote", r.RemoteAddr).
		Msg("feed request")
}

// serve handles the request and returns the route and subscriber id for
// the access log.
func (h *feedHandler) serve(w http.ResponseWriter, r *http.Request) (route, subscriber string) {
	path := r.URL.EscapedPath()
	switch {
	case path == "/healthz":
		if allowRead(w, r) {
			h.serveHealth(w, r)
		}
		return routeHealth, ""
	case strings.HasPrefix(path, feedPrefix):
		if !allowRead(w, r) {
			return routeFeed, ""
		}
		token, ok := ParseFeedPath(path)
		if !ok {
			notFound(w)
			return routeFeed, ""
		}
		sub, ok := h.subs.Lookup(r.Context(), token)
		if !ok {
			notFound(w)
			return routeFeed, ""
		}
		h.serveFeed(w, r, sub)
		return routeFeed, sub.ID
	}
	notFound(w)
	return routeUnknown, ""
}

// serveFeed writes sub's calendar with validators; http.ServeContent
// answers If-None-Match and If-Modified-Since with 304 and HEAD without a
// body.
func (h *feedHandler) serveFeed(w http.ResponseWriter, r *http.Request, sub Subscriber) {
	ctx, cancel := context.WithTimeout(r.Context(), h.cfg.SourceTimeout)
	defer cancel()
	doc, err := h.src.Feed(ctx, sub.Feed)
	if errors.Is(err, ErrNoFeed) {
		h.log.Warn().Str("subscriber", sub.ID).Str("feed", sub.Feed).Msg("subscriber's feed does not exist")
		notFound(w)
		return
	}
	if err != nil {
		h.log.Error().Err(err).Str("subscriber", sub.ID).Str("feed", sub.Feed).Msg("feed source failed")
		http.Error(w, "500 internal server error", http.StatusInternalServerError)
		return
	}
	etag := doc.ETag
	if etag == "" {
		etag = ETagOf(doc.Body)
	}
	body := doc.Body
	hd := w.Header()
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	hd.Set("Content-Disposition", contentDisposition(sub.Feed))
	hd.Set("Vary", "Accept-Encoding")
	if acceptsGzip(r) {
		body = h.gz.get(etag, doc.Body)
		etag = gzipETag(etag)
		hd.Set("Content-Encoding", "gzip")
	}
	hd.Set("ETag", etag)
	hd.Set("Cache-Control", "private, max-age="+strconv.Itoa(int(h.cfg.CacheMaxAge/time.Second)))
	securityHeaders(hd)
	http.ServeContent(w, r, "", doc.Modified.Truncate(time.Second), bytes.NewReader(body))
}

// allowRead lets GET and HEAD through and answers anything else with 405.
func allowRead(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
	return false
}

func notFound(w http.ResponseWriter) {
	securityHeaders(w.Header())
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, strings.TrimSuffix(notFoundBody, "\n"), http.StatusNotFound)
}

// securityHeaders keep browsers from sniffing a feed as HTML and from
// leaking the token-bearing URL in a Referer.
func securityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

// recorder notes the status and body size for the access log.
type recorder struct {
	http.ResponseWriter
	code  int
	bytes int64
}

// WriteHeader records the first status code.
func (rec *recorder) WriteHeader(code int) {
	if rec.code == 0 {
		rec.code = code
	}
	rec.ResponseWriter.WriteHeader(code)
}

// Write counts body bytes.
func (rec *recorder) Write(p []byte) (int, error) {
	if rec.code == 0 {
		rec.code = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// errorLogWriter sends net/http's own error log (TLS and protocol errors)
// to zerolog; those lines carry no request paths.
type errorLogWriter struct{ log zerolog.Logger }

// Write logs one line of net/http's error log.
func (e errorLogWriter) Write(p []byte) (int, error) {
	e.log.Warn().Str("component", "http").Msg(strings.TrimSpace(string(p)))
	return len(p), nil
}
