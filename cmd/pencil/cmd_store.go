package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model/store"
)

// newStoreCommand builds `pencil store`, the commands that look after a
// booking store itself.
func newStoreCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "store",
		Short: "Look after a booking store (rename a production, migrate, copy)",
		Long: `Commands that look after the booking store itself rather than its
bookings.
` + exitStatusHelp,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("store %v: want rename, migrate or copy", args)}
		},
	}
	cmd.AddCommand(newStoreRenameCommand(g), newStoreMigrateCommand(g), newStoreCopyCommand(g))
	return cmd
}

func newStoreRenameCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rename [PROJECT] OLD NEW",
		Short: "Keep a production's bookings after its name changed",
		Long: `Give every booking of production OLD the name NEW, as after editing the
project file's production: line. Bookings keep their ids, statuses,
pieces and sequence numbers, so nobody's calendar changes and the next
solve finds them; each booking's history records the rename with --who
and --reason. Refused when NEW already has bookings in the store.
` + exitStatusHelp,
		Example: `  pencil store rename testdata/series.yaml "Harbour Lights" "Harbour Lights II" --reason "the channel renamed the show"`,
		Args:    minArgs(2, "the old and the new production name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, args := takeProject(args)
			if len(args) != 2 {
				return usageError{errors.New("give the old and the new production name")}
			}
			return g.changeStore(cmd.Context(), project, "store rename", func(st *store.Store) (store.Report, error) {
				return st.RenameProduction(cmd.Context(), args[0], args[1], g.v.GetString("reason"), g.who())
			})
		},
	}
	addChangeFlags(cmd.Flags())
	return cmd
}

func newStoreMigrateCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate [PROJECT]",
		Short: "Bring a booking store's schema up to this pencil's",
		Long: `Upgrade the schema of an existing booking store (an SQLite file or a
PostgreSQL database given with --store postgres://…) to the version this
pencil writes, one step per transaction, and say which versions it went
between. A store written by a newer pencil is refused and left untouched.
Every pencil migrates a store when it opens it; on a store shared by many
coordinators, run this once, with the new pencil, before handing it out.
` + exitStatusHelp,
		Example: `  pencil store migrate series.yaml
  pencil store migrate --store postgres://pencil@db.example.com/pencil`,
		Args: projectArgs(0, "no arguments but the project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, _ := takeProject(args)
			path, err := findStore(g.v.GetString("store"), project)
			if err != nil {
				return err
			}
			m, err := store.Migrate(cmd.Context(), path, store.Options{})
			if err != nil {
				return openError(path, err)
			}
			if m.From == m.To {
				fmt.Fprintf(g.stdout, "%s: schema version %d, up to date\n", shownStore(path), m.To)
				return nil
			}
			fmt.Fprintf(g.stdout, "%s: schema version %d → %d\n", shownStore(path), m.From, m.To)
			return nil
		},
	}
	addStoreFlag(cmd.Flags(), storeFlagUsage)
	return cmd
}

func newStoreCopyCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "copy --from STORE --to STORE",
		Short: "Copy a whole booking store, SQLite to PostgreSQL or back",
		Long: `Copy every run, booking, history row, production and feed subscriber
of one booking store into another, ids and all, so run numbers, versions
and feed URLs mean the same in the copy. Either store may be an SQLite
file or a PostgreSQL URL: this is how one coordinator's store moves to a
facility's database server, and back. The destination must be empty (a
new file, or a database with no tables or an empty pencil schema); the
source is only read, in one snapshot. The copy is one transaction, and
the row counts of both are compared before it is committed and printed
after. A new file the copy failed to fill is removed.
` + exitStatusHelp,
		Example: `  pencil store copy --from series.pencil.db --to postgres://pencil@db.example.com/pencil
  pencil store copy --from postgres://pencil@db.example.com/pencil --to backup.pencil.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			from, to := g.v.GetString("from"), g.v.GetString("to")
			if from == "" || to == "" {
				return usageError{errors.New("store copy: give --from STORE and --to STORE")}
			}
			return runStoreCopy(cmd.Context(), g, from, to)
		},
	}
	fs := cmd.Flags()
	fs.String("from", "", "the booking store to copy: a `PATH` or postgres:// URL")
	fs.String("to", "", "the empty booking store to copy into: a `PATH` or postgres:// URL")
	return cmd
}

// runStoreCopy copies store from into store to and prints the counts.
func runStoreCopy(ctx context.Context, g *globals, from, to string) (err error) {
	src, err := store.OpenExisting(ctx, from, store.Options{})
	if err != nil {
		return openError(from, err)
	}
	defer src.Close()
	existed, err := store.Exists(to)
	if err != nil {
		return err
	}
	dst, err := openStore(ctx, to, nil)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		if err != nil && !existed {
			removeStoreFile(to)
		}
	}()
	if err := store.Copy(ctx, src, dst); err != nil {
		return fmt.Errorf("store copy: %w", err)
	}
	want, err := src.Counts(ctx)
	if err != nil {
		return err
	}
	got, err := dst.Counts(ctx)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("store copy: %s holds %s, but %s holds %s", shownStore(to), got, shownStore(from), want)
	}
	fmt.Fprintf(g.stdout, "copied %s to %s: %s\n", shownStore(from), shownStore(to), got)
	return nil
}

// removeStoreFile removes an SQLite store, with its WAL files, that a
// failed command created.
func removeStoreFile(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p) //nolint:errcheck // best effort: the command's error is the one to report
	}
}

// openError adds what to do to an error opening the store at path.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, store.ErrNewerSchema):
		return fmt.Errorf("%w (left untouched; use the newer pencil that wrote it)", err)
	case errors.Is(err, store.ErrCorrupt), errors.Is(err, store.ErrNotStore):
		return fmt.Errorf("%w (left untouched; give --store another path)", err)
	case errors.Is(err, store.ErrNoStore):
		return fmt.Errorf("store %s: no booking store there: %w", shownStore(path), err)
	}
	return fmt.Errorf("store %s: %w", shownStore(path), err)
}
