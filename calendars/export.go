package calendars

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// ExportDir writes one .ics file per feed of prod (see Feeds) into dir,
// creating it if needed, and returns the paths written in feed order. Each
// file is written atomically (a temporary file renamed into place), so a
// server reading dir never sees half a calendar, and its modification time
// is set to the feed's Modified time, so Last-Modified stays put while the
// bookings do. Files of feeds that no longer exist are left alone.
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
		if err := writeFileAtomic(path, buf.Bytes(), 0o644); err != nil {
			return paths, fmt.Errorf("calendars: export feed %q: %w", f.Key, err)
		}
		mod := f.Modified()
		if err := os.Chtimes(path, mod, mod); err != nil {
			return paths, fmt.Errorf("calendars: export feed %q: %w", f.Key, err)
		}
		paths = append(paths, path)
	}
	return paths, nil
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
