package model

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
)

// Source is one file a load read: the root project file, an include or a
// CSV import.
type Source struct {
	// Path is the file's path relative to the root project file's folder,
	// with '/' separators (the root file's is its base name).
	Path string
	// Data is the file's bytes as read, before any decoding.
	Data []byte
}

// Fingerprint identifies the project's inputs: a hex SHA-256 over every
// file the load read, in reading order, each length-prefixed (8 bytes,
// big-endian) as store.Fingerprint hashes its inputs. The root file's bytes
// come first, then for every include and CSV import its Path and its
// bytes; so a change to any number in any file, or moving a line from one
// file to another, changes the fingerprint, while a byte-identical copy
// of the folder anywhere keeps it. A project of one file has the
// fingerprint store.Fingerprint gives its bytes (what pencil recorded
// before includes and imports were covered).
func (p *Project) Fingerprint() string {
	h := sha256.New()
	var n [8]byte
	put := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	for i, s := range p.Sources {
		if i > 0 {
			put([]byte(s.Path))
		}
		put(s.Data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// addSource records a file read for the project, its path made relative
// to the root file's folder.
func (l *loader) addSource(path string, data []byte) {
	rel, err := filepath.Rel(filepath.Dir(l.proj.File), path)
	if err != nil {
		rel = path
	}
	l.proj.Sources = append(l.proj.Sources, Source{Path: filepath.ToSlash(rel), Data: data})
}
