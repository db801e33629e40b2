package main

import (
	"regexp"
	"strings"
	"testing"
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
			"| offered / unsent | 500 req/s / 0 |", "| latency p99 (from the time due) |", "| send lag max |"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"bench", "feeds", "testdata/short.yaml", "--requests", "300", "--clients", "4",
				"--duration", "1m", "--iterations", "20", "--exports", "2", "--revalidate", "1", "--batch", "goroutine"}, tt.extra...)
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
	} {
		if code, _, stderr := pencil(t, append([]string{"bench", "feeds", "testdata/short.yaml"}, args...)...); code != exitInvalid {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}
