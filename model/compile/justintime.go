package compile

import (
	"fmt"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/solver"
)

// justInTime brings task t's deadline forward to its production's
// buffer before delivered (the end of its delivery day, the episode's
// TX) and, when the production is scheduled backward, sets the task's
// just-in-time target to that deadline: the session is then wanted as
// late as it allows. It returns the buffer in words when it moved the
// deadline (" (5 working days before delivery)"), else "".
func (c *compiler) justInTime(s *model.Session, delivered time.Time, t *solver.Task) string {
	prod := s.Production
	if prod == nil {
		return ""
	}
	words := ""
	if !prod.Buffer.IsZero() && !delivered.IsZero() {
		end := min(c.grid.SlotOf(delivered), solver.Slot(c.grid.Slots()))
		by := c.prob.Advance(end, -c.slotsFor(prod.Buffer.Amount), prod.Buffer.Working)
		if by < t.Deadline {
			t.Deadline = by
			words = fmt.Sprintf(" (%s before delivery)", bufferWords(prod))
		}
	}
	if prod.EarlyPerDay > 0 && !s.Milestone {
		t.Target, t.EarlinessPerDay = t.Deadline, prod.EarlyPerDay
	}
	return words
}

// bufferTooLong reports, once per production, a buffer that leaves a
// session (name) no time between its release and its buffered deadline.
func (c *compiler) bufferTooLong(s *model.Session, name string, deadline, release time.Time, buffer string) {
	if c.tooLong == nil {
		c.tooLong = map[*model.Production]bool{}
	}
	if c.tooLong[s.Production] {
		return
	}
	c.tooLong[s.Production] = true
	c.problem(s.Production.BufferPos, "buffer", "shorten the buffer or move the delivery later",
		"the buffer leaves %s no time: it must end by %s%s but cannot start before %s", name,
		deadline.Format(dayFormat+" 15:04"), buffer, release.Format(dayFormat+" 15:04"))
}

// bufferWords writes a production's buffer as a coordinator says it: "5
// working days", "1 week", "36 h".
func bufferWords(p *model.Production) string {
	b := p.Buffer
	day := p.Calendar.DayLength()
	switch {
	case b.Working && day > 0 && b.Amount%day == 0:
		return plural(int(b.Amount/day), "working day")
	case !b.Working && b.Amount%(7*24*time.Hour) == 0:
		return plural(int(b.Amount/(7*24*time.Hour)), "week")
	case !b.Working && b.Amount%(24*time.Hour) == 0:
		return plural(int(b.Amount/(24*time.Hour)), "day")
	}
	return waitWords(b)
}

// plural writes n things: "1 week", "5 working days".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
