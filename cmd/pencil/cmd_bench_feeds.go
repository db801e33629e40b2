package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/benchmarks/feedload"
	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
)

// Where the batch loop's re-solves run.
const (
	// batchProcess runs each re-solve as a pencil solve process, as a
	// coordinator's batch run beside pencil serve does.
	batchProcess = "process"
	// batchGoroutine runs them in the server's own process, sharing its
	// Go scheduler: harsher on latency, and what tests use (a test binary
	// is not pencil).
	batchGoroutine = "goroutine"
	// batchNone commits no runs during the load: the baseline.
	batchNone = "none"
)

// Where the load generator runs.
const (
	// loadProcess runs the calendar clients as a child pencil process, so
	// their CPU is not counted in the server's Go scheduler, as remote
	// clients' would not be.
	loadProcess = "process"
	// loadGoroutine runs them in the server's process, sharing its Ps;
	// what tests use.
	loadGoroutine = "goroutine"
)

// benchFeedsOptions are the settings of `pencil bench feeds`.
type benchFeedsOptions struct {
	load        feedload.Config
	refresh     time.Duration // the feed source's re-read interval
	iterations  int           // search iterations of each re-solve
	commitEvery time.Duration // pause between re-solves
	batch       string        // batchProcess, batchGoroutine or batchNone
	exports     int           // timed runs of export ics
	cpuProfile  string        // where to write a CPU profile of the load, if set
	inline      bool          // requests re-read the store and re-check tokens themselves
	loadAt      string        // loadProcess or loadGoroutine
	// loadOnly makes this process the child load generator: it reads
	// feed URLs, one a line, from stdin and writes the feedload.Result as
	// JSON to stdout.
	loadOnly bool
}

func newBenchFeedsCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feeds PROJECT",
		Short: "Load-test the calendar feed server while runs commit",
		Long: `Measure the feed server of pencil serve on this machine. PROJECT is
solved into a temporary booking store, one feed is handed out per person,
suite and artiste and one for the production, and pencil serve's handler
listens on a loopback port. Then --clients calendar clients fetch random
feeds for --duration (or --requests, whichever comes first), sending
If-None-Match with the last ETag they saw for --revalidate of their
requests, while a batch loop keeps committing runs to the same store: it
releases one pencil and re-solves, which pencils it again, so feeds really
change under the load. Each re-solve is a pencil solve process, as a
batch run beside pencil serve is (--batch goroutine runs them inside the
server's process instead; --batch none commits nothing, for a baseline).
The calendar clients run in a pencil process of their own, as remote
clients would not share the server's Go scheduler (--load goroutine runs
them in the server's process). Before the load, export ics is timed
--exports times into fresh folders.

By default the load is a closed loop: each client sends its next request
as soon as the last is answered, which finds the most the server can
answer (and its latency is then just clients / throughput). --rate makes
it an open loop instead: requests go out on a fixed timetable of --rate
per second over --clients connections, answered or not, and each latency
runs from the time the request was due, so a stalled server is charged
for every request it held up. That is the latency a given load gets.

It prints throughput, the 200/304/error counts, latency p50, p99 and max,
the runs committed, the machine's load average, the server process's CPU
time, and how late the server's and the clients' processes woke from
1 ms sleeps during the load: when that is close to the feed latency, the
machine was short of CPU, and the server waited for a core. It only ever connects
to 127.0.0.1.
` + exitStatusHelp,
		Example: `  pencil bench feeds testdata/series.yaml
  pencil bench feeds testdata/series.yaml --clients 50 --duration 20s --requests 200000
  pencil bench feeds testdata/series.yaml --rate 1000 --duration 20s`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := g.benchFeedsOptions()
			if err != nil {
				return err
			}
			if o.loadOnly {
				return runFeedLoad(cmd.Context(), g.stdout, cmd.InOrStdin(), o.load)
			}
			return runBenchFeeds(cmd.Context(), g, args[0], o)
		},
	}
	fs := cmd.Flags()
	fs.Int("clients", feedload.DefaultClients, "concurrent calendar `clients`")
	fs.Duration("duration", feedload.DefaultDuration, "stop the load after this `long`")
	fs.Int("requests", feedload.DefaultRequests, "stop the load after `N` requests")
	fs.Float64("rate", 0, "open loop: send `N` requests per second on a timetable (0: closed loop)")
	fs.Float64("revalidate", feedload.DefaultRevalidate, "`share` of requests sent with If-None-Match (0 to 1)")
	fs.Duration("refresh", time.Second, "the server reads the store again at most this `often`")
	fs.Int("iterations", 200, "search `iterations` of each re-solve under the load")
	fs.Duration("commit-every", 0, "pause this `long` between committed runs (0: back to back)")
	fs.Int("exports", 5, "time export ics this many `times`")
	fs.String("batch", batchProcess, "run the re-solves as a pencil solve `process`, in a goroutine, or none (no runs commit)")
	fs.Bool("inline-refresh", false, "no background refresh: requests re-read the store and re-check tokens themselves (for comparison)")
	fs.String("load", loadProcess, "run the calendar clients as a pencil `process` or in a goroutine of the server's process")
	fs.Bool("load-only", false, "be the load generator of a bench feeds run: feed URLs on stdin, the result as JSON on stdout")
	_ = fs.MarkHidden("load-only")
	fs.String("cpuprofile", "", "write a CPU profile of this process during the load to `FILE`")
	return cmd
}

