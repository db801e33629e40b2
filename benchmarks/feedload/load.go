package feedload

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of Config's zero fields.
const (
	DefaultClients    = 50
	DefaultDuration   = 20 * time.Second
	DefaultRequests   = 1_000_000
	DefaultTimeout    = 5 * time.Second
	DefaultRevalidate = 0.5
)

// ErrNotLoopback means a URL points off this machine: the load tool only
// ever drives a server on the loopback interface.
var ErrNotLoopback = errors.New("feedload: URL is not on the loopback interface")

// Config bounds and shapes one load run. Zero fields take the defaults.
type Config struct {
	// URLs are the feed URLs to fetch; every host must be a loopback
	// address or "localhost".
	URLs []string
	// Clients is the number of concurrent clients (default 50); each
	// keeps its own keep-alive connection and remembers the ETag of every
	// feed it fetched, as a calendar app does.
	Clients int
	// Duration stops the run (default 20s), as does Requests (default
	// 1,000,000), whichever comes first.
	Duration time.Duration
	Requests int
	// Revalidate is the share of requests, 0 to 1, sent with If-None-Match
	// when the client holds an ETag for the feed (default 0.5; a negative
	// value means none). Unchanged feeds answer those with 304.
	Revalidate float64
	// Timeout bounds one request (default 5s).
	Timeout time.Duration
	// Seed makes the clients' choices of feed repeatable.
	Seed uint64
	// Rate, when above 0, makes the run open-loop: requests are sent on a
	// fixed timetable of Rate per second, whether or not earlier ones
	// were answered, and each latency is measured from the time the
	// request was due, so a stalled server is charged for every request
	// it held up (no coordinated omission, as wrk2 and vegeta measure).
	// Clients is then the number of connections the requests share; a
	// request waiting for a free one counts its wait as latency. Zero
	// (the default) is a closed loop: each client sends its next request
	// as soon as the last is answered, which finds the most the server
	// can answer.
	Rate float64
}

// Result is what a run measured.
type Result struct {
	Requests    int           // requests completed (answered or failed)
	OK          int           // 200 responses
	NotModified int           // 304 responses
	Errors      int           // transport errors and any other status
	FirstError  string        // the first error, for the report
	Elapsed     time.Duration // from the first request to the last answer
	// P50, P99 and Max are latencies of answered requests, up to reading
	// the whole body: from sending the request in a closed loop, from the
	// time it was due in an open loop.
	P50, P99, Max time.Duration
	// Offered is an open loop's rate, in requests per second; 0 for a
	// closed loop.
	Offered float64
	// Unsent counts an open loop's requests that fell due during the run
	// but were never sent, because every connection was busy until the
	// end: the server (or the load tool) did not keep up.
	Unsent int
	// MaxSendLag is the longest an open loop's request waited past its
	// due time before it was sent.
	MaxSendLag time.Duration
	// Wakeups is how late the load tool's process woke from 1 ms sleeps
	// during the run (see WatchWakeups): its own share of the machine.
	Wakeups Wakeups
}

// PerSecond is the throughput: requests completed per second.
func (r Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// String is a one-line summary.
func (r Result) String() string {
	s := fmt.Sprintf("%d requests in %.1fs: %.0f req/s, %d × 200, %d × 304, %d errors; latency p50 %s, p99 %s, max %s",
		r.Requests, r.Elapsed.Seconds(), r.PerSecond(), r.OK, r.NotModified, r.Errors,
		r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Microsecond))
	if r.Offered > 0 {
		s += fmt.Sprintf("; offered %.0f req/s, %d unsent, send lag up to %s", r.Offered, r.Unsent, r.MaxSendLag.Round(time.Microsecond))
	}
	return s
}

// withDefaults fills zero fields and checks the rest.
func (c Config) withDefaults() (Config, error) {
	if len(c.URLs) == 0 {
		return c, errors.New("feedload: no URLs to fetch")
	}
	for _, s := range c.URLs {
		if err := CheckLoopback(s); err != nil {
			return c, err
		}
	}
	if c.Clients <= 0 {
		c.Clients = DefaultClients
	}
	if c.Duration <= 0 {
		c.Duration = DefaultDuration
	}
	if c.Requests <= 0 {
		c.Requests = DefaultRequests
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	switch {
	case c.Revalidate == 0:
		c.Revalidate = DefaultRevalidate
	case c.Revalidate < 0:
		c.Revalidate = 0
	case c.Revalidate > 1:
		return c, fmt.Errorf("feedload: revalidate share %g is above 1", c.Revalidate)
	}
	if c.Rate < 0 || math.IsNaN(c.Rate) || math.IsInf(c.Rate, 0) {
		return c, fmt.Errorf("feedload: rate %g: want requests per second above 0, or 0 for a closed loop", c.Rate)
	}
	return c, nil
}

// CheckLoopback refuses a URL that is not http(s) on a loopback host.
func CheckLoopback(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("feedload: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("feedload: %q: want an http or https URL", s)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%w: %q", ErrNotLoopback, u.Host)
	}
	return nil
}

