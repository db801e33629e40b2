package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/store/pgtest"
)

// freeAddr returns a 127.0.0.1 address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe runs pencil serve with args until the test ends and waits
// for it to answer /healthz, returning its base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- run(ctx, append([]string{"serve", "--addr", addr}, args...), io.Discard, io.Discard) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); ; {
		select {
		case code := <-done:
			t.Fatalf("serve %v exited %d before answering", args, code)
		default:
		}
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			return base
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve %v did not answer within 30 s", args)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// fetch GETs url and returns the status and body.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// until polls cond on every server until it holds on all of them, and
// returns how long that took; it fails t after 10 s.
func until(t *testing.T, what string, servers []string, cond func(base string) bool) time.Duration {
	t.Helper()
	start := time.Now()
	for pending := servers; ; {
		var left []string
		for _, base := range pending {
			if !cond(base) {
				left = append(left, base)
			}
		}
		if pending = left; len(pending) == 0 {
			return time.Since(start)
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("%s: not seen by %v within 10 s", what, pending)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestTwoServersOnOnePostgresStore: two pencil serve processes on one
// PostgreSQL store serve identical feeds, and see a confirm and a revoke
// by their change notices: --refresh is an hour, so no re-read could.
func TestTwoServersOnOnePostgresStore(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	pg := pgtest.NewSchema(t)
	solveIn(t, file, "--store", pg)
	feed, err := url.Parse(addFeed(t, "--production", "--store", pg))
	if err != nil {
		t.Fatal(err)
	}
	servers := []string{
		startServe(t, file, "--store", pg, "--refresh", "1h"),
		startServe(t, file, "--store", pg, "--refresh", "1h"),
	}
	var first string
	for _, base := range servers {
		code, body := fetch(t, base+feed.Path)
		if code != http.StatusOK || (first != "" && body != first) {
			t.Fatalf("%s: %d, or a feed unlike the other server's", base, code)
		}
		first = body
		if code, body := fetch(t, base+"/healthz"); code != 200 || !strings.Contains(body, `"store":"reachable"`) {
			t.Errorf("%s/healthz: %d %s", base, code, body)
		}
	}
	pencilExpect(t, exitOK, "", "confirm", file, shortADR, "--who", "jo", "--reason", "agreed", "--store", pg)
	took := until(t, "the confirm", servers, func(base string) bool {
		_, body := fetch(t, base+feed.Path)
		return body != first
	})
	t.Logf("confirm seen by both servers after %v", took)
	pencilExpect(t, exitOK, "revoked", "feeds", "revoke", "1", "--store", pg)
	took = until(t, "the revoke", servers, func(base string) bool {
		code, _ := fetch(t, base+feed.Path)
		return code == http.StatusNotFound
	})
	t.Logf("revoke seen by both servers after %v", took)
}

func TestPlainHTTPAbroad(t *testing.T) {
	for base, want := range map[string]bool{
		"http://feeds.example.com": true, "http://10.0.0.5:8080": true, "https://feeds.example.com": false,
		"http://127.0.0.1:8080": false, "http://localhost:8080": false, "http://[::1]:8080": false,
	} {
		if got := plainHTTPAbroad(base); got != want {
			t.Errorf("plainHTTPAbroad(%s) = %v, want %v", base, got, want)
		}
	}
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file)
	db := storePathFor(file)
	if _, _, stderr := pencil(t, "feeds", "add", "--person", "ines", "--store", db, "--base-url", "http://feeds.example.com"); !strings.Contains(stderr, "in the clear") {
		t.Errorf("no warning for plain http abroad:\n%s", stderr)
	}
	if _, _, stderr := pencil(t, "feeds", "add", "--person", "ines", "--store", db); strings.Contains(stderr, "in the clear") {
		t.Errorf("a warning for the loopback default:\n%s", stderr)
	}
	pencilExpect(t, exitInvalid, "--tls-key", "serve", file, "--tls-cert", "cert.pem")
}
