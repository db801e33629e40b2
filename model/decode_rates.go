package model

import (
	"fmt"
	"sort"
	"time"

	"go.yaml.in/yaml/v3"
)

// Rate cards: the prices, overtime bands and billing terms of a suite's or
// a person's rate: mapping.

// rateCard decodes a rate card. Day and week units in its durations are
// its own standard day.
func (d *dec) rateCard(n *yaml.Node, path string, rc *RateCard) {
	*rc = RateCard{StandardDay: defaultStandardDay, HalfDayLength: defaultHalfDay, Pos: d.pos(n)}
	fm := fieldMap(d.fields(n, path, rateKeys))
	if f, ok := fm["standard_day"]; ok {
		d.duration(f.v, path+".standard_day", 0, 0, false, &rc.StandardDay)
	}
	if f, ok := fm["half_day_length"]; ok {
		d.duration(f.v, path+".half_day_length", 0, 0, false, &rc.HalfDayLength)
	} else if _, ok := fm["standard_day"]; ok {
		rc.HalfDayLength = rc.StandardDay / 2
	}
	if rc.HalfDayLength > rc.StandardDay {
		d.errorf(n, path+".half_day_length", "a half day is shorter than the standard day", "half day %s is longer than the standard day %s", rc.HalfDayLength, rc.StandardDay)
	}
	for key, dst := range map[string]*float64{"hour": &rc.Hour, "half_day": &rc.HalfDay, "day": &rc.Day, "week": &rc.Week} {
		if f, ok := fm[key]; ok {
			d.money(f.v, path+"."+key, false, dst)
		}
	}
	if f, ok := fm["kit"]; ok {
		d.amount(f.v, path+".kit", &rc.Kit)
	}
	if f, ok := fm["uses"]; ok {
		d.uses(f.v, path+".uses", rc)
	}
	if f, ok := fm["minimum_call"]; ok {
		call := func(n *yaml.Node, p string, dst *time.Duration) {
			d.duration(n, p, rc.StandardDay, 5, false, dst)
			if *dst > rc.StandardDay {
				d.errorf(n, p, "a minimum call is part of a day, e.g. 4h", "minimum call %s is longer than the standard day %s", *dst, rc.StandardDay)
			}
		}
		if f.v.Kind == yaml.MappingNode {
			// By day type: { weekday: 2h, weekend: 4h }.
			cm := fieldMap(d.fields(f.v, path+".minimum_call", minimumCallKeys))
			if g, ok := cm["weekday"]; ok {
				call(g.v, path+".minimum_call.weekday", &rc.MinimumCall)
			}
			if g, ok := cm["weekend"]; ok {
				call(g.v, path+".minimum_call.weekend", &rc.MinimumCallWeekend)
			}
		} else {
			call(f.v, path+".minimum_call", &rc.MinimumCall)
		}
	}
	if f, ok := fm["unit"]; ok {
		d.duration(f.v, path+".unit", 0, 0, false, &rc.Unit)
		if rc.Unit > 4*time.Hour {
			d.errorf(f.v, path+".unit", "a billing unit is part of an hour or a few hours, e.g. 15m", "billing unit %s is longer than 4h", rc.Unit)
		}
	}
	if f, ok := fm["free_hour_after"]; ok {
		d.duration(f.v, path+".free_hour_after", 0, 0, false, &rc.FreeHourAfter)
		if rc.FreeHourAfter <= time.Hour || rc.FreeHourAfter > 24*time.Hour {
			d.errorf(f.v, path+".free_hour_after", "the length of day after which an hour is free, e.g. 7h", "free hour after %s", rc.FreeHourAfter)
		}
	}
	if f, ok := fm["overtime"]; ok {
		for i, it := range d.items(f.v, path+".overtime", false) {
			p := fmt.Sprintf("%s.overtime[%d]", path, i)
			om := fieldMap(d.fields(it, p, overtimeKeys))
			if g, ok := om["from"]; ok {
				if _, both := om["after"]; both {
					d.errorf(g.v, p+".from", "a band starts either after time worked (after: 10h) or at a time of day (from: \"19:00\"), not both", "band has both after and from")
					continue
				}
				rc.ClockOvertime = append(rc.ClockOvertime, d.clockBand(it, g.v, om, p))
				continue
			}
			band := OvertimeBand{After: rc.StandardDay, Multiplier: 1.5}
			if g, ok := om["after"]; ok {
				d.duration(g.v, p+".after", rc.StandardDay, 5, false, &band.After)
			}
			if g, ok := om["x"]; ok {
				d.multiplier(g.v, p+".x", &band.Multiplier)
			}
			rc.Overtime = append(rc.Overtime, band)
		}
	}
	_, after := fm["overtime_after"]
	_, x := fm["overtime_x"]
	if after || x {
		if _, ok := fm["overtime"]; ok {
			d.errorf(fm["overtime"].kn, path+".overtime", "use either overtime: [...] or overtime_after/overtime_x", "overtime given twice")
		}
		band := OvertimeBand{After: rc.StandardDay, Multiplier: 1.5}
		if after {
			d.duration(fm["overtime_after"].v, path+".overtime_after", rc.StandardDay, 5, false, &band.After)
		}
		if x {
			d.multiplier(fm["overtime_x"].v, path+".overtime_x", &band.Multiplier)
		}
		rc.Overtime = append(rc.Overtime, band)
	}
	sort.SliceStable(rc.Overtime, func(i, j int) bool { return rc.Overtime[i].After < rc.Overtime[j].After })
	sort.SliceStable(rc.ClockOvertime, func(i, j int) bool { return rc.ClockOvertime[i].From < rc.ClockOvertime[j].From })
	for i := 1; i < len(rc.ClockOvertime); i++ {
		if b := rc.ClockOvertime[i]; b.From == rc.ClockOvertime[i-1].From {
			d.l.report(b.Pos, path+".overtime", "give each time of day one band", fmt.Sprintf("two bands from %s", b.From))
		}
	}
	if f, ok := fm["weekend_x"]; ok {
		d.multiplier(f.v, path+".weekend_x", &rc.WeekendX)
	}
	if f, ok := fm["holiday_x"]; ok {
		d.multiplier(f.v, path+".holiday_x", &rc.HolidayX)
	}
	if f, ok := fm["sixth_day_x"]; ok {
		d.multiplier(f.v, path+".sixth_day_x", &rc.SixthDayX)
		if rc.Week == 0 {
			d.errorf(f.v, path+".sixth_day_x", "a sixth day is paid on top of a weekly rate: add week: 2000", "sixth day premium without a weekly rate")
		}
	}
	_, hours := fm["week_hours"]
	_, over := fm["over_week_x"]
	if hours || over {
		rc.OverWeekX = 1.5
		if over {
			d.multiplier(fm["over_week_x"].v, path+".over_week_x", &rc.OverWeekX)
		}
		if !hours {
			d.errorf(fm["over_week_x"].v, path+".over_week_x", "the premium applies past week_hours, e.g. week_hours: 50h", "over_week_x without week_hours")
		} else {
			d.duration(fm["week_hours"].v, path+".week_hours", 0, 0, false, &rc.WeekHours)
			if rc.WeekHours > 7*24*time.Hour {
				d.errorf(fm["week_hours"].v, path+".week_hours", "hours in a week, e.g. 50h", "more than a week")
			}
		}
	}
	if f, ok := fm["cancellation"]; ok {
		d.cancellation(f.v, path+".cancellation", rc)
	}
	if f, ok := fm["deposit"]; ok {
		d.deposit(f.v, path+".deposit", rc)
	}
	if f, ok := fm["paid"]; ok {
		if w, ok := d.word(f.v, path+".paid", []string{"worked", "engagement"}); ok && w == "engagement" {
			rc.Engagement = true
			if rc.Week == 0 {
				d.errorf(f.v, path+".paid", "an engagement is paid by the week: add week: 2000", "engagement without a weekly rate")
			}
		}
	}
}

