package compile

import (
	"fmt"
	"strings"
	"time"

	"github.com/pencil-post/pencil/solver"
)

// roomsHeadline is the headline of a session of several rooms that are
// never free together, when the conflict holds two or more of its suite
// demands and each of their rooms' opening hours:
//
//	ADR Maya (remote) books ADR Stage and Glasgow Remote Stage together, and they are never both free for 4 h between Mon 4 May and Fri 8 May
//
// and "" otherwise.
func (c *Compiled) roomsHeadline(in map[solver.GroupID]bool) string {
	p := c.Problem
	for _, task := range p.Tasks {
		var rooms []string
		closed := true
		for _, d := range task.Demands {
			if !in[d.Group] || c.Resources[d.Candidates[0]].Kind != Suite {
				continue
			}
			names := make([]string, len(d.Candidates))
			for i, r := range d.Candidates {
				names[i] = c.Resources[r].Name
				closed = closed && in[p.Resources[r].AvailabilityGroup]
			}
			rooms = append(rooms, oneOf(names))
		}
		if len(rooms) < 2 || !closed {
			continue
		}
		from := c.Grid.Time(task.Release)
		until := c.Grid.Time(solver.Slot(c.Grid.Slots()))
		if task.Deadline > 0 {
			until = c.Grid.Time(task.Deadline)
		}
		return fmt.Sprintf("%s books %s together, and they are never both free for %s between %s and %s",
			task.Name, andWords(rooms), hours(time.Duration(task.Duration*c.Grid.SlotMinutes)*time.Minute), from.Format("Mon 2 Jan"), until.Add(-1).Format("Mon 2 Jan"))
	}
	return ""
}

// oneOf names one room of a pool: "Grade A", "Grade A or Grade B",
// "one of Grade A, Grade B, Grade C".
func oneOf(names []string) string {
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " or " + names[1]
	}
	return "one of " + strings.Join(names, ", ")
}
