package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

var (
	suiteKeys   = []string{"id", "name", "kind", "facility", "rate", "hours", "closed", "maintenance", "department", "productions"}
	personKeys  = []string{"id", "name", "roles", "rate", "off", "rules", "department", "email", "oncost", "productions"}
	artisteKeys = []string{"id", "name", "agent", "home_city", "available", "fee", "travel", "hold_per_day", "recall", "department"}
	rateKeys    = []string{
		"hour", "half_day", "day", "week", "minimum_call", "overtime", "overtime_after", "overtime_x",
		"weekend_x", "holiday_x", "kit", "standard_day", "half_day_length", "paid", "sixth_day_x",
		"unit", "free_hour_after", "week_hours", "over_week_x", "cancellation", "deposit", "uses",
	}
	useKeys          = []string{"hour"}
	overtimeKeys     = []string{"after", "from", "x"}
	minimumCallKeys  = []string{"weekday", "weekend"}
	rulesKeys        = []string{"max_per_day", "min_rest", "max_days_per_week", "max_per_week"}
	agentKeys        = []string{"name", "email"}
	availabilityKeys = []string{"dates", "hours"}
	feeKeys          = []string{"session", "day"}
	travelKeys       = []string{"per_visit", "time"}
	csvKeys          = []string{"csv", "encoding"}
	// availabilityImportKeys are the fields of an artiste_availability:
	// entry (and the columns of its CSV).
	availabilityImportKeys = []string{"artiste", "from", "to", "hours", "note"}
)

// Defaults of rate cards and working-time rules (UK practice).
const (
	defaultStandardDay = 10 * time.Hour
	defaultHalfDay     = 5 * time.Hour
	defaultMaxPerDay   = 10 * time.Hour
	defaultMinRest     = 11 * time.Hour
	defaultMaxDays     = 5
)

// decodeResources reads suites, people and artistes from every file, in
// file order, then artiste availability imports (which name artistes).
func (l *loader) decodeResources() error {
	type avail struct {
		d *dec
		n *yaml.Node
	}
	var avails []avail
	for _, ff := range l.files {
		d := ff.d
		for _, f := range ff.order {
			var err error
			switch f.key {
			case "suites":
				err = d.eachEntry(f.v, "suites", suiteCSV, l.decodeSuite)
				l.badSuites = l.badSuites || l.listFaulty
			case "people", "crew":
				err = d.eachEntry(f.v, f.key, personCSV, l.decodePerson)
				l.badPeople = l.badPeople || l.listFaulty
			case "artistes":
				err = d.eachEntry(f.v, "artistes", artisteCSV, l.decodeArtiste)
				l.badArtistes = l.badArtistes || l.listFaulty
			case "artiste_availability":
				avails = append(avails, avail{d, f.v})
			}
			if err != nil {
				return err
			}
		}
	}
	byID := map[string]*Artiste{}
	for _, a := range l.proj.Artistes {
		byID[a.ID] = a
	}
	for _, av := range avails {
		if err := l.decodeAvailabilityImport(av.d, av.n, byID); err != nil {
			return err
		}
	}
	return nil
}

// eachEntry calls decode for every entry of a list section. The section
// may be a list of mappings, a {csv: file} import (with an optional
// encoding:), or a list mixing both;
// rows of a CSV import are turned into mappings whose values keep their
// CSV line and column.
//
// It sets d.l.listFaulty when the list itself had problems (not a list,
// an entry that is no mapping, an unreadable spreadsheet or row): then
// some entries are missing altogether, not just wrong in a field.
func (d *dec) eachEntry(n *yaml.Node, path string, table csvTable, decode func(d *dec, n *yaml.Node, path string)) error {
	mark, inside := d.l.reports, 0
	defer func() { d.l.listFaulty = d.l.since(mark + inside) }()
	decodeOne := func(d *dec, n *yaml.Node, path string) {
		before := d.l.reports
		decode(d, n, path)
		inside += d.l.reports - before
	}
	i := 0
	for _, it := range d.items(n, path, true) {
		if imp, ok := d.csvImport(it, fmt.Sprintf("%s[%d]", path, i)); ok {
			if imp.file == "" {
				continue // reported
			}
			p := fmt.Sprintf("%s[%d].csv", path, i)
			rows, cd, err := d.readCSV(imp, it, p, table)
			if err != nil {
				return err
			}
			for _, row := range rows {
				decodeOne(cd, row, fmt.Sprintf("%s[%d]", path, i))
				i++
			}
			continue
		}
		p := fmt.Sprintf("%s[%d]", path, i)
		i++
		if it.Kind != yaml.MappingNode {
			// A bare word or a list is no entry at all: say so once
			// rather than report each of its fields missing.
			d.errorf(it, p, entryHint(path), "want an entry of key: value pairs, got %s", describe(it))
			continue
		}
		decodeOne(d, it, p)
	}
	return nil
}

