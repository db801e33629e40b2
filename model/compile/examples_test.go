package compile_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/model/compile/compiletest"
	"github.com/pencil-post/pencil/solver"
	"pgregory.net/rapid"
)

// positioned matches a label ending in its source position.
var positioned = regexp.MustCompile(`\(\S+:\d+:\d+\)$`)

// TestExamplesSolveAndVerify compiles each example production, solves it
// briefly and has the solver's independent verifier check the schedule;
// every constraint group is labelled with a position in the file.
func TestExamplesSolveAndVerify(t *testing.T) {
	for _, name := range []string{"feature.yaml", "series.yaml", "facility.yaml"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "testdata", name)
			if _, err := os.Stat(path); err != nil {
				t.Skipf("no example: %v", err)
			}
			p, err := model.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			c, err := compile.Compile(p, compile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i, g := range c.Problem.Groups {
				if g.Kind == "" || !positioned.MatchString(g.Label) {
					t.Errorf("group %d %q: %q has no position", i, g.Kind, g.Label)
				}
			}
			sol, err := solver.Solve(context.Background(), c.Problem, solver.Options{Seed: 1, Iterations: 30, Workers: 1, WarmStart: c.WarmStart})
			if err != nil {
				t.Fatal(err)
			}
			if err := solver.Verify(c.Problem, sol); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestCompileProperty: for random session lengths, windows and dates,
// Compile either reports positioned problems, or gives every task a
// release before its deadline and, when it is not split, a run of window
// slots long enough to hold it.
func TestCompileProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := compiletest.Short()
		adr := p.Sessions[2]
		adr.Duration = time.Duration(rapid.IntRange(1, 24).Draw(rt, "halfHours")) * 30 * time.Minute
		start := rapid.IntRange(0, 23).Draw(rt, "windowStart")
		adr.Window = model.ClockRange{Start: model.Clock(start * 60), End: model.Clock(rapid.IntRange(start+1, 24).Draw(rt, "windowEnd") * 60)}
		adr.Split = rapid.Bool().Draw(rt, "split")
		loc := p.Calendar.Location
		adr.Release = time.Date(2026, 10, 19+rapid.IntRange(0, 12).Draw(rt, "release"), 0, 0, 0, 0, loc)
		c, err := compile.Compile(p, compile.Options{})
		if err != nil {
			var verr *model.ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) == 0 {
				rt.Fatalf("unpositioned error %v", err)
			}
			for _, pr := range verr.Problems {
				if pr.Line == 0 || pr.Field == "" {
					rt.Fatalf("problem without a place: %v", pr)
				}
			}
			return
		}
		for _, task := range c.Problem.Tasks {
			if task.Deadline <= task.Release && task.Duration > 0 {
				rt.Fatalf("%s: release %d, deadline %d", task.Name, task.Release, task.Deadline)
			}
			if task.Split || task.Duration == 0 {
				continue
			}
			longest, run := 0, 0
			for s := task.Release; s < task.Deadline; s++ {
				if task.Window.Has(s) {
					run++
					longest = max(longest, run)
				} else {
					run = 0
				}
			}
			if longest < task.Duration {
				rt.Fatalf("%s: %d slots, longest window run %d", task.Name, task.Duration, longest)
			}
		}
	})
}