// benchFeedsOptions reads and checks the settings.
func (g *globals) benchFeedsOptions() (benchFeedsOptions, error) {
	var o benchFeedsOptions
	var err error
	for _, s := range []struct {
		key string
		dst *int
	}{{"clients", &o.load.Clients}, {"requests", &o.load.Requests}, {"iterations", &o.iterations}, {"exports", &o.exports}} {
		if *s.dst, err = g.integer(s.key); err != nil {
			return o, err
		}
	}
	for _, s := range []struct {
		key string
		dst *time.Duration
	}{{"duration", &o.load.Duration}, {"refresh", &o.refresh}, {"commit-every", &o.commitEvery}} {
		if *s.dst, err = g.duration(s.key); err != nil {
			return o, err
		}
	}
	o.load.Rate = g.v.GetFloat64("rate")
	if o.load.Rate < 0 || math.IsNaN(o.load.Rate) || math.IsInf(o.load.Rate, 0) {
		return o, usageError{fmt.Errorf("rate %g: want requests per second above 0, or 0 for a closed loop", o.load.Rate)}
	}
	o.load.Revalidate = g.v.GetFloat64("revalidate")
	switch {
	case o.load.Revalidate < 0 || o.load.Revalidate > 1:
		return o, usageError{fmt.Errorf("revalidate %g: want a share from 0 to 1", o.load.Revalidate)}
	case o.load.Revalidate == 0:
		o.load.Revalidate = -1 // feedload's "none"
	}
	if o.load.Clients == 0 || o.load.Requests == 0 || o.load.Duration == 0 || o.iterations == 0 {
		return o, usageError{errors.New("bench feeds: --clients, --requests, --duration and --iterations must be above 0")}
	}
	o.batch = g.v.GetString("batch")
	if o.batch != batchProcess && o.batch != batchGoroutine && o.batch != batchNone {
		return o, usageError{fmt.Errorf("batch %q: want %s, %s or %s", o.batch, batchProcess, batchGoroutine, batchNone)}
	}
	o.cpuProfile = g.v.GetString("cpuprofile")
	o.inline = g.v.GetBool("inline-refresh")
	o.loadAt = g.v.GetString("load")
	if o.loadAt != loadProcess && o.loadAt != loadGoroutine {
		return o, usageError{fmt.Errorf("load %q: want %s or %s", o.loadAt, loadProcess, loadGoroutine)}
	}
	o.loadOnly = g.v.GetBool("load-only")
	o.load.Seed = 1
	return o, nil
}

