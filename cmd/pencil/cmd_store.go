package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model/store"
)

// newStoreCommand builds `pencil store`, the commands that look after a
// booking store itself.
func newStoreCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "store",
		Short: "Look after a booking store (rename a production)",
		Long: `Commands that look after the booking store itself rather than its
bookings.
` + exitStatusHelp,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("store %v: want rename", args)}
		},
	}
	cmd.AddCommand(newStoreRenameCommand(g))
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
