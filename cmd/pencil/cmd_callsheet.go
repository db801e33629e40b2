package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/calendars/storefeed"
	"github.com/pencil-post/pencil/model/callsheet"
)

func newCallSheetCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "callsheet PROJECT --day YYYY-MM-DD",
		Short: "List who is called where and when on one day, from the committed bookings",
		Long: `Print the call sheet of one working day: for each person, artiste and
suite, the call (the start of their first session that day) and the wrap
(the end of the last), then each session worked with its suites, booking
and status (pencil or confirmed), and for an artiste who travels the
journeys their calendar shows ("travel to Halo Post", "travel home").
Times are in the production's time zone; work past midnight is the day
before's ("09:00–01:00 next day"). Second pencils call nobody and are
listed as held.

The bookings are the committed ones, as pencil solve, confirm and release
left them in the booking store (--store, default the project's store
beside PROJECT); names, facilities and travel come from PROJECT. A day
with nothing booked says so (exit status 0); a store with no bookings of
the production is an error (exit status 1): run pencil solve first.
--format text (default), csv or json.
` + exitStatusHelp,
		Example: `  pencil callsheet testdata/series.yaml --day 2026-09-02
  pencil callsheet testdata/series.yaml --day 2026-09-02 --format csv`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCallSheet(cmd.Context(), g, args[0])
		},
	}
	fs := cmd.Flags()
	fs.String("day", "", "the `date` to list, YYYY-MM-DD (required)")
	fs.String("format", callsheet.FormatText, "output `format`: "+strings.Join(callsheet.Formats, ", "))
	addStoreFlag(fs, "booking store `PATH` whose committed bookings are listed (default: the project's store beside it)")
	return cmd
}

// runCallSheet prints the call sheet of --day from the project's store.
func runCallSheet(ctx context.Context, g *globals, project string) error {
	day, format := g.v.GetString("day"), g.v.GetString("format")
	if day == "" {
		return usageError{errors.New("callsheet: give --day YYYY-MM-DD")}
	}
	if _, err := callsheet.ParseDay(day, nil); err != nil {
		return usageError{fmt.Errorf("callsheet: --day: %w", err)}
	}
	if !slices.Contains(callsheet.Formats, format) {
		return usageError{fmt.Errorf("callsheet: --format %q: want %s", format, strings.Join(callsheet.Formats, ", "))}
	}
	pr, err := openProjectStore(ctx, g, project, g.v.GetString("store"))
	if err != nil {
		return err
	}
	defer pr.st.Close()
	in, err := storefeed.CallSheetInput(ctx, pr.st, pr.roster)
	if err != nil {
		return err
	}
	if len(in.Bookings) == 0 {
		return fmt.Errorf("callsheet: store %s holds no bookings of %q: %w", pr.st.Path(), pr.project.Name, errNoBookings)
	}
	d, err := callsheet.ParseDay(day, in.Location)
	if err != nil {
		return usageError{fmt.Errorf("callsheet: --day: %w", err)}
	}
	sheet := callsheet.Build(in, d)
	g.log.Info().Str("file", project).Str("store", pr.st.Path()).Str("day", day).Int("calls", len(sheet.Calls)).Msg("call sheet")
	return callsheet.Write(g.stdout, sheet, format)
}
