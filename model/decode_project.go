package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zones load the same on every machine

	"go.yaml.in/yaml/v3"
)

// Keys known at each level of a project file. docs/project-file.md
// describes every one (a test checks it).
var (
	rootKeys = []string{
		"include", "production", "facility", "timezone", "calendar", "currency",
		"start", "delivery", "overhead_per_day", "buffer", "schedule", "early_per_day", "budget",
		"suite_kinds", "roles", "departments", "suites", "people", "crew", "artistes", "artiste_availability",
		"episodes", "pipeline", "continuity", "sessions", "bookings", "productions", "contact",
	}
	includeKeys = []string{
		"include", "suite_kinds", "roles", "departments", "suites", "people", "crew", "artistes", "artiste_availability",
	}
	productionKeys = []string{
		"id", "name", "calendar", "currency", "start", "delivery", "overhead_per_day", "buffer", "schedule", "early_per_day", "budget",
		"episodes", "pipeline", "continuity", "sessions", "bookings",
	}
	// productionOnlyKeys are the root keys that move inside each entry of
	// productions: in a facility file.
	productionOnlyKeys = []string{"production", "start", "delivery", "overhead_per_day", "buffer", "schedule", "early_per_day", "budget", "episodes", "pipeline", "continuity", "sessions", "bookings"}
	calendarKeys       = []string{"week", "hours", "holidays", "overtime_until", "weekends", "slot"}
	budgetKeys         = []string{"total", "caps"}
	episodeKeys        = []string{"count", "stagger", "first_start", "first_delivery", "overrides"}
	contactKeys        = []string{"name", "email", "phone"}
)

// Built-in vocabularies; files extend them with suite_kinds:, roles: and
// departments:.
var (
	builtinSuiteKinds = []string{"offline", "online", "grade", "mix", "adr", "foley", "screening"}
	builtinRoles      = []string{
		"editor", "assistant-editor", "online-editor", "colourist", "assistant-colourist",
		"dialogue-editor", "sound-effects-editor", "sound-designer", "adr-mixer", "re-recording-mixer",
		"foley-artist", "foley-mixer", "composer", "music-editor", "vfx-supervisor", "vfx-artist",
		"producer", "post-supervisor", "qc-operator",
	}
	builtinDepartments = []string{"picture", "online", "grade", "sound", "adr", "music", "vfx", "deliverables", "production"}

	// Default budget departments for suites by kind and people by role.
	kindDepartment = map[string]string{
		"offline": "picture", "online": "online", "grade": "grade", "mix": "sound",
		"adr": "adr", "foley": "sound", "screening": "picture",
	}
	roleDepartment = map[string]string{
		"editor": "picture", "assistant-editor": "picture", "online-editor": "online",
		"colourist": "grade", "assistant-colourist": "grade",
		"dialogue-editor": "sound", "sound-effects-editor": "sound", "sound-designer": "sound",
		"adr-mixer": "adr", "re-recording-mixer": "sound", "foley-artist": "sound", "foley-mixer": "sound",
		"composer": "music", "music-editor": "music", "vfx-supervisor": "vfx", "vfx-artist": "vfx",
		"producer": "production", "post-supervisor": "production", "qc-operator": "deliverables",
	}
)

// Defaults of the production calendar.
var (
	defaultHours = ClockRange{9 * 60, 19 * 60}
	defaultSlot  = 30 * time.Minute
)

// commonZones feed did-you-mean hints for misspelt time zones (the Go
// standard library cannot list every zone).
var commonZones = []string{
	"UTC", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
	"Europe/Rome", "Europe/Amsterdam", "Europe/Brussels", "Europe/Stockholm", "Europe/Oslo",
	"Europe/Copenhagen", "Europe/Prague", "Europe/Budapest", "Europe/Warsaw", "Europe/Lisbon",
	"Europe/Athens", "Europe/Helsinki", "Europe/Vienna", "Europe/Zurich", "Atlantic/Reykjavik",
	"America/New_York", "America/Los_Angeles", "America/Chicago", "America/Toronto",
	"America/Vancouver", "America/Mexico_City", "America/Sao_Paulo", "America/Bogota",
	"Africa/Johannesburg", "Africa/Lagos", "Africa/Cairo", "Asia/Tokyo", "Asia/Seoul",
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Asia/Kolkata", "Asia/Dubai",
	"Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland",
}

