package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/pencil-post/pencil/benchmarks/limits"
	"github.com/pencil-post/pencil/model/schedule"
)

// benchLimitsOptions are the settings of `pencil bench limits`.
type benchLimitsOptions struct {
	cfg limits.Config
	out string
}

func newBenchLimitsCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "limits [PROJECT...]",
		Short: "Measure how far past its time limit a solve returns",
		Long: `Solve PSPLIB J120 instances (a sample of --psplib, skipped when the folder
is absent), generated series (--episodes) and the PROJECT files with each
time limit of --limits, and report per run: the limit, the solver's wall
time and its overshoot (wall − limit; negative when the search stopped
early at a proven optimum), whether a schedule came back and when the
first was found, and for project files and series the whole pencil solve
command's wall time (load, compile, solve, write --out to a temporary
folder; no booking store). Then the largest and the 95th percentile
overshoot, and the machine's load average, which the times depend on.

Without PROJECT arguments the project files of testdata/ are used when
that folder is there.
` + exitStatusHelp,
		Example: `  pencil bench limits
  pencil bench limits --limits 1s --episodes 80 --psplib ""
  pencil bench limits testdata/series.yaml --out limits.md`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o, err := g.benchLimitsOptions(args)
			if err != nil {
				return err
			}
			return runBenchLimits(cmd.Context(), g, o)
		},
	}
	fs := cmd.Flags()
	fs.String("limits", "500ms,1s,2s", "comma-separated time `limits` to solve each instance with")
	fs.String("episodes", "10,20,40", "comma-separated `sizes` of generated series (empty for none)")
	fs.String("psplib", filepath.Join("..", "shared", "benchmarks", "psplib", "j120"), "`DIR` of PSPLIB J120 .sm files (skipped when absent)")
	fs.Int("psplib-count", 5, "how many PSPLIB instances to take, spread over the folder (`N`)")
	fs.Int("workers", 2, "search `workers` per solve")
	fs.Uint64("seed", 1, "random `seed`")
	fs.String("out", "", "also write the Markdown report to `FILE`")
	return cmd
}

// benchLimitsOptions reads and checks the bench limits settings.
func (g *globals) benchLimitsOptions(args []string) (benchLimitsOptions, error) {
	o := benchLimitsOptions{out: g.v.GetString("out")}
	c := &o.cfg
	for _, f := range splitList(g.v.GetString("limits")) {
		d, err := time.ParseDuration(f)
		if err != nil || d <= 0 {
			return o, usageError{fmt.Errorf("limits %q: want durations above 0 such as 500ms,1s,2s", f)}
		}
		c.Limits = append(c.Limits, d)
	}
	c.Episodes = []int{}
	for _, f := range splitList(g.v.GetString("episodes")) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			return o, usageError{fmt.Errorf("episodes %q: want whole numbers from 1", f)}
		}
		c.Episodes = append(c.Episodes, n)
	}
	c.PSPLIB = g.v.GetString("psplib")
	var err error
	if c.PSPLIBCount, err = g.integer("psplib-count"); err != nil {
		return o, err
	}
	if c.Workers, err = g.integer("workers"); err != nil {
		return o, err
	}
	if c.Seed, err = g.uint64Setting("seed"); err != nil {
		return o, err
	}
	c.Projects = args
	if len(args) == 0 {
		c.Projects, _ = filepath.Glob(filepath.Join("testdata", "*.yaml"))
	}
	return o, nil
}

// splitList splits a comma-separated setting, dropping empty entries.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// runBenchLimits runs the measurement and prints the report.
func runBenchLimits(ctx context.Context, g *globals, o benchLimitsOptions) error {
	o.cfg.Command = solveCommand(o.cfg.Workers, o.cfg.Seed)
	o.cfg.Log = func(r limits.Row) {
		g.log.Info().Str("instance", r.Instance).Dur("limit", r.Limit).Dur("wall", r.Wall).
			Dur("overshoot", r.Overshoot).Bool("schedule", r.Schedule).Dur("command", r.Command).Msg("run")
	}
	rep, err := limits.Run(ctx, o.cfg)
	if err != nil && rep == nil {
		return fmt.Errorf("bench limits: %w", err)
	}
	if werr := limits.WriteMarkdown(g.stdout, rep); werr != nil {
		return werr
	}
	if o.out != "" {
		if werr := writeFileAtomic(o.out, func(w io.Writer) error { return limits.WriteMarkdown(w, rep) }); werr != nil {
			return werr
		}
	}
	return err
}

// solveCommand is pencil solve as bench limits times it: quiet, without
// a booking store, writing --out into a temporary folder.
func solveCommand(workers int, seed uint64) limits.Command {
	return func(ctx context.Context, file string, limit time.Duration) error {
		dir, err := os.MkdirTemp("", "pencil-bench-limits-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		quiet := &globals{stdout: io.Discard, stderr: io.Discard, v: viper.New(), log: zerolog.Nop()}
		return runSolve(ctx, quiet, file, solveOptions{timeLimit: limit, workers: workers, seed: seed,
			format: schedule.FormatTable, out: dir, state: stateOptions{off: true}})
	}
}
