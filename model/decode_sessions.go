package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"go.yaml.in/yaml/v3"
)

var (
	sessionKeys = []string{
		"id", "name", "kind", "milestone", "duration", "suite", "suites", "roles", "people", "artistes",
		"split", "window", "release", "deadline", "due", "lateness_per_day", "department",
		"after", "lag", "weekends", "overtime_until", "note", "same_people_as", "same_suite_as", "use",
		"closed", "at",
	}
	afterKeys    = []string{"id", "kind", "lag", "max_lag"}
	splitKeys    = []string{"min"}
	overrideKeys = append([]string{"episode", "session"}, sessionKeys[1:]...)
	// episodeWideKeys may be overridden for a whole episode (no session:).
	episodeWideKeys = []string{"episode", "session", "start", "delivery", "release", "deadline", "due", "lateness_per_day", "weekends", "overtime_until", "closed", "note"}
	bookingKeys     = []string{"id", "session", "status", "start", "suite", "suites", "people", "artistes", "note"}
)

// at is a value node with the file it came from and its field path, kept
// so that references can be resolved, and problems reported, later.
type at struct {
	d    *dec
	n    *yaml.Node
	path string
}

func (a at) errorf(hint, format string, args ...any) { a.d.errorf(a.n, a.path, hint, format, args...) }

// pendingSession is a decoded session whose references (suite, people,
// artistes, after) wait until every session exists.
type pendingSession struct {
	s *Session
	// fields holds the node of each field given, overrides applied.
	fields map[string]at
	// templates are the pipeline step ids of the session's episode
	// (nil for one-off sessions): "grade" in ep3 means ep3/grade.
	templates map[string]bool
	entry     at
	// faulty holds the fields reported as wrong, whose dependent checks
	// are skipped.
	faulty map[string]bool
	// rooms are the suites and kinds resolved from suite: or suites:,
	// where each is written.
	rooms []writtenRoom
}

// anyFaulty reports whether any of the keys was reported as wrong.
func (ps *pendingSession) anyFaulty(keys ...string) bool {
	for _, k := range keys {
		if ps.faulty[k] {
			return true
		}
	}
	return false
}

// has reports whether any of the keys was written for the session.
func (ps *pendingSession) has(keys ...string) bool {
	for _, k := range keys {
		if _, ok := ps.fields[k]; ok {
			return true
		}
	}
	return false
}

// decodeSessions reads a production's one-off sessions.
func (l *loader) decodeSessions(d *dec, n *yaml.Node, path string, p *Production) error {
	return d.eachEntry(n, path, sessionCSV, func(d *dec, n *yaml.Node, path string) {
		l.newSession(d, n, path, p, 0, nil)
	})
}

// newSession decodes one session entry of production p (of episode ep
// when ep > 0) and adds it to the production and the project.
func (l *loader) newSession(d *dec, n *yaml.Node, path string, p *Production, ep int, templates map[string]bool) *pendingSession {
	s := &Session{
		Production: p, Episode: ep, Pos: d.pos(n),
		Weekends: p.Calendar.Weekends, OvertimeUntil: p.Calendar.OvertimeUntil,
	}
	ps := &pendingSession{s: s, fields: map[string]at{}, templates: templates, entry: at{d, n, path}}
	fm := fieldMap(d.fields(n, path, sessionKeys))
	d.requireID(n, fm, path, &s.LocalID)
	if s.LocalID == "" {
		return nil
	}
	if ep > 0 {
		s.Template = s.LocalID
		s.LocalID = fmt.Sprintf("ep%d/%s", ep, s.Template)
	}
	s.ID = s.LocalID
	if p.ID != "" {
		s.ID = p.ID + "/" + s.LocalID
	}
	for _, key := range sessionKeys[1:] {
		if f, ok := fm[key]; ok {
			l.sessionField(ps, d, f, path)
		}
	}
	l.pending = append(l.pending, ps)
	p.Sessions = append(p.Sessions, s)
	l.proj.Sessions = append(l.proj.Sessions, s)
	return ps
}