// decodeDeclarations reads suite_kinds:, roles: and departments: from every
// file, after the built-in words.
func (l *loader) decodeDeclarations() {
	l.kinds = slices.Clone(builtinSuiteKinds)
	l.roles = slices.Clone(builtinRoles)
	l.depts = slices.Clone(builtinDepartments)
	for _, ff := range l.files {
		for key, list := range map[string]*[]string{"suite_kinds": &l.kinds, "roles": &l.roles, "departments": &l.depts} {
			f, ok := ff.fields[key]
			if !ok {
				continue
			}
			for _, r := range ff.d.refs(f.v, key) {
				if !contains(*list, r.id) {
					*list = append(*list, r.id)
				}
			}
		}
	}
	l.proj.SuiteKinds, l.proj.Roles, l.proj.Departments = l.kinds, l.roles, l.depts
}

// decodeProjectCalendar reads the time zone and calendar shared by every
// production.
func (l *loader) decodeProjectCalendar(root *fileFields) {
	d := root.d
	cal := Calendar{TimeZone: "UTC", Location: time.UTC, Week: MonToFri, Hours: defaultHours, Slot: defaultSlot}
	if f, ok := root.fields["timezone"]; ok {
		var tz string
		d.str(f.v, "timezone", &tz)
		// An empty zone is refused too: silently scheduling in UTC would
		// shift every call time by the production's offset.
		loc, err := loadZone(tz)
		if err != nil {
			d.errorf(f.v, "timezone", suggest(tz, commonZones, "an IANA zone name such as Europe/London"), "%v", err)
		} else {
			cal.TimeZone, cal.Location = tz, loc
		}
	} else if !d.typoOf("", "timezone") {
		l.report(Pos{File: d.file, Line: 1, Col: 1}, "timezone", "add timezone: Europe/London (or wherever the work happens)", "missing time zone")
	}
	cal.OvertimeUntil = cal.Hours.End
	if f, ok := root.fields["calendar"]; ok {
		d.calendar(f.v, "calendar", &cal, true)
	}
	l.proj.Calendar = cal
}

// loadZone loads an IANA zone, refusing "Local" and "" which would depend
// on the machine.
func loadZone(tz string) (*time.Location, error) {
	if tz == "" {
		return nil, errors.New("empty time zone: it would depend on the machine")
	}
	if tz == "Local" {
		return nil, fmt.Errorf("time zone %q depends on the machine", tz)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", clip(tz))
	}
	return loc, nil
}

