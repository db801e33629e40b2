package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/report"
	"github.com/pencil-post/pencil/model/whatif"
)

// formatXLSX is whatif's spreadsheet format, written by package report.
const formatXLSX = "xlsx"

// whatifFormats are the formats of `pencil whatif`.
var whatifFormats = []string{whatif.FormatText, whatif.FormatCSV, whatif.FormatMarkdown, formatXLSX}

// whatifOptions are the settings of `pencil whatif`.
type whatifOptions struct {
	search   whatif.Options
	progress progressMode
	format   string
	out      string
	html     string
}

func newWhatifCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "whatif PROJECT SCENARIOS",
		Short: "Compare what-if scenarios side by side: cost, delivery and risk",
		Long: `Solve the project and every scenario of the SCENARIOS file — named
overlays such as a grade budget cap, a second editor, delivery a week
earlier, a dearer colourist, no weekends or a fixed booking (see
testdata/scenarios/series.yaml) — and compare them: whether a schedule exists
(and why not, in the trade's words), the total cost and its difference from
the base, the cost per department, the delivery date, the working days of
slack before each delivery, crew overtime and weekend hours, how many
sessions are booked differently from the base, and the risk: sessions on
the critical chain (under a day of slack) and the artiste whose window the
most work waits on. As in a solve, nothing is placed before --now (default
the present time).

The base is solved first; the scenarios are then solved in parallel
(--parallel at once, default one per CPU), each warm-started from the base
schedule. Nothing is read from or written to the booking store. By
default every solve runs --iterations 10000 with no time limit, so the
comparison is repeatable: the same scenario gives the same figures
whatever else is compared and however the solves are scheduled (a
--time-limit makes the figures depend on the machine's speed and load).
The base is also solved with --noise-runs more seeds (default 2): the
spread of its cost is the search's noise, given in the heading, and a
scenario whose cost differs from the base's by no more than that shows
"no change".

--format text (default), csv, md or xlsx writes the comparison to standard
output. --out DIR writes comparison.txt, .csv, .md and .xlsx and the
charts cost-delivery.png/.svg and departments.png/.svg into DIR instead.
--html FILE writes one page for the producer: the tables, both charts and
each scenario's Gantt chart.
` + exitStatusHelp,
		Example: `  pencil whatif testdata/series.yaml testdata/scenarios/series.yaml --now 2026-06-01
  pencil whatif testdata/series.yaml testdata/scenarios/series.yaml --now 2026-06-01 --html whatif.html --out whatif/
  pencil whatif testdata/series.yaml testdata/scenarios/series.yaml --now 2026-06-01 --time-limit 0 --iterations 2000 --format md`,
		Args: exactArgs(2, "a project file and a scenario file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := g.whatifOptions()
			if err != nil {
				return err
			}
			return runWhatif(cmd.Context(), g, args[0], args[1], o)
		},
	}
	fs := cmd.Flags()
	addSearchFlags(fs, 0, whatifIterations)
	addProgressFlags(fs)
	fs.Int("noise-runs", 2, "solve the base with `N` more seeds to measure the search noise (0: none)")
	fs.Int("parallel", 0, "solve `N` scenarios at once (0: one per CPU)")
	fs.String("format", whatif.FormatText, "output `format`: "+strings.Join(whatifFormats, ", "))
	fs.String("out", "", "write the comparison in every format and the charts into `DIR`")
	fs.String("html", "", "write the producer's page (tables, charts, Gantt charts) to `FILE`")
	return cmd
}

// whatifIterations is pencil whatif's default search effort per solve:
// about a second and a half of one worker on testdata/series.yaml.
const whatifIterations = 10000

// addSearchFlags declares the search flags shared by whatif, gantt and
// export xlsx, with their default time limit and iterations.
func addSearchFlags(fs *pflag.FlagSet, limit time.Duration, iterations int) {
	fs.Duration("time-limit", limit, "stop each solve after this `duration` (0: only --iterations)")
	fs.Int("iterations", iterations, "stop each solve after `N` search iterations per worker (0: no cap)")
	fs.Uint64("seed", 1, "random `seed`; one seed and one iteration limit give one answer")
	fs.Int("workers", 1, "search `workers` per solve")
	fs.String("now", "", "the `time` of the plan, RFC 3339 or 2006-01-02T15:04 in the project's time zone (default now): nothing is placed before it")
	addMemoryFlag(fs)
}

// nowFunc reads --now in a project's time zone; unset, it is the present
// time, taken once so that every solve of one command has the same now.
func (g *globals) nowFunc() func(*time.Location) (time.Time, error) {
	v, wall := g.v.GetString("now"), time.Now()
	return func(loc *time.Location) (time.Time, error) {
		if v == "" {
			return wall, nil
		}
		return parseNow(v, loc)
	}
}

