package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// validate runs the checks that need the whole project: duplicates, what
// the work needs against what exists, time windows, artiste availability,
// dependency cycles and bookings. Each problem is reported at the value it
// is about.
func (l *loader) validate() {
	// Every file is read: the working day's start is known, and checking
	// each session against it must not rescan every session (a
	// 40-episode series: 7,727 sessions, 0.14 s).
	l.dayStartsAt = Clock(l.proj.DayStart() / time.Minute)
	l.checkDuplicates()
	for _, a := range l.proj.Artistes {
		l.checkTravel(a)
	}
	for _, ps := range l.pending {
		l.checkSession(ps)
	}
	l.checkDayStart()
	l.checkCycles()
	for _, pb := range l.bookings {
		l.checkBooking(pb)
	}
}

// checkDuplicates reports ids used twice among suites, people, artistes,
// productions and bookings.
func (l *loader) checkDuplicates() {
	type entry struct {
		id  string
		pos Pos
	}
	check := func(section string, entries []entry) {
		first := map[string]Pos{}
		for _, e := range entries {
			if e.id == "" {
				continue
			}
			if p, dup := first[e.id]; dup {
				l.report(e.pos, section, "give each its own id", fmt.Sprintf("duplicate id %q (first at %s)", e.id, p))
				continue
			}
			first[e.id] = e.pos
		}
	}
	var es []entry
	for _, s := range l.proj.Suites {
		es = append(es, entry{s.ID, s.Pos})
	}
	check("suites", es)
	es = es[:0]
	for _, p := range l.proj.People {
		es = append(es, entry{p.ID, p.Pos})
	}
	check("people", es)
	es = es[:0]
	for _, a := range l.proj.Artistes {
		es = append(es, entry{a.ID, a.Pos})
	}
	check("artistes", es)
	es = es[:0]
	for _, b := range l.proj.Bookings {
		es = append(es, entry{b.ID, b.Pos})
	}
	check("bookings", es)
	if l.proj.Facility {
		es = es[:0]
		for _, p := range l.proj.Productions {
			es = append(es, entry{p.ID, p.Pos})
		}
		check("productions", es)
	}
}

// Reasons shown for session problems, kept together.
const (
	hintDuration  = "write the work content, e.g. duration: 3d"
	hintMilestone = "a milestone is a moment (picture lock, turnover); leave out duration, suite and crew"
)

func (l *loader) checkSession(ps *pendingSession) {
	s := ps.s
	field := func(key string) at {
		if f, ok := ps.fields[key]; ok {
			return f
		}
		return at{ps.entry.d, ps.entry.n, joinPath(ps.entry.path, key)}
	}
	switch {
	case s.Milestone:
		for _, key := range []string{"duration", "suite", "suites", "roles", "people", "artistes", "split", "window"} {
			if f, ok := ps.fields[key]; ok {
				f.errorf(hintMilestone, "%s is a milestone and takes no %s", ps.name(key), key)
			}
		}
	case s.Duration == 0:
		if _, ok := ps.fields["duration"]; !ok && !ps.entry.d.typoOf(ps.entry.path, "duration") {
			field("duration").errorf(hintDuration+", or milestone: true", "%s has no duration", ps.name("duration"))
		}
	case !ps.has("suite", "suites", "roles", "people", "artistes"):
		field("suite").errorf("name a suite, roles, people or artistes", "%s needs nothing, so it cannot be booked", ps.name())
	}
	// A faulty suite or crew entry (a misspelt kind or role, a broken
	// spreadsheet) is reported where it is written; what the sessions need
	// is only checked against entries that read cleanly.
	l.checkTies(ps, field)
	l.checkUse(ps, field)
	l.checkSuiteKinds(ps)
	for _, need := range s.Roles {
		if l.badPeople || l.unsureAbout("role", need.Role) {
			continue
		}
		if have := l.peopleWithRole(need.Role, s.Production); have < need.Count {
			f := field("roles")
			hint, who := fmt.Sprintf("add %s %s under people:, or give the role to someone", article(need.Role), need.Role), whoHasRole(have)
			if l.peopleWithRole(need.Role, nil) > have {
				hint = fmt.Sprintf("add %s to the productions: of %s %s, or add one under people:", s.Production.ID, article(need.Role), need.Role)
				who += " free to work for " + s.Production.ID
			}
			l.report(need.Pos, f.path, hint, fmt.Sprintf("%s needs %s, and %s", ps.name("roles"), countOf(need.Count, need.Role), who))
		}
	}
	l.checkSessionTimes(ps, field)
	if l.sessionDatesBad(s) || ps.anyFaulty("release", "deadline", "window", "split", "duration", "overtime_until", "weekends") {
		return // the window to look for the artistes in is wrong already
	}
	for i, a := range s.Artistes {
		if !l.badAvailability[a] && a.travelFits(l.proj.Calendar) && artisteFits(a, s, 0) && !artisteFits(a, s, a.Travel.Time) {
			l.report(a.TravelTimePos, l.travelPath(a), "check the travel time, or ask "+agentOf(a)+" for longer days in that window",
				fmt.Sprintf("%s: artiste %s travels %s each way, and no day offered between %s and %s leaves %s for the session after the journey there or before the journey home",
					s.ID, a.ID, fmtDuration(a.Travel.Time), fmtStart(s.Release), fmtEnd(s.Deadline), fmtDuration(needOnOneDay(s))))
			continue
		}
		if !l.badAvailability[a] && !artisteFits(a, s, 0) {
			f := field("artistes")
			f.path = fmt.Sprintf("%s[%d]", f.path, i)
			if items := f.d.items(f.n, f.path, true); i < len(items) {
				f.n = items[i]
			}
			f.errorf("ask "+agentOf(a)+" for dates in that window, or move the session", "%s: artiste %s is never available for %s between %s and %s",
				s.ID, a.ID, fmtDuration(needOnOneDay(s)), fmtStart(s.Release), fmtEnd(s.Deadline))
		}
	}
}