// calendar decodes a calendar mapping over cal (which holds the defaults
// or the inherited values). The slot length may only be set at the top.
func (d *dec) calendar(n *yaml.Node, path string, cal *Calendar, top bool) {
	allowed := calendarKeys
	if !top {
		allowed = calendarKeys[:len(calendarKeys)-1]
	}
	fm := fieldMap(d.fields(n, path, allowed))
	if f, ok := fm["week"]; ok {
		if s, ok := d.scalar(f.v, joinPath(path, "week")); ok {
			w, err := ParseWeek(s)
			if err != nil {
				d.errorf(f.v, joinPath(path, "week"), "write Mon-Fri or Mon,Tue,Thu", "%v", err)
			} else {
				cal.Week = w
			}
		}
	}
	endBefore := cal.Hours.End
	if f, ok := fm["hours"]; ok {
		mark := d.l.reports
		d.clockRange(f.v, joinPath(path, "hours"), &cal.Hours)
		if !d.l.since(mark) {
			d.l.hours = append(d.l.hours, writtenHours{at{d, f.v, joinPath(path, "hours")}, cal.Hours})
		}
	}
	if cal.OvertimeUntil == endBefore || cal.OvertimeUntil < cal.Hours.End {
		cal.OvertimeUntil = cal.Hours.End
	}
	if f, ok := fm["holidays"]; ok {
		cal.Holidays = nil
		for _, r := range d.dateRanges(f.v, joinPath(path, "holidays")) {
			if r.Days() > 366 {
				d.errorf(f.v, joinPath(path, "holidays"), "list public holidays, not whole years", "holiday range %s is longer than a year", r)
				continue
			}
			for day := r.From; !day.After(r.To); day = day.AddDays(1) {
				cal.Holidays = append(cal.Holidays, day)
			}
		}
	}
	if f, ok := fm["overtime_until"]; ok {
		c := Clock(-1)
		d.clock(f.v, joinPath(path, "overtime_until"), &c)
		if end, ok := OvertimeEnd(c, cal.Hours); ok && c >= 0 {
			cal.OvertimeUntil = end
		} else if c >= 0 {
			d.errorf(f.v, joinPath(path, "overtime_until"), OvertimeHint(cal.Hours), "overtime until %s falls inside the working hours %s", c, cal.Hours)
		}
	} else if cal.OvertimeUntil > 24*60 && cal.OvertimeUntil-24*60 > cal.Hours.Start {
		// Inherited overtime past midnight that these hours start before.
		if f, ok := fm["hours"]; ok {
			d.errorf(f.v, joinPath(path, "hours"), "give this calendar its own overtime_until", "hours %s start before the overtime of the night before ends (%s)", cal.Hours, cal.OvertimeUntil)
		}
		cal.OvertimeUntil = cal.Hours.End
	}
	if f, ok := fm["weekends"]; ok {
		if w, ok := d.word(f.v, joinPath(path, "weekends"), []string{"never", "premium"}); ok && w == "premium" {
			cal.Weekends = WeekendsPremium
		} else if ok {
			cal.Weekends = WeekendsNever
		}
	}
	if f, ok := fm["slot"]; ok {
		var slot time.Duration
		d.duration(f.v, joinPath(path, "slot"), 0, 0, false, &slot)
		if slot > 0 {
			if slot < 5*time.Minute || (24*time.Hour)%slot != 0 || slot > 2*time.Hour {
				d.errorf(f.v, joinPath(path, "slot"), "use 15m, 30m or 1h", "slot %s does not divide the day", slot)
			} else {
				cal.Slot = slot
			}
		}
	}
	if cal.Week == 0 {
		d.errorf(n, joinPath(path, "week"), "write Mon-Fri", "no working days")
	}
}

func fieldMap(fs []field) map[string]field {
	m := make(map[string]field, len(fs))
	for _, f := range fs {
		m[f.key] = f
	}
	return m
}

// decodeProductions reads the productions: list of a facility file, or the
// single production written at the top level.
func (l *loader) decodeProductions(root *fileFields) error {
	d := root.d
	l.decodeContact(root)
	currency := "GBP"
	if f, ok := root.fields["currency"]; ok {
		d.currency(f.v, "currency", &currency)
	}
	prods, facility := root.fields["productions"]
	if !facility {
		p := &Production{Currency: currency, Pos: Pos{File: d.file, Line: 1, Col: 1}}
		if f, ok := root.fields["facility"]; ok {
			d.errorf(f.kn, "facility", "list the facility's shows under productions:, or write production: for one show", "facility without productions")
			// The production's own fields are missing because this is a
			// facility file: one problem, not one per field.
			p.Calendar = l.proj.Calendar
			l.proj.Productions = append(l.proj.Productions, p)
			return nil
		}
		if f, ok := root.fields["production"]; ok {
			d.str(f.v, "production", &p.Name)
			p.Pos = d.pos(f.kn)
		} else if !d.typoOf("", "production") {
			l.report(p.Pos, "production", "add production: <title>", "missing production name")
		}
		l.proj.Name = p.Name
		return l.decodeProduction(d, root.fields, "", p)
	}
	l.proj.Facility = true
	if f, ok := root.fields["facility"]; ok {
		d.str(f.v, "facility", &l.proj.Name)
	}
	for _, key := range productionOnlyKeys {
		if f, ok := root.fields[key]; ok {
			d.errorf(f.kn, key, "move it into each entry of productions:", "%s: belongs to a production in a facility file", key)
		}
	}
	items := d.items(prods.v, "productions", false)
	if len(items) == 0 {
		d.errorf(prods.v, "productions", "list at least one production", "no productions")
	}
	for i, it := range items {
		path := fmt.Sprintf("productions[%d]", i)
		fm := fieldMap(d.fields(it, path, productionKeys))
		p := &Production{Currency: currency, Pos: d.pos(it)}
		if f, ok := fm["id"]; ok {
			d.id(f.v, path+".id", &p.ID)
		} else {
			d.errorf(it, path+".id", "each production in a facility needs a short id that prefixes its sessions", "missing production id")
		}
		if f, ok := fm["name"]; ok {
			d.str(f.v, path+".name", &p.Name)
		}
		if p.Name == "" {
			p.Name = p.ID
		}
		if err := l.decodeProduction(d, fm, path, p); err != nil {
			return err
		}
	}
	return nil
}