// entryHints show how an entry of each list section is written.
var entryHints = map[string]string{
	"suites":               "write each suite as { id: grade-a, kind: grade, rate: { day: 1400 } }",
	"people":               "write each person as { id: ines, roles: [colourist], rate: { day: 750 } }",
	"crew":                 "write each person as { id: ines, roles: [colourist], rate: { day: 750 } }",
	"artistes":             "write each artiste as { id: maya, available: [2026-10-19..2026-10-23] }",
	"artiste_availability": "write each window as { artiste: maya, from: 2026-10-19, to: 2026-10-23 }",
	"sessions":             "write each session as { id: grade, suite: grade, duration: 2d }",
}

// entryHint shows how an entry of the list section at path is written.
func entryHint(path string) string {
	if h, ok := entryHints[path[strings.LastIndex(path, ".")+1:]]; ok {
		return h
	}
	return "write each entry as { id: ..., ... }"
}

func (l *loader) decodeSuite(d *dec, n *yaml.Node, path string) {
	s := &Suite{Pos: d.pos(n)}
	fm := fieldMap(d.fields(n, path, suiteKeys))
	d.requireID(n, fm, path, &s.ID)
	l.badSuites = l.badSuites || s.ID == ""
	s.Name = s.ID
	if f, ok := fm["name"]; ok {
		d.str(f.v, path+".name", &s.Name)
	}
	if f, ok := fm["kind"]; ok {
		if k, ok := d.word(f.v, path+".kind", l.kinds); ok {
			s.Kind = k
		} else {
			d.unsureOf("kind", f.v, l.kinds)
		}
	} else if !d.lacks("kind") {
		d.errorf(n, path+".kind", "one of: "+strings.Join(l.kinds, ", "), "suite %s has no kind", entryLabel(s.ID, s.Name, path))
	}
	if f, ok := fm["facility"]; ok {
		d.str(f.v, path+".facility", &s.Facility)
	}
	if f, ok := fm["rate"]; ok {
		d.rateCard(f.v, path+".rate", &s.Rate)
	} else {
		s.Rate = RateCard{StandardDay: defaultStandardDay, HalfDayLength: defaultHalfDay, Pos: s.Pos}
	}
	if f, ok := fm["hours"]; ok {
		d.clockRange(f.v, path+".hours", &s.Hours)
	}
	if f, ok := fm["closed"]; ok {
		s.Closed = d.dateRanges(f.v, path+".closed")
	}
	if f, ok := fm["maintenance"]; ok {
		loc := l.proj.Calendar.Location
		for i, it := range d.items(f.v, path+".maintenance", true) {
			p := fmt.Sprintf("%s.maintenance[%d]", path, i)
			if v, ok := d.scalar(it, p); ok {
				r, err := ParseTimeRange(v, loc)
				if err != nil {
					d.errorf(it, p, "write 2026-06-03T08:00..2026-06-03T13:00, or whole days 2026-06-03..2026-06-04", "%v", err)
					continue
				}
				r.Pos = d.pos(it)
				s.Maintenance = append(s.Maintenance, r)
			}
		}
	}
	s.Department = kindDepartment[s.Kind]
	if f, ok := fm["department"]; ok {
		d.department(f.v, path+".department", l.depts, &s.Department)
	}
	if f, ok := fm["productions"]; ok {
		l.ties = append(l.ties, pendingTie{at{d, f.v, path + ".productions"}, &s.Productions})
	}
	l.proj.Suites = append(l.proj.Suites, s)
}

