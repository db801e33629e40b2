package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
)

func newHistoryCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "history [PROJECT] [BOOKING]",
		Short: "Show every change to a booking: who, when, why",
		Long: `List every recorded change to one booking, oldest first: the run or the
person that made it, what changed, and why. With no BOOKING, the history of
every booking in the store, booking by booking.
` + exitStatusHelp,
		Example: `  pencil history B-harbour-lights-ep3.adr
  pencil history testdata/series.yaml --format json`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, args := takeProject(args)
			if len(args) > 1 {
				return usageError{errors.New("give at most one booking id")}
			}
			format, ro, st, err := g.openStoreForReport(cmd.Context(), project)
			if err != nil {
				return err
			}
			defer st.Close()
			ids := args
			if len(ids) == 0 {
				bs, err := st.Bookings(cmd.Context(), store.Filter{})
				if err != nil {
					return err
				}
				for _, b := range bs {
					ids = append(ids, b.ID)
				}
			}
			var all []store.HistoryEntry
			for _, id := range ids {
				h, err := st.History(cmd.Context(), id)
				if err != nil {
					return fmt.Errorf("history: %w", err)
				}
				all = append(all, h...)
			}
			return writeHistory(g.stdout, format, all, ro)
		},
	}
	addStoreFlag(cmd.Flags(), storeFlagUsage)
	addFormatFlag(cmd.Flags())
	return cmd
}

// writeHistory writes history entries: one line each for people, or JSON
// or CSV.
func writeHistory(w io.Writer, format string, h []store.HistoryEntry, ro store.RenderOptions) error {
	if format == schedule.FormatJSON {
		if h == nil {
			h = []store.HistoryEntry{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(h)
	}
	rows := make([][]string, 0, len(h))
	for _, e := range h {
		by := e.Who
		if e.RunID != 0 {
			by = fmt.Sprintf("run %d (%s)", e.RunID, e.Who)
		}
		var lines []string
		for _, k := range e.Changes {
			lines = append(lines, ro.Line(store.Change{Kind: k, Booking: e.New, Was: e.Old}))
		}
		rows = append(rows, []string{e.BookingID, e.Time.In(ro.Location).Format(time.RFC3339), by, e.Action, strings.Join(lines, "; "), e.Reason})
	}
	return writeTable(w, format, []string{"booking", "time", "by", "action", "change", "reason"}, rows)
}

// writeTable writes rows under a header: CSV for the csv format, else
// aligned columns.
func writeTable(w io.Writer, format string, header []string, rows [][]string) error {
	if format == schedule.FormatCSV {
		cw := csv.NewWriter(w)
		_ = cw.Write(header)
		_ = cw.WriteAll(rows)
		return cw.Error()
	}
	bw := bufio.NewWriter(w) // tabwriter writes cell by cell
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

func newRunsCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "runs [PROJECT]",
		Short: "List the runs committed to the booking store",
		Long: `List every committed run, oldest first: its number (for pencil diff),
when, who and why, the seed and the fingerprint of its input.
` + exitStatusHelp,
		Example: `  pencil runs
  pencil runs testdata/series.yaml --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, args := takeProject(args)
			if len(args) > 0 {
				return usageError{fmt.Errorf("%q: want a project file (series.yaml) or nothing", args[0])}
			}
			format, ro, st, err := g.openStoreForReport(cmd.Context(), project)
			if err != nil {
				return err
			}
			defer st.Close()
			runs, err := st.Runs(cmd.Context())
			if err != nil {
				return err
			}
			return writeRuns(g.stdout, format, runs, ro.Location)
		},
	}
	addStoreFlag(cmd.Flags(), storeFlagUsage)
	addFormatFlag(cmd.Flags())
	return cmd
}

// writeRuns lists runs as a table, JSON or CSV.
func writeRuns(w io.Writer, format string, runs []store.Run, loc *time.Location) error {
	if format == schedule.FormatJSON {
		if runs == nil {
			runs = []store.Run{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(runs)
	}
	rows := make([][]string, 0, len(runs))
	for _, r := range runs {
		fp := r.Fingerprint
		if len(fp) > 12 {
			fp = fp[:12]
		}
		rows = append(rows, []string{strconv.FormatInt(r.ID, 10), r.Time.In(loc).Format(time.RFC3339), r.Who, r.Production,
			strconv.FormatInt(r.Seed, 10), fp, r.Version, r.Why})
	}
	return writeTable(w, format, []string{"run", "time", "who", "production", "seed", "input", "version", "why"}, rows)
}
