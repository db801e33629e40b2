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
//	ADR, Ep 3 needs artiste Maya Rees after picture lock, Ep 3 (so not before Tue 12 May); Hamilton Hodell gave only 2–9 May
//
// The date is the earliest the precedence allows, from releases, windows,
// durations and lags alone (resources ignored). The other is a session
// whose rooms are never free together (see roomsHeadline).
func (c *Compiled) Headline(conflict []solver.GroupID) string {
	in := make(map[solver.GroupID]bool, len(conflict))
	for _, g := range conflict {
		in[g] = true
	}
	if h := c.artisteHeadline(in); h != "" {
		return h
	}
	return c.roomsHeadline(in)
}

// artisteHeadline is the headline of an artiste who cannot be there, or
// "".
func (c *Compiled) artisteHeadline(in map[solver.GroupID]bool) string {
	p := c.Problem
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
					after = " after " + p.Tasks[pr.From].Name
					if at := c.earliestAfter(pr); at > 0 && pr.Kind != solver.FinishToFinish {
						after += " (so not before " + c.Grid.Time(at).Format("Mon 2 Jan") + ")"
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
// sure says how far the conflict was checked (see CheckConflict): only a
// confirmed conflict is stated as fact; one whose checks could not be
// finished, or that names more than the clash needs, is worded
// "probably"; a refuted one is not shown as the cause.
func (c *Compiled) WriteExplanation(w io.Writer, conflict []solver.GroupID, sure solver.Certainty) error {
	var b []byte
	if len(conflict) == 0 || sure == solver.Refuted {
		b = append(b, "No schedule was found, and the search could not narrow down why.\n"+
			"Try a longer --time-limit, or relax dates, windows and budget caps.\n"...)
		_, err := w.Write(b)
		return err
	}
	if h := c.Headline(conflict); h != "" {
		if sure != solver.Confirmed {
			h = "Probably: " + h
		}
		b = append(b, h+".\n"...)
	}
	switch sure {
	case solver.Confirmed:
		b = append(b, "No schedule exists: these constraints cannot all hold together.\n"...)
	case solver.NotMinimal:
		b = append(b, "No schedule was found: these constraints probably cannot all hold together, though not all of them are needed for the clash.\n"...)
	default:
		b = append(b, "No schedule was found: probably these constraints cannot all hold together (there was no time left to check it).\n"...)
	}
	for _, l := range c.Explain(conflict) {
		b = append(b, "  - "+l+"\n"...)
	}
	switch {
	case len(conflict) == 1 && sure == solver.Confirmed:
		b = append(b, "This constraint cannot be met on its own.\n"...)
	case len(conflict) == 1:
		b = append(b, "This constraint probably cannot be met on its own.\n"...)
	case sure == solver.Confirmed:
		b = append(b, "Relax any one of them (move a date, widen a window or an agent's dates, add crew, raise a cap) and the rest can be met.\n"...)
	default:
		b = append(b, "Relaxing one of them (move a date, widen a window or an agent's dates, add crew, raise a cap) probably lets the rest be met.\n"...)
	}
	_, err := w.Write(b)
	return err
}

// earliestAfter returns the earliest start a precedence allows its To task
// (its earliest end for a finish-to-finish link), by a forward pass over
// releases, windows, durations and lags that ignores resources and the
// finish-to-finish links, which bound ends.
func (c *Compiled) earliestAfter(pr solver.Precedence) solver.Slot {
	p := c.Problem
	start := make([]solver.Slot, len(p.Tasks))
	end := make([]solver.Slot, len(p.Tasks))
	for _, t := range p.TopologicalOrder() {
		s := p.Tasks[t].Release
		for _, e := range p.Predecessors(t) {
			if p.Precedences[e].Kind != solver.FinishToFinish {
				s = max(s, c.advance(p.Precedences[e], start, end))
			}
		}
		start[t], end[t] = s, c.finish(&p.Tasks[t], s)
	}
	return c.advance(pr, start, end)
}

// advance is where a precedence lets its To task start, given its From
// task's start and end.
func (c *Compiled) advance(pr solver.Precedence, start, end []solver.Slot) solver.Slot {
	x := end[pr.From]
	if pr.Kind == solver.StartToStart {
		x = start[pr.From]
	}
	return c.Problem.Advance(x, pr.Lag, pr.LagWorking)
}

// finish is the earliest end of a task started at s or later in its
// window: its work counted over open window slots when split, else the end
// of the first run of window slots long enough to hold it.
func (c *Compiled) finish(task *solver.Task, s solver.Slot) solver.Slot {
	limit := solver.Slot(c.Problem.Slots)
	if task.Duration == 0 {
		return s
	}
	run, done := 0, 0
	for x := s; x < limit; x++ {
		if !task.Window.Has(x) {
			run = 0
			continue
		}
		run++
		done++
		if (task.Split && done == task.Duration) || run == task.Duration {
			return x + 1
		}
	}
	return limit
}
