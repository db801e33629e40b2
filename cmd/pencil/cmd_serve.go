package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/calendars/storefeed"
	"github.com/pencil-post/pencil/model/store"
)

// serveOptions are the settings of `pencil serve`.
type serveOptions struct {
	store   string
	addr    string
	refresh time.Duration
	grace   time.Duration
	tlsCert string // --tls-cert and --tls-key: both or neither
	tlsKey  string
}

func newServeCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve PROJECT",
		Short: "Serve personal calendar feeds from the booking store",
		Long: `Serve the booking store's bookings as iCalendar feeds, one per
subscription handed out with pencil feeds add: GET /feeds/<token>.ics, with
ETag and Last-Modified, so calendar clients that poll get 304 Not Modified
while nothing changed, gzip for clients that take it, and a file name
from the feed (never the token) for browsers. Unknown and revoked tokens
get 404. GET /healthz answers JSON: 200 while the booking store answers,
503 while it does not (feeds are then served as last read, and the log
says so), for a load balancer in front of several servers.

With --tls-cert and --tls-key (PEM files) the server speaks HTTPS;
otherwise put it behind a TLS-terminating reverse proxy (see
docs/postgres.md) and keep the feed paths, which hold the tokens, out of
the proxy's logs.

The store (--store, default NAME.pencil.db beside PROJECT NAME.yaml) is read while
pencil solve commits runs to it; a committed run shows in the feeds within
--refresh, and a token revoked with pencil feeds revoke stops working
within --refresh too (tokens in use are checked against the store twice
per --refresh in the background, not on every request; the store is
read in the background too, so no request waits for it). On a PostgreSQL
store (--store postgres://…) several servers can serve one store: each
listens for the store's change notices, so a commit or a revoke reaches
every server within a fraction of a second, and --refresh is then only
the fallback. Names and the time zone come from PROJECT, read at start.
Every request is logged (route, status, bytes, duration, subscriber id;
never the token). SIGINT or SIGTERM stops taking requests and lets those
in flight finish for up to --grace; the exit status is then 130.
` + exitStatusHelp,
		Example: `  pencil serve testdata/series.yaml
  pencil serve harbour.yaml --store state/harbour.db --addr 0.0.0.0:8080`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := g.serveOptions()
			if err != nil {
				return err
			}
			return runServe(cmd.Context(), g, args[0], o)
		},
	}
	fs := cmd.Flags()
	addStoreFlag(fs, "booking store `PATH` (default NAME.pencil.db beside the project file NAME.yaml)")
	fs.String("addr", "127.0.0.1:8080", "listen `address` (host:port)")
	fs.Duration("refresh", storefeed.DefaultMaxAge, "read the store's bookings and check tokens in use at most this `often`")
	fs.Duration("grace", 10*time.Second, "on shutdown, let requests in flight finish for this `long`")
	fs.String("tls-cert", "", "serve HTTPS with the certificate (chain) in this PEM `file`; needs --tls-key")
	fs.String("tls-key", "", "the private key, a PEM `file`, of --tls-cert")
	return cmd
}

// serveOptions reads and checks the serve settings.
func (g *globals) serveOptions() (serveOptions, error) {
	o := serveOptions{store: g.v.GetString("store"), addr: g.v.GetString("addr")}
	var err error
	if o.refresh, err = g.duration("refresh"); err != nil {
		return o, err
	}
	if o.grace, err = g.duration("grace"); err != nil {
		return o, err
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return o, usageError{fmt.Errorf("addr %q: want host:port, e.g. 127.0.0.1:8080", o.addr)}
	}
	o.tlsCert, o.tlsKey = g.v.GetString("tls-cert"), g.v.GetString("tls-key")
	if (o.tlsCert == "") != (o.tlsKey == "") {
		return o, usageError{errors.New("serve: give --tls-cert and --tls-key together")}
	}
	return o, nil
}

// tlsConfig loads --tls-cert and --tls-key; nil without them.
func (o serveOptions) tlsConfig() (*tls.Config, error) {
	if o.tlsCert == "" {
		return nil, nil
	}
	cert, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
	if err != nil {
		return nil, fmt.Errorf("serve: TLS certificate %s and key %s: %w", o.tlsCert, o.tlsKey, err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// feedService is what the feed server serves: the feeds and the
// subscribers of an open booking store.
type feedService struct {
	cfg    calendars.ServerConfig
	st     *store.Store
	src    *storefeed.Source
	tokens *storefeed.Tokens
	log    zerolog.Logger
	close  func() error
}

// newFeedService opens project's store and its feeds.
func newFeedService(ctx context.Context, g *globals, project string, o serveOptions) (*feedService, error) {
	tlsCfg, err := o.tlsConfig()
	if err != nil {
		return nil, err
	}
	pr, err := openProjectStore(ctx, g, project, o.store)
	if err != nil {
		return nil, err
	}
	src := storefeed.NewSource(pr.st, pr.roster, storefeed.Options{MaxAge: o.refresh, Log: g.log})
	tokens := storefeed.NewTokens(pr.st, pr.roster)
	tokens.Log, tokens.MaxAge = g.log, o.refresh
	cfg := calendars.ServerConfig{Addr: o.addr, Health: pr.st.Ping, TLS: tlsCfg}
	return &feedService{cfg: cfg, st: pr.st, src: src, tokens: tokens, log: g.log, close: pr.st.Close}, nil
}

// keepFresh reads the store and re-checks the tokens in use in the
// background until ctx ends or stop is called, so no request waits for
// the store, and at once whenever the store announces a change; stop
// waits for all three to finish.
func (f *feedService) keepFresh(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { f.src.KeepFresh(ctx) })
	wg.Go(func() { f.tokens.KeepFresh(ctx) })
	wg.Go(func() { f.follow(ctx) })
	return func() {
		cancel()
		wg.Wait()
	}
}

// follow kicks the feeds and tokens whenever the store announces a change,
// until ctx ends. An SQLite store announces nothing: --refresh does.
func (f *feedService) follow(ctx context.Context) {
	err := f.st.Watch(ctx, func(err error) {
		if err != nil {
			f.log.Warn().Err(err).Msg("lost the booking store's change notices; re-reading every --refresh until they are back")
			return
		}
		f.src.Kick()
		f.tokens.Kick()
	})
	if errors.Is(err, store.ErrNoWatch) {
		f.log.Debug().Msg("the booking store announces no changes; re-reading it every --refresh")
	}
}

// runServe serves feeds until ctx ends.
func runServe(ctx context.Context, g *globals, project string, o serveOptions) error {
	fsvc, err := newFeedService(ctx, g, project, o)
	if err != nil {
		return err
	}
	defer fsvc.close()
	// Read the store once now, so a broken store shows at start and the
	// first subscriber does not wait for it. No bookings yet is fine.
	if err := fsvc.src.Refresh(ctx); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer fsvc.keepFresh(ctx)()
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", o.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := calendars.NewServer(fsvc.cfg, fsvc.src, fsvc.tokens, g.log)
	g.log.Info().Str("addr", ln.Addr().String()).Bool("tls", fsvc.cfg.TLS != nil).Str("project", project).
		Str("store", fsvc.st.Path()).Dur("refresh", o.refresh).Msg("serving calendar feeds")
	err = calendars.Serve(ctx, srv, ln, o.grace)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	g.log.Info().Msg("feed server stopped")
	return nil
}
