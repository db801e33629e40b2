package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/model/report"
)

// newExportXLSXCommand is `pencil export xlsx`, a subcommand of export.
func newExportXLSXCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "xlsx PROJECT",
		Short: "Write the committed plan (or a fresh solve) as a spreadsheet",
		Long: `Write the plan as an XLSX workbook to --out FILE: the sheet "By suite"
and the sheet "By person" (crew and artistes) with one row per piece
worked — booking (or, for a fresh solve, session), name, episode, status
(pencil, second pencil, confirmed), which piece of how many, start and
end as date-times in the production's time zone, and hours — and the
sheet "About", which says where the plan comes from. A fresh solve adds
each piece's share of the cost and the sheet "Cost": the total, each cost
term, each department and each suite, person and artiste. The booking
store keeps no costs, so a committed plan has none; About says so.
(pencil solve --format csv gives a schedule as CSV.)

` + planSourceHelp + exitStatusHelp,
		Example: `  pencil export xlsx testdata/series.yaml --out harbour-lights.xlsx
  pencil export xlsx testdata/feature.yaml --fresh --out feature.xlsx --time-limit 0 --iterations 2000`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := g.v.GetString("out")
			if out == "" {
				return usageError{errors.New("export xlsx: give --out FILE.xlsx")}
			}
			return runPlanOutput(cmd.Context(), g, args[0], out, report.WriteScheduleXLSX)
		},
	}
	fs := cmd.Flags()
	addPlanFlags(fs)
	fs.String("out", "", "write the workbook to `FILE`")
	return cmd
}
