package calendars

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sync"
	"time"
)

// Subscriber is one feed URL handed to one person: which feed it opens and
// the SHA-256 of its token. The token itself is shown once, when issued,
// and never stored.
type Subscriber struct {
	// ID names the subscription in logs and on the command line, e.g.
	// "sam-phone". It is not secret.
	ID string `json:"id"`
	// Feed is the feed key, e.g. "person/sam" (see FeedKey).
	Feed string `json:"feed"`
	// TokenSHA256 is HashToken of the token, hex.
	TokenSHA256 string `json:"token_sha256"`
	// Issued is when the token was handed out.
	Issued time.Time `json:"issued"`
	// Revoked, when set, is when the token stopped working.
	Revoked time.Time `json:"revoked,omitzero"`
}

// Errors from Registry and TokenFile.
var (
	ErrUnknownSubscriber   = errors.New("calendars: unknown subscriber")
	ErrDuplicateSubscriber = errors.New("calendars: subscriber id already in use")
)

// Registry holds subscribers in memory, keyed by token hash. It is safe for
// concurrent use.
type Registry struct {
	wmu  sync.Mutex // serialises Issue and Revoke
	mu   sync.RWMutex
	subs []Subscriber
	// hashes[i] is the decoded TokenSHA256 of subs[i].
	hashes [][sha256.Size]byte
}

// NewRegistry returns a registry holding subs (hashes only).
func NewRegistry(subs ...Subscriber) (*Registry, error) {
	r := &Registry{}
	if err := r.replace(subs); err != nil {
		return nil, err
	}
	return r, nil
}

// replace swaps in a new subscriber list after checking it.
func (r *Registry) replace(subs []Subscriber) error {
	hashes := make([][sha256.Size]byte, len(subs))
	ids := make(map[string]bool, len(subs))
	for i, s := range subs {
		if s.ID == "" || s.Feed == "" {
			return fmt.Errorf("calendars: subscriber %d: id and feed are required", i)
		}
		if ids[s.ID] {
			return fmt.Errorf("%w: %q", ErrDuplicateSubscriber, s.ID)
		}
		ids[s.ID] = true
		raw, err := hex.DecodeString(s.TokenSHA256)
		if err != nil || len(raw) != sha256.Size {
			return fmt.Errorf("calendars: subscriber %q: token_sha256 is not a hex SHA-256", s.ID)
		}
		copy(hashes[i][:], raw)
	}
	r.mu.Lock()
	r.subs, r.hashes = slices.Clone(subs), hashes
	r.mu.Unlock()
	return nil
}

// Lookup returns the live subscriber whose token is token. It compares the
// token's hash with every stored hash in constant time (crypto/subtle) and
// does not stop at a match, so timing tells nothing about which hashes
// exist. Revoked subscribers are not found.
func (r *Registry) Lookup(_ context.Context, token string) (Subscriber, bool) {
	sum := sha256.Sum256([]byte(token))
	r.mu.RLock()
	defer r.mu.RUnlock()
	found := -1
	for i := range r.hashes {
		if subtle.ConstantTimeCompare(sum[:], r.hashes[i][:]) == 1 {
			found = i
		}
	}
	if found < 0 || !r.subs[found].Revoked.IsZero() {
		return Subscriber{}, false
	}
	return r.subs[found], true
}

