package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/pencil-post/pencil/benchmarks/feedload"
)

// refreshMode says how the server under load kept its feeds and tokens
// fresh.
func refreshMode(o benchFeedsOptions) string {
	if o.inline {
		return fmt.Sprintf("by the request that finds them over %s old", o.refresh)
	}
	return fmt.Sprintf("in the background every %s", o.refresh/2)
}

// runsCommitted says how many runs committed during the load, and how.
func runsCommitted(o benchFeedsOptions, runs int) string {
	if o.batch == batchNone {
		return "0 (none asked for: --batch none)"
	}
	return fmt.Sprintf("%d (each a release and a re-solve of %d iterations, in a %s)", runs, o.iterations, o.batch)
}

// serverCPU shows the server process's CPU time during the load, per
// request and as a share of one core, saying what else that process ran.
func serverCPU(o benchFeedsOptions, rep benchFeedsReport) string {
	s := fmt.Sprintf("%.2f s", rep.serverCPU.Seconds())
	if rep.load.Requests > 0 && rep.load.Elapsed > 0 {
		s += fmt.Sprintf(" = %.0f µs a request, %.0f%% of one core", float64(rep.serverCPU.Microseconds())/float64(rep.load.Requests),
			100*rep.serverCPU.Seconds()/rep.load.Elapsed.Seconds())
	}
	var also []string
	if o.loadAt == loadGoroutine {
		also = append(also, "the clients")
	}
	if o.batch == batchGoroutine {
		also = append(also, "the re-solves")
	}
	if len(also) > 0 {
		s += " (" + strings.Join(also, " and ") + " included)"
	}
	return s
}

// childrenCPU shows the CPU time of the clients' and the re-solves'
// processes, when they ran as processes, and of all of them with the
// server, as cores in use on average.
func childrenCPU(rep benchFeedsReport) [][2]string {
	secs := rep.load.Elapsed.Seconds()
	if secs <= 0 {
		return nil
	}
	share := func(d time.Duration) string {
		return fmt.Sprintf("%.2f s, %.0f%% of one core", d.Seconds(), 100*d.Seconds()/secs)
	}
	var rows [][2]string
	if rep.clientsCPU > 0 {
		rows = append(rows, [2]string{"clients' process CPU", share(rep.clientsCPU)})
	}
	if rep.solvesCPU > 0 {
		rows = append(rows, [2]string{"re-solve processes' CPU", share(rep.solvesCPU)})
	}
	if all := rep.serverCPU + rep.clientsCPU + rep.solvesCPU; len(rows) > 0 && rep.serverCPU > 0 {
		rows = append(rows, [2]string{"CPU of all of them", fmt.Sprintf("%.2f s = %.2f cores in use on average", all.Seconds(), all.Seconds()/secs)})
	}
	return rows
}

// clientsWhere says where the calendar clients ran.
func clientsWhere(load string) string {
	if load == loadProcess {
		return "in a process of their own"
	}
	return "in the server's process"
}

// benchFeedsReport is what a bench feeds run measured.
type benchFeedsReport struct {
	feeds                 int // feeds handed out
	load                  feedload.Result
	runs                  int             // runs committed under load
	exports               []time.Duration // export ics times, sorted
	loadBefore, loadAfter string          // 1-minute load averages
	// serverCPU is the CPU time the server's process used during the
	// load; zero when not measured.
	serverCPU time.Duration
	// serverWakeups is how late the server's process woke from 1 ms
	// sleeps during the load.
	serverWakeups feedload.Wakeups
	// handler is the p99 and max time inside the feed handler.
	handler tail
	// clientsCPU and solvesCPU are the CPU times of the clients' process
	// and of the re-solve processes (including one cut short at the
	// end); zero when they ran in the server's process.
	clientsCPU, solvesCPU time.Duration
}

// tail is the top of a latency distribution.
type tail struct{ p99, max time.Duration }

// writeBenchFeeds prints the figures as a Markdown table.
func writeBenchFeeds(w io.Writer, file string, o benchFeedsOptions, rep benchFeedsReport) {
	r, exports := rep.load, rep.exports
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
	revalidate := max(o.load.Revalidate, 0)
	loop, from := "closed loop", "from sending"
	if o.load.Rate > 0 {
		loop, from = fmt.Sprintf("open loop at %.0f req/s", o.load.Rate), "from the time due"
	}
	fmt.Fprintf(w, "feed server under load: %s, %d feeds, %s, %d clients, %.0f%% revalidating, bounds %s / %d requests\n\n",
		file, rep.feeds, loop, o.load.Clients, revalidate*100, o.load.Duration, o.load.Requests)
	fmt.Fprintln(w, "| measure | value |\n|---|---|")
	rows := [][2]string{
		{"requests", fmt.Sprint(r.Requests)},
		{"elapsed", fmt.Sprintf("%.1f s", r.Elapsed.Seconds())},
		{"throughput", fmt.Sprintf("%.0f req/s", r.PerSecond())},
	}
	if o.load.Rate > 0 {
		rows = append(rows, [2]string{"offered / unsent", fmt.Sprintf("%.0f req/s / %d", r.Offered, r.Unsent)},
			[2]string{"send lag max", ms(r.MaxSendLag)})
	}
	rows = append(rows, [][2]string{
		{"200 / 304 / errors", fmt.Sprintf("%d / %d / %d", r.OK, r.NotModified, r.Errors)},
		{"latency p50 (" + from + ")", ms(r.P50)},
		{"latency p99 (" + from + ")", ms(r.P99)},
		{"latency max (" + from + ")", ms(r.Max)},
		{"runs committed under load", runsCommitted(o, rep.runs)},
		{"store re-read and tokens re-checked", refreshMode(o)},
		{"calendar clients", clientsWhere(o.loadAt)},
		{"load average before / after", rep.loadBefore + " / " + rep.loadAfter},
		{"cores (GOMAXPROCS)", fmt.Sprint(runtime.GOMAXPROCS(0))},
	}...)
	rows = append(rows, [2]string{"time inside the feed handler", fmt.Sprintf("p99 %s, max %s", ms(rep.handler.p99), ms(rep.handler.max))})
	wake := func(w feedload.Wakeups) string { return fmt.Sprintf("p99 %s, max %s", ms(w.P99), ms(w.Max)) }
	rows = append(rows, [2]string{"late wake-ups from 1 ms sleeps: server process", wake(rep.serverWakeups)})
	if o.loadAt == loadProcess {
		rows = append(rows, [2]string{"late wake-ups from 1 ms sleeps: clients' process", wake(r.Wakeups)})
	}
	if rep.serverCPU > 0 {
		rows = append(rows, [2]string{"server process CPU during the load", serverCPU(o, rep)})
	}
	rows = append(rows, childrenCPU(rep)...)
	if len(exports) > 0 {
		rows = append(rows, [2]string{"export ics (fresh folder)", fmt.Sprintf("median %s, min %s, max %s of %d",
			ms(exports[len(exports)/2]), ms(exports[0]), ms(exports[len(exports)-1]), len(exports))})
	}
	for _, row := range rows {
		fmt.Fprintf(w, "| %s | %s |\n", row[0], row[1])
	}
	if r.Errors > 0 {
		fmt.Fprintf(w, "\nfirst error: %s\n", r.FirstError)
	}
}
