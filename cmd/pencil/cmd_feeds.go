package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// defaultBaseURL is where pencil serve listens by default.
const defaultBaseURL = "http://127.0.0.1:8080"

// anyProduction is --production given without a name: the store's only
// production.
const anyProduction = "*"

func newFeedsCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "Hand out, list and revoke calendar feed subscriptions",
		Long: `Manage who may subscribe to which calendar feed of pencil serve. Each
subscription is a URL with an unguessable token, shown once when it is
added; the booking store keeps only the token's SHA-256.
` + exitStatusHelp,
		Example: `  pencil feeds add --person ines --base-url https://feeds.example.com
  pencil feeds list
  pencil feeds revoke 3`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("feeds %v: want add, revoke or list", args)}
		},
	}
	cmd.AddCommand(newFeedsAddCommand(g), newFeedsRevokeCommand(g), newFeedsListCommand(g))
	return cmd
}

func newFeedsAddCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add [PROJECT] (--person ID | --suite ID | --artiste ID | --production[=NAME])",
		Short: "Issue a feed URL for one person, suite, artiste or the production",
		Long: `Issue a new subscription and print its URL, to paste into Google
Calendar, Apple Calendar or Outlook ("subscribe from URL"). The token in it
is shown only now: give the URL to its owner and keep no copy. pencil feeds
revoke ID stops it.

--production alone means the store's only production; name it when the
store holds several. The URL starts with --base-url, where pencil serve is
reachable.
` + exitStatusHelp,
		Example: `  pencil feeds add --person ines
  pencil feeds add --artiste maya --base-url https://feeds.example.com
  pencil feeds add --production --store state/harbour.db`,
		Args: projectArgs(0, "no arguments but the project file (choose the feed with a flag)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, _ := takeProject(args)
			target, err := feedTarget(g.v.GetString("person"), g.v.GetString("suite"), g.v.GetString("artiste"),
				g.v.GetString("production"))
			if err != nil {
				return err
			}
			base, err := baseURL(g.v.GetString("base-url"))
			if err != nil {
				return err
			}
			if plainHTTPAbroad(base) {
				g.log.Warn().Str("base_url", base).Msg("feed URLs over plain http:// to another machine carry their token in the clear: " +
					"give an https:// --base-url (pencil serve --tls-cert/--tls-key, or a TLS reverse proxy)")
			}
			st, err := g.openExistingStore(cmd.Context(), project)
			if err != nil {
				return err
			}
			defer st.Close()
			return runFeedsAdd(cmd.Context(), g, st, target, base)
		},
	}
	fs := cmd.Flags()
	fs.String("person", "", "the calendar of the person with this `ID`")
	fs.String("suite", "", "the calendar of the suite with this `ID`")
	fs.String("artiste", "", "the calendar of the artiste with this `ID`")
	fs.String("production", "", "the whole production's calendar (`NAME` when the store holds several)")
	fs.Lookup("production").NoOptDefVal = anyProduction
	fs.String("base-url", defaultBaseURL, "`URL` where pencil serve is reachable")
	addStoreFlag(fs, storeFlagUsage)
	return cmd
}

// feedChoice is the feed a subscription follows.
type feedChoice struct {
	kind store.FeedKind
	key  string // the id, or the production's name (anyProduction: the only one)
}

// feedTarget checks that exactly one of the feed flags is set.
func feedTarget(person, suite, artiste, production string) (feedChoice, error) {
	var set []feedChoice
	for _, c := range []feedChoice{
		{store.FeedPerson, person}, {store.FeedSuite, suite}, {store.FeedArtiste, artiste}, {store.FeedProduction, production},
	} {
		if c.key = strings.TrimSpace(c.key); c.key != "" {
			set = append(set, c)
		}
	}
	if len(set) != 1 {
		return feedChoice{}, usageError{errors.New("feeds add: give exactly one of --person ID, --suite ID, --artiste ID or --production")}
	}
	return set[0], nil
}

// baseURL checks --base-url: an absolute http or https URL without query.
func baseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", usageError{fmt.Errorf("base-url %q: want http(s)://host[:port][/path]", s)}
	}
	return strings.TrimRight(s, "/"), nil
}

