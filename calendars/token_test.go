package calendars

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestParseFeedPath(t *testing.T) {
	tok, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		ok   bool
	}{
		{"well formed", FeedPath(tok), true},
		{"all dashes and underscores", FeedPath(strings.Repeat("-_", 21) + "A"), true},
		{"empty", "", false},
		{"prefix only", "/feeds/.ics", false},
		{"42 chars", FeedPath(tok[:42]), false},
		{"44 chars", FeedPath(tok + "A"), false},
		{"standard base64 plus", FeedPath("+" + tok[1:]), false},
		{"standard base64 slash", FeedPath("/" + tok[1:]), false},
		{"padding", FeedPath(tok[:42] + "="), false},
		{"non-canonical last char", FeedPath(tok[:42] + "B"), false},
		{"dot segment", "/feeds/" + strings.Repeat(".", 43) + ".ics", false},
		{"percent escape", "/feeds/%41" + tok[1:] + ".ics", false},
		{"wrong suffix", "/feeds/" + tok + ".icz", false},
		{"wrong prefix", "/feed/" + tok + ".ics", false},
		{"upper-case prefix", "/FEEDS/" + tok + ".ics", false},
		{"nul byte", FeedPath(tok[:42] + "\x00"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseFeedPath(tt.path)
			if ok != tt.ok {
				t.Fatalf("ParseFeedPath(%q) ok = %v, want %v", tt.path, ok, tt.ok)
			}
			if ok && FeedPath(got) != tt.path {
				t.Errorf("token %q does not rebuild the path %q", got, tt.path)
			}
		})
	}
}

func TestNewTokenShape(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(raw) != 32 || len(tok) != 43 {
			t.Fatalf("token %q: %d bytes, err %v", tok, len(raw), err)
		}
		if _, ok := ParseFeedPath(FeedPath(tok)); !ok {
			t.Fatalf("NewToken gave %q, which ParseFeedPath refuses", tok)
		}
		if seen[tok] {
			t.Fatalf("token %q repeated", tok)
		}
		seen[tok] = true
	}
}

// FuzzParseFeedPath: no input panics; whatever is accepted is exactly
// /feeds/ + 43 base64url characters + .ics, decoding to 32 bytes, so no
// accepted path can contain a dot segment, a slash or an escape.
func FuzzParseFeedPath(f *testing.F) {
	tok, err := NewToken()
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		FeedPath(tok), FeedPath(tok[:42]), FeedPath(tok + "A"), "/feeds/../healthz",
		"/feeds/%2e%2e/x.ics", "", "/feeds/", "/feeds/" + strings.Repeat("A", 43) + ".ics",
		FeedPath(tok[:42] + "B"), "/feeds/" + strings.Repeat("/", 43) + ".ics",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, path string) {
		token, ok := ParseFeedPath(path)
		if !ok {
			if token != "" {
				t.Fatalf("refused %q but returned token %q", path, token)
			}
			return
		}
		if FeedPath(token) != path || len(token) != tokenLen {
			t.Fatalf("accepted %q as token %q", path, token)
		}
		if strings.ContainsAny(token, "./%\\=+") {
			t.Fatalf("accepted token %q with a path or escape character", token)
		}
		raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
		if err != nil || len(raw) != tokenBytes {
			t.Fatalf("accepted token %q that does not decode to 32 bytes: %v", token, err)
		}
		if base64.RawURLEncoding.EncodeToString(raw) != token {
			t.Fatalf("accepted non-canonical token %q", token)
		}
	})
}
