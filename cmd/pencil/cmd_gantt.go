package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/report"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/whatif"
)

func newGanttCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gantt PROJECT",
		Short: "Draw the schedule as a Gantt chart (HTML page or SVG)",
		Long: `Solve the project (without the booking store, like pencil whatif) and
draw the schedule: a date axis with weeks, one row per suite and one per
person and artiste, bookings coloured by episode — confirmed bookings
solid, pencils hatched and lighter — and milestones (picture lock,
delivery) as labelled diamonds, with a legend. The page is self-contained
(inline SVG, no scripts) and prints landscape.

--out FILE writes the page to FILE (standard output otherwise); --svg
writes the bare SVG instead of a page.
` + exitStatusHelp,
		Example: `  pencil gantt testdata/series.yaml --out series.html
  pencil gantt testdata/feature.yaml --svg --out feature.svg --time-limit 0 --iterations 2000`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := g.searchOptions()
			if err != nil {
				return err
			}
			draw := report.WriteGanttHTML
			if g.v.GetBool("svg") {
				draw = report.WriteGanttSVG
			}
			return runScheduleOutput(cmd.Context(), g, args[0], o, g.v.GetString("out"), draw)
		},
	}
	fs := cmd.Flags()
	addSearchFlags(fs)
	fs.String("out", "", "write to `FILE` instead of standard output")
	fs.Bool("svg", false, "write the bare SVG chart instead of an HTML page")
	return cmd
}

// runScheduleOutput solves a project without state and renders its
// schedule to out (a file, written atomically) or to standard output.
func runScheduleOutput(ctx context.Context, g *globals, file string, o whatif.Options, out string,
	render func(io.Writer, *schedule.Schedule, report.Origin) error) error {
	p, err := model.Load(file)
	if err != nil {
		return reportProblems(g.stderr, err)
	}
	if o.Admit, err = g.admitMemory(file, max(o.Workers, 1), 1); err != nil {
		return err
	}
	solved, err := whatif.Solve(ctx, p, o, nil)
	if err != nil {
		return reportSolveError(g, err)
	}
	g.log.Info().Str("file", file).Float64("cost", solved.Schedule.Cost.Total).Uint64("seed", o.Seed).Msg("solved")
	if out == "" {
		return render(g.stdout, solved.Schedule, report.Origin{})
	}
	return writeFileAtomic(out, func(w io.Writer) error { return render(w, solved.Schedule, report.Origin{}) })
}
