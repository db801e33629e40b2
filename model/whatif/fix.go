package whatif

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
)

// FixBooking books a session at a fixed start, with the rooms, people and
// artistes named: "what if we confirm ep3's grade for 10 August". A
// confirmed fix must name a room for every room the session books, and
// the crew its roles need (the session's own named people and artistes
// are booked when it names none); a pencilled one is where the search
// starts from. It replaces the session's existing bookings.
type FixBooking struct {
	Session, Start string
	// Suites are the rooms named (suite: is one, suites: several): suite
	// ids, or suite kinds that have one suite the session may use.
	Suites           []string
	People, Artistes []string
	Status           booking.Status
	at, startAt      at
	// suitesAt is where each of Suites is written.
	suitesAt []at
}

// fixExample is how a fixed booking is written.
const fixExample = "{ session: ep3/grade, start: 2026-08-10T09:00, suite: grade-1, people: [ines] }"

// fix reads { session: ep3/grade, start: 2026-08-10T09:00, suite: grade-1,
// people: [ines], status: confirmed }, or suites: [adr-1, remote-stage]
// for a session of several rooms.
func (ps *parser) fix(n *yaml.Node, path string) Overlay {
	fx := FixBooking{Status: booking.Confirmed, at: ps.at(n, path)}
	rooms := 0
	for _, f := range ps.mapping(n, path, []string{"session", "start", "suite", "suites", "people", "artistes", "status"}) {
		field := path + "." + f.key
		switch f.key {
		case "session":
			fx.Session, _ = ps.str(f.v, field)
		case "start":
			fx.Start, _ = ps.str(f.v, field)
			fx.startAt = ps.at(f.v, field)
		case "suite", "suites":
			if rooms++; rooms > 1 {
				ps.errorf(f.kn, field, "write the rooms once: suites: [adr-1, remote-stage] names several", "a fixed booking gives both suite: and suites:")
				continue
			}
			items := []*yaml.Node{f.v}
			if f.key == "suites" {
				items = ps.list(f.v, field)
			}
			for i, it := range items {
				itField := field
				if f.key == "suites" {
					itField = fmt.Sprintf("%s[%d]", field, i)
				}
				if id, ok := ps.str(it, itField); ok {
					fx.Suites = append(fx.Suites, id)
					fx.suitesAt = append(fx.suitesAt, ps.at(it, itField))
				}
			}
		case "people", "artistes":
			var ids []string
			for i, it := range ps.list(f.v, field) {
				if id, ok := ps.str(it, fmt.Sprintf("%s[%d]", field, i)); ok {
					ids = append(ids, id)
				}
			}
			if f.key == "people" {
				fx.People = ids
			} else {
				fx.Artistes = ids
			}
		case "status":
			switch v, _ := ps.str(f.v, field); v {
			case "confirmed":
				fx.Status = booking.Confirmed
			case "pencil":
				fx.Status = booking.Pencil
			default:
				ps.errorf(f.v, field, "confirmed or pencil", "unknown status %q", v)
			}
		}
	}
	if fx.Session == "" || fx.Start == "" {
		ps.errorf(n, path, "write "+fixExample, "a fixed booking needs session: and start:")
	}
	return fx
}

// Apply implements Overlay.
func (f FixBooking) Apply(p *model.Project) []model.Problem {
	s := p.Session(f.Session)
	if s == nil {
		return []model.Problem{f.at.problem("a session id such as ep3/grade", "no session %q", f.Session)}
	}
	var out []model.Problem
	start, err := model.ParseDateTime(f.Start, p.Calendar.Location)
	if err != nil {
		out = append(out, f.startAt.problem("a local date-time such as 2026-08-10T09:00", "%v", err))
	}
	b := &model.Booking{ID: "whatif-" + s.ID, Session: s, Status: f.Status, Start: start, Note: "what-if", Pos: f.at.pos}
	rooms, problems := f.rooms(p, s)
	out = append(out, problems...)
	if len(rooms) > 0 {
		b.Suite, b.ExtraSuites = rooms[0], rooms[1:]
	}
	for _, id := range f.People {
		if x := p.Person(id); x != nil {
			b.People = append(b.People, x)
		} else {
			out = append(out, f.at.problem(idHint(p, true), "no person %q", id))
		}
	}
	for _, id := range f.Artistes {
		if x := p.Artiste(id); x != nil {
			b.Artistes = append(b.Artistes, x)
		} else {
			out = append(out, f.at.problem("an artiste id from the project", "no artiste %q", id))
		}
	}
	if len(out) > 0 {
		return out
	}
	if len(f.People) == 0 { // the session's named crew and artistes are fixed already
		b.People = slices.Clone(s.People)
	}
	if len(f.Artistes) == 0 {
		b.Artistes = slices.Clone(s.Artistes)
	}
	other := func(x *model.Booking) bool { return x.Session == s }
	p.Bookings = append(slices.DeleteFunc(p.Bookings, other), b)
	if prod := s.Production; prod != nil {
		prod.Bookings = append(slices.DeleteFunc(prod.Bookings, other), b)
	}
	return nil
}

