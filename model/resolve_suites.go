package model

import (
	"fmt"
	"slices"
	"strings"
)

// resolveSessionSuites reads a session's rooms: suite: (one suite id or
// kind) or suites: (a list of them, e.g. remote ADR's studio and remote
// stage). The first room is the session's Suite or SuiteKind, the others
// its ExtraSuites.
func (l *loader) resolveSessionSuites(ps *pendingSession, suites map[string]*Suite) {
	s := ps.s
	one, list, ok := roomFields(ps.fields, ps.name("suite", "suites"), "[adr-1, remote-stage]")
	switch {
	case !ok:
		return
	case one != nil:
		if id := one.d.refID(one.n, one.path); id != "" {
			if need, ok := l.suiteNeed(*one, id, suites); ok {
				s.Suite, s.SuiteKind = need.Suite, need.Kind
				ps.rooms = []writtenRoom{{need, *one}}
			}
		}
		return
	case list == nil:
		return
	}
	var needs []SuiteNeed
	var written []writtenRoom
	seen := map[string]string{}
	for _, r := range list.d.refs(list.n, list.path) {
		f := at{r.d, r.node, r.field}
		if prev, ok := seen[r.id]; ok {
			f.errorf("book each room once; two rooms of a kind are written as two suite ids", "%s books suite %q twice (first at %s)", ps.name("suites"), r.id, prev)
			continue
		}
		seen[r.id] = r.d.pos(r.node).String()
		if need, ok := l.suiteNeed(f, r.id, suites); ok {
			needs = append(needs, need)
			written = append(written, writtenRoom{need, f})
		}
	}
	if len(needs) == 0 {
		return
	}
	s.Suite, s.SuiteKind = needs[0].Suite, needs[0].Kind
	s.ExtraSuites = needs[1:]
	ps.rooms = written
}

// suiteNeed resolves one suite id or suite kind written at f; false when
// it names neither (reported, unless some suite entry did not read and
// may be this one).
func (l *loader) suiteNeed(f at, id string, suites map[string]*Suite) (SuiteNeed, bool) {
	pos := f.d.pos(f.n)
	switch {
	case suites[id] != nil:
		return SuiteNeed{Suite: suites[id], Pos: pos}, true
	case contains(l.kinds, id):
		return SuiteNeed{Kind: id, Pos: pos}, true
	case l.badSuites:
		// Some suite entry did not read: it may be this one.
	default:
		words := func() []string { return append(append([]string{}, l.kinds...), sortedKeys(suites)...) }
		f.errorf(l.hint("suite or kind", id, words, "name a suite kind ("+strings.Join(l.kinds, ", ")+") or a suite id"), "unknown suite or suite kind %q", id)
	}
	return SuiteNeed{}, false
}

// checkSuiteKinds reports a room of a kind no suite of the production
// has.
func (l *loader) checkSuiteKinds(ps *pendingSession) {
	s := ps.s
	for _, r := range ps.rooms {
		kind := r.need.Kind
		if kind == "" || l.badSuites || l.unsureAbout("kind", kind) || l.anySuiteOfKind(kind, s.Production) {
			continue
		}
		r.at.errorf(fmt.Sprintf("add %s %s suite under suites:, or name another kind", article(kind), kind),
			"%s needs %s %s suite and there is none", ps.name("suite", "suites"), article(kind), kind)
	}
}

// replaceRooms makes an override's suite: or suites: replace the other
// written on its pipeline step, so that an episode can book other rooms;
// both written on one entry stay, to be reported.
func replaceRooms(ps *pendingSession, key, path string) {
	other := map[string]string{"suite": "suites", "suites": "suite"}[key]
	if f, ok := ps.fields[other]; ok && parentPath(f.path) != parentPath(path) {
		delete(ps.fields, other)
	}
}

// parentPath is the path of the entry a field path belongs to.
func parentPath(path string) string {
	if i := strings.LastIndex(path, "."); i >= 0 {
		return path[:i]
	}
	return ""
}

// writtenRoom is a resolved room and where it is written.
type writtenRoom struct {
	need SuiteNeed
	at   at
}

// resolveBookingSuites reads the rooms a booking holds: suite: (one) or
// suites: (every room of a session that books several).
func (l *loader) resolveBookingSuites(pb *pendingBooking, suites map[string]*Suite) {
	b := pb.b
	one, list, ok := roomFields(pb.fields, "booking "+b.ID, "[adr-1, glasgow]")
	switch {
	case !ok:
	case one != nil:
		if r := resolveRefs(l, *one, suites, "suite", "suites"); len(r) == 1 {
			b.Suite = r[0]
		} else if len(r) > 1 {
			one.errorf("a booking of several rooms lists them under suites:", "more than one suite")
		}
	case list != nil:
		r := resolveRefs(l, *list, suites, "suite", "suites")
		for i, su := range r {
			if slices.Contains(r[:i], su) {
				list.errorf("list each room once", "booking %s holds suite %s twice", b.ID, su.ID)
				return
			}
		}
		if len(r) > 0 {
			b.Suite, b.ExtraSuites = r[0], r[1:]
		}
	}
}

// roomFields returns the suite: and suites: fields written (nil when
// not), and reports both written at once, for who (a session or
// booking), with ok false.
func roomFields(fields map[string]at, who, example string) (one, list *at, ok bool) {
	o, hasOne := fields["suite"]
	li, hasList := fields["suites"]
	if hasOne && hasList {
		li.errorf("write the rooms once: suites: "+example+" holds both", "%s gives both suite: and suites:", who)
		return nil, nil, false
	}
	if hasOne {
		one = &o
	}
	if hasList {
		list = &li
	}
	return one, list, true
}

// checkBookedExtraRooms reports a further room a booking holds that its
// session does not book: each must be a room the session names, or of a
// kind it books.
func (l *loader) checkBookedExtraRooms(b *Booking, field func(string) at) {
	s := b.Session
	for _, su := range b.ExtraSuites {
		if slices.ContainsFunc(s.SuiteNeeds(), func(n SuiteNeed) bool { return n.Suite == su || n.Suite == nil && n.Kind == su.Kind }) {
			continue
		}
		field("suites").errorf("book the rooms the session names in suites:", "booking %s holds %s, but %s does not book it", b.ID, su.ID, s.ID)
	}
}
