package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen hands Open arbitrary file contents. Open must never panic; it
// either opens a store (only from an empty file or a real store) or refuses
// with ErrCorrupt, ErrNotStore or ErrNewerSchema, and a refused file is left
// byte for byte as it was.
func FuzzOpen(f *testing.F) {
	good := storeBytes(f)
	f.Add([]byte{})
	f.Add([]byte("production: Harbour Lights\n"))
	f.Add([]byte("SQLite format 3\x00"))
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(unknownFormat(good))
	flipped := bytes.Clone(good)
	flipped[len(flipped)-100] ^= 0xff
	f.Add(flipped)
	f.Fuzz(func(t *testing.T, content []byte) {
		path := filepath.Join(t.TempDir(), "pencil.db")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(context.Background(), path, Options{})
		if err == nil {
			s.Close()
			return
		}
		if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNotStore) && !errors.Is(err, ErrNewerSchema) {
			t.Fatalf("Open: unexpected kind of error: %v", err)
		}
		after, rerr := os.ReadFile(path)
		if rerr != nil {
			t.Fatal(rerr)
		}
		if !bytes.Equal(after, content) {
			t.Fatalf("Open refused the file (%v) but changed it", err)
		}
	})
}
