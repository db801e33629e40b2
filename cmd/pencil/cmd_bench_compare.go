package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/benchmarks/compare"
)

func newBenchCompareCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Run pencil and peer solvers side by side on the same instances",
		Long: `Run pencil and independent peer solvers (Chuffed through MiniZinc,
HiGHS on a time-indexed MIP) one after the other on the same instances at
the same time limit, and write a dated Markdown table to --out as
<date>-compare-<label>.md (--label, default the family): per instance
each solver's value, status, time to first feasible, wall time and peak
memory, then per peer the mean
values, their ratio, how often pencil is better, equal or worse, and the
time to first feasible. PSPLIB families go to the peers through
run-rcpsp.sh; iMOPSE and generated productions are exported with the
MiniZinc model of pencil export mzn; an export whose objective is too
large for Chuffed's 32-bit integers is solved makespan first, then cost,
within the one time limit. A peer that is not installed is skipped with
a note (install them with shared/peers/install.sh).
` + exitStatusHelp,
		Example: `  pencil bench compare --family psplib-j30 --instances ../shared/benchmarks/psplib/j30 --every 48 --time-limit 1s
  pencil bench compare --family imopse --instances ../shared/benchmarks/imopse/Small --time-limit 5s --peers chuffed
  pencil generate feature --linear > feature.yaml && pencil bench compare --family generated --instances feature.yaml`,
		Args: exactArgs(0, "no arguments (give --instances DIR)"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, out, err := g.benchCompareConfig()
			if err != nil {
				return err
			}
			return runBenchCompare(cmd.Context(), g, cfg, out)
		},
	}
	fs := cmd.Flags()
	fs.String("family", "", "instance `family`: psplib-j30, psplib-j120, imopse, generated (required)")
	fs.String("instances", "", "`DIR` or file of instances (required)")
	fs.String("label", "", "`NAME` of the sample in the table's title and file name (default: the family)")
	fs.Int("limit", 0, "run at most `N` instances (0: all)")
	fs.Int("every", 0, "keep every `N`-th instance (0: all)")
	fs.Duration("time-limit", 5*time.Second, "every solver's time per instance")
	fs.String("peers", "chuffed,highs-lp", "comma-separated peer `solvers`: chuffed, highs-lp")
	fs.String("peers-dir", "../shared/peers", "`DIR` holding run-rcpsp.sh and mzn-wasm.cjs (PENCIL_PEERS_DIR overrides)")
	fs.Uint64("seed", 1, "pencil's random `seed`")
	fs.Int("workers", 0, "pencil's search `workers` (0: one per CPU)")
	fs.String("out", "benchmarks/results", "`DIR` to write the table into")
	return cmd
}

// benchCompareConfig reads and checks the settings of bench compare.
func (g *globals) benchCompareConfig() (compare.Config, string, error) {
	cfg := compare.Config{
		Family:    compare.Family(g.v.GetString("family")),
		Instances: g.v.GetString("instances"),
		Label:     g.v.GetString("label"),
		Tools:     compare.DefaultTools(g.v.GetString("peers-dir")),
	}
	if cfg.Family == "" || cfg.Instances == "" {
		return cfg, "", usageError{fmt.Errorf("bench compare: --family and --instances are required")}
	}
	for _, p := range strings.Split(g.v.GetString("peers"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			cfg.Peers = append(cfg.Peers, p)
		}
	}
	var err error
	if cfg.TimeLimit, err = g.duration("time-limit"); err != nil {
		return cfg, "", err
	}
	for _, s := range []struct {
		key string
		dst *int
	}{{"limit", &cfg.Limit}, {"every", &cfg.Every}, {"workers", &cfg.Workers}} {
		if *s.dst, err = g.integer(s.key); err != nil {
			return cfg, "", err
		}
	}
	if cfg.Seed, err = g.uint64Setting("seed"); err != nil {
		return cfg, "", err
	}
	return cfg, g.v.GetString("out"), nil
}

func runBenchCompare(ctx context.Context, g *globals, cfg compare.Config, out string) error {
	env := compare.Environment{Date: time.Now().UTC(), CPUs: runtime.NumCPU()}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			env.Load = strings.Join(f[:3], " ")
		}
	}
	rep, err := compare.Run(ctx, cfg, func(r compare.Row) {
		ev := g.log.Info().Str("instance", r.Instance).Float64("pencil", r.Pencil.Value).Str("pencil_status", string(r.Pencil.Status))
		for i, o := range r.Peers {
			ev = ev.Float64(cfg.Peers[i], o.Value).Str(cfg.Peers[i]+"_status", string(o.Status))
		}
		ev.Msg("compared")
	})
	if err != nil {
		if errors.Is(err, compare.ErrConfig) {
			return usageError{fmt.Errorf("bench compare: %w", err)}
		}
		return fmt.Errorf("bench compare: %w", err)
	}
	path, err := rep.WriteFile(out, env)
	if err != nil {
		return fmt.Errorf("bench compare: %w", err)
	}
	for _, s := range rep.Summarize() {
		fmt.Fprintf(g.stdout, "%s vs %s: %d both solved, mean %.2f vs %.2f, better %d equal %d worse %d, first feasible %.3fs vs %.3fs\n",
			cfg.Family, s.Peer, s.Both, s.PencilMean, s.PeerMean, s.Better, s.Equal, s.Worse, s.PencilFirst.Seconds(), s.PeerFirst.Seconds())
	}
	fmt.Fprintln(g.stdout, path)
	return nil
}
