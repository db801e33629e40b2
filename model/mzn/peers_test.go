package mzn

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/pencil-post/pencil/benchmarks"
	"github.com/pencil-post/pencil/model/generate"
	"github.com/pencil-post/pencil/solver"
)

// peersDir holds the independent solvers (shared/peers beside the
// repository); PENCIL_PEERS_DIR overrides it.
func peersDir() string {
	if d := os.Getenv("PENCIL_PEERS_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "peers")
}

// chuffedCommand is the command line that runs MiniZinc with Chuffed on
// the export in dir, or the reason it cannot run here.
func chuffedCommand(dir string) ([]string, string) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, "node is not installed"
	}
	script := filepath.Join(peersDir(), "mzn-wasm.cjs")
	if _, err := os.Stat(script); err != nil {
		return nil, "no " + script
	}
	modules := os.Getenv("PEERS_NODE_MODULES")
	if modules == "" {
		home, _ := os.UserHomeDir()
		modules = filepath.Join(home, ".cache", "pencil-peers", "node_modules")
	}
	if _, err := os.Stat(filepath.Join(modules, "minizinc", "dist")); err != nil {
		return nil, "the npm minizinc module is not installed (run shared/peers/install.sh)"
	}
	return []string{node, script, "--solver", "chuffed", "-f", "--time-limit", "60000"}, ""
}

var provedLine = regexp.MustCompile(`(?m)^==========$`)

// chuffedOptimum solves the export with Chuffed and returns the proven
// optimum in currency units, in two proved phases when the export is
// lexicographic; it skips the test when Chuffed cannot run.
func chuffedOptimum(t *testing.T, ex *Export) float64 {
	t.Helper()
	if testing.Short() {
		t.Skip("the MiniZinc peer takes seconds per instance; skipped in -short")
	}
	dir := t.TempDir()
	if err := ex.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	args, why := chuffedCommand(dir)
	if why != "" {
		if os.Getenv("PENCIL_REQUIRE_PEERS") != "" {
			t.Fatal("PENCIL_REQUIRE_PEERS is set but", why)
		}
		t.Skip(why)
	}
	prove := func(ph Phase, makespanCap int64) []byte {
		cmd := slices.Concat(args, []string{"-D", ph.Data(makespanCap), filepath.Join(dir, "pencil.mzn"), filepath.Join(dir, "data.dzn")})
		out, err := exec.CommandContext(context.Background(), cmd[0], cmd[1:]...).CombinedOutput()
		if err != nil {
			t.Fatalf("MiniZinc, phase %d: %v\n%s", ph, err, out)
		}
		if !provedLine.Match(out) {
			t.Fatalf("Chuffed did not prove phase %d:\n%s", ph, out)
		}
		return out
	}
	var v int64
	if ex.Lexicographic {
		makespan := lastValue(t, prove(PhaseMakespan, 0), "makespan")
		out := prove(PhaseRest, makespan)
		if got := lastValue(t, out, "makespan"); got != makespan {
			t.Fatalf("the cost phase's makespan %d is not the proved %d", got, makespan)
		}
		v = ex.Objective(makespan, lastValue(t, out, "rest"))
		t.Logf("Chuffed proved makespan %d, then the rest: optimum %.2f", makespan, float64(v)/Scale)
	} else {
		v = lastValue(t, prove(PhaseWhole, 0), "objective")
		t.Logf("Chuffed proved the optimum %.2f", float64(v)/Scale)
	}
	return float64(v) / Scale
}