// clockBand reads an overtime band by the clock, { from: "19:00", x: 1.5 }
// (x defaults to 1.5). Its time must lie outside the production's hours:
// inside them time is standard.
func (d *dec) clockBand(n, from *yaml.Node, om map[string]field, path string) ClockBand {
	band := ClockBand{Multiplier: 1.5, Pos: d.pos(n)}
	d.clock(from, path+".from", &band.From)
	if h := d.l.proj.Calendar.Hours; h.Holds(band.From) {
		d.errorf(from, path+".from", fmt.Sprintf("bands by the clock price time outside the working day %s: from %s or later, or before %s", h, h.End, h.Start),
			"band from %s is inside the working day", band.From)
	}
	if g, ok := om["x"]; ok {
		d.multiplier(g.v, path+".x", &band.Multiplier)
	}
	return band
}

// uses reads uses: { record: { hour: 140 } }: each use's hourly rate, at
// least the card's own hourly rate (a use is a premium).
func (d *dec) uses(n *yaml.Node, path string, rc *RateCard) {
	for _, f := range d.namedFields(n, path, nil, "use") {
		p := joinPath(path, f.key)
		u := UseRate{Use: f.key, Pos: d.pos(f.kn)}
		if badID(f.key) != "" {
			d.errorf(f.kn, p, "a short word, e.g. record", "bad use name %q", clip(f.key))
			continue
		}
		um := fieldMap(d.fields(f.v, p, useKeys))
		g, ok := um["hour"]
		if !ok {
			d.errorf(f.v, p+".hour", "the use's hourly rate, e.g. { hour: 140 }", "use %s has no hourly rate", f.key)
			continue
		}
		d.money(g.v, p+".hour", false, &u.Hour)
		if base := rc.HourlyEquivalent(); u.Hour < base {
			d.errorf(g.v, p+".hour", fmt.Sprintf("at least the card's own %g an hour: a use is charged on top of the card", base), "use %s at %g an hour is below the card's rate", f.key, u.Hour)
			continue
		}
		rc.Uses = append(rc.Uses, u)
	}
}