// name names a session in a problem about the given fields. A problem in
// a pipeline step's own fields is the same in every episode, so it names
// the step ("adr (every episode)") and is reported once; when an override
// gave one of the fields, it names the episode's session.
func (ps *pendingSession) name(keys ...string) string {
	s := ps.s
	if s.Episode == 0 {
		return s.ID
	}
	for _, k := range keys {
		if f, ok := ps.fields[k]; ok && !strings.HasPrefix(f.path, ps.entry.path+".") {
			return s.ID
		}
	}
	step := s.Template
	if s.Production.ID != "" {
		step = s.Production.ID + "/" + step
	}
	return step + " (every episode)"
}

func agentOf(a *Artiste) string {
	if a.Agent.Name != "" {
		return a.Agent.Name
	}
	return "the agent"
}

// checkSessionTimes checks release, deadline, due, window and split.
func (l *loader) checkSessionTimes(ps *pendingSession, field func(string) at) {
	s := ps.s
	cal := s.Production.Calendar
	// Wrong production dates, or a release or deadline that did not read,
	// are reported where they are written; comparing what is left would
	// only repeat them.
	datesBad := l.sessionDatesBad(s) || ps.anyFaulty("release", "deadline", "due")
	_, ownDeadline := ps.fields["deadline"]
	switch {
	case datesBad || s.Deadline.After(s.Release):
	case ownDeadline:
		field("deadline").errorf("the deadline must leave time after the earliest start", "%s: deadline (%s) is not after its earliest start (%s)",
			s.ID, fmtEnd(s.Deadline), fmtStart(s.Release))
	default:
		field("release").errorf("release it before the delivery, or move the delivery", "%s: earliest start %s is not before the delivery (%s)",
			s.ID, fmtStart(s.Release), fmtEnd(s.Deadline))
	}
	switch {
	case datesBad || s.Due.IsZero():
	case !s.Due.After(s.Release):
		field("due").errorf("the due date comes after the earliest start", "%s: due (%s) is not after its earliest start (%s)",
			s.ID, fmtEnd(s.Due), fmtStart(s.Release))
	case s.Due.After(s.Deadline):
		// The deadline is hard: a due date past it could never be
		// missed, so its lateness would never be charged.
		field("due").errorf("a due date is a target before the hard deadline: set it on or before the deadline, or leave it out",
			"%s: due (%s) is after its deadline (%s)", s.ID, fmtEnd(s.Due), fmtEnd(s.Deadline))
	}
	if s.OvertimeUntil < cal.Hours.End {
		field("overtime_until").errorf(OvertimeHint(cal.Hours), "overtime until %s falls inside the working hours %s", s.OvertimeUntil, cal.Hours)
	}
	if start := l.dayStart(); !s.Window.IsZero() && s.Window.Start < start {
		field("window").errorf(l.dayStartHint(), "%s: window %s starts at %s, before the working day starts at %s", ps.name("window"), s.Window, s.Window.Start, start)
	}
	hours, where := dayHours(s)
	if !s.Window.IsZero() && !s.Window.Within(hours) {
		field("window").errorf(fmt.Sprintf("keep it inside %s (%s)", where, hours), "%s: window %s is outside %s", ps.name("window", "suite", "overtime_until"), s.Window, where)
	}
	span := sessionSpan(s)
	if !s.Milestone && !s.Split && s.Duration > span.Length() {
		field("duration").errorf("allow it to run over several days with split: true (or split: 1d)",
			"%s: %s of work cannot fit in one %s day", ps.name("duration", "window", "split", "suite"), fmtDuration(s.Duration), span)
	}
	// One problem per minimum piece: too long for a day says it all.
	switch {
	case s.Split && s.MinChunk > span.Length():
		field("split").errorf(fmt.Sprintf("a piece must fit in one day (%s)", span), "%s: minimum piece %s is longer than a day", ps.name("split", "window", "suite"), fmtDuration(s.MinChunk))
	case s.Split && s.MinChunk > s.Duration && s.Duration > 0:
		field("split").errorf("the smallest piece is at most the whole session", "%s: minimum piece %s is longer than the session (%s)", ps.name("split", "duration"), fmtDuration(s.MinChunk), fmtDuration(s.Duration))
	}
}

