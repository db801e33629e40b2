package whatif

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/pencil-post/pencil/model"
)

// Limits that keep a hostile scenario file from exhausting the reader.
const (
	// MaxFileSize is the largest scenario file read.
	MaxFileSize = 1 << 20
	// MaxScenarios caps the scenarios of one file: each one is a solve.
	MaxScenarios = 32
)

// Scenario is one named what-if: overlays applied, in file order, to a
// fresh copy of the base project.
type Scenario struct {
	// Name is how the producer refers to the scenario ("A second editor").
	Name string
	// Note is an optional line of explanation.
	Note string
	// Overlays are the changes, in the order they are written.
	Overlays []Overlay
	// Pos is where the scenario is written.
	Pos model.Pos
}

// Overlay is one change to a project. Apply changes p in place and
// reports what cannot be done as a model.Problem positioned in the
// scenario file.
type Overlay interface {
	Apply(p *model.Project) []model.Problem
}

// scenarioKeys are the keys a scenario may have, in help order.
var scenarioKeys = []string{"name", "note", "budget", "add_people", "add_suites", "remove_people",
	"remove_suites", "move_deliveries", "deadlines", "rates", "weekends", "overtime_until", "fix",
	"durations", "availability", "add_sessions", "remove_sessions", "buffer", "schedule"}

