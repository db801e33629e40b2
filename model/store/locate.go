package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// FileSuffix ends the name of a project's SQLite booking store:
// series.yaml keeps its bookings in series.pencil.db beside it.
const FileSuffix = ".pencil.db"

// LegacyFile is where pencil kept bookings before stores were per
// project: one pencil.db for every project file in a folder.
const LegacyFile = "pencil.db"

// Errors of locating a store. Match them with errors.Is; the returned
// error says where the store package looked.
var (
	// ErrNoStore means there is no booking store where one was looked
	// for.
	ErrNoStore = errors.New("store: no booking store")
	// ErrManyStores means a folder holds several booking stores and none
	// was named.
	ErrManyStores = errors.New("store: several booking stores")
	// ErrLegacyStore means a project has no store of its own yet, but the
	// pencil.db an earlier pencil shared between every project file in
	// the folder is beside it.
	ErrLegacyStore = errors.New("booking store from an earlier pencil")
)

// IsURL reports whether path is a PostgreSQL connection string rather
// than an SQLite file (see Open).
func IsURL(path string) bool { return isPostgres(path) }

// Shown returns path fit for a message: a PostgreSQL connection string
// with its password masked; a file path as it is.
func Shown(path string) string {
	if !IsURL(path) {
		return path
	}
	u, err := url.Parse(path)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// PathFor is the SQLite booking store of a project file: series.yaml →
// series.pencil.db in the same folder. One store per project, so two
// project files in a folder never share bookings.
func PathFor(project string) string {
	dir, base := filepath.Split(project)
	return filepath.Join(dir, strings.TrimSuffix(base, filepath.Ext(base))+FileSuffix)
}

// Exists reports whether path names a store that Open would open rather
// than create: a PostgreSQL URL always (the server holds it), a file if
// it is there.
func Exists(path string) (bool, error) {
	if IsURL(path) {
		return true, nil
	}
	_, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store: %w", err)
	}
	return true, nil
}

// CheckLegacy refuses to start a new store at path for project when the
// folder still has the pencil.db an earlier pencil shared between all its
// project files: its bookings would be left behind without a word. The
// error wraps ErrLegacyStore.
func CheckLegacy(project, path string) error {
	legacy := filepath.Join(filepath.Dir(project), LegacyFile)
	if exists(path) || !exists(legacy) {
		return nil
	}
	return fmt.Errorf("%w: %s holds the bookings of every project in its folder; this project's store is now %s. "+
		"If %s is this project's only store, rename it (mv %s %s); else keep using it with --store %s",
		ErrLegacyStore, legacy, path, legacy, legacy, path, legacy)
}

// Find returns the existing booking store of project (PathFor), or with
// no project the one *.pencil.db (else the legacy pencil.db) in the
// working folder. It fails with ErrNoStore, ErrLegacyStore or
// ErrManyStores, naming where it looked.
func Find(project string) (string, error) {
	if project != "" {
		path := PathFor(project)
		if exists(path) {
			return path, nil
		}
		if legacy := filepath.Join(filepath.Dir(project), LegacyFile); exists(legacy) {
			return "", fmt.Errorf("%w %s for %s, but %s is there (%w): give --store %s, or rename it to %s",
				ErrNoStore, path, project, legacy, ErrLegacyStore, legacy, path)
		}
		return "", fmt.Errorf("%w %s for %s yet", ErrNoStore, path, project)
	}
	found, _ := filepath.Glob("*" + FileSuffix)
	if len(found) == 0 && exists(LegacyFile) {
		found = []string{LegacyFile}
	}
	wd, _ := os.Getwd()
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("%w in %s (looked for *%s)", ErrNoStore, wd, FileSuffix)
	}
	slices.Sort(found)
	return "", fmt.Errorf("%w in %s (%s)", ErrManyStores, wd, strings.Join(found, ", "))
}

// OpenExisting opens the store at path as Open does, but fails with
// ErrNoStore instead of creating a file that is not there.
func OpenExisting(ctx context.Context, path string, opts Options) (*Store, error) {
	ok, err := Exists(path)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w there: %s", ErrNoStore, path)
	}
	return Open(ctx, path, opts)
}

// exists reports whether path names something.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
