package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/report"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/whatif"
)

// planSourceHelp says, for gantt and export xlsx, which plan they show.
const planSourceHelp = `The plan shown is the committed one: the bookings pencil solve, confirm
and release left in the booking store (--store, default the project's
store beside PROJECT) for the project's production — pencils, second
pencils and confirmed bookings, released ones left out, each with the
pieces it is worked in, suites and people named from PROJECT. With
--fresh (or --no-store) PROJECT is solved afresh instead, without the
store, like pencil whatif; so it is when the project has no store yet.
The output says which: "committed plan, run 7 of 3 Jun 2026 10:02" or
"fresh solve, not committed". A store that holds no live bookings of the
production is an error (exit status 1): run pencil solve first, or use
--fresh.
`

func newGanttCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gantt PROJECT",
		Short: "Draw the committed plan (or a fresh solve) as a Gantt chart",
		Long: `Draw the plan as a Gantt chart: a date axis with weeks, one row per
suite and one per person and artiste, bookings coloured by episode —
confirmed bookings solid, pencils hatched and lighter, second pencils
cross-hatched and fainter — with one bar segment per piece worked (nights
and weekends between pieces are not drawn as booked), labelled with the
session and episode where the label fits; hovering over a bar shows its
session, status and every piece. A fresh solve also shows milestones
(picture lock, delivery) as labelled diamonds. The page is self-contained
(inline SVG, no scripts) and prints landscape.

` + planSourceHelp + `
--out FILE writes the page to FILE (standard output otherwise); --svg
writes the bare SVG instead of a page.
` + exitStatusHelp,
		Example: `  pencil gantt testdata/series.yaml --out series.html
  pencil gantt testdata/series.yaml --store state/harbour.db --svg --out plan.svg
  pencil gantt testdata/feature.yaml --fresh --out feature.html --time-limit 0 --iterations 2000`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			draw := report.WriteGanttHTML
			if g.v.GetBool("svg") {
				draw = report.WriteGanttSVG
			}
			return runPlanOutput(cmd.Context(), g, args[0], g.v.GetString("out"), draw)
		},
	}
	fs := cmd.Flags()
	addPlanFlags(fs)
	fs.String("out", "", "write to `FILE` instead of standard output")
	fs.Bool("svg", false, "write the bare SVG chart instead of an HTML page")
	return cmd
}

// solveFresh solves a project without state, for a report of a schedule
// nobody has been told.
func solveFresh(ctx context.Context, g *globals, file string, o whatif.Options) (*schedule.Schedule, error) {
	p, err := model.Load(file)
	if err != nil {
		return nil, reportProblems(g.stderr, err)
	}
	if o.Admit, err = g.admitMemory(file, max(o.Workers, 1), 1); err != nil {
		return nil, err
	}
	o.Now = g.nowFunc()
	solved, err := whatif.Solve(ctx, p, o, nil)
	if err != nil {
		return nil, reportSolveError(g, err)
	}
	g.log.Info().Str("file", file).Float64("cost", solved.Schedule.Cost.Total).Uint64("seed", o.Seed).Msg("solved")
	return solved.Schedule, nil
}
