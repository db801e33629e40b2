package whatif

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/pencil-post/pencil/model"
)

// timeOverlays reads the scenario keys that change time and the plan:
//
//	durations:       { ep3/grade: 3d, mix: +1d }
//	availability:    { maya: [2026-05-11..2026-05-15, 2026-05-20] }
//	add_sessions:    [{ copy: ep1/adr, id: ep1/adr-pickup, name: ADR pickup, duration: 2h }]
//	remove_sessions: [ep2/screening]
//	buffer:          5wd
//	schedule:        backward
//	overtime_until:  "02:00"
func (ps *parser) timeOverlays(f kv, field string) []Overlay {
	var out []Overlay
	switch f.key {
	case "buffer":
		if text, ok := ps.str(f.v, field); ok {
			out = append(out, SetBuffer{Text: text, at: ps.at(f.v, field)})
		}
	case "overtime_until":
		if text, ok := ps.str(f.v, field); ok {
			out = append(out, SetOvertime{Text: text, at: ps.at(f.v, field)})
		}
	case "schedule":
		if v, ok := ps.str(f.v, field); ok {
			switch v {
			case "forward", "backward":
				out = append(out, Schedule{Backward: v == "backward"})
			default:
				ps.errorf(f.v, field, "forward or backward", "unknown schedule %q", v)
			}
		}
	case "durations":
		for _, d := range ps.mapping(f.v, field, nil) {
			if text, ok := ps.str(d.v, field+"."+d.key); ok {
				out = append(out, SetDuration{Session: d.key, Text: text, at: ps.at(d.v, field+"."+d.key)})
			}
		}
	case "availability":
		for _, a := range ps.mapping(f.v, field, nil) {
			path := field + "." + a.key
			if dates, ok := ps.dateRanges(a.v, path); ok {
				out = append(out, SetAvailability{Artiste: a.key, Dates: dates, at: ps.at(a.kn, path)})
			}
		}
	case "add_sessions":
		for i, it := range ps.list(f.v, field) {
			if a, ok := ps.addSession(it, fmt.Sprintf("%s[%d]", field, i)); ok {
				out = append(out, a)
			}
		}
	case "remove_sessions":
		for i, it := range ps.list(f.v, field) {
			path := fmt.Sprintf("%s[%d]", field, i)
			if id, ok := ps.str(it, path); ok {
				out = append(out, RemoveSession{Session: id, at: ps.at(it, path)})
			}
		}
	}
	return out
}

// dateRanges reads a list of days and day ranges (2026-05-11..2026-05-15).
func (ps *parser) dateRanges(n *yaml.Node, path string) ([]model.DateRange, bool) {
	var out []model.DateRange
	ok := true
	for i, it := range ps.list(n, path) {
		p := fmt.Sprintf("%s[%d]", path, i)
		s, good := ps.str(it, p)
		if !good {
			ok = false
			continue
		}
		r, err := model.ParseDateRange(s)
		if err != nil {
			ps.errorf(it, p, "a day 2026-05-11 or days 2026-05-11..2026-05-15", "%v", err)
			ok = false
			continue
		}
		out = append(out, r)
	}
	return out, ok
}

// addSession reads { copy: ep1/adr, id: ep1/adr-pickup, name: …, duration: 2h }.
func (ps *parser) addSession(n *yaml.Node, path string) (AddSession, bool) {
	before := ps.Reported()
	v := ps.words(n, path, "copy", "id", "name", "duration")
	a := AddSession{Copy: v["copy"], ID: v["id"], Name: v["name"], Duration: v["duration"], at: ps.at(n, path)}
	if ps.Reported() == before && (a.Copy == "" || a.ID == "") {
		ps.errorf(n, path, "write { copy: ep1/adr, id: ep1/adr-pickup, name: ADR pickup, duration: 2h }", "an added session needs copy: and id:")
	}
	return a, ps.Reported() == before
}