// ParseFile reads a scenario file (see Parse).
func ParseFile(path string) ([]Scenario, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("whatif: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("whatif: %s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse reads a scenario file already in memory; name is used in
// positions. The file is a mapping with one key, scenarios, holding a
// list of scenarios (see docs in testdata/scenarios/series.yaml). Every
// problem comes back together in a *model.ValidationError, so
// errors.Is(err, model.ErrInvalid) holds.
func Parse(name string, data []byte) ([]Scenario, error) {
	ps := &parser{model.NewDecoder(name)}
	top := ps.Parse(data, "write scenarios: followed by a list of named scenarios")
	if top == nil {
		return nil, ps.Err()
	}
	var out []Scenario
	for _, f := range ps.mapping(top, "", []string{"scenarios"}) {
		items := ps.list(f.v, "scenarios")
		if len(items) > MaxScenarios {
			ps.errorf(f.v, "scenarios", "split the file", "%d scenarios; at most %d", len(items), MaxScenarios)
			items = items[:MaxScenarios]
		}
		for i, n := range items {
			if sc, ok := ps.scenario(n, fmt.Sprintf("scenarios[%d]", i)); ok {
				out = append(out, sc)
			}
		}
	}
	seen := map[string]model.Pos{}
	for _, sc := range out {
		if at, dup := seen[sc.Name]; dup {
			ps.Report(model.Problem{File: name, Line: sc.Pos.Line, Col: sc.Pos.Col, Field: "name",
				Msg: fmt.Sprintf("scenario %q is named twice (first at line %d)", sc.Name, at.Line), Hint: "give each scenario its own name"})
		}
		seen[sc.Name] = sc.Pos
	}
	if len(out) == 0 && ps.Reported() == 0 {
		ps.errorf(top, "scenarios", "list at least one scenario under scenarios:", "no scenarios")
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// scenario reads one scenario.
func (ps *parser) scenario(n *yaml.Node, path string) (Scenario, bool) {
	sc := Scenario{Pos: ps.pos(n)}
	before := ps.Reported()
	for _, f := range ps.mapping(n, path, scenarioKeys) {
		field := path + "." + f.key
		switch f.key {
		case "name":
			sc.Name, _ = ps.str(f.v, field)
		case "note":
			sc.Note, _ = ps.str(f.v, field)
		case "budget":
			sc.Overlays = append(sc.Overlays, ps.budget(f.v, field))
		case "add_people", "add_suites":
			for i, it := range ps.list(f.v, field) {
				sc.Overlays = append(sc.Overlays, ps.add(it, fmt.Sprintf("%s[%d]", field, i), f.key == "add_people"))
			}
		case "remove_people", "remove_suites":
			for i, it := range ps.list(f.v, field) {
				if id, ok := ps.str(it, fmt.Sprintf("%s[%d]", field, i)); ok {
					sc.Overlays = append(sc.Overlays, RemoveResource{ID: id, Person: f.key == "remove_people", at: ps.at(it, fmt.Sprintf("%s[%d]", field, i))})
				}
			}
		case "move_deliveries":
			if days, ok := ps.shift(f.v, field); ok {
				sc.Overlays = append(sc.Overlays, MoveDeliveries{Days: days, at: ps.at(f.v, field)})
			}
		case "deadlines":
			for _, d := range ps.mapping(f.v, field, nil) {
				if day, ok := ps.date(d.v, field+"."+d.key); ok {
					sc.Overlays = append(sc.Overlays, SetDeadline{Session: d.key, Day: day, at: ps.at(d.kn, field+"."+d.key)})
				}
			}
		case "rates":
			for _, r := range ps.mapping(f.v, field, nil) {
				sc.Overlays = append(sc.Overlays, ps.rate(r, field+"."+r.key))
			}
		case "weekends":
			if v, ok := ps.str(f.v, field); ok {
				switch v {
				case "never":
					sc.Overlays = append(sc.Overlays, Weekends{Policy: model.WeekendsNever})
				case "premium":
					sc.Overlays = append(sc.Overlays, Weekends{Policy: model.WeekendsPremium})
				default:
					ps.errorf(f.v, field, "never or premium", "unknown weekend policy %q", v)
				}
			}
		case "fix":
			for i, it := range ps.list(f.v, field) {
				sc.Overlays = append(sc.Overlays, ps.fix(it, fmt.Sprintf("%s[%d]", field, i)))
			}
		default:
			sc.Overlays = append(sc.Overlays, ps.timeOverlays(f, field)...)
		}
	}
	if sc.Name == "" && ps.Reported() == before {
		ps.errorf(n, path+".name", "name it the way the producer asks the question", "a scenario needs a name")
	}
	if strings.EqualFold(sc.Name, BaseName) {
		ps.errorf(n, path+".name", "the base is always compared; name the scenario after its change", "%q is reserved for the unchanged project", BaseName)
	}
	return sc, ps.Reported() == before
}

// budget reads budget: { production: id, total: N, caps: { department: N } }.
func (ps *parser) budget(n *yaml.Node, path string) Overlay {
	b := Budget{at: ps.at(n, path)}
	for _, f := range ps.mapping(n, path, []string{"production", "total", "caps"}) {
		switch f.key {
		case "production":
			if v, ok := ps.str(f.v, path+".production"); ok {
				b.Production, b.at = v, ps.at(f.v, path+".production")
			}
		case "total":
			if v, ok := ps.money(f.v, path+".total"); ok {
				b.Total = &v
			}
		case "caps":
			for _, c := range ps.mapping(f.v, path+".caps", nil) {
				if v, ok := ps.money(c.v, path+".caps."+c.key); ok {
					b.Caps = append(b.Caps, CapChange{Department: c.key, Limit: v, at: ps.at(c.kn, path+".caps."+c.key)})
				}
			}
		}
	}
	return b
}

// add reads { copy: sam, id: sam-2, name: Second editor }.
func (ps *parser) add(n *yaml.Node, path string, person bool) Overlay {
	v := ps.words(n, path, "copy", "id", "name")
	a := AddResource{Person: person, Copy: v["copy"], ID: v["id"], Name: v["name"], at: ps.at(n, path)}
	if a.Copy == "" || a.ID == "" {
		ps.errorf(n, path, "write { copy: existing-id, id: new-id, name: Display Name }", "an addition needs copy: and id:")
	}
	return a
}

// rate reads ines: { day: 900, week: 0 }.
func (ps *parser) rate(f kv, path string) Overlay {
	r := RateChange{ID: f.key, at: ps.at(f.kn, path)}
	for _, p := range ps.mapping(f.v, path, rateKeys) {
		field := path + "." + p.key
		switch p.key {
		case "paid":
			if v, ok := ps.str(p.v, field); ok && v != "engagement" && v != "worked" {
				ps.errorf(p.v, field, "engagement (the week is paid for every week from the first day to the last) or worked", "unknown value %q", v)
			} else {
				r.Paid = v
			}
		case "overtime":
			r.ClockSet = true
			for i, it := range ps.list(p.v, field) {
				if b, ok := ps.clockBand(it, fmt.Sprintf("%s[%d]", field, i)); ok {
					r.Clock = append(r.Clock, b)
				}
			}
			slices.SortStableFunc(r.Clock, func(a, b model.ClockBand) int { return int(a.From - b.From) })
		case "recall":
			rc := model.Recall{Pos: ps.pos(p.v)}
			fields := ps.mapping(p.v, field, []string{"within", "fee"})
			if len(fields) != 2 {
				ps.errorf(p.v, field, "a recall fee and its window, e.g. { within: 10d, fee: 300 }", "a recall needs both within and fee")
				continue
			}
			for _, g := range fields {
				if g.key == "fee" {
					rc.Fee, _ = ps.money(g.v, field+".fee")
				} else if s, ok := ps.str(g.v, field+".within"); ok {
					days, err := model.ParseRecallWindow(s)
					if err != nil {
						ps.errorf(g.v, field+".within", "calendar days or weeks from the first session, e.g. 10d or 2w", "%v", err)
					}
					rc.Within = days
				}
			}
			r.Recall = &rc
		case "travel_time":
			if d, ok := ps.clockDuration(p.v, field, "the journey each way, e.g. 3h or 90m (0: none)"); ok {
				r.TravelTime = &d
			}
		case "cancellation":
			r.CancellationSet = true
			for i, it := range ps.list(p.v, field) {
				if c, ok := ps.cancellationTerm(it, fmt.Sprintf("%s[%d]", field, i)); ok {
					r.Cancellation = append(r.Cancellation, c)
				}
			}
		case "uses":
			for _, u := range ps.mapping(p.v, field, nil) {
				for _, h := range ps.mapping(u.v, field+"."+u.key, []string{"hour"}) {
					if v, ok := ps.money(h.v, field+"."+u.key+".hour"); ok {
						r.Uses = append(r.Uses, model.UseRate{Use: u.key, Hour: v, Pos: ps.pos(h.v)})
					}
				}
			}
		case "minimum_call", "unit", "free_hour_after", "week_hours":
			if d, ok := ps.clockDuration(p.v, field, "a duration such as 4h or 15m (0 takes it off)"); ok {
				r.Times = append(r.Times, Time{Field: p.key, Value: d})
			}
		default:
			if v, ok := ps.money(p.v, field); ok {
				if p.key == "deposit" && v > 1 {
					ps.errorf(p.v, field, "the share of a booking's price due when it is confirmed, from 0 to 1", "bad deposit %g", v)
					continue
				}
				if p.key == "oncost" && v >= 1 {
					ps.errorf(p.v, field, "a share of the rate-card cost, e.g. 0.14", "bad on-cost %g", v)
					continue
				}
				if (p.key == "sixth_day_x" || p.key == "over_week_x") && v != 0 && v < 1 {
					ps.errorf(p.v, field, "a multiplier such as 1.5, or 0 to take it off", "bad multiplier %g", v)
					continue
				}
				r.Prices = append(r.Prices, Price{Field: p.key, Amount: v})
			}
		}
	}
	return r
}

// clockBand reads an overtime band by the clock, { from: "19:00", x: 1.5 }
// (x defaults to 1.5), as the project file writes it.
func (ps *parser) clockBand(n *yaml.Node, path string) (model.ClockBand, bool) {
	b := model.ClockBand{Multiplier: 1.5, Pos: ps.pos(n)}
	ok := false
	for _, f := range ps.mapping(n, path, []string{"from", "x"}) {
		s, good := ps.str(f.v, path+"."+f.key)
		if !good {
			return b, false
		}
		switch f.key {
		case "from":
			c, err := model.ParseClock(s)
			if err != nil {
				ps.errorf(f.v, path+".from", "times are written 19:00", "%v", err)
				return b, false
			}
			b.From, ok = c, true
		case "x":
			x, err := strconv.ParseFloat(s, 64)
			if err != nil || x < 1 || x > 10 {
				ps.errorf(f.v, path+".x", "a multiplier such as 1.5 (time and a half) or 2 (double time)", "bad multiplier %q", s)
				return b, false
			}
			b.Multiplier = x
		}
	}
	if !ok {
		ps.errorf(n, path, `a band by the clock: { from: "19:00", x: 1.5 }`, "band has no from")
	}
	return b, ok
}

// clockDuration reads a duration in minutes or hours, or 0 (none),
// reporting a bad one with hint.
func (ps *parser) clockDuration(n *yaml.Node, field, hint string) (time.Duration, bool) {
	s, ok := ps.str(n, field)
	if !ok {
		return 0, false
	}
	d, err := time.Duration(0), error(nil)
	if s != "0" {
		d, err = model.ParseDuration(s, 0, 0)
	}
	if err != nil || d < 0 {
		ps.errorf(n, field, hint, "bad duration %q", s)
		return 0, false
	}
	return d, true
}

// rateKeys are what a rate change may set, as the project file writes
// them: prices, the sixth-day multiplier, how a weekly rate is paid, and
// the overtime bands by the clock.
var rateKeys = []string{"hour", "half_day", "day", "week", "kit", "sixth_day_x", "paid", "overtime",
	"minimum_call", "unit", "free_hour_after", "week_hours", "over_week_x", "oncost", "cancellation", "deposit", "uses", "recall",
	"travel_time"}

// cancellationTerm reads a cancellation term, { within: 5wd, x: 0.5 },
// as the project file writes it.
func (ps *parser) cancellationTerm(n *yaml.Node, path string) (model.CancellationTerm, bool) {
	t := model.CancellationTerm{Pos: ps.pos(n)}
	seen := 0
	for _, f := range ps.mapping(n, path, []string{"within", "x"}) {
		s, ok := ps.str(f.v, path+"."+f.key)
		if !ok {
			return t, false
		}
		var err error
		if f.key == "within" {
			err = model.ParseNotice(s, &t)
		} else {
			t.X, err = model.ParseShare(s)
		}
		if err != nil {
			ps.errorf(f.v, path+"."+f.key, "a term such as { within: 5wd, x: 0.5 }: notice in working days or hours, and the share owed (0 to 1)", "%v", err)
			return t, false
		}
		seen++
	}
	if seen != 2 {
		ps.errorf(n, path, "a term such as { within: 5wd, x: 0.5 }", "a cancellation term needs within and x")
	}
	return t, seen == 2
}

// shiftRE is a signed number of calendar days or weeks: -7d, +1w, 3d.
var shiftRE = regexp.MustCompile(`^([+-]?)(\d{1,3})([dw])$`)

// shift reads a signed calendar-day shift such as -1w or +3d.
func (ps *parser) shift(n *yaml.Node, path string) (int, bool) {
	s, ok := ps.str(n, path)
	if !ok {
		return 0, false
	}
	m := shiftRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		ps.errorf(n, path, "calendar days or weeks with a sign: -1w moves every delivery a week earlier, +3d three days later", "bad shift %q", s)
		return 0, false
	}
	days, _ := strconv.Atoi(m[2])
	if m[3] == "w" {
		days *= 7
	}
	if m[1] == "-" {
		days = -days
	}
	return days, true
}
