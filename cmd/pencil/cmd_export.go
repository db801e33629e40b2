package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/calendars/storefeed"
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/store"
)

// errNoBookings says the store has nothing to put in a calendar yet.
var errNoBookings = errors.New("no bookings yet: run pencil solve first")

func newExportCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export a schedule or the booking store for other tools",
		Long: `Export for other tools: ics writes the booking store's bookings as
iCalendar files for calendar apps, xlsx a schedule as a spreadsheet, mzn a
MiniZinc model and data.
` + exitStatusHelp,
		Example: `  pencil export ics testdata/series.yaml --out feeds/`,
		Args:    cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("export %v: want a format: ics, xlsx or mzn", args)}
		},
	}
	cmd.AddCommand(newExportICSCommand(g), newExportXLSXCommand(g))
	cmd.AddCommand(newExportMZNCommand(g))
	return cmd
}

func newExportICSCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ics PROJECT",
		Short: "Write one iCalendar file per person, suite and artiste, and one for the production",
		Long: `Write the bookings pencil solve committed to the booking store as
iCalendar files (RFC 5545) in --out DIR: production.ics, and person-<id>.ics,
suite-<id>.ics and artiste-<id>.ics for everyone in the project file, each
with the production's VTIMEZONE. Each booking is one event per local day
of the pieces it is worked in, never over nights or weekends it is not
(UID <booking>-<n>@<production>.pencil for day n). Pencils are TENTATIVE,
confirmed bookings CONFIRMED, released ones CANCELLED, and so are days a
booking no longer has and bookings someone was taken off; UIDs stay the
same across runs and SEQUENCE rises when a booking moves, so calendars
update in place.

Names, suites' facilities and the time zone come from PROJECT; the bookings
from the store (--store, default NAME.pencil.db beside PROJECT NAME.yaml). Each file is
written atomically, and a file whose calendar has not changed is left as it
is. With no store, or no bookings in it, nothing is written and the exit
status is 1: run pencil solve first.
` + exitStatusHelp,
		Example: `  pencil export ics testdata/series.yaml --out feeds/
  pencil export ics harbour.yaml --store state/harbour.db --out /srv/feeds`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := g.v.GetString("out")
			if out == "" {
				return usageError{errors.New("export ics: give --out DIR")}
			}
			return runExportICS(cmd.Context(), g, args[0], g.v.GetString("store"), out)
		},
	}
	fs := cmd.Flags()
	fs.String("out", "", "write the .ics files into `DIR` (created if needed)")
	addStoreFlag(fs, "booking store `PATH` (default NAME.pencil.db beside the project file NAME.yaml)")
	return cmd
}

// runExportICS writes the calendars of the store's bookings into dir.
func runExportICS(ctx context.Context, g *globals, project, storePath, dir string) error {
	start := time.Now()
	pr, err := openProjectStore(ctx, g, project, storePath)
	if err != nil {
		return err
	}
	defer pr.st.Close()
	prod, bookings, err := storefeed.Snapshot(ctx, pr.st, pr.roster)
	if err != nil {
		return err
	}
	if len(bookings) == 0 {
		return fmt.Errorf("export ics: %s: %w", pr.st.Path(), errNoBookings)
	}
	files, err := calendars.ExportDir(dir, prod, bookings)
	if err != nil {
		return fmt.Errorf("export ics: %w", err)
	}
	for _, f := range files {
		fmt.Fprintln(g.stdout, f)
	}
	g.log.Info().Str("dir", dir).Int("calendars", len(files)).Int("bookings", len(bookings)).
		Dur("elapsed", time.Since(start)).Msg("exported calendars")
	return nil
}

// projectStore is a loaded project with its open booking store.
type projectStore struct {
	project *model.Project
	roster  storefeed.Roster
	st      *store.Store
}

// openProjectStore loads project and opens its booking store: storePath,
// or the project's own (storePathFor). A store that does not exist is
// not created: the command says to solve first.
func openProjectStore(ctx context.Context, g *globals, project, storePath string) (*projectStore, error) {
	p, err := model.Load(project)
	if err != nil {
		return nil, reportProblems(g.stderr, err)
	}
	if storePath == "" {
		storePath = storePathFor(project)
		if err := checkLegacyStore(project, storePath); err != nil {
			return nil, err
		}
	}
	if ok, err := store.Exists(storePath); err != nil {
		return nil, err
	} else if !ok {
		return nil, fmt.Errorf("store %s: no booking store there: %w", storePath, errNoBookings)
	}
	st, err := openStore(ctx, storePath, nil)
	if err != nil {
		return nil, err
	}
	return &projectStore{project: p, roster: storefeed.RosterOf(p), st: st}, nil
}
