package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// sessionIndex finds sessions by id: per production by local id, and
// across the project by full id.
type sessionIndex struct {
	local  map[*Production]map[string]*Session
	global map[string]*Session
}

func (l *loader) buildSessionIndex(report bool) sessionIndex {
	idx := sessionIndex{local: map[*Production]map[string]*Session{}, global: map[string]*Session{}}
	for _, ps := range l.pending {
		s := ps.s
		m := idx.local[s.Production]
		if m == nil {
			m = map[string]*Session{}
			idx.local[s.Production] = m
		}
		if prev, dup := m[s.LocalID]; dup {
			switch {
			case report && s.Episode > 0:
				ps.entry.d.errorf(ps.entry.n, ps.entry.path+".id", "give each step its own id", "duplicate pipeline step %q (first at %s)", s.Template, prev.Pos)
			case report:
				ps.entry.d.errorf(ps.entry.n, ps.entry.path+".id", "give each session its own id", "duplicate session id %q (first at %s)", s.LocalID, prev.Pos)
			}
			continue
		}
		m[s.LocalID] = s
		idx.global[s.ID] = s
	}
	return idx
}

// lookup finds the session named id from a session or booking of
// production p (in episode ep, whose pipeline steps are templates).
func (idx sessionIndex) lookup(id string, p *Production, ep int, templates map[string]bool) *Session {
	if ep > 0 && templates[id] {
		if s := idx.local[p][fmt.Sprintf("ep%d/%s", ep, id)]; s != nil {
			return s
		}
	}
	if s := idx.local[p][id]; s != nil {
		return s
	}
	return idx.global[id]
}