// sessionField decodes one field of a session (or of an override).
func (l *loader) sessionField(ps *pendingSession, d *dec, f field, path string) {
	mark := l.reports
	defer func() {
		if l.since(mark) {
			if ps.faulty == nil {
				ps.faulty = map[string]bool{}
			}
			ps.faulty[f.key] = true
		}
	}()
	s, cal := ps.s, ps.s.Production.Calendar
	fp := joinPath(path, f.key)
	ps.fields[f.key] = at{d, f.v, fp}
	switch f.key {
	case "name":
		d.str(f.v, fp, &s.Name)
	case "kind":
		d.id(f.v, fp, &s.Kind)
	case "milestone":
		d.boolean(f.v, fp, &s.Milestone)
	case "duration":
		d.duration(f.v, fp, cal.DayLength(), cal.Week.Count(), false, &s.Duration)
	case "roles":
		s.Roles = d.roleNeeds(f.v, fp, l.roles)
	case "split":
		d.split(f.v, fp, cal, s)
	case "window":
		d.clockRange(f.v, fp, &s.Window)
	case "release":
		d.instant(f.v, fp, cal.Location, false, &s.Release)
	case "deadline":
		d.instant(f.v, fp, cal.Location, true, &s.Deadline)
	case "due":
		d.instant(f.v, fp, cal.Location, true, &s.Due)
	case "lateness_per_day":
		d.amount(f.v, fp, &s.LatenessPerDay)
	case "use":
		d.id(f.v, fp, &s.Use)
	case "department":
		d.department(f.v, fp, l.depts, &s.Department)
		s.Charged = s.Department != ""
	case "weekends":
		if w, ok := d.word(f.v, fp, []string{"never", "premium"}); ok {
			s.Weekends = WeekendsNever
			if w == "premium" {
				s.Weekends = WeekendsPremium
			}
		}
	case "overtime_until":
		c := Clock(-1)
		d.clock(f.v, fp, &c)
		if end, ok := OvertimeEnd(c, cal.Hours); ok && c >= 0 {
			s.OvertimeUntil = end // 02:00 after a 19:00 end is the next morning
		} else if c >= 0 {
			s.OvertimeUntil = c // validate refuses it, with the hours
		}
	case "note":
		d.str(f.v, fp, &s.Note)
	case "closed":
		s.Closed = append(s.Closed, d.dateRanges(f.v, fp)...)
	case "at":
		d.clock(f.v, fp, &s.At)
		s.HasAt = true
	case "suite", "suites":
		replaceRooms(ps, f.key, fp)
	case "people", "artistes", "after", "lag", "same_people_as", "same_suite_as":
		// Resolved once every session exists.
	}
}

// roleNeeds reads roles: as a list ([editor, assistant-editor], a role
// written twice counts twice) or a mapping of counts ({editor: 2}).
func (d *dec) roleNeeds(n *yaml.Node, path string, roles []string) []RoleNeed {
	var out []RoleNeed
	add := func(role string, count int, pos Pos) {
		for i := range out {
			if out[i].Role == role {
				out[i].Count += count
				return
			}
		}
		out = append(out, RoleNeed{Role: role, Count: count, Pos: pos})
	}
	var fromMapping func(m *yaml.Node, p string)
	fromMapping = func(m *yaml.Node, p string) {
		for _, f := range d.namedFields(m, p, roles, "role") {
			c := 0
			d.count(f.v, joinPath(p, f.key), 1, 50, &c)
			if c > 0 {
				add(f.key, c, d.pos(f.kn))
			}
		}
	}
	if v := d.deref(n); v != nil && v.Kind == yaml.MappingNode {
		fromMapping(v, path)
		return out
	}
	for i, it := range d.items(n, path, true) {
		p := fmt.Sprintf("%s[%d]", path, i)
		if it.Kind == yaml.MappingNode {
			fromMapping(it, p)
			continue
		}
		if r, ok := d.word(it, p, roles); ok {
			add(r, 1, d.pos(it))
		}
	}
	return out
}

// split reads split: true|false, split: 1d (allowed, in pieces of at
// least 1d) or split: {min: 1d}.
func (d *dec) split(n *yaml.Node, path string, cal Calendar, s *Session) {
	v := d.deref(n)
	if v == nil {
		return
	}
	var minNode *yaml.Node
	minPath := path
	switch {
	case v.Kind == yaml.MappingNode:
		fm := fieldMap(d.fields(v, path, splitKeys))
		s.Split = true
		if f, ok := fm["min"]; ok {
			minNode, minPath = f.v, path+".min"
		}
	case v.Kind == yaml.ScalarNode && strings.ContainsAny(v.Value, "0123456789"):
		s.Split, minNode = true, v
	default:
		d.boolean(v, path, &s.Split)
	}
	if minNode != nil {
		d.duration(minNode, minPath, cal.DayLength(), cal.Week.Count(), false, &s.MinChunk)
	}
}

