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
		Short: "Write the schedule as a spreadsheet: by suite, by person, cost",
		Long: `Solve the project (without the booking store, like pencil gantt) and
write an XLSX workbook to --out FILE: the sheet "By suite" and the sheet
"By person" (crew and artistes) with one row per booking — session, name,
episode, pencil or confirmed, start and end as date-times in the
production's time zone, hours and cost — and the sheet "Cost": the total,
each cost term, each department and each suite, person and artiste.
(pencil solve --format csv gives the schedule as CSV.)
` + exitStatusHelp,
		Example: `  pencil export xlsx testdata/series.yaml --out harbour-lights.xlsx
  pencil export xlsx testdata/feature.yaml --out feature.xlsx --time-limit 0 --iterations 2000`,
		Args: exactArgs(1, "one project file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := g.searchOptions()
			if err != nil {
				return err
			}
			out := g.v.GetString("out")
			if out == "" {
				return usageError{errors.New("export xlsx: give --out FILE.xlsx")}
			}
			return runScheduleOutput(cmd.Context(), g, args[0], o, out, report.WriteScheduleXLSX)
		},
	}
	fs := cmd.Flags()
	addSearchFlags(fs)
	fs.String("out", "", "write the workbook to `FILE`")
	return cmd
}
