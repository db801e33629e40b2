package storefeed

import (
	"strings"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model"
)

// Roster is what the booking store does not keep and calendars need: the
// production heading the calendars (name, time zone, UID domain), who is
// on it by name, and where each suite is. The store keeps ids only; the
// project file is the one place names are written, so RosterOf reads them
// from there.
type Roster struct {
	// Production heads every calendar. Its ID goes into every event UID,
	// so it must never change for the life of the production; RosterOf
	// derives it from the project's name. Updated is ignored: a Source
	// dates the calendars by the store's history.
	Production calendars.Production
	// Scope is the store's production name (store.Booking.Production)
	// whose bookings the calendars hold; "" holds every booking.
	Scope string
	// Suites gives each suite's facility (the LOCATION after the suite's
	// name) and kind (the event's CATEGORIES), by suite id.
	Suites map[string]SuiteInfo
	// Productions names a facility's productions by id: a facility's
	// sessions are stored as "<id>: <session>", and the production's name
	// goes into the events' DESCRIPTION. Empty for a single production.
	Productions map[string]string
}

// SuiteInfo is what a calendar shows of a suite besides its name.
type SuiteInfo struct {
	Facility string // e.g. "Halo Post"; may be empty
	Kind     string // e.g. "grade"; may be empty
}

// RosterOf builds the roster of a loaded project: the store scope and
// calendar name are the project's name (as pencil solve commits it), the
// UID domain its slug ("Harbour Lights" gives "harbour-lights"), the zone
// the project calendar's, and the rosters its suites, people and
// artistes in file order. The coordinator's contact and the artistes'
// agents come along, for the events' DESCRIPTION, and the artistes'
// travel, for the journeys in their feeds.
func RosterOf(p *model.Project) Roster {
	loc := p.Calendar.Location
	if loc == nil {
		loc = time.UTC
	}
	r := Roster{
		Production: calendars.Production{ID: model.Slug(p.Name), Name: p.Name, TimeZone: loc, DayStart: p.DayStart(),
			Contact: calendars.Contact{Name: p.Contact.Name, Email: p.Contact.Email, Phone: p.Contact.Phone},
			Agents:  map[string]calendars.Contact{}, Travel: map[string]calendars.Journey{}},
		Scope:  p.Name,
		Suites: make(map[string]SuiteInfo, len(p.Suites)),
	}
	if p.Facility {
		r.Productions = make(map[string]string, len(p.Productions))
		for _, pr := range p.Productions {
			r.Productions[pr.ID] = pr.Name
		}
	}
	for _, s := range p.Suites {
		r.Production.Suites = append(r.Production.Suites, calendars.Ref{ID: s.ID, Name: s.Name})
		r.Suites[s.ID] = SuiteInfo{Facility: s.Facility, Kind: s.Kind}
	}
	for _, pe := range p.People {
		r.Production.People = append(r.Production.People, calendars.Ref{ID: pe.ID, Name: pe.Name})
	}
	for _, a := range p.Artistes {
		r.Production.Artistes = append(r.Production.Artistes, calendars.Ref{ID: a.ID, Name: a.Name})
		if a.Agent != (model.Agent{}) {
			r.Production.Agents[a.ID] = calendars.Contact{Name: a.Agent.Name, Email: a.Agent.Email}
		}
		if a.Travel.Time > 0 {
			r.Production.Travel[a.ID] = calendars.Journey{Time: a.Travel.Time, PerVisit: a.Travel.PerVisit, HoldPerDay: a.HoldPerDay}
		}
	}
	return r
}

// production is the name of the facility production a stored session
// label ("harbour: Grade") is for, or "" when it names none.
func (r Roster) production(session string) string {
	id, _, ok := strings.Cut(session, ": ")
	if !ok {
		return ""
	}
	return r.Productions[id]
}

// names maps ids to names, one map per kind of roster.
type names struct{ suites, people, artistes map[string]string }

func (r Roster) names() names {
	index := func(refs []calendars.Ref) map[string]string {
		m := make(map[string]string, len(refs))
		for _, ref := range refs {
			m[ref.ID] = ref.Name
		}
		return m
	}
	return names{index(r.Production.Suites), index(r.Production.People), index(r.Production.Artistes)}
}