// runBenchFeeds sets up the store, times export ics, serves the feeds and
// loads them while runs commit.
func runBenchFeeds(ctx context.Context, g *globals, file string, o benchFeedsOptions) error {
	dir, err := os.MkdirTemp("", "pencil-bench-feeds-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db := filepath.Join(dir, filepath.Base(storePathFor(file)))
	// The solves, exports and the server write nothing to the terminal.
	quiet := &globals{stdout: io.Discard, stderr: io.Discard, v: g.v, log: zerolog.Nop()}
	p, err := model.Load(file)
	if err != nil {
		return reportProblems(g.stderr, err)
	}
	// The re-solves plan as of the production's first day, so the load
	// is the same whatever today's date.
	asOf := firstDay(p)
	resolve := func(ctx context.Context, seed uint64) error {
		return runSolve(ctx, quiet, file, solveOptions{iterations: o.iterations, workers: 1, seed: seed,
			format: schedule.FormatTable, state: stateOptions{path: db, who: "bench feeds", why: "feed load", now: asOf}})
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench feeds: %w", err)
	}
	// CPU time of the child processes, added up as each ends; solvesCPU
	// is written by the batch loop's goroutine and read after it ends.
	var solvesCPU, clientsCPU time.Duration
	batch := resolve
	if o.batch == batchProcess {
		batch = func(ctx context.Context, seed uint64) error {
			return solveProcess(ctx, exe, file, db, o.iterations, seed, &solvesCPU)
		}
	}
	runLoad := feedload.Run
	if o.loadAt == loadProcess {
		runLoad = func(ctx context.Context, cfg feedload.Config) (feedload.Result, error) {
			return feedLoadProcess(ctx, exe, file, cfg, &clientsCPU)
		}
	}
	if err := resolve(ctx, 1); err != nil {
		return fmt.Errorf("bench feeds: first solve: %w", err)
	}
	exportTimes, err := timeExports(ctx, quiet, file, db, dir, o.exports)
	if err != nil {
		return err
	}

	fsvc, err := newFeedService(ctx, quiet, file, serveOptions{store: db, refresh: o.refresh})
	if err != nil {
		return err
	}
	defer fsvc.close()
	st, err := openStore(ctx, db, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("bench feeds: %w", err)
	}
	base := "http://" + ln.Addr().String()
	if o.load.URLs, err = subscribeAll(ctx, st, fsvc, base); err != nil {
		return err
	}
	if !o.inline {
		defer fsvc.keepFresh(ctx)()
	}
	// Access logs are written as pencil serve writes them, then dropped.
	srv := calendars.NewServer(fsvc.cfg, fsvc.src, fsvc.tokens, zerolog.New(io.Discard).Level(zerolog.InfoLevel))
	timed := &handlerTimes{next: srv.Handler}
	srv.Handler = timed
	sctx, stopServer := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- calendars.Serve(sctx, srv, ln, 5*time.Second) }()

	stopProfile, err := startCPUProfile(o.cpuProfile)
	if err != nil {
		stopServer()
		<-served
		return err
	}
	loadBefore := loadAverage()
	cpuBefore, cpuOK := processCPU()
	wctx, stopWatch := context.WithCancel(ctx)
	watched := make(chan feedload.Wakeups, 1)
	go func() { watched <- feedload.WatchWakeups(wctx) }()
	cctx, stopCommits := context.WithCancel(ctx)
	var commits commitTally
	var wg sync.WaitGroup
	if o.batch != batchNone {
		wg.Go(func() { commits.loop(cctx, st, batch, o.commitEvery) })
	}
	res, lerr := runLoad(ctx, o.load)
	stopCommits()
	wg.Wait()
	stopWatch()
	serverWakeups := <-watched
	cpuAfter, _ := processCPU()
	loadAfter := loadAverage()
	if err := stopProfile(); err != nil {
		lerr = errors.Join(lerr, err)
	}
	stopServer()
	if err := <-served; err != nil {
		return err
	}
	if lerr != nil {
		return lerr
	}
	if commits.err != nil && ctx.Err() == nil {
		return fmt.Errorf("bench feeds: the batch run failed under load: %w", commits.err)
	}
	rep := benchFeedsReport{feeds: len(o.load.URLs), load: res, runs: commits.runs, exports: exportTimes,
		loadBefore: loadBefore, loadAfter: loadAfter, serverWakeups: serverWakeups, handler: timed.summary(),
		clientsCPU: clientsCPU, solvesCPU: solvesCPU}
	if cpuOK {
		rep.serverCPU = cpuAfter - cpuBefore
	}
	writeBenchFeeds(g.stdout, file, o, rep)
	return ctx.Err()
}