// candidates lists ids for did-you-mean hints, sorted.
func (idx sessionIndex) candidates(p *Production, templates map[string]bool) []string {
	var out []string
	for id := range idx.local[p] {
		out = append(out, id)
	}
	if p.ID != "" { // a facility: other productions' sessions by full id
		for id, s := range idx.global {
			if s.Production != p {
				out = append(out, id)
			}
		}
	}
	for id := range templates {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// refID reads a session reference: an id, possibly with '/' separating
// episode or production (ep3/mix, harbour/ep3/mix).
func (d *dec) refID(n *yaml.Node, path string) string {
	s, ok := d.scalar(n, path)
	if !ok {
		return ""
	}
	for _, part := range strings.Split(s, "/") {
		if msg := badID(part); msg != "" {
			d.errorf(n, path, "name a session by its id, e.g. grade, ep3/mix", "%s", msg)
			return ""
		}
	}
	return s
}

// resolveSessions resolves every session's references, then fills in
// defaults that depend on them.
func (l *loader) resolveSessions() {
	idx := l.buildSessionIndex(true)
	suites, people, artistes := l.resourceIndex()
	for _, ps := range l.pending {
		s := ps.s
		l.resolveSessionSuites(ps, suites)
		if f, ok := ps.fields["people"]; ok {
			s.People = resolveRefs(l, f, people, "person", "people")
		}
		if f, ok := ps.fields["artistes"]; ok {
			s.Artistes = resolveRefs(l, f, artistes, "artiste", "artistes")
		}
		l.resolveAfter(ps, idx)
		l.resolveKeep(ps, idx)
		l.checkEpisodeDeadline(ps)
		l.checkEpisodeRelease(ps)
		checkMilestoneAt(ps)
		l.sessionDefaults(s)
	}
	l.resolveContinuity(idx)
}

// resolveRefs resolves a list of resource ids.
func resolveRefs[T any](l *loader, f at, byID map[string]*T, what, section string) []*T {
	var out []*T
	for _, r := range f.d.refs(f.n, f.path) {
		v := byID[r.id]
		if v == nil && l.listBroken(section) {
			continue // some entry did not read: it may be this one
		}
		if v == nil {
			r.d.errorf(r.node, r.field, l.hint(what, r.id, func() []string { return sortedKeys(byID) }, "add them under "+section+":"), "unknown %s %q", what, r.id)
			continue
		}
		out = append(out, v)
	}
	return out
}

// listBroken reports whether some entry of the section (suites, people,
// artistes) could not be read at all, so a reference to an id it lacks may
// only repeat that problem.
func (l *loader) listBroken(section string) bool {
	switch section {
	case "suites":
		return l.badSuites
	case "people":
		return l.badPeople
	case "artistes":
		return l.badArtistes
	}
	return false
}

func sortedKeys[T any](m map[string]*T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (l *loader) resourceIndex() (map[string]*Suite, map[string]*Person, map[string]*Artiste) {
	return byID(l.proj.Suites, func(s *Suite) string { return s.ID }),
		byID(l.proj.People, func(p *Person) string { return p.ID }),
		byID(l.proj.Artistes, func(a *Artiste) string { return a.ID })
}

// byID maps ids to elements; the first of duplicate ids wins.
func byID[T any](list []*T, id func(*T) string) map[string]*T {
	m := make(map[string]*T, len(list))
	for _, x := range list {
		if k := id(x); m[k] == nil {
			m[k] = x
		}
	}
	return m
}

// resolveAfter reads after: (one id, a list of ids, or entries {id, kind,
// lag}) with the session's default lag:.
func (l *loader) resolveAfter(ps *pendingSession, idx sessionIndex) {
	s, cal := ps.s, ps.s.Production.Calendar
	var lag Lag
	if f, ok := ps.fields["lag"]; ok {
		f.d.signedLag(f.n, f.path, cal.DayLength(), &lag)
		if _, ok := ps.fields["after"]; !ok {
			f.errorf("a lag is the gap after the sessions named in after:", "lag without after")
		}
	}
	f, ok := ps.fields["after"]
	if !ok {
		return
	}
	for i, it := range f.d.items(f.n, f.path, true) {
		p := fmt.Sprintf("%s[%d]", f.path, i)
		dep := Dependency{Kind: FinishToStart, Lag: lag, Pos: f.d.pos(it)}
		idNode, idPath := it, p
		if it.Kind == yaml.MappingNode {
			fm := fieldMap(f.d.fields(it, p, afterKeys))
			idNode, idPath = fm["id"].v, p+".id"
			if idNode == nil {
				f.d.errorf(it, idPath, "for example {id: grade, kind: start, lag: 2wd}", "dependency names no session")
				continue
			}
			if g, ok := fm["kind"]; ok {
				if w, ok := f.d.word(g.v, p+".kind", dependencyKinds); ok {
					dep.Kind = DependencyKind(slices.Index(dependencyKinds, w))
				}
			}
			if g, ok := fm["lag"]; ok {
				f.d.signedLag(g.v, p+".lag", cal.DayLength(), &dep.Lag)
			}
			if g, ok := fm["max_lag"]; ok {
				if dep.Kind == FinishToFinish {
					f.d.errorf(g.v, p+".max_lag", "a longest wait counts to the session's start: use kind: finish or kind: start, or set a deadline", "max_lag with kind: finish-to-finish")
				} else {
					f.d.maxLag(g.v, p+".max_lag", cal.DayLength(), &dep)
				}
			}
		}
		id := f.d.refID(idNode, idPath)
		if id == "" {
			continue
		}
		dep.Session = idx.lookup(id, s.Production, s.Episode, ps.templates)
		switch {
		case dep.Session == nil:
			list := fmt.Sprintf("sessions %p %p", s.Production, ps.templates)
			cands := func() []string { return idx.candidates(s.Production, ps.templates) }
			f.d.errorf(idNode, idPath, l.hint(list, id, cands, "name a session of this production"), "unknown session %q", id)
		case dep.Session == s:
			f.d.errorf(idNode, idPath, "remove it", "a session cannot follow itself")
		default:
			s.After = append(s.After, dep)
		}
	}
}

// sessionDefaults fills in release, deadline, kind and department.
func (l *loader) sessionDefaults(s *Session) {
	p, loc := s.Production, s.Production.Calendar.Location
	earliest := p.Start.In(loc)
	latest := p.Delivery.AddDays(1).In(loc)
	if s.Episode > 0 && p.Episodes != nil {
		if st := p.Episodes.EpisodeStart(s.Episode).In(loc); st.After(earliest) {
			earliest = st
		}
		if d := p.Episodes.EpisodeDelivery(s.Episode); !d.IsZero() {
			if end := d.AddDays(1).In(loc); end.Before(latest) {
				latest = end
			}
		}
	}
	if s.Release.IsZero() || s.Release.Before(earliest) {
		s.Release = earliest
	}
	if s.Deadline.IsZero() || s.Deadline.After(latest) {
		s.Deadline = latest
	}
	if s.Kind == "" {
		switch {
		case s.Milestone:
			s.Kind = "milestone"
		case s.Suite != nil:
			s.Kind = s.Suite.Kind
		default:
			s.Kind = s.SuiteKind
		}
	}
	if s.Department == "" {
		switch {
		case s.Suite != nil:
			s.Department = s.Suite.Department
		case s.SuiteKind != "":
			s.Department = kindDepartment[s.SuiteKind]
		case len(s.Roles) > 0:
			s.Department = roleDepartment[s.Roles[0].Role]
		}
	}
}

// resolveBookings resolves the session, suite, people and artistes of
// every booking.
func (l *loader) resolveBookings() {
	idx := l.buildSessionIndex(false)
	suites, people, artistes := l.resourceIndex()
	for _, pb := range l.bookings {
		b := pb.b
		mark := l.reports
		if f, ok := pb.fields["session"]; ok {
			if id := f.d.refID(f.n, f.path); id != "" {
				b.Session = idx.lookup(id, pb.p, 0, nil)
				if b.Session == nil {
					cands := func() []string { return idx.candidates(pb.p, nil) }
					f.errorf(l.hint(fmt.Sprintf("sessions %p", pb.p), id, cands, "name a session of this production, e.g. ep1/grade"), "booking for unknown session %q", id)
				}
			}
		}
		l.resolveBookingSuites(pb, suites)
		if f, ok := pb.fields["people"]; ok {
			b.People = resolveRefs(l, f, people, "person", "people")
		}
		if f, ok := pb.fields["artistes"]; ok {
			b.Artistes = resolveRefs(l, f, artistes, "artiste", "artistes")
		}
		pb.faulty = pb.faulty || l.since(mark)
	}
}

// index fills the project's lookup maps.
func (l *loader) index() { l.proj.Reindex() }

// pendingTie is a person's or suite's productions: list, resolved into
// dst once every production is read.
type pendingTie struct {
	f   at
	dst *[]*Production
}

// resolveTies resolves the productions people and suites are tied to.
func (l *loader) resolveTies() {
	if len(l.ties) == 0 {
		return
	}
	byID := map[string]*Production{}
	for _, p := range l.proj.Productions {
		if p.ID != "" {
			byID[p.ID] = p
		}
	}
	for _, t := range l.ties {
		if len(byID) == 0 {
			t.f.errorf("only a facility file has productions to tie crew and suites to", "productions: in a single-production file")
			continue
		}
		*t.dst = resolveRefs(l, t.f, byID, "production", "productions")
	}
}
