package model

import (
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// The trade's time rules that link two sessions beyond their order: a
// longest wait (after: {id: grade, max_lag: 24h}) and continuity of
// people and suite (same_people_as:, same_suite_as:, continuity:).

// pendingContinuity is a production's continuity: list, resolved once
// every session exists.
type pendingContinuity struct {
	p *Production
	f at
}

// signedLag reads the lag: of a dependency, which may be negative (an
// overlap): -4h lets the session start up to four hours before the other
// finishes, -1wd up to one working day before, counted back over the
// working time only.
func (d *dec) signedLag(n *yaml.Node, path string, dayLength time.Duration, dst *Lag) {
	v := d.deref(n)
	if v == nil || v.Kind != yaml.ScalarNode || !strings.HasPrefix(strings.TrimSpace(v.Value), "-") {
		d.lag(n, path, dayLength, dst)
		return
	}
	l, err := ParseLag(strings.TrimPrefix(strings.TrimSpace(v.Value), "-"), dayLength)
	if err != nil {
		d.errorf(n, path, "lags are written 2wd (working days), or 4h, 3d, 1w elapsed; an overlap as -4h or -1wd", "%v", err)
		return
	}
	*dst = Lag{Amount: -l.Amount, Working: l.Working}
}

// maxLag reads the max_lag: of a dependency: the longest the session may
// wait, never negative and never shorter than its least lag.
func (d *dec) maxLag(n *yaml.Node, path string, dayLength time.Duration, dep *Dependency) {
	var m Lag
	ok := false
	parseScalar(d, n, path, "the longest wait, e.g. 24h (clock time) or 1wd (working time)",
		func(s string) (Lag, error) { l, err := ParseLag(s, dayLength); ok = err == nil; return l, err }, &m)
	if !ok {
		return
	}
	switch {
	case m.Amount < 0:
		d.errorf(n, path, "write how long the session may wait at most, e.g. 24h", "negative max_lag %s", fmtLag(m))
	case m.Working == dep.Lag.Working && m.Amount < dep.Lag.Amount:
		d.errorf(n, path, "make max_lag at least the lag, or shorten the lag", "max_lag %s is shorter than the lag %s", fmtLag(m), fmtLag(dep.Lag))
	default:
		dep.MaxLag, dep.HasMaxLag = m, true
	}
}

// fmtLag writes a lag back in the file's words: 24h, 1wd.
func fmtLag(l Lag) string {
	s := fmtDuration(l.Amount)
	if l.Working {
		return s + " of working time"
	}
	return s
}

// resolveKeep reads same_people_as: and same_suite_as: of a session.
func (l *loader) resolveKeep(ps *pendingSession, idx sessionIndex) {
	for _, key := range []string{"same_people_as", "same_suite_as"} {
		f, ok := ps.fields[key]
		if !ok {
			continue
		}
		id := f.d.refID(f.n, f.path)
		if id == "" {
			continue
		}
		s := ps.s
		other := idx.lookup(id, s.Production, s.Episode, ps.templates)
		if other == nil {
			list := fmt.Sprintf("sessions %p %p", s.Production, ps.templates)
			cands := func() []string { return idx.candidates(s.Production, ps.templates) }
			f.errorf(l.hint(list, id, cands, "name a session of this production"), "unknown session %q", id)
			continue
		}
		l.addKeep(s, other, key == "same_suite_as", 0, f)
	}
}

// continuityKeys are the keys of a soft continuity chain.
var continuityKeys = []string{"sessions", "cost_per_switch"}

// resolveContinuity reads each production's continuity: a list of
// session (or pipeline step) ids, one chain; a list of such chains; or a
// chain written {sessions: [...], cost_per_switch: 500}, soft, alone or
// in the list. Each session of a chain keeps the people of the one before
// it; in a pipeline the chain holds within each episode.
func (l *loader) resolveContinuity(idx sessionIndex) {
	for _, pc := range l.continuity {
		f := pc.f
		if v := f.d.deref(f.n); v != nil && v.Kind == yaml.MappingNode {
			l.softChain(pc.p, f.d, v, f.path, idx)
			continue
		}
		items := f.d.items(f.n, f.path, false)
		first := yaml.Kind(0)
		if len(items) > 0 && f.d.deref(items[0]) != nil {
			first = f.d.deref(items[0]).Kind
		}
		if first != yaml.SequenceNode && first != yaml.MappingNode {
			l.chain(pc.p, f.d.refs(f.n, f.path), 0, idx)
			continue
		}
		for i, it := range items {
			p := fmt.Sprintf("%s[%d]", f.path, i)
			if v := f.d.deref(it); v != nil && v.Kind == yaml.MappingNode {
				l.softChain(pc.p, f.d, v, p, idx)
			} else {
				l.chain(pc.p, f.d.refs(it, p), 0, idx)
			}
		}
	}
}

// softChain reads {sessions: [assembly, directors-cut], cost_per_switch:
// 500}: a chain whose people may change at that price.
func (l *loader) softChain(p *Production, d *dec, n *yaml.Node, path string, idx sessionIndex) {
	fm := fieldMap(d.fields(n, path, continuityKeys))
	s, ok := fm["sessions"]
	if !ok {
		d.errorf(n, path, "for example {sessions: [assembly, directors-cut], cost_per_switch: 500}", "a continuity chain names no sessions")
		return
	}
	cost := 0.0
	if c, ok := fm["cost_per_switch"]; ok {
		d.amount(c.v, path+".cost_per_switch", &cost)
		if cost == 0 {
			d.errorf(c.v, path+".cost_per_switch", "what a handover to another editor costs, e.g. 500; leave it out to keep one editor always", "cost_per_switch must be above zero")
		}
	}
	l.chain(p, d.refs(s.v, path+".sessions"), cost, idx)
}

// chain links each session of one continuity chain to the one before,
// per episode when the ids are pipeline steps.
func (l *loader) chain(p *Production, chain []ref, cost float64, idx sessionIndex) {
	if len(chain) < 2 {
		if len(chain) == 1 {
			r := chain[0]
			r.d.errorf(r.node, r.field, "list the sessions that keep one editor, e.g. [assembly, directors-cut]", "a continuity chain needs two sessions or more")
		}
		return
	}
	steps := map[string]bool{}
	episodes := 0
	for _, s := range p.Sessions {
		if s.Template != "" {
			steps[s.Template] = true
			episodes = max(episodes, s.Episode)
		}
	}
	runs := 1
	if steps[chain[0].id] {
		runs = episodes
	}
	for ep := 1; ep <= runs; ep++ {
		var prev *Session
		for _, r := range chain {
			e := 0
			if steps[r.id] {
				e = ep
			}
			s := idx.lookup(r.id, p, e, steps)
			if s == nil {
				if ep == 1 {
					cands := func() []string { return idx.candidates(p, steps) }
					r.d.errorf(r.node, r.field, l.hint(fmt.Sprintf("sessions %p %p", p, steps), r.id, cands, "name a session or a pipeline step of this production"), "unknown session %q", r.id)
				}
				prev = nil
				continue
			}
			if prev != nil && prev != s {
				l.addKeep(s, prev, false, cost, at{r.d, r.node, r.field})
			}
			prev = s
		}
	}
}

// addKeep records that s keeps the people (or suite) of other, hard or
// (cost above zero) at that price per switch, after checking that they
// have some to share.
func (l *loader) addKeep(s, other *Session, suite bool, cost float64, f at) {
	what, key := "people", "same_people_as"
	if suite {
		what, key = "suite", "same_suite_as"
	}
	for i, k := range s.Keep {
		if k.Session == other && k.Suite == suite {
			// Written twice, or by continuity: and the session: the
			// hard rule wins, else the dearer switch.
			if k.CostPerSwitch != 0 && cost != 0 {
				s.Keep[i].CostPerSwitch = max(k.CostPerSwitch, cost)
			} else {
				s.Keep[i].CostPerSwitch = 0
			}
			return
		}
	}
	switch {
	case other == s:
		f.errorf("name another session", "%s cannot keep its own %s", s.LocalID, what)
		return
	case s.Milestone || other.Milestone:
		f.errorf("name a session with crew and a suite", "a milestone has no %s to keep (%s keeps those of %s)", what, s.LocalID, other.LocalID)
		return
	case suite && s.Suite == nil && s.SuiteKind == "":
		f.errorf("give the session a suite: too", "%s needs no suite, so it cannot keep that of %s (%s)", s.LocalID, other.LocalID, key)
		return
	case suite && other.Suite == nil && other.SuiteKind == "":
		f.errorf("name a session that uses a suite", "%s uses no suite to keep (%s)", other.LocalID, key)
		return
	case !suite && len(sharedRoles(s, other)) == 0:
		f.errorf("both sessions need a role in common, e.g. roles: [editor]", "%s and %s need no role in common, so no people to keep", s.LocalID, other.LocalID)
		return
	}
	s.Keep = append(s.Keep, Continuity{Session: other, Suite: suite, CostPerSwitch: cost, Pos: f.d.pos(f.n)})
}

// sharedRoles lists the roles both sessions need, in s's order.
func sharedRoles(s, other *Session) []string {
	var out []string
	for _, a := range s.Roles {
		for _, b := range other.Roles {
			if a.Role == b.Role {
				out = append(out, a.Role)
			}
		}
	}
	return out
}

// staggerKeys are the keys of stagger: written as a mapping.
var staggerKeys = []string{"start", "delivery"}

// stagger reads episodes.stagger: one gap for starts and deliveries (1w),
// or {start: 1w, delivery: 0} with a gap each, in whole calendar days.
func (d *dec) stagger(n *yaml.Node, path string, dayLength time.Duration, e *Episodes) {
	if v := d.deref(n); v != nil && v.Kind == yaml.MappingNode {
		fm := fieldMap(d.fields(v, path, staggerKeys))
		if f, ok := fm["start"]; ok {
			d.staggerDays(f.v, path+".start", dayLength, &e.StaggerDays)
		}
		if f, ok := fm["delivery"]; ok {
			d.staggerDays(f.v, path+".delivery", dayLength, &e.DeliveryStaggerDays)
		}
		return
	}
	var days int
	if d.staggerDays(n, path, dayLength, &days) {
		e.StaggerDays, e.DeliveryStaggerDays = days, days
	}
}

// staggerDays reads one gap between episodes: whole calendar days or
// weeks, or 0.
func (d *dec) staggerDays(n *yaml.Node, path string, dayLength time.Duration, dst *int) bool {
	if v := d.deref(n); v != nil && v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == "0" {
		*dst = 0
		return true
	}
	lag := Lag{Amount: -1}
	d.lag(n, path, dayLength, &lag)
	switch {
	case lag.Amount < 0:
		return false // reported by lag
	case lag.Working || lag.Amount%(24*time.Hour) != 0:
		d.errorf(n, path, "write the gap between episodes in days or weeks: 7d, 1w", "stagger must be whole calendar days")
		return false
	}
	*dst = int(lag.Amount / (24 * time.Hour))
	return true
}

// checkLastDelivery refuses a first_delivery (field f) and stagger that
// make the last episode without its own delivery deliver after the
// production's delivery.
func (l *loader) checkLastDelivery(d *dec, f field, path string, e *Episodes, p *Production) {
	if p.Delivery.IsZero() {
		return
	}
	for n := e.Count; n >= 1; n-- {
		if _, own := e.Deliveries[n]; own {
			continue
		}
		if last := e.EpisodeDelivery(n); last.After(p.Delivery) {
			d.errorf(f.v, path, "bring the stagger or first delivery in, or move the production's delivery", "episode %d would deliver %s, after the production's delivery %s", n, last, p.Delivery)
		}
		return
	}
}

// checkStagger refuses staggers that make a later episode deliver before
// it starts (deliveries closer together than starts, fm are the fields of
// episodes:). An episode with its own start or delivery is left to
// episodeDates.
func (l *loader) checkStagger(d *dec, fm map[string]field, path string, e *Episodes) {
	f, ok := fm["stagger"]
	if !ok || e.FirstDelivery.IsZero() || e.Count < 2 || e.DeliveryStaggerDays >= e.StaggerDays {
		return
	}
	for n := 2; n <= e.Count; n++ {
		_, ownStart := e.Starts[n]
		_, ownDelivery := e.Deliveries[n]
		if ownStart || ownDelivery {
			continue
		}
		if start, del := e.EpisodeStart(n), e.EpisodeDelivery(n); !del.After(start) {
			d.errorf(f.v, path+".stagger", "bring first_delivery later or the starts closer together",
				"episode %d would start %s but deliver %s", n, start, del)
			return
		}
	}
}

// checkEpisodeDeadline refuses an episode session's deadline (often an
// override) after its episode's delivery: every session of an episode
// ends by its delivery, so the later date could not be honoured.
func (l *loader) checkEpisodeDeadline(ps *pendingSession) {
	s := ps.s
	f, ok := ps.fields["deadline"]
	p := s.Production
	if !ok || ps.anyFaulty("deadline") || s.Episode == 0 || p.Episodes == nil || s.Deadline.IsZero() || l.badEpisodeDates[p] {
		return
	}
	del := p.Episodes.EpisodeDelivery(s.Episode)
	if del.IsZero() {
		return
	}
	if end := del.AddDays(1).In(p.Calendar.Location); s.Deadline.After(end) {
		f.errorf("an episode's sessions end by its delivery: move first_delivery or the stagger, or drop the deadline",
			"deadline %s is after episode %d's delivery %s", fmtEnd(s.Deadline), s.Episode, del)
	}
}

// justInTime reads a production's buffer:, schedule: and early_per_day:
// (fm are its fields): how long before each delivery the work must end,
// and whether it is scheduled as late as that allows.
func (d *dec) justInTime(fm map[string]field, path string, p *Production) {
	if f, ok := fm["buffer"]; ok {
		d.lag(f.v, joinPath(path, "buffer"), p.Calendar.DayLength(), &p.Buffer)
		p.BufferPos = d.pos(f.v)
	}
	backward, explicit := false, false
	if f, ok := fm["schedule"]; ok {
		w, ok := d.word(f.v, joinPath(path, "schedule"), []string{"forward", "backward"})
		backward, explicit = ok && w == "backward", ok
	}
	f, ok := fm["early_per_day"]
	switch {
	case ok && explicit && !backward:
		d.errorf(f.v, joinPath(path, "early_per_day"), "early_per_day schedules backward: write schedule: backward or drop early_per_day", "early_per_day with schedule: forward")
	case ok:
		d.amount(f.v, joinPath(path, "early_per_day"), &p.EarlyPerDay)
	case backward:
		p.EarlyPerDay = 1 // as late as the delivery allows, money first
	}
}

// checkMilestoneAt refuses at: on a session that is no milestone: a
// session with work is placed by its window.
func checkMilestoneAt(ps *pendingSession) {
	if f, ok := ps.fields["at"]; ok && !ps.s.Milestone {
		f.errorf("at: is the time a milestone falls; give milestone: true, or a window: for a session with work", "%s is not a milestone", ps.s.LocalID)
	}
}