// List returns all subscribers, revoked ones included, sorted by id.
func (r *Registry) List() []Subscriber {
	r.mu.RLock()
	out := slices.Clone(r.subs)
	r.mu.RUnlock()
	slices.SortFunc(out, func(a, b Subscriber) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Issue creates subscriber id for feed and returns its token, which the
// caller must hand over now: only its hash is kept.
func (r *Registry) Issue(id, feed string, now time.Time) (string, error) {
	token, err := NewToken()
	if err != nil {
		return "", err
	}
	return token, r.update(func(subs []Subscriber) ([]Subscriber, error) {
		if slices.ContainsFunc(subs, func(s Subscriber) bool { return s.ID == id }) {
			return nil, fmt.Errorf("%w: %q", ErrDuplicateSubscriber, id)
		}
		return append(subs, Subscriber{ID: id, Feed: feed, TokenSHA256: HashToken(token), Issued: now.UTC()}), nil
	})
}

// Revoke stops subscriber id's token from working. The record stays, marked
// with the time, so the history of who had access is kept.
func (r *Registry) Revoke(id string, now time.Time) error {
	return r.update(func(subs []Subscriber) ([]Subscriber, error) {
		i := slices.IndexFunc(subs, func(s Subscriber) bool { return s.ID == id })
		if i < 0 {
			return nil, fmt.Errorf("%w: %q", ErrUnknownSubscriber, id)
		}
		if subs[i].Revoked.IsZero() {
			subs[i].Revoked = now.UTC()
		}
		return subs, nil
	})
}

// update applies change to a copy of the list and installs the result.
func (r *Registry) update(change func([]Subscriber) ([]Subscriber, error)) error {
	r.wmu.Lock()
	defer r.wmu.Unlock()
	subs, err := change(r.List())
	if err != nil {
		return err
	}
	return r.replace(subs)
}

// TokenFile is a Registry persisted as a JSON file of hashes, rewritten
// atomically on every change and reloaded when another process (the CLI
// issuing a token while the server runs) changes it.
type TokenFile struct {
	Registry
	path    string
	mu      sync.Mutex // serialises saves and reloads
	modTime time.Time
	size    int64
}

// tokenFileJSON is the file's layout.
type tokenFileJSON struct {
	Subscribers []Subscriber `json:"subscribers"`
}

// OpenTokenFile loads path, or starts empty if it does not exist yet.
func OpenTokenFile(path string) (*TokenFile, error) {
	tf := &TokenFile{path: path}
	if err := tf.Reload(); err != nil {
		return nil, err
	}
	return tf, nil
}

// Reload reads the file again if its size or modification time changed.
func (tf *TokenFile) Reload() error {
	tf.mu.Lock()
	defer tf.mu.Unlock()
	return tf.reloadLocked()
}

func (tf *TokenFile) reloadLocked() error {
	st, err := os.Stat(tf.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("calendars: token file: %w", err)
	}
	if st.ModTime().Equal(tf.modTime) && st.Size() == tf.size {
		return nil
	}
	data, err := os.ReadFile(tf.path)
	if err != nil {
		return fmt.Errorf("calendars: token file: %w", err)
	}
	var doc tokenFileJSON
	// An empty file (made by touch, say) holds no subscribers yet.
	if len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("calendars: token file %s: %w", tf.path, err)
		}
	}
	if err := tf.replace(doc.Subscribers); err != nil {
		return fmt.Errorf("calendars: token file %s: %w", tf.path, err)
	}
	tf.modTime, tf.size = st.ModTime(), st.Size()
	return nil
}

// Lookup reloads the file if it changed, then looks token up. A file that
// has become unreadable leaves the last good list in force.
func (tf *TokenFile) Lookup(ctx context.Context, token string) (Subscriber, bool) {
	tf.mu.Lock()
	_ = tf.reloadLocked() // keep serving the last good list; Reload reports errors
	tf.mu.Unlock()
	return tf.Registry.Lookup(ctx, token)
}

// Issue creates a subscriber, saves the file and returns the token.
func (tf *TokenFile) Issue(id, feed string, now time.Time) (string, error) {
	var token string
	err := tf.change(func() (err error) {
		token, err = tf.Registry.Issue(id, feed, now)
		return err
	})
	return token, err
}

// Revoke revokes subscriber id and saves the file.
func (tf *TokenFile) Revoke(id string, now time.Time) error {
	return tf.change(func() error { return tf.Registry.Revoke(id, now) })
}

// change reloads, applies do and saves, all under the file lock.
func (tf *TokenFile) change(do func() error) error {
	tf.mu.Lock()
	defer tf.mu.Unlock()
	if err := tf.reloadLocked(); err != nil {
		return err
	}
	if err := do(); err != nil {
		return err
	}
	data, err := json.MarshalIndent(tokenFileJSON{Subscribers: tf.List()}, "", "  ")
	if err != nil {
		return fmt.Errorf("calendars: token file: %w", err)
	}
	if err := writeFileAtomic(tf.path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("calendars: token file: %w", err)
	}
	st, err := os.Stat(tf.path)
	if err != nil {
		return fmt.Errorf("calendars: token file: %w", err)
	}
	tf.modTime, tf.size = st.ModTime(), st.Size()
	return nil
}