func (d *dec) currency(n *yaml.Node, path string, dst *string) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	if len(s) != 3 || strings.ToUpper(s) != s || strings.ContainsFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' }) {
		d.errorf(n, path, "an ISO 4217 code such as GBP, EUR or USD", "bad currency %q", clip(s))
		return
	}
	*dst = s
}

// decodeProduction reads one production's fields (fm) into p and adds it,
// its sessions and its bookings to the project.
func (l *loader) decodeProduction(d *dec, fm map[string]field, path string, p *Production) error {
	p.Calendar = l.proj.Calendar
	p.Calendar.Holidays = slices.Clone(p.Calendar.Holidays)
	if f, ok := fm["calendar"]; ok && path != "" {
		d.calendar(f.v, joinPath(path, "calendar"), &p.Calendar, false)
	}
	if f, ok := fm["currency"]; ok && path != "" {
		// One currency per file: costs, budgets and reports add money
		// across productions and never convert it.
		facility := p.Currency
		d.currency(f.v, joinPath(path, "currency"), &p.Currency)
		if p.Currency != facility {
			d.errorf(f.v, joinPath(path, "currency"), fmt.Sprintf("one currency per file: write every amount in %s and leave currency: out here", facility),
				"mixed currencies in %s: the file is in %s, this production in %s", d.file, facility, p.Currency)
			p.Currency = facility
		}
	}
	mark := l.reports
	l.decodeProductionDates(d, fm, path, p)
	if l.since(mark) {
		l.markBadDates(p)
	}
	if f, ok := fm["overhead_per_day"]; ok {
		d.amount(f.v, joinPath(path, "overhead_per_day"), &p.OverheadPerDay)
	}
	d.justInTime(fm, path, p)
	if f, ok := fm["budget"]; ok {
		l.decodeBudget(d, f.v, joinPath(path, "budget"), &p.Budget)
	}
	l.proj.Productions = append(l.proj.Productions, p)
	if f, ok := fm["sessions"]; ok {
		if err := l.decodeSessions(d, f.v, joinPath(path, "sessions"), p); err != nil {
			return err
		}
	}
	ep, hasEp := fm["episodes"]
	pipe, hasPipe := fm["pipeline"]
	switch {
	case hasEp && hasPipe:
		mark := l.reports
		l.decodeEpisodes(d, ep.v, joinPath(path, "episodes"), pipe.v, joinPath(path, "pipeline"), p)
		if l.since(mark) {
			// Episode starts and deliveries bound the episodes' sessions.
			if l.badEpisodeDates == nil {
				l.badEpisodeDates = map[*Production]bool{}
			}
			l.badEpisodeDates[p] = true
		}
	case hasEp:
		d.errorf(ep.kn, joinPath(path, "episodes"), "write the per-episode work once under pipeline:", "episodes without a pipeline")
	case hasPipe:
		d.errorf(pipe.kn, joinPath(path, "pipeline"), "add episodes: {count: 6, stagger: 1w, first_start: 2026-05-04}", "pipeline without episodes")
	}
	if f, ok := fm["continuity"]; ok {
		l.continuity = append(l.continuity, pendingContinuity{p: p, f: at{d, f.v, joinPath(path, "continuity")}})
	}
	if f, ok := fm["bookings"]; ok {
		l.decodeBookings(d, f.v, joinPath(path, "bookings"), p)
	}
	return nil
}

// maxHorizonDays keeps the slot grid small: about three years.
const maxHorizonDays = 1100

