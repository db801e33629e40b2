package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// storePathFor is the booking store of a project file (store.PathFor):
// series.yaml → series.pencil.db beside it.
func storePathFor(project string) string { return store.PathFor(project) }

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
// pencil's shared pencil.db sits beside it (store.ErrLegacyStore).
var errLegacyStore = store.ErrLegacyStore

// checkLegacyStore refuses to start a new store for project beside an
// earlier pencil's shared pencil.db (store.CheckLegacy).
func checkLegacyStore(project, path string) error { return store.CheckLegacy(project, path) }

// findStore resolves the booking store of a command that works from the
// store alone: --store; else the project file's store, or the one store
// in the working folder (store.Find), with what to do when there is none
// or several.
func findStore(flag, project string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	path, err := store.Find(project)
	switch {
	case err == nil:
		return path, nil
	case errors.Is(err, store.ErrLegacyStore):
		return "", err
	case project != "" && errors.Is(err, store.ErrNoStore):
		return "", fmt.Errorf("%w: pencil solve %s makes one", err, project)
	}
	return "", fmt.Errorf("%w: name the project file (pencil runs series.yaml) or give --store PATH", err)
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
func isStoreURL(path string) bool { return store.IsURL(path) }

// shownStore is a --store value fit for a message: a PostgreSQL
// connection string with its password masked.
func shownStore(path string) string { return store.Shown(path) }