// searchOptions reads the search flags.
func (g *globals) searchOptions() (whatif.Options, error) {
	var o whatif.Options
	var err error
	if o.TimeLimit, err = g.duration("time-limit"); err != nil {
		return o, err
	}
	if o.Iterations, err = g.integer("iterations"); err != nil {
		return o, err
	}
	if o.Seed, err = g.uint64Setting("seed"); err != nil {
		return o, err
	}
	if o.Workers, err = g.integer("workers"); err != nil {
		return o, err
	}
	if _, err = g.maxMemory(os.DirFS("/")); err != nil { // a bad --max-memory fails before the load
		return o, err
	}
	if o.TimeLimit == 0 && o.Iterations == 0 {
		return o, usageError{errors.New("set --time-limit or --iterations, or the search never stops")}
	}
	return o, nil
}

// whatifOptions reads and checks the whatif settings.
func (g *globals) whatifOptions() (whatifOptions, error) {
	var o whatifOptions
	var err error
	if o.search, err = g.searchOptions(); err != nil {
		return o, err
	}
	if o.search.Parallel, err = g.integer("parallel"); err != nil {
		return o, err
	}
	if o.search.NoiseRuns, err = g.integer("noise-runs"); err != nil {
		return o, err
	}
	if o.search.NoiseRuns < 0 {
		return o, usageError{fmt.Errorf("noise-runs %d: want 0 or more", o.search.NoiseRuns)}
	}
	if o.progress, err = g.progressMode(); err != nil {
		return o, err
	}
	o.format, o.out, o.html = g.v.GetString("format"), g.v.GetString("out"), g.v.GetString("html")
	if !slices.Contains(whatifFormats, o.format) {
		return o, usageError{fmt.Errorf("format %q: want %s", o.format, strings.Join(whatifFormats, ", "))}
	}
	return o, nil
}

// runWhatif reads the scenarios, solves and compares, and writes the
// comparison where asked.
func runWhatif(ctx context.Context, g *globals, project, scenarioFile string, o whatifOptions) error {
	scenarios, err := whatif.ParseFile(scenarioFile)
	if err != nil {
		return reportProblems(g.stderr, err)
	}
	if o.search.Admit, err = admitWhatifMemory(g, project, len(scenarios), o.search); err != nil {
		return err
	}
	o.search.Now = g.nowFunc()
	g.log.Info().Str("project", project).Int("scenarios", len(scenarios)).Uint64("seed", o.search.Seed).
		Dur("time_limit", o.search.TimeLimit).Int("iterations", o.search.Iterations).Msg("comparing")
	prog := newWhatifProgress(g.stderr, o.progress)
	o.search.Progress = prog.update
	c, err := whatif.Run(ctx, whatif.Loader(project), scenarios, o.search)
	prog.done()
	if err != nil {
		return reportSolveError(g, err)
	}
	g.log.Info().Dur("elapsed", c.Elapsed).Msg("compared")
	if o.html != "" {
		if err := writeFileAtomic(o.html, func(w io.Writer) error { return report.WriteComparisonHTML(w, c) }); err != nil {
			return err
		}
	}
	if o.out != "" {
		return writeWhatifOutputs(o.out, c)
	}
	return writeComparison(g.stdout, c, o.format)
}

// writeComparison renders c in format.
func writeComparison(w io.Writer, c *whatif.Comparison, format string) error {
	if format == formatXLSX {
		return report.WriteComparisonXLSX(w, c)
	}
	return whatif.Write(w, c, format)
}

// writeWhatifOutputs writes every rendering of c and its charts into dir.
func writeWhatifOutputs(dir string, c *whatif.Comparison) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("out: %w", err)
	}
	files := map[string]func(io.Writer) error{}
	for _, f := range []struct{ name, format string }{{"comparison.txt", whatif.FormatText},
		{"comparison.csv", whatif.FormatCSV}, {"comparison.md", whatif.FormatMarkdown}, {"comparison.xlsx", formatXLSX}} {
		files[f.name] = func(w io.Writer) error { return writeComparison(w, c, f.format) }
	}
	for _, format := range []string{report.PNG, report.SVG} {
		files["cost-delivery."+format] = func(w io.Writer) error { return report.WriteCostDeliveryChart(w, c, format) }
		files["departments."+format] = func(w io.Writer) error { return report.WriteDepartmentChart(w, c, format) }
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := writeFileAtomic(filepath.Join(dir, n), files[n]); err != nil {
			return err
		}
	}
	return nil
}

// reportSolveError prints what stopped a solve — a project or scenario
// that fails validation, or no schedule for the base — and marks it
// reported; other errors pass through.
func reportSolveError(g *globals, err error) error {
	var inf *whatif.Infeasible
	if errors.As(err, &inf) {
		fmt.Fprintf(g.stderr, "pencil: no feasible schedule for the project\n")
		if inf.Headline != "" {
			fmt.Fprintln(g.stderr, inf.Headline)
		}
		for _, l := range inf.Lines {
			fmt.Fprintln(g.stderr, "  "+l)
		}
		return reportedError{err}
	}
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		return reportProblems(g.stderr, verr)
	}
	return err
}

// writeFileAtomic renders into memory, then writes a temporary file
// beside path and renames it into place, so a failure leaves no partial
// file.
func writeFileAtomic(path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = f.Write(buf.Bytes())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
