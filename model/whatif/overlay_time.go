package whatif

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
)

// The overlays on time: how long sessions take, when artistes are free,
// and which sessions there are.

// SetDuration changes the work in a session, or in every episode's
// session of one pipeline step ("grade"). Text is working time as the
// project file writes it ("3d", "6h"), or a change to it ("+1d", "-2h").
type SetDuration struct {
	Session string
	Text    string
	at      at
}

// Apply implements Overlay.
func (d SetDuration) Apply(p *model.Project) []model.Problem {
	targets := sessionsNamed(p, d.Session)
	if len(targets) == 0 {
		return []model.Problem{d.at.problem(sessionHint, "no session %q", d.Session)}
	}
	sign, text := 0, strings.TrimSpace(d.Text)
	if rest, ok := strings.CutPrefix(text, "+"); ok {
		sign, text = 1, rest
	} else if rest, ok := strings.CutPrefix(text, "-"); ok {
		sign, text = -1, rest
	}
	var out []model.Problem
	for _, s := range targets {
		if s.Milestone {
			out = append(out, d.at.problem("change a session's duration; a milestone has none", "%s is a milestone", s.ID))
			continue
		}
		cal := s.Production.Calendar
		v, err := model.ParseDuration(text, cal.DayLength(), cal.Week.Count())
		if err != nil {
			return append(out, d.at.problem("working time such as 3d or 6h, or a change such as +1d or -2h", "%v", err))
		}
		after := v
		switch sign {
		case 1:
			after = s.Duration + v
		case -1:
			after = s.Duration - v
		}
		if after <= 0 {
			out = append(out, d.at.problem("a session takes some time; remove_sessions takes it out",
				"%s would take no time (%s %s)", s.ID, fmtWork(s.Duration), d.Text))
			continue
		}
		s.Duration = after
	}
	return out
}

// SetAvailability replaces the days an artiste is offered, as the agent
// now gives them.
type SetAvailability struct {
	Artiste string
	Dates   []model.DateRange
	at      at
}

// Apply implements Overlay.
func (a SetAvailability) Apply(p *model.Project) []model.Problem {
	art := p.Artiste(a.Artiste)
	if art == nil {
		ids := make([]string, len(p.Artistes))
		for i, x := range p.Artistes {
			ids[i] = x.ID
		}
		return []model.Problem{a.at.problem("artistes: "+strings.Join(ids, ", "), "no artiste %q", a.Artiste)}
	}
	art.Available = art.Available[:0:0]
	for _, r := range a.Dates {
		art.Available = append(art.Available, model.Availability{Dates: r, Pos: a.at.pos})
	}
	return nil
}

// RemoveSession takes a session out of the plan (or every episode's
// session of one pipeline step): the sessions after it follow its own
// predecessors instead, and its bookings are dropped.
type RemoveSession struct {
	Session string
	at      at
}

// Apply implements Overlay.
func (r RemoveSession) Apply(p *model.Project) []model.Problem {
	targets := sessionsNamed(p, r.Session)
	if len(targets) == 0 {
		return []model.Problem{r.at.problem(sessionHint, "no session %q", r.Session)}
	}
	gone := func(s *model.Session) bool { return slices.Contains(targets, s) }
	for _, s := range p.Sessions {
		if gone(s) {
			continue
		}
		var after []model.Dependency
		for _, dep := range s.After {
			if !gone(dep.Session) {
				after = appendDependency(after, dep)
				continue
			}
			// Bridge: s now follows what the removed session followed,
			// by s's own link to it.
			for _, through := range predecessorsOutside(dep.Session, gone) {
				bridged := dep
				bridged.Session = through
				after = appendDependency(after, bridged)
			}
		}
		s.After = after
	}
	p.Sessions = slices.DeleteFunc(p.Sessions, gone)
	dropped := func(b *model.Booking) bool { return b.Session != nil && gone(b.Session) }
	p.Bookings = slices.DeleteFunc(p.Bookings, dropped)
	for _, prod := range p.Productions {
		prod.Sessions = slices.DeleteFunc(prod.Sessions, gone)
		prod.Bookings = slices.DeleteFunc(prod.Bookings, dropped)
	}
	p.Reindex()
	return nil
}

// predecessorsOutside returns the predecessors of s that are not gone,
// looking through removed ones.
func predecessorsOutside(s *model.Session, gone func(*model.Session) bool) []*model.Session {
	var out []*model.Session
	seen := map[*model.Session]bool{}
	var walk func(*model.Session)
	walk = func(x *model.Session) {
		for _, dep := range x.After {
			if seen[dep.Session] {
				continue
			}
			seen[dep.Session] = true
			if gone(dep.Session) {
				walk(dep.Session)
			} else {
				out = append(out, dep.Session)
			}
		}
	}
	walk(s)
	return out
}

// appendDependency adds dep unless the list already links the same
// predecessor the same way.
func appendDependency(list []model.Dependency, dep model.Dependency) []model.Dependency {
	for _, d := range list {
		if d.Session == dep.Session && d.Kind == dep.Kind && d.Lag == dep.Lag {
			return list
		}
	}
	return append(list, dep)
}

