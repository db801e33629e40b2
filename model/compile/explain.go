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

// Headline sums up a conflict in one sentence when it has a shape the
// trade has words for, and returns "" otherwise. The shape it knows is an
// artiste who cannot be there: a session needs the artiste, the agent's
// dates are too few, and (when in the conflict) the session must follow
// another:
//
//	ADR, Ep 3 needs artiste Maya Rees after picture lock, Ep 3 (not before Tue 12 May); Hamilton Hodell gave only 2–9 May
func (c *Compiled) Headline(conflict []solver.GroupID) string {
	p := c.Problem
	in := make(map[solver.GroupID]bool, len(conflict))
	for _, g := range conflict {
		in[g] = true
	}
	for t, task := range p.Tasks {
		for _, d := range task.Demands {
			if !in[d.Group] || len(d.Candidates) != 1 {
				continue
			}
			a := d.Candidates[0]
			if c.Resources[a].Kind != Artiste || !in[p.Resources[a].AvailabilityGroup] {
				continue
			}
			after := ""
			for _, pr := range p.Precedences {
				if in[pr.Group] && int(pr.To) == t {
					from := p.Tasks[pr.From]
					after = " after " + from.Name
					if from.Release > 0 {
						after += " (not before " + c.Grid.Time(from.Release).Format("Mon 2 Jan") + ")"
					}
					break
				}
			}
			ri := c.Resources[a]
			offered := "no dates"
			if ri.Offered != "" {
				offered = "only " + ri.Offered
			}
			return fmt.Sprintf("%s needs artiste %s%s; %s gave %s", task.Name, ri.Name, after, ri.Agent, offered)
		}
	}
	return ""
}

// WriteExplanation prints why no schedule exists: the headline when there
// is one, the conflict's lines under a heading, and what to do about it.
func (c *Compiled) WriteExplanation(w io.Writer, conflict []solver.GroupID) error {
	var b []byte
	if len(conflict) == 0 {
		b = append(b, "No schedule was found, and the search could not narrow down why.\n"+
			"Try a longer --time-limit, or relax dates, windows and budget caps.\n"...)
	} else {
		if h := c.Headline(conflict); h != "" {
			b = append(b, h+".\n"...)
		}
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