// sessionDatesBad reports whether the dates that bound s by default (its
// production's, or its episode's) were reported as wrong.
func (l *loader) sessionDatesBad(s *Session) bool {
	return l.badDates[s.Production] || s.Episode > 0 && l.badEpisodeDates[s.Production]
}

// fmtStart prints an earliest start: the day alone at midnight.
func fmtStart(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

// fmtEnd prints a latest end: midnight reads as the end of the day before.
func fmtEnd(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return "end of " + DateOf(t).AddDays(-1).String()
	}
	return t.Format("2006-01-02 15:04")
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// fmtDuration prints durations the way they are written: 4h, 90m, 40h.
func fmtDuration(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// anySuiteOfKind reports whether some suite of the kind may be used by
// the production's sessions.
func (l *loader) anySuiteOfKind(kind string, prod *Production) bool {
	for _, s := range l.proj.Suites {
		if s.Kind == kind && s.WorksFor(prod) {
			return true
		}
	}
	return false
}

// peopleWithRole counts the people with the role who may work for the
// production (nil: for any production).
func (l *loader) peopleWithRole(role string, prod *Production) int {
	n := 0
	for _, p := range l.proj.People {
		if p.HasRole(role) && (prod == nil || p.WorksFor(prod)) {
			n++
		}
	}
	return n
}

// checkTies reports a named person or suite that is tied to other
// productions than the session's.
func (l *loader) checkTies(ps *pendingSession, field func(string) at) {
	s := ps.s
	for _, r := range ps.rooms {
		if su := r.need.Suite; su != nil && !su.WorksFor(s.Production) {
			r.at.errorf(tieHint(s.Production, "suite", su.ID), "%s: suite %s works only for %s", ps.name("suite", "suites"), su.ID, productionIDs(su.Productions))
		}
	}
	for i, p := range s.People {
		if p.WorksFor(s.Production) {
			continue
		}
		f := field("people")
		f.path = fmt.Sprintf("%s[%d]", f.path, i)
		if items := f.d.items(f.n, f.path, true); i < len(items) {
			f.n = items[i]
		}
		f.errorf(tieHint(s.Production, "person", p.ID), "%s: %s works only for %s", ps.name("people"), p.ID, productionIDs(p.Productions))
	}
}

func tieHint(prod *Production, what, id string) string {
	return fmt.Sprintf("name another %s, or add %s to the productions: of %s", what, prod.ID, id)
}

// productionIDs lists productions' ids: "harbour, field".
func productionIDs(ps []*Production) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}

// checkCycles reports each dependency cycle once, naming it:
// ep1/mix -> ep1/grade -> ep1/mix. A cycle in a pipeline is reported for
// its first episode only.
func (l *loader) checkCycles() {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*Session]int{}
	entry := map[*Session]*pendingSession{}
	for _, ps := range l.pending {
		entry[ps.s] = ps
	}
	reported := map[string]bool{}
	var path []*Session
	var visit func(s *Session)
	visit = func(s *Session) {
		state[s] = onPath
		path = append(path, s)
		for _, dep := range s.After {
			switch state[dep.Session] {
			case onPath:
				l.reportCycle(path, dep.Session, entry, reported)
			case unseen:
				visit(dep.Session)
			}
		}
		path = path[:len(path)-1]
		state[s] = done
	}
	for _, ps := range l.pending {
		if state[ps.s] == unseen {
			visit(ps.s)
		}
	}
}

