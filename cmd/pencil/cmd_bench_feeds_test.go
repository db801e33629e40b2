package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/benchmarks/feedload"
)

// TestBenchFeeds: a small, request-bounded load of the feed server while
// runs commit answers every request with 200 or 304 and reports it, in a
// closed loop and in an open loop.
func TestBenchFeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("solves and serves")
	}
	tests := []struct {
		name  string
		extra []string
		want  []string
	}{
		{"closed loop", nil, []string{"6 feeds, closed loop, 4 clients, 100% revalidating", "| latency p99 (from sending) |",
			"| export ics (fresh folder) | median "}},
		{"open loop", []string{"--rate", "500", "--exports", "0"}, []string{"6 feeds, open loop at 500 req/s, 4 clients",
			"| offered / unsent | 500 req/s / 0 |", "| latency p99 (from the time due) |", "| send lag max |",
			"| server process CPU during the load | ", "(the clients and the re-solves included)", "| late wake-ups from 1 ms sleeps: server process | p99 ", "| time inside the feed handler | p99 "}},
		{"no runs, old refresh", []string{"--batch", "none", "--inline-refresh", "--exports", "0"}, []string{
			"| runs committed under load | 0 (none asked for", "| store re-read and tokens re-checked | by the request"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Later flags win: tt.extra overrides these.
			args := append([]string{"bench", "feeds", "testdata/short.yaml", "--requests", "300", "--clients", "4",
				"--duration", "1m", "--iterations", "20", "--exports", "2", "--revalidate", "1", "--batch", "goroutine", "--load", "goroutine"}, tt.extra...)
			code, out, stderr := pencil(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for _, want := range append(tt.want, "| requests | 300 |", "| throughput |") {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			m := regexp.MustCompile(`\| 200 / 304 / errors \| (\d+) / (\d+) / 0 \|`).FindStringSubmatch(out)
			if m == nil || m[1] == "0" || m[2] == "0" {
				t.Errorf("want 200s, 304s and no errors:\n%s", out)
			}
		})
	}
}

// TestBenchFeedsFlags: bad bounds are usage errors.
func TestBenchFeedsFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--clients", "0"},
		{"--revalidate", "1.5"},
		{"--duration", "soon"},
		{"--requests", "-3"},
		{"--batch", "thread"},
		{"--rate", "-1"},
		{"--rate", "NaN"},
		{"--load", "thread"},
	} {
		if code, _, stderr := pencil(t, append([]string{"bench", "feeds", "testdata/short.yaml"}, args...)...); code != exitInvalid {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}

// TestRunFeedLoad: the load process reads URLs a line each and writes
// what it measured as JSON; it refuses URLs off the loopback interface.
func TestRunFeedLoad(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
	}))
	defer srv.Close()
	var out bytes.Buffer
	urls := strings.NewReader(srv.URL + "/feeds/a.ics\n" + srv.URL + "/feeds/b.ics\n")
	cfg := feedload.Config{Clients: 2, Requests: 30, Duration: time.Minute, Rate: 1000}
	if err := runFeedLoad(context.Background(), &out, urls, cfg); err != nil {
		t.Fatal(err)
	}
	var res feedload.Result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if res.Requests != 30 || res.OK != 30 || res.Offered != 1000 || res.Max <= 0 {
		t.Errorf("%+v: want 30 answered at 1000 req/s offered", res)
	}
	err := runFeedLoad(context.Background(), &out, strings.NewReader("http://192.0.2.1/feeds/a.ics"), cfg)
	if !errors.Is(err, feedload.ErrNotLoopback) {
		t.Errorf("off loopback: %v", err)
	}
}

// TestChildrenCPU: the child processes' CPU shows as a share of a core
// over the load, with the total in cores, and nothing when they ran in
// the server's process.
func TestChildrenCPU(t *testing.T) {
	tests := []struct {
		name string
		rep  benchFeedsReport
		want [][2]string
	}{
		{"in-process", benchFeedsReport{load: feedload.Result{Elapsed: 10 * time.Second}, serverCPU: 2 * time.Second}, nil},
		{"both processes", benchFeedsReport{load: feedload.Result{Elapsed: 10 * time.Second}, serverCPU: 2 * time.Second,
			clientsCPU: time.Second, solvesCPU: 5 * time.Second}, [][2]string{
			{"clients' process CPU", "1.00 s, 10% of one core"},
			{"re-solve processes' CPU", "5.00 s, 50% of one core"},
			{"CPU of all of them", "8.00 s = 0.80 cores in use on average"}}},
		{"no elapsed time", benchFeedsReport{clientsCPU: time.Second}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := childrenCPU(tt.rep); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