func (l *loader) decodePerson(d *dec, n *yaml.Node, path string) {
	p := &Person{Pos: d.pos(n), Rules: WorkRules{
		MaxPerDay: max(defaultMaxPerDay, l.proj.Calendar.DayLength()), MinRest: defaultMinRest, MaxDaysPerWeek: defaultMaxDays,
	}}
	fm := fieldMap(d.fields(n, path, personKeys))
	d.requireID(n, fm, path, &p.ID)
	l.badPeople = l.badPeople || p.ID == ""
	p.Name = p.ID
	if f, ok := fm["name"]; ok {
		d.str(f.v, path+".name", &p.Name)
	}
	if f, ok := fm["roles"]; ok {
		for i, it := range d.items(f.v, path+".roles", true) {
			r, ok := d.word(it, fmt.Sprintf("%s.roles[%d]", path, i), l.roles)
			switch {
			case !ok:
				d.unsureOf("role", it, l.roles)
			case !p.HasRole(r):
				p.Roles = append(p.Roles, r)
			}
		}
	}
	if _, ok := fm["roles"]; !ok && !d.lacks("roles") {
		hint := "for example roles: [editor]"
		if d.cols != nil {
			hint = "fill in the roles column, e.g. colourist or editor|assistant-editor"
		}
		d.errorf(n, path+".roles", hint, "%s has no roles", entryLabel(p.ID, p.Name, path))
	}
	if len(p.Roles) > 0 {
		p.Department = roleDepartment[p.Roles[0]]
	}
	if f, ok := fm["oncost"]; ok {
		if s, ok := d.scalar(f.v, path+".oncost"); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil || v < 0 || v >= 1 {
				d.errorf(f.v, path+".oncost", "a share of the rate-card cost, e.g. 0.14 for 14% holiday pay and pension", "bad on-cost %q", clip(s))
			} else {
				p.OnCost = v
			}
		}
	}
	if f, ok := fm["rate"]; ok {
		d.rateCard(f.v, path+".rate", &p.Rate)
	} else {
		p.Rate = RateCard{StandardDay: defaultStandardDay, HalfDayLength: defaultHalfDay, Pos: p.Pos}
	}
	if f, ok := fm["off"]; ok {
		p.Off = d.dateRanges(f.v, path+".off")
	}
	if f, ok := fm["rules"]; ok {
		rm := fieldMap(d.fields(f.v, path+".rules", rulesKeys))
		if g, ok := rm["max_per_day"]; ok {
			d.duration(g.v, path+".rules.max_per_day", 0, 0, false, &p.Rules.MaxPerDay)
			if p.Rules.MaxPerDay > 24*time.Hour {
				d.errorf(g.v, path+".rules.max_per_day", "at most 24h", "more than a day")
			}
		}
		if g, ok := rm["min_rest"]; ok {
			d.duration(g.v, path+".rules.min_rest", 0, 0, true, &p.Rules.MinRest)
			if p.Rules.MinRest > 24*time.Hour {
				d.errorf(g.v, path+".rules.min_rest", "UK working time rules give 11h", "rest of more than a day")
			}
		}
		if g, ok := rm["max_days_per_week"]; ok {
			d.count(g.v, path+".rules.max_days_per_week", 1, 7, &p.Rules.MaxDaysPerWeek)
		}
		if g, ok := rm["max_per_week"]; ok {
			// Hours, not working days: "5d" would hide what is capped.
			d.duration(g.v, path+".rules.max_per_week", 0, 0, false, &p.Rules.MaxPerWeek)
			if p.Rules.MaxPerWeek > 7*24*time.Hour {
				d.errorf(g.v, path+".rules.max_per_week", "hours in a week, e.g. 50h", "more than a week")
			}
		}
	}
	if f, ok := fm["department"]; ok {
		d.department(f.v, path+".department", l.depts, &p.Department)
	}
	if f, ok := fm["email"]; ok {
		d.str(f.v, path+".email", &p.Email)
		if !looksLikeEmail(p.Email) {
			d.errorf(f.v, path+".email", "like name@example.com", "bad email %q", clip(p.Email))
		}
	}
	if f, ok := fm["productions"]; ok {
		l.ties = append(l.ties, pendingTie{at{d, f.v, path + ".productions"}, &p.Productions})
	}
	l.proj.People = append(l.proj.People, p)
}

