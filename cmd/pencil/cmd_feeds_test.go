package main

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/store"
)

// TestFeedTarget: exactly one feed flag.
func TestFeedTarget(t *testing.T) {
	tests := []struct {
		name                               string
		person, suite, artiste, production string
		want                               feedChoice
		wantUsage                          bool
	}{
		{name: "person", person: "ines", want: feedChoice{store.FeedPerson, "ines"}},
		{name: "suite", suite: " grade-a ", want: feedChoice{store.FeedSuite, "grade-a"}},
		{name: "artiste", artiste: "maya", want: feedChoice{store.FeedArtiste, "maya"}},
		{name: "bare production", production: anyProduction, want: feedChoice{store.FeedProduction, anyProduction}},
		{name: "named production", production: "Short", want: feedChoice{store.FeedProduction, "Short"}},
		{name: "none", wantUsage: true},
		{name: "blank", person: "  ", wantUsage: true},
		{name: "two", person: "ines", artiste: "maya", wantUsage: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := feedTarget(tt.person, tt.suite, tt.artiste, tt.production)
			if tt.wantUsage {
				if !errors.Is(err, errUsage) {
					t.Errorf("err %v, want a usage error", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

// TestPickProduction: a bare --production needs exactly one production in
// the store; a named one must be there.
func TestPickProduction(t *testing.T) {
	one := []store.Booking{{Production: "Short"}, {Production: "Short"}}
	two := append(one, store.Booking{Production: "Short Two"})
	tests := []struct {
		name, flag string
		bs         []store.Booking
		want       string
		wantErr    string
	}{
		{"only one", anyProduction, one, "Short", ""},
		{"named", "Short Two", two, "Short Two", ""},
		{"several", anyProduction, two, "", "holds 2 productions (Short, Short Two): give --production=NAME"},
		{"missing", "The Bay", two, "", `no production "The Bay" in the store (it has: Short, Short Two)`},
		{"empty store", anyProduction, nil, "", "no bookings yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pickProduction(tt.flag, tt.bs)
			if got != tt.want || (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("got %q, %v; want %q, %q", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestBaseURL: --base-url is an absolute http(s) URL; a trailing slash is
// dropped.
func TestBaseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"https://feeds.example.com/pencil/", "https://feeds.example.com/pencil"},
		{"ftp://example.com", ""},
		{"example.com", ""},
		{"https://", ""},
		{"https://example.com/?x=1", ""},
		{"https://example.com/#top", ""},
	}
	for _, tt := range tests {
		got, err := baseURL(tt.in)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("baseURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzBaseURL: any accepted --base-url gives feed URLs whose path the
// server parses back to the token.
func FuzzBaseURL(f *testing.F) {
	for _, s := range []string{"http://127.0.0.1:8080", "https://a.example/x/", "http://[::1]:80", "http://h/%zz", "https://h/a b"} {
		f.Add(s)
	}
	token := strings.Repeat("Ab-_", 10) + "AbA"
	f.Fuzz(func(t *testing.T, s string) {
		base, err := baseURL(s)
		if err != nil {
			return
		}
		u, err := url.Parse(base + calendars.FeedPath(token))
		if err != nil {
			t.Fatalf("%q: accepted base gives an unparsable URL: %v", s, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("%q: scheme %q", s, u.Scheme)
		}
		rest, ok := strings.CutPrefix(u.EscapedPath(), strings.TrimSuffix((&url.URL{Path: mustPath(t, base)}).EscapedPath(), "/"))
		if got, okTok := calendars.ParseFeedPath(rest); !ok || !okTok || got != token {
			t.Fatalf("%q: feed path %q gives token %q, %v", s, rest, got, okTok)
		}
	})
}

// mustPath is the decoded path of an accepted base URL.
func mustPath(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}

// TestFeedsCommands: add prints a URL once, list never shows tokens,
// revoke marks the subscriber and refuses a bad number.
func TestFeedsCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "short.pencil.db")
	if code, _, stderr := pencil(t, "feeds", "list", "--store", db); code != exitError || !strings.Contains(stderr, "no booking store there") {
		t.Errorf("list without a store: exit %d, %s", code, stderr)
	}
	solveIn(t, project(t, dir, "testdata/short.yaml", "short.yaml"))
	mayaURL := addFeed(t, "--artiste", "maya", "--store", db)
	token, ok := calendars.ParseFeedPath(strings.TrimPrefix(mayaURL, defaultBaseURL))
	if !ok || !strings.HasPrefix(mayaURL, defaultBaseURL+"/feeds/") {
		t.Fatalf("feeds add printed %q", mayaURL)
	}
	code, _, stderr := pencil(t, "feeds", "add", "--person", "nobody", "--store", db, "--log-level", "warn")
	if code != exitOK || !strings.Contains(stderr, "no booking in the store names this id yet") {
		t.Errorf("an unknown person: exit %d, no warning:\n%s", code, stderr)
	}
	if code, out, _ := pencil(t, "feeds", "revoke", "2", "--store", db); code != exitOK || out != "subscriber 2 revoked\n" {
		t.Errorf("revoke: exit %d, %q", code, out)
	}
	code, out, stderr := pencil(t, "feeds", "list", "--store", db, "--tz", "UTC")
	if code != exitOK {
		t.Fatalf("list: exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "1   artiste/maya") || !strings.HasSuffix(lines[1], "-") ||
		!strings.HasPrefix(lines[2], "2   person/nobody") || strings.HasSuffix(lines[2], "-") {
		t.Errorf("list:\n%s", out)
	}
	if strings.Contains(out, token) {
		t.Error("list shows a token")
	}
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"feeds", "revoke", "abc"}, exitInvalid},
		{[]string{"feeds", "revoke", "0"}, exitInvalid},
		{[]string{"feeds", "revoke", "99"}, exitError},
		{[]string{"feeds", "add"}, exitInvalid},
		{[]string{"feeds", "add", "--person", "ines", "--suite", "grade-a"}, exitInvalid},
		{[]string{"feeds", "add", "--person", "ines", "--base-url", "feeds.example.com"}, exitInvalid},
		{[]string{"feeds", "add", "--production=The Bay"}, exitInvalid},
		{[]string{"feeds", "frobnicate"}, exitInvalid},
	} {
		if code, _, stderr := pencil(t, append(tt.args, "--store", db)...); code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s", tt.args, code, tt.code, stderr)
		}
	}
}

// TestCalendarCommandsHelp: every calendar command's help gives examples
// and the exit statuses.
func TestCalendarCommandsHelp(t *testing.T) {
	for _, args := range [][]string{
		{"export"}, {"export", "ics"}, {"feeds"}, {"feeds", "add"}, {"feeds", "revoke"}, {"feeds", "list"},
		{"serve"}, {"bench", "feeds"},
	} {
		code, out, _ := pencil(t, append(args, "--help")...)
		if code != exitOK || !strings.Contains(out, "EXIT STATUS") || !strings.Contains(out, "Examples:") {
			t.Errorf("%v --help: exit %d, no EXIT STATUS or examples:\n%s", args, code, out)
		}
	}
}