func (l *loader) reportCycle(path []*Session, back *Session, entry map[*Session]*pendingSession, reported map[string]bool) {
	start := 0
	for i, s := range path {
		if s == back {
			start = i
		}
	}
	cycle := path[start:]
	// Key the cycle by its template steps so a pipeline cycle is reported
	// once, not once per episode.
	// The path runs from each session to one it comes after; print it in
	// working order, each session before the one that follows it.
	var names, key []string
	names = append(names, back.ID)
	for i := len(cycle) - 1; i >= 0; i-- {
		s := cycle[i]
		names = append(names, s.ID)
		key = append(key, s.Production.ID+"/"+s.Template+"/"+idIfOneOff(s))
	}
	slices.Sort(key)
	k := strings.Join(key, ",")
	if reported[k] {
		return
	}
	reported[k] = true
	ps := entry[back]
	f, ok := ps.fields["after"]
	if !ok {
		f = ps.entry
	}
	f.errorf("remove one after: to break the loop", "dependency cycle: %s", strings.Join(names, " -> "))
}

func idIfOneOff(s *Session) string {
	if s.Episode == 0 {
		return s.LocalID
	}
	return ""
}

// checkBooking checks that a booking fits its session and production.
func (l *loader) checkBooking(pb *pendingBooking) {
	b, p := pb.b, pb.p
	mark := l.reports
	field := func(key string) at {
		if f, ok := pb.fields[key]; ok {
			return f
		}
		return at{pb.entry.d, pb.entry.n, joinPath(pb.entry.path, key)}
	}
	if !b.Start.IsZero() && !l.badDates[p] {
		first, end := p.Start.In(p.Calendar.Location), p.Delivery.AddDays(1).In(p.Calendar.Location)
		if b.Start.Before(first) || !b.Start.Before(end) {
			field("start").errorf(fmt.Sprintf("the production runs %s..%s", p.Start, p.Delivery), "booking %s starts %s, outside the production", b.ID, b.Start.Format("2006-01-02T15:04"))
		}
	}
	s := b.Session
	if s == nil {
		return
	}
	l.checkBookedExtraRooms(b, field)
	if b.Suite != nil && b.Suite.Kind != "" {
		switch {
		case s.Suite != nil && s.Suite != b.Suite:
			field("suite").errorf("book the suite the session names", "booking %s holds %s, but %s needs %s", b.ID, b.Suite.ID, s.ID, s.Suite.ID)
		case s.SuiteKind != "" && b.Suite.Kind != s.SuiteKind:
			field("suite").errorf(fmt.Sprintf("book a %s suite", s.SuiteKind), "booking %s holds %s (%s), but %s needs a %s suite", b.ID, b.Suite.ID, b.Suite.Kind, s.ID, s.SuiteKind)
		}
	}
	if s.Milestone {
		field("session").errorf("milestones are not booked", "booking %s is for milestone %s", b.ID, s.ID)
		return
	}
	// What a confirmed booking names is only checked once what it does
	// name reads cleanly.
	if b.Status == booking.Confirmed && !pb.faulty && !l.since(mark) && !l.badPeople && !l.badSuites {
		l.checkConfirmedNames(b, field)
	}
}