// AddSession adds a session copied from another (a pickup ADR session, an
// extra review): same work, people, suite and predecessors, under a new
// id, with its own duration when Duration is set.
type AddSession struct {
	Copy, ID, Name, Duration string
	at                       at
}

// Apply implements Overlay.
func (a AddSession) Apply(p *model.Project) []model.Problem {
	src := p.Session(a.Copy)
	if src == nil {
		return []model.Problem{a.at.problem(sessionHint, "no session %q to copy", a.Copy)}
	}
	full := strings.TrimSuffix(src.ID, src.LocalID) + a.ID
	if p.Session(full) != nil {
		return []model.Problem{a.at.problem("choose an id no session has", "session %q exists already", full)}
	}
	s := *src
	s.ID, s.LocalID, s.Template, s.Pos = full, a.ID, "", a.at.pos
	s.Name = a.Name
	if s.Name == "" {
		s.Name = src.Name + " (added)"
	}
	s.Roles = slices.Clone(src.Roles)
	s.People = slices.Clone(src.People)
	s.Artistes = slices.Clone(src.Artistes)
	s.After = slices.Clone(src.After)
	if a.Duration != "" {
		cal := src.Production.Calendar
		v, err := model.ParseDuration(a.Duration, cal.DayLength(), cal.Week.Count())
		if err != nil || v <= 0 {
			if err == nil {
				err = fmt.Errorf("duration %q is no time", a.Duration)
			}
			return []model.Problem{a.at.problem("working time such as 3d or 6h", "%v", err)}
		}
		s.Duration = v
	}
	p.Sessions = append(p.Sessions, &s)
	if s.Production != nil {
		s.Production.Sessions = append(s.Production.Sessions, &s)
	}
	p.Reindex()
	return nil
}

// sessionHint says how sessions are named in a scenario.
const sessionHint = "a session id such as ep3/mix, or a pipeline step such as grade for every episode's"

// sessionsNamed returns the session with id name, or else every episode's
// session of the pipeline step name, in plan order.
func sessionsNamed(p *model.Project, name string) []*model.Session {
	if s := p.Session(name); s != nil {
		return []*model.Session{s}
	}
	var out []*model.Session
	for _, s := range p.Sessions {
		if s.Template != "" && (s.Template == name || strings.TrimSuffix(s.ID, s.LocalID)+s.Template == name) {
			out = append(out, s)
		}
	}
	return out
}

// fmtWork writes working time in hours.
func fmtWork(d time.Duration) string {
	s := strings.TrimSuffix(d.String(), "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// SetBuffer sets every production's buffer before delivery: "what if we
// keep 5 working days before each TX". Text is a lag as the project file
// writes it (5wd, 1w, 0).
type SetBuffer struct {
	Text string
	at   at
}

// Apply implements Overlay.
func (b SetBuffer) Apply(p *model.Project) []model.Problem {
	for _, prod := range p.Productions {
		l, err := model.ParseLag(strings.TrimSpace(b.Text), prod.Calendar.DayLength())
		if err != nil || l.Amount < 0 {
			return []model.Problem{b.at.problem("working days such as 5wd, or calendar time such as 1w", "bad buffer %q", b.Text)}
		}
		prod.Buffer, prod.BufferPos = l, b.at.pos
	}
	return nil
}

// SetOvertime sets how late a long day may run, for the whole project
// and every session, as overtime_until does: "what if the grade may run
// on to 02:00". A time before the day's start is the next morning.
type SetOvertime struct {
	Text string
	at   at
}

// Apply implements Overlay.
func (o SetOvertime) Apply(p *model.Project) []model.Problem {
	c, err := model.ParseClock(o.Text)
	if err != nil {
		return []model.Problem{o.at.problem(`a time such as "21:00", or "02:00" for the next morning`, "%v", err)}
	}
	set := func(cal *model.Calendar) (model.Clock, *model.Problem) {
		end, ok := model.OvertimeEnd(c, cal.Hours)
		if !ok {
			pr := o.at.problem(model.OvertimeHint(cal.Hours), "overtime until %s falls inside the working hours %s", c, cal.Hours)
			return 0, &pr
		}
		cal.OvertimeUntil = end
		return end, nil
	}
	if _, pr := set(&p.Calendar); pr != nil {
		return []model.Problem{*pr}
	}
	for _, prod := range p.Productions {
		end, pr := set(&prod.Calendar)
		if pr != nil {
			return []model.Problem{*pr}
		}
		for _, s := range prod.Sessions {
			s.OvertimeUntil = end
		}
	}
	return nil
}

// Schedule schedules every production backward (just in time, as late
// as each delivery less its buffer allows) or forward.
type Schedule struct {
	Backward bool
}

// Apply implements Overlay.
func (s Schedule) Apply(p *model.Project) []model.Problem {
	for _, prod := range p.Productions {
		switch {
		case !s.Backward:
			prod.EarlyPerDay = 0
		case prod.EarlyPerDay == 0:
			prod.EarlyPerDay = 1
		}
	}
	return nil
}
