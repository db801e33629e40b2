package compile

import (
	"fmt"
	"io"

	"github.com/pencil-post/pencil/solver"
)

// Explain describes a conflict — a set of constraint groups that cannot
// all hold — one line per group, in the trade's words with positions:
//
//	artiste needed: ADR, Ep 3 needs artiste Maya Rees (feature.yaml:120:5)
//	artiste availability: Maya Rees's dates from her agent: only 2026-05-02..2026-05-09 (feature.yaml:88:7)
//	order of work: ADR, Ep 3 starts after Picture lock, Ep 3 finishes (feature.yaml:121:9)
//
// Groups out of range are named by number, so a stale conflict still
// prints.
func (c *Compiled) Explain(conflict []solver.GroupID) []string {
	lines := make([]string, 0, len(conflict))
	for _, id := range conflict {
		if id < 0 || int(id) >= len(c.Problem.Groups) {
			lines = append(lines, fmt.Sprintf("constraint group %d", id))
			continue
		}
		g := c.Problem.Groups[id]
		lines = append(lines, g.Kind+": "+g.Label)
	}
	return lines
}

// WriteExplanation prints why no schedule exists: the conflict's lines
// under a heading, and what to do about it.
func (c *Compiled) WriteExplanation(w io.Writer, conflict []solver.GroupID) error {
	var b []byte
	if len(conflict) == 0 {
		b = append(b, "No schedule was found, and the search could not narrow down why.\n"+
			"Try a longer --time-limit, or relax dates, windows and budget caps.\n"...)
	} else {
		b = append(b, "No schedule exists: these constraints cannot all hold together.\n"...)
		for _, l := range c.Explain(conflict) {
			b = append(b, "  - "+l+"\n"...)
		}
		if len(conflict) > 1 {
			b = append(b, "Relax any one of them (move a date, widen a window or an agent's dates, add crew, raise a cap) and the rest can be met.\n"...)
		} else {
			b = append(b, "This constraint cannot be met on its own.\n"...)
		}
	}
	_, err := w.Write(b)
	return err
}
