package calendars

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ExportDir writes one .ics file per feed of prod (see Feeds) into dir,
// creating it if needed, and returns the feed files' paths in feed order. Each
// file is written atomically (a temporary file renamed into place), so a
// server reading dir never sees half a calendar, and its modification time
// is set to the feed's Modified time, so Last-Modified stays put while the
// bookings do (see nextModified). A file that already holds the same
// calendar is left untouched. Files of feeds that no longer exist are left
// alone.
func ExportDir(dir string, prod Production, bookings []Booking) ([]string, error) {
	feeds, err := Feeds(prod, bookings)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("calendars: export: %w", err)
	}
	paths := make([]string, 0, len(feeds))
	owners := make(map[string]string, len(feeds))
	var buf bytes.Buffer
	for _, f := range feeds {
		name := f.FileName()
		if other, dup := owners[name]; dup {
			return paths, fmt.Errorf("calendars: export: feeds %q and %q both map to %s", other, f.Key, name)
		}
		owners[name] = f.Key
		buf.Reset()
		if err := WriteCalendar(&buf, f); err != nil {
			return paths, err
		}
		path := filepath.Join(dir, name)
		if err := writeFeedFile(path, buf.Bytes(), f.Modified()); err != nil {
			return paths, fmt.Errorf("calendars: export feed %q: %w", f.Key, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// writeFeedFile replaces path with body unless it already holds it, and
// dates it with nextModified, so Last-Modified from DirSource only moves
// forward and an unchanged feed keeps its date.
func writeFeedFile(path string, body []byte, mod time.Time) error {
	var prevBody []byte
	var prevMod time.Time
	if st, err := os.Stat(path); err == nil {
		if prevBody, err = os.ReadFile(path); err != nil {
			return err
		}
		prevMod = st.ModTime()
	}
	if prevBody != nil && bytes.Equal(prevBody, body) {
		return nil
	}
	if err := writeFileAtomic(path, body, 0o644); err != nil {
		return err
	}
	next := nextModified(prevBody, prevMod, body, mod)
	return os.Chtimes(path, next, next)
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path, so readers see the old file or the new one, never
// a mixture.
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