func looksLikeEmail(s string) bool {
	at := -1
	for i, c := range s {
		if c == '@' {
			at = i
		}
		if c == ' ' || c == '<' || c == '>' {
			return false
		}
	}
	return at > 0 && at < len(s)-1
}

func (l *loader) decodeArtiste(d *dec, n *yaml.Node, path string) {
	a := &Artiste{Pos: d.pos(n), Department: "adr"}
	fm := fieldMap(d.fields(n, path, artisteKeys))
	d.requireID(n, fm, path, &a.ID)
	l.badArtistes = l.badArtistes || a.ID == ""
	a.Name = a.ID
	if f, ok := fm["name"]; ok {
		d.str(f.v, path+".name", &a.Name)
	}
	if f, ok := fm["agent"]; ok {
		if v := d.deref(f.v); v != nil && v.Kind == yaml.ScalarNode {
			d.str(v, path+".agent", &a.Agent.Name)
		} else {
			am := fieldMap(d.fields(f.v, path+".agent", agentKeys))
			if g, ok := am["name"]; ok {
				d.str(g.v, path+".agent.name", &a.Agent.Name)
			}
			if g, ok := am["email"]; ok {
				d.str(g.v, path+".agent.email", &a.Agent.Email)
				if !looksLikeEmail(a.Agent.Email) {
					d.errorf(g.v, path+".agent.email", "like name@example.com", "bad email %q", clip(a.Agent.Email))
				}
			}
		}
	}
	if f, ok := fm["home_city"]; ok {
		d.str(f.v, path+".home_city", &a.HomeCity)
	}
	if f, ok := fm["available"]; ok {
		mark := l.reports
		for i, it := range d.items(f.v, path+".available", true) {
			a.Available = append(a.Available, d.availability(it, fmt.Sprintf("%s.available[%d]", path, i))...)
		}
		if l.since(mark) {
			l.markBadAvailability(a)
		}
	}
	if f, ok := fm["fee"]; ok {
		fe := fieldMap(d.fields(f.v, path+".fee", feeKeys))
		if g, ok := fe["session"]; ok {
			d.amount(g.v, path+".fee.session", &a.Fee.Session)
		}
		if g, ok := fe["day"]; ok {
			d.amount(g.v, path+".fee.day", &a.Fee.Day)
		}
	}
	if f, ok := fm["travel"]; ok {
		tm := fieldMap(d.fields(f.v, path+".travel", travelKeys))
		if g, ok := tm["per_visit"]; ok {
			d.amount(g.v, path+".travel.per_visit", &a.Travel.PerVisit)
		}
		if g, ok := tm["time"]; ok {
			d.duration(g.v, path+".travel.time", 0, 0, true, &a.Travel.Time)
			a.TravelTimePos = d.pos(g.v)
		}
	}
	if f, ok := fm["hold_per_day"]; ok {
		d.amount(f.v, path+".hold_per_day", &a.HoldPerDay)
	}
	if f, ok := fm["recall"]; ok {
		d.recall(f.v, path+".recall", &a.Recall)
	}
	if f, ok := fm["department"]; ok {
		d.department(f.v, path+".department", l.depts, &a.Department)
	}
	l.proj.Artistes = append(l.proj.Artistes, a)
}

// availability reads one offered window: a day range, or {dates, hours}.
func (d *dec) availability(n *yaml.Node, path string) []Availability {
	if n.Kind == yaml.ScalarNode {
		s, ok := d.scalar(n, path)
		if !ok {
			return nil
		}
		r, err := ParseDateRange(s)
		if err != nil {
			d.errorf(n, path, dateHint(s, err), "%v", err)
			return nil
		}
		r.Pos = d.pos(n)
		return []Availability{{Dates: r, Pos: r.Pos}}
	}
	fm := fieldMap(d.fields(n, path, availabilityKeys))
	av := Availability{Pos: d.pos(n)}
	f, ok := fm["dates"]
	if !ok {
		d.errorf(n, path+".dates", "for example {dates: 2026-11-16..2026-11-20, hours: \"10:00-16:00\"}", "window has no dates")
		return nil
	}
	rs := d.dateRanges(f.v, path+".dates")
	if len(rs) != 1 {
		return nil
	}
	av.Dates = rs[0]
	if g, ok := fm["hours"]; ok {
		d.clockRange(g.v, path+".hours", &av.Hours)
	}
	return []Availability{av}
}