// handlerTimes times the feed handler: from the server handing it the
// request to its return, so without the time a request waited in the
// kernel, for the server's process to be scheduled, or on the client.
type handlerTimes struct {
	next  http.Handler
	mu    sync.Mutex
	times []time.Duration
}

// ServeHTTP times one request.
func (h *handlerTimes) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h.next.ServeHTTP(w, r)
	d := time.Since(start)
	h.mu.Lock()
	h.times = append(h.times, d)
	h.mu.Unlock()
}

// summary is the p99 and max of the times so far.
func (h *handlerTimes) summary() (s tail) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.times) == 0 {
		return s
	}
	sorted := slices.Clone(h.times)
	slices.Sort(sorted)
	s.p99, s.max = feedload.Percentile(sorted, 99), sorted[len(sorted)-1]
	return s
}

// subscribeAll issues one feed per person, suite and artiste of the
// project, and one for the production, and returns their URLs.
func subscribeAll(ctx context.Context, st *store.Store, fsvc *feedService, base string) ([]string, error) {
	prod := fsvc.src.Roster().Production
	type feed struct {
		kind store.FeedKind
		key  string
	}
	feeds := []feed{{store.FeedProduction, fsvc.src.Roster().Scope}}
	for _, l := range []struct {
		kind store.FeedKind
		refs []calendars.Ref
	}{{store.FeedPerson, prod.People}, {store.FeedSuite, prod.Suites}, {store.FeedArtiste, prod.Artistes}} {
		for _, r := range l.refs {
			feeds = append(feeds, feed{l.kind, r.ID})
		}
	}
	urls := make([]string, 0, len(feeds))
	for _, f := range feeds {
		token, _, err := st.AddSubscriber(ctx, f.kind, f.key)
		if err != nil {
			return nil, fmt.Errorf("bench feeds: %w", err)
		}
		urls = append(urls, base+calendars.FeedPath(token))
	}
	return urls, nil
}

// commitTally counts the runs the batch loop committed under load.
type commitTally struct {
	runs int
	err  error
}

// loop releases one pencil and re-solves (which pencils it again), over
// and over, until ctx ends: two committed changes per turn, so feeds
// change while they are fetched.
func (c *commitTally) loop(ctx context.Context, st *store.Store, resolve func(context.Context, uint64) error, pause time.Duration) {
	for turn := uint64(2); ctx.Err() == nil; turn++ {
		pencils, err := st.Bookings(ctx, store.Filter{Statuses: []booking.Status{booking.Pencil}})
		if err == nil && len(pencils) > 0 {
			_, err = st.Release(ctx, []string{pencils[int(turn)%len(pencils)].ID}, "feed load", "bench feeds")
		}
		if err == nil {
			err = resolve(ctx, turn)
		}
		if err != nil {
			if ctx.Err() == nil {
				c.err = err
			}
			return
		}
		c.runs++
		if pause > 0 {
			select {
			case <-ctx.Done():
			case <-time.After(pause):
			}
		}
	}
}

