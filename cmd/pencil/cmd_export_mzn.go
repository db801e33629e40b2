package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/pencil-post/pencil/benchmarks"
	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/mzn"
	"github.com/pencil-post/pencil/solver"
)

func newExportMZNCommand(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "mzn [PROJECT]",
		Short: "Write a MiniZinc model and data of a project or a benchmark instance",
		Long: `Write the scheduling problem pencil solves as MiniZinc: DIR/pencil.mzn
(the model, the same for every export) and DIR/data.dzn (this problem),
so that an independent solver such as Chuffed can check pencil's answers.
Give a project file, or --psplib FILE.sm, or --imopse FILE.def.

Exported: earliest starts and deadlines, windows and availability, crew
pools (one or more distinct people from a role), suites and capacities,
finish-to-start and start-to-start dependencies with lags, longest
waits (max_lag), continuity of one person or suite, confirmed
bookings, session fees, overhead, lateness, makespan and budget caps.
Approximated or left out, and listed after writing when the problem has
them: sessions that split (held over their whole span), day, half-day
and weekly rates (made linear per slot), minimum calls, overtime, kit,
travel and holding days, weekend and holiday premiums, working-time rules
and the cost of moving a pencil. With none of these the model's optimum,
divided by 100, is pencil's cost.

Solve it with, for example:
  minizinc --solver chuffed DIR/pencil.mzn DIR/data.dzn

Chuffed's integers are 32-bit. When the whole objective would overflow
them but the makespan weight outweighs every other cost (iMOPSE weighs
makespan above any salary saving), the export says "lexicographic": solve
the makespan first, then the cost with the makespan capped at what the
first run reached; the objective is cost + weight × makespan:
  minizinc --solver chuffed -D "phase=1;" DIR/pencil.mzn DIR/data.dzn
  minizinc --solver chuffed -D "phase=2;makespan_cap=M;" DIR/pencil.mzn DIR/data.dzn
` + exitStatusHelp,
		Example: `  pencil export mzn testdata/feature.yaml --out feature-mzn/
  pencil export mzn --psplib j30/j301_1.sm --out j301_1/
  pencil export mzn --imopse imopse/Small/10_3_5_3.def --out 10_3_5_3/`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("want at most one project file, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			src, err := mznSource(args, g.v.GetString("psplib"), g.v.GetString("imopse"))
			if err != nil {
				return err
			}
			out := g.v.GetString("out")
			if out == "" {
				return usageError{errors.New("export mzn: give --out DIR")}
			}
			return runExportMZN(g.stdout, src, out)
		},
	}
	fs := cmd.Flags()
	fs.String("out", "", "write pencil.mzn and data.dzn into `DIR` (created if needed)")
	fs.String("psplib", "", "export the PSPLIB instance `FILE.sm` instead of a project")
	fs.String("imopse", "", "export the iMOPSE instance `FILE.def` instead of a project")
	return cmd
}

// mznInput is what export mzn reads: exactly one of a project file, a
// PSPLIB or an iMOPSE instance.
type mznInput struct {
	path string
	kind benchmarks.Kind // empty for a project file
}

// mznSource checks that exactly one input was given.
func mznSource(args []string, psplib, imopse string) (mznInput, error) {
	var given []mznInput
	if len(args) == 1 {
		given = append(given, mznInput{path: args[0]})
	}
	if psplib != "" {
		given = append(given, mznInput{path: psplib, kind: benchmarks.KindPSPLIB})
	}
	if imopse != "" {
		given = append(given, mznInput{path: imopse, kind: benchmarks.KindIMOPSE})
	}
	if len(given) != 1 {
		return mznInput{}, usageError{fmt.Errorf("export mzn: give one of a project file, --psplib FILE or --imopse FILE (got %d)", len(given))}
	}
	return given[0], nil
}

// runExportMZN compiles or loads the input, writes the model and data
// into dir and lists what the model approximates.
func runExportMZN(w io.Writer, src mznInput, dir string) error {
	p, err := loadForMZN(src)
	if err != nil {
		return err
	}
	ex, err := mzn.Build(p)
	if err != nil {
		return fmt.Errorf("export mzn: %w", err)
	}
	if err := ex.WriteDir(dir); err != nil {
		return fmt.Errorf("export mzn: %w", err)
	}
	fmt.Fprintf(w, "wrote %s and %s (%d tasks, %d resources)\n",
		filepath.Join(dir, "pencil.mzn"), filepath.Join(dir, "data.dzn"), len(p.Tasks), len(p.Resources))
	if ex.Lexicographic {
		fmt.Fprintf(w, "lexicographic: the whole objective is too large for Chuffed's 32-bit integers; solve -D %q, then -D \"phase=2;makespan_cap=M;\" with M the makespan it reached; the objective is rest + %d × makespan\n",
			mzn.PhaseMakespan.Data(0), ex.MakespanWeight)
	}
	if ex.Exact {
		fmt.Fprintln(w, "exact: the model's optimum / 100 is pencil's cost")
		return nil
	}
	fmt.Fprintln(w, "approximated or left out:")
	for _, n := range ex.Notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	return nil
}

// loadForMZN returns the frozen problem of a project or an instance.
func loadForMZN(src mznInput) (*solver.Problem, error) {
	if src.kind == "" {
		proj, err := model.Load(src.path)
		if err != nil {
			return nil, err
		}
		c, err := compile.Compile(proj, compile.Options{})
		if err != nil {
			return nil, err
		}
		return c.Problem, nil
	}
	f, err := os.Open(src.path)
	if err != nil {
		return nil, usageError{fmt.Errorf("export mzn: %w", err)}
	}
	defer f.Close()
	load := benchmarks.LoadPSPLIB
	if src.kind == benchmarks.KindIMOPSE {
		load = benchmarks.LoadIMOPSE
	}
	in, err := load(f, filepath.Base(src.path))
	if err != nil {
		return nil, usageError{fmt.Errorf("export mzn: %w", err)}
	}
	return in.Problem, nil
}