// rooms resolves the rooms the fix names onto the rooms session s books,
// in the session's order. Each named room must be one the session books
// (a suite it names, or one of a kind it books); a kind stands for the
// one suite of that kind the session may use. A confirmed fix that names
// rooms must name them all, so that every room is fixed.
func (f FixBooking) rooms(p *model.Project, s *model.Session) ([]*model.Suite, []model.Problem) {
	if len(f.Suites) == 0 {
		return nil, nil
	}
	needs := s.SuiteNeeds()
	got := make([]*model.Suite, len(needs))
	example := roomsExample(needs)
	var out []model.Problem
	for i, id := range f.Suites {
		where := f.suitesAt[i]
		su := p.Suite(id)
		if su == nil && !slices.Contains(p.SuiteKinds, id) {
			words := append(slices.Clone(p.SuiteKinds), suiteIDs(p)...)
			out = append(out, where.problem(model.Suggest(id, words, idHint(p, false)), "no suite or suite kind %q", id))
			continue
		}
		k := slices.IndexFunc(needs, func(n model.SuiteNeed) bool { return fills(n, su, id) })
		for k >= 0 && got[k] != nil { // a second room of the same kind
			next := slices.IndexFunc(needs[k+1:], func(n model.SuiteNeed) bool { return fills(n, su, id) })
			if next < 0 {
				k = -1
				break
			}
			k += 1 + next
		}
		switch {
		case k < 0 && slices.ContainsFunc(needs, func(n model.SuiteNeed) bool { return fills(n, su, id) }):
			out = append(out, where.problem("name each room once: suites: "+example, "%s names %s twice", f.Session, id))
			continue
		case k < 0:
			out = append(out, where.problem("name the rooms the session books: suites: "+example, "%s does not book %s", f.Session, id))
			continue
		}
		if su == nil {
			su = needs[k].Suite
		}
		if su == nil {
			var one []*model.Suite
			for _, x := range p.Suites {
				if x.Kind == id && x.WorksFor(s.Production) {
					one = append(one, x)
				}
			}
			if len(one) != 1 {
				out = append(out, where.problem("a fixed booking holds one room of each kind: name the suite, one of "+suiteList(one),
					"%s names %d suites that %s may use", id, len(one), f.Session))
				continue
			}
			su = one[0]
		}
		if slices.Contains(got, su) {
			out = append(out, where.problem("name each room once: suites: "+example, "%s names %s twice", f.Session, su.ID))
			continue
		}
		got[k] = su
	}
	if len(out) > 0 {
		return nil, out
	}
	if f.Status == booking.Confirmed && slices.Contains(got, nil) {
		return nil, []model.Problem{f.suitesAt[0].problem("a confirmed fix holds every room: suites: "+example,
			"%s books %d rooms and the fix names %d", f.Session, len(needs), len(f.Suites))}
	}
	return slices.DeleteFunc(got, func(x *model.Suite) bool { return x == nil }), nil
}

// fills reports whether the room written as id (su, or nil for a kind)
// can be the session's room n.
func fills(n model.SuiteNeed, su *model.Suite, id string) bool {
	switch {
	case su != nil && n.Suite != nil:
		return su == n.Suite
	case su != nil:
		return su.Kind == n.Kind
	case n.Suite != nil:
		return n.Suite.Kind == id
	}
	return n.Kind == id
}

// roomsExample writes a session's rooms as a fix names them: [adr-1,
// remote-stage].
func roomsExample(needs []model.SuiteNeed) string {
	words := make([]string, len(needs))
	for i, n := range needs {
		words[i] = n.Kind
		if n.Suite != nil {
			words[i] = n.Suite.ID
		}
	}
	return "[" + strings.Join(words, ", ") + "]"
}

// suiteIDs are the project's suite ids.
func suiteIDs(p *model.Project) []string {
	ids := make([]string, len(p.Suites))
	for i, x := range p.Suites {
		ids[i] = x.ID
	}
	return ids
}

// suiteList names suites for a hint: "glasgow, cardiff", or "none".
func suiteList(suites []*model.Suite) string {
	var ids []string
	for _, x := range suites {
		ids = append(ids, x.ID)
	}
	return orNone(strings.Join(ids, ", "))
}