// lastValue is the last `name = N` line of MiniZinc's output.
func lastValue(t *testing.T, out []byte, name string) int64 {
	t.Helper()
	all := regexp.MustCompile(`(?m)^`+name+` = (-?\d+)$`).FindAllSubmatch(out, -1)
	if len(all) == 0 {
		t.Fatalf("no %s in MiniZinc's output:\n%s", name, out)
	}
	v, err := strconv.ParseInt(string(all[len(all)-1][1]), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// pencilSolve solves p with pencil and checks the schedule.
func pencilSolve(t *testing.T, p *solver.Problem, iterations int) *solver.Solution {
	t.Helper()
	sol, err := solver.Solve(context.Background(), p, solver.Options{Seed: 1, Iterations: iterations, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := solver.Verify(p, sol); err != nil {
		t.Fatal(err)
	}
	return sol
}

// TestChuffedAgreesOnPSPLIB: on J30 instances where pencil reaches the
// proven optimum of j30opt.sm, the exported model's optimum is the same.
func TestChuffedAgreesOnPSPLIB(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "benchmarks", "psplib")
	ref, err := benchmarks.LoadReference(filepath.Join(shared, "j30opt.sm"))
	if err != nil {
		t.Skipf("no PSPLIB reference: %v", err)
	}
	for _, name := range []string{"j301_1", "j3010_1"} {
		t.Run(name, func(t *testing.T) {
			in := loadInstance(t, filepath.Join(shared, "j30", name+".sm"))
			known, ok := ref.Lookup(name)
			if !ok || !known.Optimal {
				t.Fatalf("%s has no proven optimum in j30opt.sm", name)
			}
			sol := pencilSolve(t, in.Problem, 3000)
			if int(sol.Makespan) != known.Upper {
				t.Skipf("pencil reached %d, not the optimum %d: nothing to compare", sol.Makespan, known.Upper)
			}
			ex, err := Build(in.Problem)
			if err != nil {
				t.Fatal(err)
			}
			if got := chuffedOptimum(t, ex); got != float64(known.Upper) {
				t.Errorf("Chuffed's optimum %v, pencil's and j30opt.sm's %d", got, known.Upper)
			}
		})
	}
}

// TestChuffedAgreesOnIMOPSE: on a small iMOPSE instance, the optimum of
// the loader's objective (weighted makespan plus salaries) is pencil's
// cost.
func TestChuffedAgreesOnIMOPSE(t *testing.T) {
	in := loadInstance(t, filepath.Join("..", "..", "benchmarks", "testdata", "10_3_5_3.def"))
	sol := pencilSolve(t, in.Problem, 3000)
	ex, err := Build(in.Problem)
	if err != nil {
		t.Fatal(err)
	}
	if got := chuffedOptimum(t, ex); math.Abs(got-sol.Cost.Total) > 0.005 {
		t.Errorf("Chuffed's optimum %.2f, pencil's cost %.2f (makespan %d)", got, sol.Cost.Total, sol.Makespan)
	}
}

// TestChuffedAgreesOnGenRegular: on a GenRegular instance cut to 20
// tasks, whose whole objective is too large for Chuffed (makespan weight
// 16,487 per slot over a horizon of 519 slots: 8.6e8 in the model's
// units; the whole 100 tasks reach 3e10 and Chuffed runs out of memory or
// answers UNSATISFIABLE), the export is lexicographic and the two-phase
// optimum is pencil's cost.
func TestChuffedAgreesOnGenRegular(t *testing.T) {
	in := loadInstance(t, filepath.Join("testdata", "genregular-100_5_64_5_A-20.def"))
	ex, err := Build(in.Problem)
	if err != nil {
		t.Fatal(err)
	}
	if whole := float64(ex.MakespanWeight) * float64(in.Problem.Slots); !ex.Lexicographic || whole <= maxMoney {
		t.Fatalf("Lexicographic = %v with makespan weight × horizon %.0f: the test instance no longer needs two phases", ex.Lexicographic, whole)
	}
	sol := pencilSolve(t, in.Problem, 5000)
	if got := chuffedOptimum(t, ex); math.Abs(got-sol.Cost.Total) > 0.005 {
		t.Errorf("Chuffed's optimum %.2f, pencil's cost %.2f (makespan %d)", got, sol.Cost.Total, sol.Makespan)
	}
}

// agreesWithOptimum checks a solution of a problem the model exports
// exactly against Chuffed's optimum: pencil's cost is the optimum and its
// lower bound is not above it.
func agreesWithOptimum(t *testing.T, sol *solver.Solution, optimum float64) {
	t.Helper()
	t.Logf("pencil's lower bound %.2f (%s), Chuffed's optimum %.2f", sol.Bound.Cost, sol.Bound.Method, optimum)
	if math.Abs(optimum-sol.Cost.Total) > 0.005 {
		t.Errorf("Chuffed's optimum %.2f, pencil's cost %.2f", optimum, sol.Cost.Total)
	}
	if sol.Bound.Cost > optimum+0.005 {
		t.Errorf("pencil's lower bound %.2f (%s) is above Chuffed's optimum %.2f", sol.Bound.Cost, sol.Bound.Method, optimum)
	}
}

// TestChuffedAgreesOnGeneratedProduction: on small generated productions
// with only what the model exports exactly (generate.Options.Linear),
// Chuffed's optimum is pencil's cost, and the bound is not above it.
func TestChuffedAgreesOnGeneratedProduction(t *testing.T) {
	for _, seed := range []uint64{1} {
		t.Run(strconv.FormatUint(seed, 10), func(t *testing.T) {
			c := compileGenerated(t, generate.Options{Kind: generate.Series, Episodes: 1, Seed: seed, Linear: true})
			sol := pencilSolve(t, c.Problem, 3000)
			ex, err := Build(c.Problem)
			if err != nil {
				t.Fatal(err)
			}
			if !ex.Exact {
				t.Fatalf("a linear generated production is not exported exactly: %q", ex.Notes)
			}
			agreesWithOptimum(t, sol, chuffedOptimum(t, ex))
		})
	}
}

// TestChuffedAgreesOnTinyProduction: on a production that uses only what
// the model exports exactly, Chuffed's optimum is pencil's cost, and the
// bound is not above it.
// The same holds with continuity and max lags (timerules.yaml), and with
// overtime past midnight (midnight.yaml).
func TestChuffedAgreesOnTinyProduction(t *testing.T) {
	for _, name := range []string{"tiny", "timerules", "midnight"} {
		t.Run(name, func(t *testing.T) {
			c := compileFile(t, "testdata/"+name+".yaml")
			sol := pencilSolve(t, c.Problem, 2000)
			ex, err := Build(c.Problem)
			if err != nil {
				t.Fatal(err)
			}
			if !ex.Exact {
				t.Fatalf("%s.yaml is not exported exactly: %q", name, ex.Notes)
			}
			agreesWithOptimum(t, sol, chuffedOptimum(t, ex))
		})
	}
}
