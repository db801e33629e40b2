package repencil

import (
	"strings"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/store"
)

// match pairs each session with its booking id, its project-file booking
// and its store booking.
type match struct {
	production string
	ids        []string         // per session; "" for milestones
	file       []*model.Booking // per session: the project file's booking, nil when none
	store      []*store.Booking // per session: the store's booking with ids[i], nil when none
	chosen     []*model.Booking // per session: the booking compiled, nil when none
}

// matchBookings works out every session's booking id. A session keeps,
// in this order: the id of its booking in the project file; the id of a
// store booking that is its own (by BookingID, by a project-file id, or
// by its session name and episode when those are unique), preferring one
// that is not released; else BookingID.
func matchBookings(p *model.Project, current []store.Booking) *match {
	n := len(p.Sessions)
	m := &match{production: p.Name, ids: make([]string, n), file: make([]*model.Booking, n), store: make([]*store.Booking, n), chosen: make([]*model.Booking, n)}
	index := make(map[*model.Session]int, n)
	byID := map[string]int{}
	byLabel := map[string][]int{}
	for i, s := range p.Sessions {
		index[s] = i
		if s.Milestone {
			continue
		}
		byID[BookingID(p.Name, s)] = i
		key := labelKey(sessionLabel(s))
		byLabel[key] = append(byLabel[key], i)
	}
	for _, b := range p.Bookings {
		i, ok := index[b.Session]
		if !ok || p.Sessions[i].Milestone {
			continue
		}
		byID[b.ID] = i
		if f := m.file[i]; f == nil || b.Status == booking.Confirmed && f.Status != booking.Confirmed {
			m.file[i] = b
		}
	}
	candidates := make([][]*store.Booking, n)
	for k := range current {
		sb := &current[k]
		if sb.Production != p.Name {
			continue
		}
		i, ok := byID[sb.ID]
		if !ok {
			if same := byLabel[labelKey(sb.Session, sb.Episode)]; len(same) == 1 {
				i, ok = same[0], true
			}
		}
		if ok {
			candidates[i] = append(candidates[i], sb)
		}
	}
	for i, s := range p.Sessions {
		if s.Milestone {
			continue
		}
		switch {
		case m.file[i] != nil:
			m.ids[i] = m.file[i].ID
		case len(candidates[i]) > 0:
			m.ids[i] = candidates[i][0].ID
			for _, sb := range candidates[i] {
				if sb.Status != booking.Released {
					m.ids[i] = sb.ID
					break
				}
			}
		default:
			m.ids[i] = BookingID(p.Name, s)
		}
		for _, sb := range candidates[i] {
			if sb.ID == m.ids[i] {
				m.store[i] = sb
			}
		}
	}
	return m
}

// bookings returns the bookings to compile, one per session at most: a
// confirmed booking of the project file; else the store's, unless it is
// released (compiled as a pencil when demoted says it cannot be pinned);
// else the project file's when the store does not know it yet.
func (m *match) bookings(p *model.Project, demoted map[string]string) []*model.Booking {
	var out []*model.Booking
	for i, s := range p.Sessions {
		f, sb := m.file[i], m.store[i]
		var b *model.Booking
		switch {
		case f != nil && f.Status == booking.Confirmed:
			b = f
		case sb != nil && sb.Status != booking.Released:
			b = fromStore(p, s, sb)
			if _, ok := demoted[sb.ID]; ok {
				b.Status = booking.Pencil
			}
		case f != nil && sb == nil:
			b = f
		}
		m.chosen[i] = b
		if b != nil {
			out = append(out, b)
		}
	}
	return out
}

// fromStore is a store booking as the project file would write it; the
// suite, people and artistes the project no longer has are left out.
func fromStore(p *model.Project, s *model.Session, sb *store.Booking) *model.Booking {
	b := &model.Booking{ID: sb.ID, Session: s, Status: sb.Status, Start: sb.Start, Suite: p.Suite(sb.Suite), Note: sb.Note}
	for _, id := range sb.ExtraSuites {
		if x := p.Suite(id); x != nil {
			b.ExtraSuites = append(b.ExtraSuites, x)
		}
	}
	for _, id := range sb.People {
		if x := p.Person(id); x != nil {
			b.People = append(b.People, x)
		}
	}
	for _, id := range sb.Artistes {
		if a := p.Artiste(id); a != nil {
			b.Artistes = append(b.Artistes, a)
		}
	}
	return b
}

// demoteStoreProblems marks the store's confirmed bookings that compile
// refused (one outside the production's dates) to be compiled as pencils,
// and reports whether it marked any: then compiling again will succeed
// where only those bookings were wrong.
func (m *match) demoteStoreProblems(verr *model.ValidationError, demoted map[string]string) bool {
	more := false
	for i, b := range m.chosen {
		if b == nil || m.store[i] == nil || b.Status != booking.Confirmed || b.Pos.IsValid() {
			continue // only bookings that came from the store
		}
		if _, ok := demoted[b.ID]; ok {
			continue
		}
		for _, pr := range verr.Problems {
			if pr.Field == "bookings."+b.ID || strings.HasPrefix(pr.Field, "bookings."+b.ID+".") {
				demoted[b.ID] = pr.Msg
				more = true
				break
			}
		}
	}
	return more
}

// prior returns the booking task i was compiled from, as the store holds
// it (or would hold it, for a project-file booking it does not know yet);
// nil when none.
func (m *match) prior(i int, loc *time.Location) *store.Booking {
	b := m.chosen[i]
	if b == nil {
		return nil
	}
	if sb := m.store[i]; sb != nil {
		out := *sb
		if b == m.file[i] && b.Status == booking.Confirmed {
			out.Status = booking.Confirmed
		}
		return &out
	}
	s := b.Session
	name, ep := sessionLabel(s)
	out := &store.Booking{ID: b.ID, Production: m.production, Session: name, Episode: ep, Status: b.Status,
		Start: b.Start.In(loc), End: b.Start.Add(s.Duration).In(loc), Note: b.Note}
	if b.Suite != nil {
		out.Suite = b.Suite.ID
	}
	for _, x := range b.ExtraSuites {
		out.ExtraSuites = append(out.ExtraSuites, x.ID)
	}
	for _, x := range b.People {
		out.People = append(out.People, x.ID)
	}
	for _, a := range b.Artistes {
		out.Artistes = append(out.Artistes, a.ID)
	}
	return out
}