// checkConfirmedNames reports a confirmed booking that does not name what
// its session needs: it is pinned as written, so pencil cannot fill in a
// suite or crew that people were never told about. The needs are matched
// in the order the compiler pins them: suite, crew by role (in the order
// of people:), named people, artistes.
func (l *loader) checkConfirmedNames(b *Booking, field func(string) at) {
	s := b.Session
	var missing []string
	key, example := "people", ""
	if b.Suite == nil && (s.Suite != nil || s.SuiteKind != "") {
		key, example = "suite", "suite: "
		if s.Suite != nil {
			missing = append(missing, "suite "+s.Suite.ID)
			example += s.Suite.ID
		} else {
			missing = append(missing, article(s.SuiteKind)+" "+s.SuiteKind+" suite")
			for _, su := range l.proj.Suites {
				if su.Kind == s.SuiteKind {
					example += su.ID
					break
				}
			}
		}
	}
	used := map[*Person]bool{}
	var crewExample []string
	for _, need := range s.Roles {
		got := 0
		for _, p := range l.proj.People {
			if got < max(need.Count, 1) && p.HasRole(need.Role) && !used[p] && slices.Contains(b.People, p) {
				used[p] = true
				got++
			}
		}
		if n := max(need.Count, 1); got < n {
			missing = append(missing, countOf(n-got, need.Role))
			for _, p := range l.proj.People {
				if p.HasRole(need.Role) && !used[p] && len(crewExample) < n-got {
					crewExample = append(crewExample, p.ID)
				}
			}
		}
	}
	for _, p := range s.People {
		if used[p] || !slices.Contains(b.People, p) {
			missing = append(missing, p.ID)
			crewExample = append(crewExample, p.ID)
		}
		used[p] = true
	}
	for _, a := range s.Artistes {
		if !slices.Contains(b.Artistes, a) {
			missing = append(missing, "artiste "+a.ID)
		}
	}
	if len(missing) == 0 {
		return
	}
	if len(crewExample) > 0 {
		key, example = "people", "people: ["+strings.Join(crewExample, ", ")+"]"
	}
	hint := "name what was confirmed, or make it a pencil"
	if example != "" {
		hint = fmt.Sprintf("name what was confirmed, e.g. %s, or make it a pencil", example)
	}
	field(key).errorf(hint, "confirmed booking %s does not name %s, which %s needs", b.ID, andList(missing), s.ID)
}

// countOf writes n of a role: "a colourist", "2 editors".
func countOf(n int, role string) string {
	if n == 1 {
		return article(role) + " " + role
	}
	return fmt.Sprintf("%d %ss", n, role)
}

// whoHasRole says how many people have a role: "nobody has that role",
// "only 1 person has it".
func whoHasRole(n int) string {
	switch n {
	case 0:
		return "nobody has that role"
	case 1:
		return "only 1 person has that role"
	}
	return fmt.Sprintf("only %d people have that role", n)
}

// andList joins words as "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// checkUse reports a session's use: that no suite or person it may use
// has on its rate card.
func (l *loader) checkUse(ps *pendingSession, field func(string) at) {
	s := ps.s
	if s.Use == "" || l.badSuites || l.badPeople {
		return
	}
	offered := map[string]bool{}
	for _, rc := range sessionCards(l.proj, s) {
		for _, u := range rc.Uses {
			offered[u.Use] = true
		}
	}
	if offered[s.Use] {
		return
	}
	hint := fmt.Sprintf("add uses: { %s: { hour: … } } to the rate card of the suite or crew it uses", s.Use)
	if len(offered) > 0 {
		uses := slices.Sorted(maps.Keys(offered))
		hint = suggest(s.Use, uses, "the uses its suite and crew offer: "+strings.Join(uses, ", "))
	}
	field("use").errorf(hint, "%s: unknown use %q: no suite or person it may use has that rate", ps.name("use"), s.Use)
}

// sessionCards are the rate cards of the suites and people a session
// may use.
func sessionCards(p *Project, s *Session) []*RateCard {
	var out []*RateCard
	for _, su := range p.Suites {
		if slices.ContainsFunc(s.SuiteNeeds(), func(n SuiteNeed) bool {
			return su == n.Suite || n.Suite == nil && su.Kind == n.Kind && su.WorksFor(s.Production)
		}) {
			out = append(out, &su.Rate)
		}
	}
	for _, pe := range p.People {
		named := false
		for _, x := range s.People {
			named = named || x == pe
		}
		role := false
		for _, need := range s.Roles {
			role = role || pe.HasRole(need.Role) && pe.WorksFor(s.Production)
		}
		if named || role {
			out = append(out, &pe.Rate)
		}
	}
	return out
}
