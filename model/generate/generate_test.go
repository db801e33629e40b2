package generate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// tb is what the helpers need of *testing.T and *rapid.T.
type tb interface {
	Helper()
	Fatalf(format string, args ...any)
	Errorf(format string, args ...any)
}

// compileGenerated generates opts and loads and compiles the file the way
// pencil solve does.
func compileGenerated(t tb, opts Options) (*Generated, *generator, *compile.Compiled) {
	t.Helper()
	out, g, err := build(opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	p, err := model.Parse(fmt.Sprintf("generated-%s-%d.yaml", opts.Kind, opts.Seed), out.YAML)
	if err != nil {
		t.Fatalf("Generate(%+v) wrote a file that does not load: %v", opts, err)
	}
	c, err := compile.Compile(p, compile.Options{})
	if err != nil {
		t.Fatalf("Generate(%+v) wrote a file that does not compile: %v", opts, err)
	}
	if len(c.Warnings) > 0 {
		t.Errorf("Generate(%+v): compile warnings %q", opts, c.Warnings)
	}
	return out, g, c
}

// referencePlacements turns the generator's reference schedule into
// solver placements of the compiled problem.
func referencePlacements(t tb, g *generator, c *compile.Compiled) []solver.Placement {
	t.Helper()
	task := map[string]int{}
	for i, ti := range c.Tasks {
		task[ti.ID] = i
	}
	res := map[string]solver.ResourceID{}
	for i, ri := range c.Resources {
		res[ri.ID] = solver.ResourceID(i)
	}
	out := make([]solver.Placement, len(c.Tasks))
	for _, p := range g.prods {
		for _, s := range p.sessions {
			id := s.id
			if g.opts.Kind == Facility {
				id = p.id + "/" + s.id
			}
			i, ok := task[id]
			if !ok {
				t.Fatalf("session %s is not a compiled task", id)
			}
			day := c.Grid.DayIndex(time.Date(g.day(s.start/dayMinutes).Year(), g.day(s.start/dayMinutes).Month(), g.day(s.start/dayMinutes).Day(), 12, 0, 0, 0, c.Grid.Location))
			pl := solver.Placement{Start: c.Grid.SlotAtDay(day, 9*60+s.start%dayMinutes)}
			used := map[solver.ResourceID]bool{}
			for _, d := range c.Problem.Tasks[i].Demands {
				for range max(d.Count, 1) {
					found := false
					for _, r := range s.chosen {
						id := res[r.id]
						if !used[id] && contains(d.Candidates, id) {
							pl.Resources, used[id], found = append(pl.Resources, id), true, true
							break
						}
					}
					if !found {
						t.Fatalf("%s: no reference resource for a demand", id)
					}
				}
			}
			out[i] = pl
		}
	}
	return out
}

func contains(ids []solver.ResourceID, id solver.ResourceID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestReferenceScheduleIsFeasible checks feasibility by construction: the
// generator's own schedule passes the solver's independent checker on the
// compiled problem, budget caps included, for every kind and several
// seeds.
func TestReferenceScheduleIsFeasible(t *testing.T) {
	tests := []Options{
		{Kind: Series, Episodes: 1, Seed: 1},
		{Kind: Series, Episodes: 3, Seed: 2},
		{Kind: Series, Episodes: 6, Seed: 3},
		{Kind: Feature, Seed: 4},
		{Kind: Feature, Seed: 5},
		{Kind: Facility, Productions: 3, Episodes: 2, Seed: 6},
		{Kind: Facility, Productions: 4, Episodes: 2, Seed: 7},
		{Kind: Series, Episodes: 2, Seed: 8, Linear: true},
		{Kind: Facility, Productions: 2, Episodes: 1, Seed: 9, Linear: true},
	}
	for _, opts := range tests {
		t.Run(fmt.Sprintf("%s-%d", opts.Kind, opts.Seed), func(t *testing.T) {
			out, g, c := compileGenerated(t, opts)
			sol, err := c.Problem.Evaluate(referencePlacements(t, g, c))
			if err != nil {
				t.Fatalf("Evaluate reference: %v", err)
			}
			if err := solver.Verify(c.Problem, sol); err != nil {
				t.Fatalf("the reference schedule of %+v is not feasible: %v", opts, err)
			}
			if len(c.Tasks) != out.Sessions {
				t.Errorf("compiled %d tasks, generated %d sessions", len(c.Tasks), out.Sessions)
			}
		})
	}
}

// TestSmallGeneratedSolve solves small generated files with pencil's
// solver and checks the schedule.
func TestSmallGeneratedSolve(t *testing.T) {
	for _, opts := range []Options{{Kind: Series, Episodes: 1, Seed: 11}, {Kind: Facility, Productions: 2, Episodes: 1, Seed: 12}} {
		t.Run(string(opts.Kind), func(t *testing.T) {
			_, _, c := compileGenerated(t, opts)
			sol, err := solver.Solve(context.Background(), c.Problem, solver.Options{Seed: 1, Iterations: 20, Workers: 1})
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			if err := solver.Verify(c.Problem, sol); err != nil {
				t.Fatalf("Verify: %v", err)
			}
		})
	}
}

// TestDeterministic checks that a seed gives byte-identical files and
// that different seeds give different ones.
func TestDeterministic(t *testing.T) {
	for _, kind := range []Kind{Feature, Series, Facility} {
		a, err := Generate(Options{Kind: kind, Episodes: 2, Seed: 42})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Generate(Options{Kind: kind, Episodes: 2, Seed: 42})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.YAML, b.YAML) {
			t.Errorf("%s: seed 42 gave two different files", kind)
		}
		c, err := Generate(Options{Kind: kind, Episodes: 2, Seed: 43})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a.YAML, c.YAML) {
			t.Errorf("%s: seeds 42 and 43 gave the same file", kind)
		}
	}
}

