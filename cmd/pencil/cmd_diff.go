package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model/repencil"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
)

func newDiffCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "diff [PROJECT] [RUN] [RUN]",
		Short: "Show how the bookings changed between two runs",
		Long: `Report how the bookings changed from just after one run to just after
another, changes made by hand in between included, grouped per person and
per artiste. With no RUN it compares the last two runs; with one, that run
and the last. Run numbers are those of pencil runs.
` + exitStatusHelp,
		Example: `  pencil diff
  pencil diff testdata/series.yaml 3 7
  pencil diff 5 --format csv`,
		Args: cobra.MaximumNArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			project, args := takeProject(args)
			if len(args) > 2 {
				return usageError{errors.New("give at most two run numbers")}
			}
			var ids []int64
			for _, a := range args {
				id, err := strconv.ParseInt(a, 10, 64)
				if err != nil || id < 1 {
					return usageError{fmt.Errorf("run %q: want a run number (see pencil runs)", a)}
				}
				ids = append(ids, id)
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
			a, b, err := diffRuns(runs, ids)
			if err != nil {
				return err
			}
			r, err := st.Diff(cmd.Context(), a, b)
			if err != nil {
				return fmt.Errorf("diff: %w", err)
			}
			return writeReport(g.stdout, format, r, ro)
		},
	}
	addStoreFlag(cmd.Flags(), storeFlagUsage)
	addFormatFlag(cmd.Flags())
	return cmd
}

// diffRuns picks the two runs to compare: those given, else the given one
// and the last, else the last two.
func diffRuns(runs []store.Run, ids []int64) (int64, int64, error) {
	switch len(ids) {
	case 2:
		return ids[0], ids[1], nil
	case 1:
		if len(runs) == 0 {
			return 0, 0, fmt.Errorf("diff: the store has no runs yet")
		}
		return ids[0], runs[len(runs)-1].ID, nil
	}
	if len(runs) < 2 {
		return 0, 0, fmt.Errorf("diff: the store has %d run(s); a diff needs two", len(runs))
	}
	return runs[len(runs)-2].ID, runs[len(runs)-1].ID, nil
}

// writeRunReport writes a run's change report after the schedule in the
// schedule's format, with the confirmed bookings that need a person: text
// as the store writes it plus a section of suggestions; JSON as one object
// {"report": ..., "needs_a_person": [...]}; CSV as the store's rows plus
// one row per such booking (audience "needs a person", change "suggest").
func writeRunReport(w io.Writer, format string, r store.Report, conflicts []repencil.Conflict, ro store.RenderOptions) error {
	switch format {
	case schedule.FormatJSON:
		var buf bytes.Buffer
		if err := r.WriteJSON(&buf); err != nil {
			return err
		}
		if conflicts == nil {
			conflicts = []repencil.Conflict{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Report       json.RawMessage     `json:"report"`
			NeedsAPerson []repencil.Conflict `json:"needs_a_person"`
		}{buf.Bytes(), conflicts})
	case schedule.FormatCSV:
		fmt.Fprintln(w)
		if err := r.WriteCSV(w, ro); err != nil {
			return err
		}
		return writeConflictRows(w, conflicts, ro)
	}
	fmt.Fprintln(w)
	if err := r.WriteText(w, ro); err != nil {
		return err
	}
	if len(conflicts) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString("\nConflicts that need a person: confirmed bookings the new inputs make impossible (kept as they are until a person acts):\n")
	for _, c := range conflicts {
		sb.WriteString("  - " + ro.Line(store.Change{Kind: store.ChangeNew, Booking: c.Booking}) + "\n")
		sb.WriteString("    because: " + c.Why + "\n")
		if c.Suggest != nil {
			sb.WriteString("    Suggest: " + suggestion(c, ro) + "\n")
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// suggestion says where the solver would put a conflict's session: "move
// to Thu 14 May 10:00 in ADR Stage", with the people when they change.
func suggestion(c repencil.Conflict, ro store.RenderOptions) string {
	s, b := c.Suggest, c.Booking
	loc := ro.Location
	if loc == nil {
		loc = time.UTC
	}
	name := func(id string) string {
		if n, ok := ro.Names[id]; ok {
			return n
		}
		return id
	}
	out := "keep " + s.Start.In(loc).Format("Mon 2 Jan 15:04")
	if !s.Start.Equal(b.Start) {
		out = "move to " + s.Start.In(loc).Format("Mon 2 Jan 15:04")
	}
	var rooms []string
	for _, id := range s.Suites() {
		rooms = append(rooms, name(id))
	}
	if len(rooms) > 0 {
		out += " in " + strings.Join(rooms, " and ")
	}
	if !slices.Equal(s.People, b.People) || !slices.Equal(s.Artistes, b.Artistes) {
		var who []string
		for _, id := range slices.Concat(s.People, s.Artistes) {
			who = append(who, name(id))
		}
		out += " with " + strings.Join(who, ", ")
	}
	return out
}

// writeConflictRows writes the confirmed bookings that need a person as
// rows of the store's report CSV columns.
func writeConflictRows(w io.Writer, conflicts []repencil.Conflict, ro store.RenderOptions) error {
	cw := csv.NewWriter(w)
	loc := ro.Location
	if loc == nil {
		loc = time.UTC
	}
	for _, c := range conflicts {
		b := c.Booking
		var s store.Booking
		if c.Suggest != nil {
			s = *c.Suggest
		}
		rec := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(loc).Format(time.RFC3339)
		}
		_ = cw.Write([]string{"needs a person", b.ID, b.Label(), "suggest", b.ID, b.Production, b.Session, b.Episode,
			string(b.Status), string(b.Status), rec(s.Start), rec(s.End), rec(b.Start), rec(b.End), strings.Join(s.Suites(), ";"), strings.Join(b.Suites(), ";"),
			strconv.Itoa(b.Sequence), c.Why})
	}
	cw.Flush()
	return cw.Error()
}