// instant reads a date (2026-05-04) or a local date-time
// (2026-05-04T10:00). A bare date is the start of that day, or its end
// (midnight after) when endOfDay is set, as for deadlines.
func (d *dec) instant(n *yaml.Node, path string, loc *time.Location, endOfDay bool, dst *time.Time) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	if strings.Contains(s, "T") {
		t, err := ParseDateTime(s, loc)
		if err != nil {
			d.errorf(n, path, instantHint(err), "%v", err)
			return
		}
		*dst = t
		return
	}
	day, err := ParseDate(s)
	if err != nil {
		d.errorf(n, path, instantHint(err), "%v", err)
		return
	}
	if endOfDay {
		day = day.AddDays(1)
	}
	*dst = day.In(loc)
}

// instantHint says how to fix a day or date-time that failed with err:
// the month's length for a day that does not exist, else the forms.
func instantHint(err error) string {
	var nd *noSuchDayError
	if errors.As(err, &nd) {
		return dateHint("", err)
	}
	return clockHint(err, "write 2026-05-04 or 2026-05-04T10:00")
}

// override is one entry of episodes.overrides.
type override struct {
	episode int
	session string
	fields  []field
	// dates are the episode's own start: and delivery:.
	dates []field
	path  string
}

// decodeEpisodes reads the episode template and instantiates the pipeline
// once per episode, applying overrides.
func (l *loader) decodeEpisodes(d *dec, epNode *yaml.Node, epPath string, pipeNode *yaml.Node, pipePath string, p *Production) {
	e := &Episodes{Pos: d.pos(epNode), FirstStart: p.Start, StaggerDays: 7, DeliveryStaggerDays: 7}
	fm := fieldMap(d.fields(epNode, epPath, episodeKeys))
	if f, ok := fm["count"]; ok {
		d.count(f.v, epPath+".count", 1, maxEpisodes, &e.Count)
	} else {
		d.errorf(epNode, epPath+".count", "for example count: 6", "missing episode count")
	}
	if f, ok := fm["stagger"]; ok {
		d.stagger(f.v, epPath+".stagger", p.Calendar.DayLength(), e)
	}
	if f, ok := fm["first_start"]; ok {
		mark := l.reports
		d.date(f.v, epPath+".first_start", &e.FirstStart)
		if !l.since(mark) && !l.badDates[p] && e.FirstStart.Before(p.Start) {
			d.errorf(f.v, epPath+".first_start", "episodes start on or after the production's start", "first episode starts %s, before the production's start %s", e.FirstStart, p.Start)
		}
	}
	deliveryRead := false
	if f, ok := fm["first_delivery"]; ok {
		mark := l.reports
		d.date(f.v, epPath+".first_delivery", &e.FirstDelivery)
		switch {
		case l.since(mark) || l.badDates[p]:
			// The dates to compare are wrong already: one problem each.
		case !e.FirstDelivery.After(e.FirstStart):
			d.errorf(f.v, epPath+".first_delivery", "delivery comes after the episode's start", "first delivery %s is not after the first start %s", e.FirstDelivery, e.FirstStart)
		default:
			deliveryRead = true
		}
	}
	p.Episodes = e
	items := d.items(pipeNode, pipePath, false)
	templates := map[string]bool{}
	for _, it := range items {
		if id := peekKey(it, "id"); id != "" {
			templates[id] = true
		}
	}
	var overrides []override
	if f, ok := fm["overrides"]; ok {
		overrides = l.decodeOverrides(d, f.v, epPath+".overrides", e, templates)
		l.episodeDates(d, overrides, e, p)
	}
	// The staggered dates are checked once the episodes' own dates are
	// in: an episode given its own start or delivery is checked where
	// that is written (episodeDates), and may be what makes a stagger
	// work.
	if deliveryRead {
		l.checkLastDelivery(d, fm["first_delivery"], epPath+".first_delivery", e, p)
	}
	l.checkStagger(d, fm, epPath, e)
	if n := len(l.pending) + e.Count*len(items); n > maxSessions {
		d.errorf(epNode, epPath+".count", "split the project into several files", "%d episodes of %d steps make more than %d sessions", e.Count, len(items), maxSessions)
		return
	}
	for ep := 1; ep <= e.Count; ep++ {
		for i, it := range items {
			ps := l.newSession(d, it, fmt.Sprintf("%s[%d]", pipePath, i), p, ep, templates)
			if ps == nil {
				continue
			}
			for _, o := range overrides {
				if o.episode != ep || (o.session != "" && o.session != ps.s.Template) {
					continue
				}
				for _, f := range o.fields {
					l.sessionField(ps, d, f, o.path)
				}
			}
		}
	}
}