// TestSeriesSize checks the size the scale curve starts from: a
// ten-episode series of about 2,000 sessions, 60 people and suites and
// six months.
func TestSeriesSize(t *testing.T) {
	out, err := Generate(Options{Kind: Series, Episodes: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if out.Sessions < 1700 || out.Sessions > 2300 {
		t.Errorf("sessions = %d, want about 2,000", out.Sessions)
	}
	if n := out.People + out.Suites; n < 45 || n > 75 {
		t.Errorf("people and suites = %d, want about 60", n)
	}
	if out.WorkingDays < 80 || out.WorkingDays > 160 {
		t.Errorf("working days = %d, want about six months", out.WorkingDays)
	}
}

func TestOptionsErrors(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"unknown kind", Options{Kind: "documentary"}},
		{"too many episodes", Options{Kind: Series, Episodes: MaxEpisodes + 1}},
		{"negative episodes", Options{Kind: Series, Episodes: -1}},
		{"too many productions", Options{Kind: Facility, Productions: MaxProductions + 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Generate(tt.opts); !errors.Is(err, ErrOptions) {
				t.Errorf("Generate(%+v) = %v, want ErrOptions", tt.opts, err)
			}
		})
	}
}

// TestGeneratedLoadsProperty: every generated file of a random small
// shape loads, compiles, and its reference schedule verifies.
func TestGeneratedLoadsProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		opts := Options{
			Kind:        rapid.SampledFrom([]Kind{Feature, Series, Facility}).Draw(rt, "kind"),
			Episodes:    rapid.IntRange(1, 2).Draw(rt, "episodes"),
			Productions: rapid.IntRange(1, 2).Draw(rt, "productions"),
			Seed:        rapid.Uint64().Draw(rt, "seed"),
		}
		_, g, c := compileGenerated(rt, opts)
		sol, err := c.Problem.Evaluate(referencePlacements(rt, g, c))
		if err != nil {
			rt.Fatalf("Evaluate: %v", err)
		}
		if err := solver.Verify(c.Problem, sol); err != nil {
			rt.Fatalf("reference of %+v infeasible: %v", opts, err)
		}
	})
}

// TestGeneratedTimeRules: a generated episode keeps one editor and
// cutting room through its cut chain and one mixer and stage through each
// reel's premix and mix, mixes a reel by the next working day after its
// premix and makes captions by the next working day after QC; the
// compiled problem carries those rules and the reference schedule keeps
// them (TestReferenceScheduleIsFeasible verifies it).
func TestGeneratedTimeRules(t *testing.T) {
	for _, tt := range []struct {
		opts                Options
		maxLags, sameAsKept int
	}{
		// per episode: 5 reels' mixes + captions; 2 cuts + 5 mixes, each
		// keeping a person and a suite.
		{Options{Kind: Series, Episodes: 2, Seed: 1}, 2 * 6, 2 * 7 * 2},
		{Options{Kind: Feature, Seed: 2}, 8 + 1, (2 + 8) * 2},
	} {
		t.Run(string(tt.opts.Kind), func(t *testing.T) {
			_, _, c := compileGenerated(t, tt.opts)
			if n := len(c.Problem.MaxLags); n != tt.maxLags {
				t.Errorf("%d longest waits, want %d", n, tt.maxLags)
			}
			if n := len(c.Problem.SameResources); n != tt.sameAsKept {
				t.Errorf("%d kept people and suites, want %d", n, tt.sameAsKept)
			}
		})
	}
}