// Run drives the URLs until cfg.Requests are done, cfg.Duration has
// passed or ctx ends: with cfg.Clients closed-loop clients, or on an
// open-loop timetable when cfg.Rate is set.
func Run(ctx context.Context, cfg Config) (Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Result{}, err
	}
	tr := &http.Transport{
		Proxy:               nil, // loopback only: never through a proxy
		MaxIdleConns:        cfg.Clients,
		MaxIdleConnsPerHost: cfg.Clients,
		MaxConnsPerHost:     cfg.Clients,
		IdleConnTimeout:     time.Minute,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: cfg.Timeout}
	wctx, stopWatch := context.WithCancel(ctx)
	watched := make(chan Wakeups, 1)
	go func() { watched <- WatchWakeups(wctx) }()
	var r Result
	if cfg.Rate > 0 {
		r = runOpen(ctx, cfg, client, wallClock{})
	} else {
		r = runClosed(ctx, cfg, client)
	}
	stopWatch()
	r.Wakeups = <-watched
	return r, nil
}

// runClosed is the closed loop: every client sends its next request as
// soon as the last is answered.
func runClosed(ctx context.Context, cfg Config, client *http.Client) Result {
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var issued atomic.Int64
	clients := make([]clientLoad, cfg.Clients)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range clients {
		wg.Add(1)
		go func(c *clientLoad) {
			defer wg.Done()
			c.run(ctx, client, cfg, &issued, rand.New(rand.NewPCG(cfg.Seed, uint64(i))))
		}(&clients[i])
	}
	wg.Wait()
	return merge(clients, time.Since(start))
}

// clientLoad is one client's tally, and the ETags it holds.
type clientLoad struct {
	latencies             []time.Duration
	ok, notModified, errs int
	firstErr              string
	maxLag                time.Duration
	etags                 map[string]string
}

// run fetches feeds until the run's bounds are reached.
func (c *clientLoad) run(ctx context.Context, client *http.Client, cfg Config, issued *atomic.Int64, rng *rand.Rand) {
	for ctx.Err() == nil && issued.Add(1) <= int64(cfg.Requests) {
		t0 := time.Now()
		status, err := c.fetchOne(ctx, client, cfg, rng)
		if ctx.Err() != nil && err != nil {
			return // the run ended mid-request: not the server's failure
		}
		c.record(status, err, time.Since(t0))
	}
}

// fetchOne fetches a random feed, revalidating with the ETag the client
// holds for cfg.Revalidate of its requests.
func (c *clientLoad) fetchOne(ctx context.Context, client *http.Client, cfg Config, rng *rand.Rand) (int, error) {
	if c.etags == nil {
		c.etags = make(map[string]string, len(cfg.URLs))
	}
	u := cfg.URLs[rng.IntN(len(cfg.URLs))]
	etag := ""
	if rng.Float64() < cfg.Revalidate {
		etag = c.etags[u]
	}
	status, newTag, err := fetch(ctx, client, u, etag)
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		// The URL carries the subscriber's token: keep it out of reports.
		return 0, fmt.Errorf("%s feed: %w", ue.Op, ue.Err)
	}
	if err != nil {
		return 0, err
	}
	switch status {
	case http.StatusOK:
		c.etags[u] = newTag
	case http.StatusNotModified:
	default:
		return status, fmt.Errorf("feed answered status %d", status)
	}
	return status, nil
}

// record tallies one request that took latency: a 200 or 304 answer, or
// a failure.
func (c *clientLoad) record(status int, err error, latency time.Duration) {
	switch {
	case err != nil:
		c.fail(err.Error())
	case status == http.StatusOK:
		c.ok++
		c.latencies = append(c.latencies, latency)
	case status == http.StatusNotModified:
		c.notModified++
		c.latencies = append(c.latencies, latency)
	default:
		c.fail(fmt.Sprintf("status %d", status))
	}
}

// fail counts an error, keeping the first.
func (c *clientLoad) fail(msg string) {
	if c.errs == 0 {
		c.firstErr = msg
	}
	c.errs++
}

// fetch GETs u, reads the whole body and returns the status and ETag.
func fetch(ctx context.Context, client *http.Client, u, etag string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, "", err
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0, "", err
	}
	return resp.StatusCode, resp.Header.Get("ETag"), nil
}

// merge adds up the clients' tallies.
func merge(clients []clientLoad, elapsed time.Duration) Result {
	r := Result{Elapsed: elapsed}
	var all []time.Duration
	for _, c := range clients {
		r.OK += c.ok
		r.NotModified += c.notModified
		r.Errors += c.errs
		r.MaxSendLag = max(r.MaxSendLag, c.maxLag)
		if r.FirstError == "" {
			r.FirstError = c.firstErr
		}
		all = append(all, c.latencies...)
	}
	r.Requests = r.OK + r.NotModified + r.Errors
	if len(all) > 0 {
		slices.Sort(all)
		r.P50 = Percentile(all, 50)
		r.P99 = Percentile(all, 99)
		r.Max = all[len(all)-1]
	}
	return r
}

// Percentile returns the p-th percentile (nearest rank) of sorted
// latencies; zero for none.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(float64(len(sorted))*p/100)) - 1
	return sorted[min(max(rank, 0), len(sorted)-1)]
}