// solveProcess runs pencil solve of file into the store db as a child
// process: one worker, a fixed seed and iteration limit.
func solveProcess(ctx context.Context, exe, file, db string, iterations int, seed uint64, cpu *time.Duration) error {
	cmd := exec.CommandContext(ctx, exe, "solve", file, "--store", db, "--iterations", strconv.Itoa(iterations),
		"--time-limit", "0", "--workers", "1", "--seed", strconv.FormatUint(seed, 10), "--frozen", "0",
		"--who", "bench feeds", "--why", "feed load", "--log-level", "error")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	err := cmd.Run()
	*cpu += childCPU(cmd)
	if err != nil {
		return fmt.Errorf("pencil solve: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// childCPU is the CPU time, user and system, that cmd's process used; 0
// if it never started.
func childCPU(cmd *exec.Cmd) time.Duration {
	if cmd.ProcessState == nil {
		return 0
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// feedLoadProcess runs the load of cfg in a child pencil process (bench
// feeds --load-only), handing it the feed URLs on its stdin so that no
// token shows in a process listing.
func feedLoadProcess(ctx context.Context, exe, file string, cfg feedload.Config, cpu *time.Duration) (feedload.Result, error) {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	cmd := exec.CommandContext(ctx, exe, "bench", "feeds", file, "--load-only", "--clients", strconv.Itoa(cfg.Clients),
		"--duration", cfg.Duration.String(), "--requests", strconv.Itoa(cfg.Requests), "--rate", f(cfg.Rate),
		"--revalidate", f(max(cfg.Revalidate, 0)), "--log-level", "error")
	cmd.Stdin = strings.NewReader(strings.Join(cfg.URLs, "\n") + "\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	*cpu += childCPU(cmd)
	if err != nil {
		return feedload.Result{}, fmt.Errorf("bench feeds: load process: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var res feedload.Result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return feedload.Result{}, fmt.Errorf("bench feeds: load process result: %w", err)
	}
	return res, nil
}

// runFeedLoad is the load process: it reads feed URLs, one a line, from
// urls, runs the load of cfg and writes the result as JSON to w.
func runFeedLoad(ctx context.Context, w io.Writer, urls io.Reader, cfg feedload.Config) error {
	data, err := io.ReadAll(io.LimitReader(urls, 1<<20))
	if err != nil {
		return fmt.Errorf("bench feeds: read feed URLs: %w", err)
	}
	cfg.URLs = strings.Fields(string(data))
	res, err := feedload.Run(ctx, cfg)
	if err != nil {
		return usageError{err}
	}
	return json.NewEncoder(w).Encode(res)
}

// timeExports runs export ics n times into fresh folders and returns the
// times, sorted.
func timeExports(ctx context.Context, g *globals, file, db, dir string, n int) ([]time.Duration, error) {
	times := make([]time.Duration, 0, n)
	for i := range n {
		start := time.Now()
		if err := runExportICS(ctx, g, file, db, filepath.Join(dir, fmt.Sprintf("export-%d", i))); err != nil {
			return nil, fmt.Errorf("bench feeds: %w", err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times, nil
}

// startCPUProfile starts profiling this process's CPU into file, when it
// is set, and returns the function that stops it and closes the file.
func startCPUProfile(file string) (stop func() error, err error) {
	if file == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("bench feeds: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench feeds: cpu profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("bench feeds: cpu profile: %w", err)
		}
		return nil
	}, nil
}

// loadAverage is the 1-minute load average, or "?" off Linux.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	if f := strings.Fields(string(data)); len(f) > 0 {
		return f[0]
	}
	return "?"
}

// firstDay is the earliest start of the project's productions, as --now
// takes it.
func firstDay(p *model.Project) string {
	var first model.Date
	for _, pr := range p.Productions {
		if first.IsZero() || pr.Start.Before(first) {
			first = pr.Start
		}
	}
	return first.String()
}
