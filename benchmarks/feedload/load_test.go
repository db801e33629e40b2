package feedload

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestCheckLoopback(t *testing.T) {
	tests := []struct {
		url     string
		wantErr error // nil: accepted; errAny: any error
	}{
		{"http://127.0.0.1:8080/feeds/x.ics", nil},
		{"http://127.8.9.10/x", nil},
		{"https://[::1]:8443/x", nil},
		{"http://localhost:1/x", nil},
		{"http://10.0.0.1/x", ErrNotLoopback},
		{"http://example.com/x", ErrNotLoopback},
		{"http://localhost.example.com/x", ErrNotLoopback},
		{"ftp://127.0.0.1/x", errAny},
		{"://", errAny},
	}
	for _, tt := range tests {
		err := CheckLoopback(tt.url)
		switch {
		case tt.wantErr == nil && err != nil, tt.wantErr != nil && err == nil:
			t.Errorf("CheckLoopback(%q) = %v, want %v", tt.url, err, tt.wantErr)
		case tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
			t.Errorf("CheckLoopback(%q) = %v, want %v", tt.url, err, tt.wantErr)
		}
	}
}

// errAny stands for any error in a table.
var errAny = errors.New("any error")

func TestPercentile(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, x := range v {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 51, 3 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0, 1 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := Percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("Percentile(%v, %g) = %v, want %v", tt.sorted, tt.p, got, tt.want)
		}
	}
}

// TestPercentileProperties: a percentile is one of the values, at least as
// many values lie at or below it as p asks, and it never falls as p rises.
func TestPercentileProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		raw := rapid.SliceOfN(rapid.Int64Range(0, 1e9), 1, 200).Draw(rt, "latencies")
		sorted := make([]time.Duration, len(raw))
		for i, v := range raw {
			sorted[i] = time.Duration(v)
		}
		slices.Sort(sorted)
		p := rapid.Float64Range(0, 100).Draw(rt, "p")
		q := rapid.Float64Range(p, 100).Draw(rt, "q")
		got := Percentile(sorted, p)
		if !slices.Contains(sorted, got) {
			rt.Fatalf("%v is not a value", got)
		}
		atOrBelow := 0
		for _, v := range sorted {
			if v <= got {
				atOrBelow++
			}
		}
		if float64(atOrBelow) < float64(len(sorted))*p/100 {
			rt.Fatalf("p%g = %v has only %d of %d at or below", p, got, atOrBelow, len(sorted))
		}
		if Percentile(sorted, q) < got {
			rt.Fatalf("p%g < p%g", q, p)
		}
	})
}

// feedServer answers every path with one calendar and its ETag, and 304
// for If-None-Match with that ETag.
func feedServer(t *testing.T, status int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		const etag = `"v1"`
		w.Header().Set("ETag", etag)
		switch {
		case status != http.StatusOK:
			w.WriteHeader(status)
		case r.Header.Get("If-None-Match") == etag:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Write([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestRun: a run stops at its request bound and tallies 200s, 304s and
// errors.
func TestRun(t *testing.T) {
	tests := []struct {
		name                        string
		status                      int
		revalidate                  float64
		wantOK, want304, wantErrors bool
	}{
		{"always revalidate", http.StatusOK, 1, true, true, false},
		{"never revalidate", http.StatusOK, -1, true, false, false},
		{"server errors", http.StatusInternalServerError, 0, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := feedServer(t, tt.status)
			res, err := Run(context.Background(), Config{URLs: []string{srv.URL + "/feeds/a.ics", srv.URL + "/feeds/b.ics"},
				Clients: 4, Requests: 200, Duration: time.Hour, Revalidate: tt.revalidate, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Requests != 200 || res.OK+res.NotModified+res.Errors != 200 {
				t.Errorf("%+v: want 200 requests in all", res)
			}
			if (res.OK > 0) != tt.wantOK || (res.NotModified > 0) != tt.want304 || (res.Errors > 0) != tt.wantErrors {
				t.Errorf("%+v: want 200s %v, 304s %v, errors %v", res, tt.wantOK, tt.want304, tt.wantErrors)
			}
			if tt.wantErrors && (res.FirstError == "" || strings.Contains(res.FirstError, "/feeds/")) {
				t.Errorf("first error %q: want one, without the feed's path (it holds the token)", res.FirstError)
			}
			if !tt.wantErrors && (res.P50 <= 0 || res.P50 > res.P99 || res.P99 > res.Max || res.PerSecond() <= 0) {
				t.Errorf("%+v: latencies out of order", res)
			}
		})
	}
}

// TestRunUnreachable: a server that is gone is an error per request, and
// the report names no URL (it holds the token).
func TestRunUnreachable(t *testing.T) {
	srv := feedServer(t, http.StatusOK)
	u := srv.URL + "/feeds/secret-token.ics"
	srv.Close()
	for _, rate := range []float64{0, 1000} {
		res, err := Run(context.Background(), Config{URLs: []string{u}, Clients: 2, Requests: 10, Duration: time.Hour, Rate: rate})
		if err != nil {
			t.Fatal(err)
		}
		if res.Errors != 10 || strings.Contains(res.FirstError, "secret-token") || res.FirstError == "" {
			t.Errorf("rate %g: %+v: want 10 errors, first without the token", rate, res)
		}
	}
}

// TestRunRefuses: nothing is fetched off the loopback interface or
// without URLs.
func TestRunRefuses(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{URLs: []string{"http://127.0.0.1/x", "http://192.0.2.1/x"}},
		{URLs: []string{"http://127.0.0.1/x"}, Revalidate: 2},
		{URLs: []string{"http://127.0.0.1/x"}, Rate: -5},
	} {
		if _, err := Run(context.Background(), cfg); err == nil {
			t.Errorf("Run(%+v) ran", cfg)
		}
	}
}