// decodeProductionDates reads a production's start and delivery and checks
// them against each other.
func (l *loader) decodeProductionDates(d *dec, fm map[string]field, path string, p *Production) {
	for _, key := range []string{"start", "delivery"} {
		f, ok := fm[key]
		if !ok {
			if !d.typoOf(path, key) {
				l.report(p.Pos, joinPath(path, key), "add "+key+": 2026-05-04", "missing "+key+" date")
			}
			l.reports++ // the date is missing either way
			continue
		}
		dst := &p.Start
		if key == "delivery" {
			dst = &p.Delivery
		}
		d.date(f.v, joinPath(path, key), dst)
	}
	if p.Start.IsZero() || p.Delivery.IsZero() {
		return
	}
	switch days := p.Start.DaysUntil(p.Delivery); {
	case days < 0:
		d.errorf(fm["delivery"].v, joinPath(path, "delivery"), "delivery is the last day work may end", "delivery %s is before the start %s", p.Delivery, p.Start)
	case days > maxHorizonDays:
		d.errorf(fm["delivery"].v, joinPath(path, "delivery"), "write the real delivery date, or split the schedule into phases",
			"delivery %s is %d days after the start %s; a schedule spans at most %d days (about three years)", p.Delivery, days, p.Start, maxHorizonDays)
	}
}

// markBadDates records that p's dates are faulty, so the checks of its
// sessions and bookings against them are skipped.
func (l *loader) markBadDates(p *Production) {
	if l.badDates == nil {
		l.badDates = map[*Production]bool{}
	}
	l.badDates[p] = true
}

func (l *loader) decodeBudget(d *dec, n *yaml.Node, path string, b *Budget) {
	b.Pos = d.pos(n)
	fm := fieldMap(d.fields(n, path, budgetKeys))
	if f, ok := fm["total"]; ok {
		d.cap(f.v, joinPath(path, "total"), &b.Total)
	}
	f, ok := fm["caps"]
	if !ok {
		return
	}
	for _, c := range d.namedFields(f.v, joinPath(path, "caps"), l.depts, "department") {
		bc := BudgetCap{Department: c.key, Pos: d.pos(c.kn)}
		d.cap(c.v, joinPath(path, "caps."+c.key), &bc.Limit)
		b.Caps = append(b.Caps, bc)
	}
}

// cap reads a budget cap: a positive amount.
func (d *dec) cap(n *yaml.Node, path string, dst *float64) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	v, err := ParseMoney(s)
	switch {
	case err != nil:
		d.errorf(n, path, "money is a plain number in the production's currency, e.g. 60000", "%v", err)
	case v <= 0:
		d.errorf(n, path, "a cap is the most that may be spent, e.g. 60000; leave it out for no cap", "budget cap %s is not positive", s)
	default:
		*dst = v
	}
}

// decodeContact reads the coordinator's `contact:`, shared by every
// production of the file.
func (l *loader) decodeContact(root *fileFields) {
	f, ok := root.fields["contact"]
	if !ok {
		return
	}
	d := root.d
	c := Contact{Pos: d.pos(f.kn)}
	fm := fieldMap(d.fields(f.v, "contact", contactKeys))
	if g, ok := fm["name"]; ok {
		d.str(g.v, "contact.name", &c.Name)
	}
	if g, ok := fm["email"]; ok {
		d.str(g.v, "contact.email", &c.Email)
		if !looksLikeEmail(c.Email) || !strings.Contains(c.Email[strings.LastIndex(c.Email, "@")+1:], ".") {
			d.errorf(g.v, "contact.email", emailHint(c.Email), "bad email %q", clip(c.Email))
		}
	}
	if g, ok := fm["phone"]; ok {
		d.str(g.v, "contact.phone", &c.Phone)
		if !looksLikePhone(c.Phone) {
			d.errorf(g.v, "contact.phone", `digits, spaces and + ( ) -, quoted: "+44 20 7946 0000"`, "bad phone number %q", clip(c.Phone))
		}
	}
	if c.Name == "" && c.Email == "" && c.Phone == "" {
		d.errorf(f.v, "contact", "give name:, email: or phone:", "empty contact")
	}
	l.proj.Contact = c
}

// emailHint suggests a fix for a mistyped email address: a comma or a
// space for the dot, a doubled or missing @.
func emailHint(s string) string {
	fixed := strings.NewReplacer(",", ".", " ", "", "@@", "@").Replace(s)
	if fixed != s && looksLikeEmail(fixed) && strings.Contains(fixed[strings.LastIndex(fixed, "@")+1:], ".") {
		return fmt.Sprintf("did you mean %q?", fixed)
	}
	return "like name@example.com"
}

// looksLikePhone reports whether s is a phone number as people write
// one: at least six digits, with spaces, dots, dashes, brackets and a
// leading plus.
func looksLikePhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 6
}