// peekKey returns the scalar value of key in mapping n without reporting.
func peekKey(n *yaml.Node, key string) string {
	if n == nil || n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func (l *loader) decodeOverrides(d *dec, n *yaml.Node, path string, e *Episodes, templates map[string]bool) []override {
	var out []override
	for i, it := range d.items(n, path, false) {
		p := fmt.Sprintf("%s[%d]", path, i)
		allowed := episodeWideKeys
		if peekKey(it, "session") != "" {
			allowed = overrideKeys
		}
		o := override{path: p}
		ok := true
		for _, f := range d.fields(it, p, allowed) {
			switch f.key {
			case "start", "delivery":
				o.dates = append(o.dates, f)
			case "episode":
				d.count(f.v, p+".episode", 1, max(e.Count, 1), &o.episode)
			case "session":
				d.id(f.v, p+".session", &o.session)
				if o.session != "" && !templates[o.session] {
					d.errorf(f.v, p+".session", suggest(o.session, keys(templates), "name a step of the pipeline"), "unknown pipeline step %q", o.session)
					ok = false
				}
			default:
				o.fields = append(o.fields, f)
			}
		}
		if o.episode == 0 {
			if peekKey(it, "episode") == "" {
				d.errorf(it, p+".episode", "for example episode: 3", "override names no episode")
			}
			ok = false
		}
		if ok {
			out = append(out, o)
		}
	}
	return out
}

// pendingBooking is a decoded booking whose references wait until every
// session exists.
type pendingBooking struct {
	b      *Booking
	p      *Production
	fields map[string]at
	entry  at
	// faulty says a problem was reported about the booking already.
	faulty bool
}

func (l *loader) decodeBookings(d *dec, n *yaml.Node, path string, p *Production) {
	for i, it := range d.items(n, path, false) {
		bp := fmt.Sprintf("%s[%d]", path, i)
		b := &Booking{Pos: d.pos(it)}
		pb := &pendingBooking{b: b, p: p, fields: map[string]at{}, entry: at{d, it, bp}}
		mark := l.reports
		fm := fieldMap(d.fields(it, bp, bookingKeys))
		d.requireID(it, fm, bp, &b.ID)
		for _, f := range fm {
			pb.fields[f.key] = at{d, f.v, bp + "." + f.key}
		}
		if f, ok := fm["status"]; ok {
			if w, ok := d.word(f.v, bp+".status", bookingStatusWords()); ok {
				b.Status = booking.Status(w) // d.word accepted one of the four
			}
		} else {
			d.errorf(it, bp+".status", "one of: "+strings.Join(bookingStatusWords(), ", "), "booking has no status")
		}
		if f, ok := fm["start"]; ok {
			if s, ok := d.scalar(f.v, bp+".start"); ok {
				t, err := ParseDateTime(s, p.Calendar.Location)
				if err != nil {
					d.errorf(f.v, bp+".start", clockHint(err, "write 2026-05-04T10:00 (local time)"), "%v", err)
				} else {
					b.Start = t
				}
			}
		} else {
			d.errorf(it, bp+".start", "for example start: 2026-05-04T09:00", "booking has no start")
		}
		if _, ok := fm["session"]; !ok {
			d.errorf(it, bp+".session", "name the session this booking is for", "booking has no session")
		}
		if f, ok := fm["note"]; ok {
			d.str(f.v, bp+".note", &b.Note)
		}
		pb.faulty = l.since(mark)
		l.bookings = append(l.bookings, pb)
		p.Bookings = append(p.Bookings, b)
		l.proj.Bookings = append(l.proj.Bookings, b)
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// bookingStatusWords lists the statuses a booking may be written with.
func bookingStatusWords() []string {
	words := make([]string, len(booking.Statuses))
	for i, st := range booking.Statuses {
		words[i] = string(st)
	}
	return words
}
