package calendars

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var issued = time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)

func TestRegistry(t *testing.T) {
	reg, err := NewRegistry()
	if err != nil {
		t.Fatal(err)
	}
	sam, err := reg.Issue("sam-phone", "person/sam", issued)
	if err != nil {
		t.Fatal(err)
	}
	grade, err := reg.Issue("grade-a-wall", "suite/grade-a", issued)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.Issue("sam-phone", "person/sam", issued); !errors.Is(err, ErrDuplicateSubscriber) {
		t.Errorf("second sam-phone: err %v, want ErrDuplicateSubscriber", err)
	}
	for tok, want := range map[string]string{sam: "sam-phone", grade: "grade-a-wall"} {
		if s, ok := reg.Lookup(context.Background(), tok); !ok || s.ID != want {
			t.Errorf("Lookup: %+v %v, want %s", s, ok, want)
		}
	}
	nearMiss := sam[:42] + "A"
	if nearMiss == sam[:43] {
		nearMiss = sam[:42] + "B" // the token's own 43rd character: 1 in 64
	}
	if _, ok := reg.Lookup(context.Background(), nearMiss); ok {
		t.Error("a near-miss token was found")
	}
	if err := reg.Revoke("sam-phone", issued.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, ok := reg.Lookup(context.Background(), sam); ok {
		t.Error("revoked token still found")
	}
	if _, ok := reg.Lookup(context.Background(), grade); !ok {
		t.Error("revoking one subscriber lost another")
	}
	if err := reg.Revoke("nobody", issued); !errors.Is(err, ErrUnknownSubscriber) {
		t.Errorf("revoke nobody: %v", err)
	}
	for _, s := range reg.List() {
		if s.TokenSHA256 == sam || s.TokenSHA256 == grade || len(s.TokenSHA256) != 64 {
			t.Errorf("registry keeps %q, want a hex SHA-256", s.TokenSHA256)
		}
	}
}

func TestNewRegistryRejects(t *testing.T) {
	good := Subscriber{ID: "a", Feed: "production", TokenSHA256: HashToken("x")}
	tests := []struct {
		name string
		subs []Subscriber
	}{
		{"no id", []Subscriber{{Feed: "production", TokenSHA256: HashToken("x")}}},
		{"no feed", []Subscriber{{ID: "a", TokenSHA256: HashToken("x")}}},
		{"short hash", []Subscriber{{ID: "a", Feed: "production", TokenSHA256: "abcd"}}},
		{"not hex", []Subscriber{{ID: "a", Feed: "production", TokenSHA256: strings.Repeat("z", 64)}}},
		{"duplicate id", []Subscriber{good, good}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewRegistry(tt.subs...); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestTokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "feed-tokens.json")
	tf, err := OpenTokenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tf.Issue("maya-agent", "artiste/maya", issued)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), tok) || !strings.Contains(string(data), HashToken(tok)) {
		t.Fatalf("token file must hold the hash, not the token:\n%s", data)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, want 0600", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left beside the token file: %v", entries)
	}

	// A second process (the CLI) revokes; the server's copy notices.
	cli, err := OpenTokenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := cli.Lookup(context.Background(), tok); !ok || s.Feed != "artiste/maya" {
		t.Fatalf("reopened file: %+v %v", s, ok)
	}
	other, err := cli.Issue("rosa-phone", "person/rosa", issued)
	if err != nil {
		t.Fatal(err)
	}
	if err := cli.Revoke("maya-agent", issued.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Make sure the change is visible even on file systems with coarse
	// modification times.
	if err := os.Chtimes(path, issued.Add(2*time.Hour), issued.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, ok := tf.Lookup(context.Background(), tok); ok {
		t.Error("server still accepts a token the CLI revoked")
	}
	if _, ok := tf.Lookup(context.Background(), other); !ok {
		t.Error("server does not see a token the CLI issued")
	}

	// A broken file leaves the last good list in force and Reload says why.
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := tf.Lookup(context.Background(), other); !ok {
		t.Error("a corrupt file dropped live subscribers")
	}
	if err := tf.Reload(); err == nil {
		t.Error("Reload of a corrupt file: no error")
	}
}

// FuzzOpenTokenFile: any file content either loads into a registry whose
// every entry has an id, a feed and a well-formed hash, or is refused with
// an error; nothing panics.
func FuzzOpenTokenFile(f *testing.F) {
	f.Add([]byte(`{"subscribers":[{"id":"sam-phone","feed":"person/sam","token_sha256":"` + HashToken("t") + `","issued":"2026-10-02T09:00:00Z"}]}`))
	f.Add([]byte(`{"subscribers":[{"id":"a","feed":"production","token_sha256":"zz"}]}`))
	f.Add([]byte(`{"subscribers":null}`))
	f.Add([]byte(`[]`))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "tokens.json")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		tf, err := OpenTokenFile(path)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, s := range tf.List() {
			if s.ID == "" || s.Feed == "" || len(s.TokenSHA256) != 64 || seen[s.ID] {
				t.Fatalf("loaded a bad subscriber %+v", s)
			}
			seen[s.ID] = true
		}
	})
}
