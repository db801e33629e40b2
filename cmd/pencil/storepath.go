package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// storeSuffix ends the name of a project's booking store: series.yaml
// keeps its bookings in series.pencil.db beside it.
const storeSuffix = ".pencil.db"

// legacyStoreFile is where pencil kept bookings before stores were per
// project: one pencil.db for every project file in a folder.
const legacyStoreFile = "pencil.db"

// storePathFor is the booking store of a project file: series.yaml →
// series.pencil.db in the same folder. One store per project, so two
// project files in a folder never share bookings.
func storePathFor(project string) string {
	dir, base := filepath.Split(project)
	return filepath.Join(dir, strings.TrimSuffix(base, filepath.Ext(base))+storeSuffix)
}

// isProjectArg reports whether a command-line argument names a project
// file rather than a booking id or a run number.
func isProjectArg(a string) bool {
	ext := strings.ToLower(filepath.Ext(a))
	return ext == ".yaml" || ext == ".yml"
}

// takeProject splits a store command's arguments into the project file
// it names first, if any, and the rest: `pencil runs series.yaml`,
// `pencil confirm series.yaml B-0142`.
func takeProject(args []string) (project string, rest []string) {
	if len(args) > 0 && isProjectArg(args[0]) {
		return args[0], args[1:]
	}
	return "", args
}

// errLegacyStore means a project has no store of its own yet but an older
// pencil's shared pencil.db sits beside it.
var errLegacyStore = errors.New("booking store from an earlier pencil")

// checkLegacyStore refuses to start a new store for project when the
// folder still has the pencil.db an earlier pencil shared between all its
// project files: its bookings would be left behind without a word.
func checkLegacyStore(project, path string) error {
	legacy := filepath.Join(filepath.Dir(project), legacyStoreFile)
	if exists(path) || !exists(legacy) {
		return nil
	}
	return fmt.Errorf("%w: %s holds the bookings of every project in its folder; this project's store is now %s. "+
		"If %s is this project's only store, rename it (mv %s %s); else keep using it with --store %s",
		errLegacyStore, legacy, path, legacy, legacy, path, legacy)
}

// findStore resolves the booking store of a command that works from the
// store alone: --store; else the project file's store; else the one
// store in the working folder. It names where it looked when it finds
// none, or several.
func findStore(flag, project string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if project != "" {
		path := storePathFor(project)
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if legacy := filepath.Join(filepath.Dir(project), legacyStoreFile); exists(legacy) {
				return "", fmt.Errorf("no booking store %s for %s, but %s from an earlier pencil is there: give --store %s, or rename it to %s",
					path, project, legacy, legacy, path)
			}
			return "", fmt.Errorf("no booking store %s for %s yet: pencil solve %s makes one", path, project, project)
		}
		return path, nil
	}
	found, _ := filepath.Glob("*" + storeSuffix)
	if len(found) == 0 && exists(legacyStoreFile) {
		found = []string{legacyStoreFile}
	}
	wd, _ := os.Getwd()
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("no booking store in %s (looked for *%s): name the project file (pencil runs series.yaml) or give --store PATH", wd, storeSuffix)
	}
	slices.Sort(found)
	return "", fmt.Errorf("%d booking stores in %s (%s): name the project file (pencil runs series.yaml) or give --store PATH",
		len(found), wd, strings.Join(found, ", "))
}

// exists reports whether path names something.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// errRenamed means a project's own store holds another production's
// bookings and none of its own: most likely production: was renamed.
var errRenamed = errors.New("the store holds another production's bookings")

// checkRenamed refuses to pencil production afresh into its store when
// the store's live bookings all belong to one other production: after a
// rename of production: every booking would be orphaned, held for ever,
// and the new pencils would queue behind them as second pencils.
func checkRenamed(project, production, path string, current []store.Booking) error {
	live := map[string]int{}
	for _, b := range current {
		if b.Status != booking.Released {
			live[b.Production]++
		}
	}
	if live[production] > 0 || len(live) != 1 {
		return nil
	}
	for old, n := range live {
		return fmt.Errorf("%w: %s holds %d bookings of %q, none of %q as %s now says. If the production was renamed, keep its bookings with: "+
			"pencil store rename %s %q %q --reason \"…\"; if it is another production, give it its own project file or --store",
			errRenamed, path, n, old, production, project, project, old, production)
	}
	return nil
}

// isStoreURL reports whether a --store value is a PostgreSQL connection
// string rather than an SQLite file (see store.Open).
func isStoreURL(path string) bool {
	return strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://")
}

// shownStore is a --store value fit for a message: a PostgreSQL
// connection string with its password masked.
func shownStore(path string) string {
	if !isStoreURL(path) {
		return path
	}
	u, err := url.Parse(path)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}