// plainHTTPAbroad reports whether base is an http:// URL on a host other
// than this machine (localhost or a loopback address), where anyone on
// the way could read the tokens.
func plainHTTPAbroad(base string) bool {
	u, err := url.Parse(base)
	if err != nil || u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

// runFeedsAdd issues the subscription and prints its URL.
func runFeedsAdd(ctx context.Context, g *globals, st *store.Store, c feedChoice, base string) error {
	bs, err := st.Bookings(ctx, store.Filter{})
	if err != nil {
		return err
	}
	if c.kind == store.FeedProduction {
		if c.key, err = pickProduction(c.key, bs); err != nil {
			return err
		}
	} else if !slices.ContainsFunc(bs, func(b store.Booking) bool { return books(b, c) }) {
		g.log.Warn().Str("kind", string(c.kind)).Str("id", c.key).
			Msg("no booking in the store names this id yet: the calendar stays empty until one does (check the spelling)")
	}
	token, sub, err := st.AddSubscriber(ctx, c.kind, c.key)
	if err != nil {
		return fmt.Errorf("feeds add: %w", err)
	}
	fmt.Fprintln(g.stdout, base+calendars.FeedPath(token))
	fmt.Fprintf(g.stderr, "subscriber %d: the %s feed of %s. The URL is shown only now; pencil feeds revoke %d stops it.\n",
		sub.ID, sub.Kind, sub.Key, sub.ID)
	return nil
}

// books reports whether booking b is on the calendar c names.
func books(b store.Booking, c feedChoice) bool {
	switch c.kind {
	case store.FeedPerson:
		return slices.Contains(b.People, c.key)
	case store.FeedArtiste:
		return slices.Contains(b.Artistes, c.key)
	case store.FeedSuite:
		return slices.Contains(b.Suites(), c.key)
	}
	return b.Production == c.key
}

// pickProduction checks a production name against the store's bookings;
// anyProduction picks the only one.
func pickProduction(name string, bs []store.Booking) (string, error) {
	var prods []string
	for _, b := range bs {
		if !slices.Contains(prods, b.Production) {
			prods = append(prods, b.Production)
		}
	}
	slices.Sort(prods)
	switch {
	case name == anyProduction && len(prods) == 1:
		return prods[0], nil
	case name == anyProduction && len(prods) == 0:
		return "", fmt.Errorf("feeds add: %w", errNoBookings)
	case name == anyProduction:
		return "", usageError{fmt.Errorf("feeds add: the store holds %d productions (%s): give --production=NAME",
			len(prods), strings.Join(prods, ", "))}
	case !slices.Contains(prods, name):
		return "", usageError{fmt.Errorf("feeds add: no production %q in the store (it has: %s)", name, strings.Join(prods, ", "))}
	}
	return name, nil
}

func newFeedsRevokeCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "revoke [PROJECT] SUBSCRIBER",
		Short: "Stop a feed URL from working",
		Long: `Withdraw a subscription by its number (see pencil feeds list): a running
pencil serve answers its URL with 404 within its --refresh (1s by
default). The record stays, marked revoked, so the history of who had
access is kept. Revoking twice does nothing.
` + exitStatusHelp,
		Example: `  pencil feeds revoke 3`,
		Args:    projectArgs(1, "one subscriber number"),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, args := takeProject(args)
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id <= 0 {
				return usageError{fmt.Errorf("feeds revoke %q: want a subscriber number from pencil feeds list", args[0])}
			}
			st, err := g.openExistingStore(cmd.Context(), project)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.RevokeSubscriber(cmd.Context(), id); err != nil {
				return fmt.Errorf("feeds revoke: %w", err)
			}
			fmt.Fprintf(g.stdout, "subscriber %d revoked\n", id)
			return nil
		},
	}
	addStoreFlag(cmd.Flags(), storeFlagUsage)
	return cmd
}

func newFeedsListCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list [PROJECT]",
		Short: "List feed subscriptions (never their tokens)",
		Long: `List every subscription, live and revoked, oldest first: its number, the
calendar it follows, when it was issued and when revoked. Tokens are never
shown: the store does not have them.
` + exitStatusHelp,
		Example: `  pencil feeds list --tz Europe/London`,
		Args:    projectArgs(0, "no arguments but the project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, _ := takeProject(args)
			ro, err := g.renderOptions()
			if err != nil {
				return err
			}
			st, err := g.openExistingStore(cmd.Context(), project)
			if err != nil {
				return err
			}
			defer st.Close()
			if ro, err = g.withRecorded(cmd.Context(), st, ro); err != nil {
				return err
			}
			subs, err := st.Subscribers(cmd.Context())
			if err != nil {
				return fmt.Errorf("feeds list: %w", err)
			}
			return writeSubscribers(g, subs, ro.Location)
		},
	}
	fs := cmd.Flags()
	addStoreFlag(fs, storeFlagUsage)
	fs.String("tz", "", "time `zone` of the times shown, e.g. Europe/London (default the zone the last solve recorded, else the local zone)")
	return cmd
}

// writeSubscribers prints one row per subscription.
func writeSubscribers(g *globals, subs []store.Subscriber, loc *time.Location) error {
	tw := tabwriter.NewWriter(g.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFEED\tISSUED\tREVOKED")
	const layout = "Mon 2 Jan 2006 15:04"
	for _, s := range subs {
		feed := string(s.Kind) + "/" + s.Key
		if s.Kind == store.FeedProduction {
			feed = "production: " + s.Key
		}
		revoked := "-"
		if !s.Revoked.IsZero() {
			revoked = s.Revoked.In(loc).Format(layout)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", s.ID, feed, s.Created.In(loc).Format(layout), revoked)
	}
	return tw.Flush()
}
