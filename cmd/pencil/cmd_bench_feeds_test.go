package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestBenchFeeds: a small, request-bounded load of the feed server while
// runs commit answers every request with 200 or 304 and reports it.
func TestBenchFeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("solves and serves")
	}
	code, out, stderr := pencil(t, "bench", "feeds", "testdata/short.yaml", "--requests", "300", "--clients", "4",
		"--duration", "1m", "--iterations", "20", "--exports", "2", "--revalidate", "1", "--batch", "goroutine")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"6 feeds, 4 clients, 100% revalidating", "| requests | 300 |", "| throughput |",
		"| latency p99 |", "| export ics (fresh folder) | median "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	m := regexp.MustCompile(`\| 200 / 304 / errors \| (\d+) / (\d+) / 0 \|`).FindStringSubmatch(out)
	if m == nil || m[1] == "0" || m[2] == "0" {
		t.Errorf("want 200s, 304s and no errors:\n%s", out)
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
	} {
		if code, _, stderr := pencil(t, append([]string{"bench", "feeds", "testdata/short.yaml"}, args...)...); code != exitInvalid {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}
