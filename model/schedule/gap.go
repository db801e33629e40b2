package schedule

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// PoolGap is where part of the gap lies: the schedule's cost and the
// proven bound on one pool of suites, people and artistes that stand in
// for each other (every session that may book one of them books only
// among them). A pool whose Cost is far above its Bound is where a
// cheaper schedule may be found, or where the bound is weak.
type PoolGap struct {
	// Names are the display names of the pool's members.
	Names []string
	// Cost is this schedule's cost on them; Bound is at most what any
	// schedule costs on them.
	Cost, Bound float64
}

// Gap is the difference the pool accounts for.
func (g PoolGap) Gap() float64 { return g.Cost - g.Bound }

// Label names the pool for a reader: its members, or the first two and
// how many more.
func (g PoolGap) Label() string {
	switch n := len(g.Names); {
	case n <= 3:
		return joinAnd(g.Names)
	default:
		return fmt.Sprintf("%s, %s and %d more", g.Names[0], g.Names[1], n-2)
	}
}

// joinAnd joins names as "A, B and C".
func joinAnd(names []string) string {
	if len(names) <= 1 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// poolGaps splits the gap of sol by the pools of its bound (empty when
// the bound is not split), the largest difference first. A pool's names
// start with the first member of each kind (suite, person, artiste), so
// that a label of the first few says what the pool is.
func poolGaps(c *compile.Compiled, sol *solver.Solution) []PoolGap {
	var out []PoolGap
	for _, pool := range sol.Bound.Pools {
		g := PoolGap{Bound: pool.Cost}
		var firsts, others []string
		seen := map[compile.ResourceKind]bool{}
		for _, r := range pool.Resources {
			if int(r) >= len(c.Resources) || int(r) >= len(sol.Cost.ByResource) {
				return nil
			}
			info := c.Resources[r]
			if seen[info.Kind] {
				others = append(others, info.Name)
			} else {
				seen[info.Kind] = true
				firsts = append(firsts, info.Name)
			}
			g.Cost += sol.Cost.ByResource[r]
		}
		g.Names = append(firsts, others...)
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(a, b PoolGap) int { return cmp.Compare(b.Gap(), a.Gap()) })
	return out
}

// gapRowsShown is how many pools the table lists; the rest are summed.
const gapRowsShown = 5

// writeGapText lists where the gap lies when it is at least 1%: the
// pools with the largest differences, the other pools together, and
// what lies outside every pool (overhead, lateness, recall fees,
// cancellation charges and search weights).
// Amounts are written by amount (money, or plain numbers when the
// objective holds search weights).
func writeGapText(p func(string, ...any), s *Schedule, amount func(float64) string) {
	if len(s.Pools) == 0 || s.Gap < 0.01 {
		return
	}
	p("\nWhere the gap lies (this schedule against the bound, for suites, people and artistes that stand in for each other)\n")
	var rest PoolGap
	outside := PoolGap{Cost: s.Cost.Objective, Bound: s.Bound}
	for i, g := range s.Pools {
		outside.Cost -= g.Cost
		outside.Bound -= g.Bound
		if i < gapRowsShown && g.Gap() >= 0.005*s.Cost.Objective {
			p("  %s\t%s\tbound %s\t%s\n", g.Label(), amount(g.Cost), amount(g.Bound), amount(g.Gap()))
			continue
		}
		rest.Cost += g.Cost
		rest.Bound += g.Bound
	}
	if rest.Gap() >= 0.5 {
		p("  the others\t%s\tbound %s\t%s\n", amount(rest.Cost), amount(rest.Bound), amount(rest.Gap()))
	}
	if outside.Gap() >= 0.5 {
		p("  overhead, lateness and other terms\t%s\tbound %s\t%s\n", amount(outside.Cost), amount(outside.Bound), amount(outside.Gap()))
	}
}
