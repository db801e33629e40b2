package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/benchmarks"
)

func newBenchCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Run the solver on published benchmark instances",
		Long: `Run the solver on instances from the literature and print one row per
instance against the best known values, then a summary line. Every
schedule is checked independently before it counts.
` + exitStatusHelp,
		Example: `  pencil bench psplib --instances ../shared/benchmarks/psplib/j30 --reference j30opt.sm --time-limit 1s
  pencil bench imopse --instances ../shared/benchmarks/imopse --time-limit 5s`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("bench %v: want a benchmark kind: %s or %s", args, benchmarks.KindPSPLIB, benchmarks.KindIMOPSE)}
		},
	}
	cmd.AddCommand(
		newBenchKindCommand(g, benchmarks.KindPSPLIB, time.Second,
			"PSPLIB single-mode RCPSP (.sm files); minimises the makespan",
			"  pencil bench psplib --instances DIR --reference j30opt.sm --time-limit 1s --limit 20"),
		newBenchKindCommand(g, benchmarks.KindIMOPSE, 5*time.Second,
			"iMOPSE multi-skill RCPSP (.def files); minimises the makespan, reports the cost",
			"  pencil bench imopse --instances DIR --time-limit 5s"),
		newBenchFeedsCommand(g),
		newBenchCompareCommand(g),
	)
	return cmd
}

// newBenchKindCommand builds `pencil bench psplib` or `pencil bench
// imopse`: the same flags, with a default time limit per kind.
func newBenchKindCommand(g *globals, kind benchmarks.Kind, limit time.Duration, what, example string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   string(kind),
		Short: "Benchmark on " + what,
		Long: "Benchmark the solver on " + what + `.
Instances are read from --instances (searched recursively) in natural
order; --reference tables (repeatable) give the best known values.
` + exitStatusHelp,
		Example: example,
		Args:    exactArgs(0, "no arguments (give --instances DIR)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.benchConfig(kind)
			if err != nil {
				return err
			}
			return runBench(cmd.Context(), g, cfg)
		},
	}
	fs := cmd.Flags()
	fs.String("instances", "", "`DIR` of instance files (required)")
	fs.StringArray("reference", nil, "reference table `FILE` (repeatable)")
	fs.Duration("time-limit", limit, "search `duration` per instance")
	fs.Int("iterations", 0, "search iterations per worker per instance (0: no cap)")
	fs.Uint64("seed", 1, "random `seed`")
	fs.Int("workers", 0, "search `workers` (0: one per CPU)")
	fs.Int("limit", 0, "run at most `N` instances (0: all)")
	fs.Int("every", 0, "keep every `N`-th instance (0: all)")
	fs.String("filter", "", "keep instances whose name matches this `glob`")
	fs.String("format", "text", "table `format`: text, markdown, csv")
	return cmd
}

// benchConfig reads and checks the bench settings.
func (g *globals) benchConfig(kind benchmarks.Kind) (benchmarks.RunConfig, error) {
	cfg := benchmarks.RunConfig{
		Kind:       kind,
		Instances:  g.v.GetString("instances"),
		References: g.v.GetStringSlice("reference"),
		Filter:     g.v.GetString("filter"),
		Format:     benchmarks.Format(g.v.GetString("format")),
	}
	if cfg.Instances == "" {
		return cfg, usageError{fmt.Errorf("bench %s: --instances DIR is required", kind)}
	}
	var err error
	if cfg.TimeLimit, err = g.duration("time-limit"); err != nil {
		return cfg, err
	}
	for _, s := range []struct {
		key string
		dst *int
	}{{"iterations", &cfg.Iterations}, {"workers", &cfg.Workers}, {"limit", &cfg.Limit}, {"every", &cfg.Every}} {
		if *s.dst, err = g.integer(s.key); err != nil {
			return cfg, err
		}
	}
	if cfg.Seed, err = g.uint64Setting("seed"); err != nil {
		return cfg, err
	}
	if cfg.TimeLimit == 0 && cfg.Iterations == 0 {
		return cfg, usageError{fmt.Errorf("bench %s: set --time-limit or --iterations", kind)}
	}
	return cfg, nil
}

func runBench(ctx context.Context, g *globals, cfg benchmarks.RunConfig) error {
	g.log.Info().Str("kind", string(cfg.Kind)).Str("instances", cfg.Instances).Strs("references", cfg.References).
		Dur("time_limit", cfg.TimeLimit).Int("iterations", cfg.Iterations).Uint64("seed", cfg.Seed).
		Int("workers", cfg.Workers).Int("limit", cfg.Limit).Msg("benchmark")
	sum, err := benchmarks.Run(ctx, cfg, g.stdout)
	if err != nil {
		return fmt.Errorf("bench %s: %w", cfg.Kind, err)
	}
	g.log.Info().Int("instances", sum.Instances).Int("feasible", sum.Feasible).Int("matched", sum.Matched).
		Float64("mean_dev_ref", sum.MeanDevRef).Float64("mean_dev_lb", sum.MeanDevLB).Dur("mean_time", sum.MeanTime).Msg("benchmark done")
	return nil
}
