package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/calendars/storefeed"
)

// serveOptions are the settings of `pencil serve`.
type serveOptions struct {
	store   string
	addr    string
	refresh time.Duration
	grace   time.Duration
}

func newServeCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve PROJECT",
		Short: "Serve personal calendar feeds from the booking store",
		Long: `Serve the booking store's bookings as iCalendar feeds, one per
subscription handed out with pencil feeds add: GET /feeds/<token>.ics, with
ETag and Last-Modified, so calendar clients that poll get 304 Not Modified
while nothing changed. Unknown and revoked tokens get 404. GET /healthz
answers 200 while the server runs.

The store (--store, default NAME.pencil.db beside PROJECT NAME.yaml) is read while
pencil solve commits runs to it; a committed run shows in the feeds within
--refresh, and a token revoked with pencil feeds revoke stops working
within --refresh too (tokens in use are checked against the store twice
per --refresh in the background, not on every request; the store is
read in the background too, so no request waits for it). Names and the time zone come from
PROJECT, read at start.
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
	return o, nil
}

// feedService is what the feed server serves: the feeds and the
// subscribers of an open booking store.
type feedService struct {
	cfg    calendars.ServerConfig
	src    *storefeed.Source
	tokens *storefeed.Tokens
	close  func() error
}

// newFeedService opens project's store and its feeds.
func newFeedService(ctx context.Context, g *globals, project string, o serveOptions) (*feedService, error) {
	pr, err := openProjectStore(ctx, g, project, o.store)
	if err != nil {
		return nil, err
	}
	src := storefeed.NewSource(pr.st, pr.roster, storefeed.Options{MaxAge: o.refresh, Log: g.log})
	tokens := storefeed.NewTokens(pr.st, pr.roster)
	tokens.Log, tokens.MaxAge = g.log, o.refresh
	cfg := calendars.ServerConfig{Addr: o.addr}
	return &feedService{cfg: cfg, src: src, tokens: tokens, close: pr.st.Close}, nil
}

// keepFresh reads the store and re-checks the tokens in use in the
// background until ctx ends or stop is called, so no request waits for
// the store; stop waits for both to finish.
func (f *feedService) keepFresh(ctx context.Context) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { f.src.KeepFresh(ctx) })
	wg.Go(func() { f.tokens.KeepFresh(ctx) })
	return func() {
		cancel()
		wg.Wait()
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
	g.log.Info().Str("addr", ln.Addr().String()).Str("project", project).Dur("refresh", o.refresh).Msg("serving calendar feeds")
	err = calendars.Serve(ctx, srv, ln, o.grace)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	g.log.Info().Msg("feed server stopped")
	return nil
}
