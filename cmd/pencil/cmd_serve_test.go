package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/calendars"
)

// addFeed runs pencil feeds add with args and returns the URL it printed.
func addFeed(t *testing.T, args ...string) string {
	t.Helper()
	code, out, stderr := pencil(t, append([]string{"feeds", "add"}, args...)...)
	if code != exitOK {
		t.Fatalf("feeds add %v: exit %d\n%s", args, code, stderr)
	}
	return strings.TrimSpace(out)
}

// get fetches path from srv with an optional If-None-Match and returns the
// status, ETag and body.
func get(t *testing.T, srv *httptest.Server, path, etag string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("ETag"), string(body)
}

// TestServeFeeds: a feed handed out with pencil feeds add is served over
// the store: 200 with an ETag, then 304 for If-None-Match; a re-solve that
// changes nothing keeps the ETag; a revoked token and an unknown one get
// 404; /healthz answers.
func TestServeFeeds(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "pencil.db")
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file)
	ines, err := url.Parse(addFeed(t, "--person", "ines", "--store", db))
	if err != nil {
		t.Fatal(err)
	}
	prod, err := url.Parse(addFeed(t, "--production", "--store", db, "--base-url", "https://feeds.example.com/pencil/"))
	if err != nil {
		t.Fatal(err)
	}
	if prod.Host != "feeds.example.com" || !strings.HasPrefix(prod.Path, "/pencil/feeds/") {
		t.Fatalf("production feed URL %s does not start with --base-url", prod)
	}
	prod.Path = strings.TrimPrefix(prod.Path, "/pencil")

	g := newGlobals(io.Discard, io.Discard)
	fsvc, err := newFeedService(context.Background(), g, file, serveOptions{store: db, refresh: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fsvc.close() })
	srv := httptest.NewServer(calendars.NewHandler(fsvc.cfg, fsvc.src, fsvc.tokens, g.log))
	t.Cleanup(srv.Close)

	code, etag, body := get(t, srv, ines.Path, "")
	if code != http.StatusOK || etag == "" || !strings.Contains(body, "UID:B-1-1@short.pencil") || strings.Contains(body, "ADR") {
		t.Fatalf("Inès's feed: %d, ETag %q:\n%s", code, etag, body)
	}
	if code, _, _ := get(t, srv, ines.Path, etag); code != http.StatusNotModified {
		t.Errorf("If-None-Match with the current ETag: %d, want 304", code)
	}
	if code, _, body := get(t, srv, prod.Path, ""); code != http.StatusOK || !strings.Contains(body, "UID:"+shortADR+"-1@short.pencil") {
		t.Errorf("production feed: %d\n%s", code, body)
	}

	solveIn(t, file, "--why", "nothing changed")
	if err := fsvc.src.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := get(t, srv, ines.Path, etag); code != http.StatusNotModified {
		t.Errorf("after a run that changed nothing: %d, want 304", code)
	}

	if code, out, stderr := pencil(t, "feeds", "revoke", "1", "--store", db); code != exitOK || out != "subscriber 1 revoked\n" {
		t.Fatalf("revoke: exit %d, %q\n%s", code, out, stderr)
	}
	unknown := calendars.FeedPath(strings.Repeat("A", 43))
	for name, path := range map[string]string{"revoked": ines.Path, "unknown": unknown, "malformed": "/feeds/abc.ics"} {
		if code, _, _ := get(t, srv, path, ""); code != http.StatusNotFound {
			t.Errorf("%s token: %d, want 404", name, code)
		}
	}
	if code, _, _ := get(t, srv, "/healthz", ""); code != http.StatusOK {
		t.Errorf("/healthz: %d", code)
	}
}

// TestServeProcess: pencil serve listens, answers /healthz, and stops
// gracefully when its context ends (SIGINT), exiting 130.
func TestServeProcess(t *testing.T) {
	dir := t.TempDir()
	file := project(t, dir, "testdata/short.yaml", "short.yaml")
	solveIn(t, file)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", file, "--addr", addr}, io.Discard, io.Discard) }()
	healthy := false
	for range 500 { // wait for the listener; the test asserts nothing about time
		select {
		case code := <-done:
			t.Fatalf("serve exited %d before answering", code)
		default:
		}
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			healthy = resp.StatusCode == http.StatusOK
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != exitCancelled || !healthy {
		t.Errorf("exit %d (want 130), healthy %v", code, healthy)
	}
}

// TestServeRefuses: no store, and bad flags, stop serve before it listens.
func TestServeRefuses(t *testing.T) {
	file := project(t, t.TempDir(), "testdata/short.yaml", "short.yaml")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no store", []string{"serve", file}, exitError, "no bookings yet: run pencil solve first"},
		{"bad addr", []string{"serve", file, "--addr", "8080"}, exitInvalid, `addr "8080"`},
		{"bad refresh", []string{"serve", file, "--refresh", "soon"}, exitInvalid, "refresh"},
		{"no project", []string{"serve"}, exitInvalid, "one project file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := pencil(t, tt.args...)
			if code != tt.wantCode || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.wantCode, tt.wantErr)
			}
		})
	}
}