// unsureOf records that a word of the vocabulary words (a suite kind or a
// role) did not read at n: the word it is a slip for, or when it looks
// like none, every word, may be missing from the project only because of
// that one mistake.
func (d *dec) unsureOf(vocab string, n *yaml.Node, words []string) {
	l := d.l
	if l.unsure == nil {
		l.unsure = map[string]bool{}
	}
	if n = d.deref(n); n != nil && n.Kind == yaml.ScalarNode {
		if best, ok := closest(strings.TrimSpace(n.Value), words); ok {
			l.unsure[vocab+":"+best] = true
			return
		}
	}
	l.unsure[vocab+":"] = true
}

// unsureAbout reports whether word of vocab may be missing only because
// of a problem already reported (see unsureOf).
func (l *loader) unsureAbout(vocab, word string) bool {
	return l.unsure[vocab+":"] || l.unsure[vocab+":"+word]
}

// markBadAvailability records that an offered window of a could not be
// read, so sessions are not checked against the rest.
func (l *loader) markBadAvailability(a *Artiste) {
	if l.badAvailability == nil {
		l.badAvailability = map[*Artiste]bool{}
	}
	l.badAvailability[a] = true
}

// entryLabel names an entry of a list in a message: by its id, else by its
// name, else by its place (suites[0]).
func entryLabel(id, name, path string) string {
	switch {
	case id != "":
		return id
	case name != "":
		return strconv.Quote(name)
	}
	return path
}

func (d *dec) requireID(n *yaml.Node, fm map[string]field, path string, dst *string) {
	if f, ok := fm["id"]; ok {
		d.id(f.v, path+".id", dst)
		return
	}
	if !d.typoOf(path, "id") && !d.lacks("id") {
		d.errorf(n, path+".id", "every entry needs a short id, e.g. id: grade-a", "missing id")
	}
}

func (d *dec) department(n *yaml.Node, path string, depts []string, dst *string) {
	if w, ok := d.word(n, path, depts); ok {
		*dst = w
	}
}

// decodeAvailabilityImport reads artiste_availability: entries (inline or
// from CSV) and adds each window to its artiste.
func (l *loader) decodeAvailabilityImport(d *dec, n *yaml.Node, byID map[string]*Artiste) error {
	return d.eachEntry(n, "artiste_availability", availabilityCSV, func(d *dec, n *yaml.Node, path string) {
		mark := l.reports
		var a *Artiste
		defer func() {
			if a != nil && l.since(mark) {
				l.markBadAvailability(a)
			}
		}()
		fm := fieldMap(d.fields(n, path, availabilityImportKeys))
		if f, ok := fm["artiste"]; ok {
			var id string
			d.id(f.v, path+".artiste", &id)
			if a = byID[id]; a == nil && id != "" {
				d.errorf(f.v, path+".artiste", l.hint("artiste", id, func() []string { return sortedKeys(byID) }, "add them under artistes:"), "unknown artiste %q", id)
			}
		} else if !d.lacks("artiste") {
			d.errorf(n, path+".artiste", "name the artiste the agent offered", "window names no artiste")
		}
		av := Availability{Pos: d.pos(n)}
		f, ok := fm["from"]
		if !ok {
			if !d.lacks("from") {
				d.errorf(n, path+".from", "the first day offered, e.g. from: 2026-11-16", "window has no first day")
			}
			return
		}
		d.date(f.v, path+".from", &av.Dates.From)
		av.Dates.To = av.Dates.From
		if g, ok := fm["to"]; ok {
			d.date(g.v, path+".to", &av.Dates.To)
			if av.Dates.To.Before(av.Dates.From) {
				d.errorf(g.v, path+".to", "the last day comes after the first", "window %s..%s ends before it starts", av.Dates.From, av.Dates.To)
				return
			}
		}
		av.Dates.Pos = av.Pos
		if g, ok := fm["hours"]; ok {
			d.clockRange(g.v, path+".hours", &av.Hours)
		}
		if a != nil && !av.Dates.From.IsZero() && !av.Dates.To.IsZero() {
			a.Available = append(a.Available, av)
		}
	})
}
