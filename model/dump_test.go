package model

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// dump writes every resolved value of a project as text, for golden
// tests: a change in how a file is read shows up as a diff.
func dump(w io.Writer, p *Project) {
	cal := func(c Calendar) string {
		var hol []string
		for _, h := range c.Holidays {
			hol = append(hol, h.String())
		}
		return fmt.Sprintf("%s week=%s hours=%s overtime_until=%s weekends=%s slot=%s holidays=[%s]",
			c.TimeZone, c.Week, c.Hours, c.OvertimeUntil, c.Weekends, c.Slot, strings.Join(hol, " "))
	}
	rate := func(r RateCard) string {
		return fmt.Sprintf("hour=%g half_day=%g day=%g week=%g min_call=%s overtime=%v clock=%v weekend_x=%g holiday_x=%g kit=%g std=%s half=%s engagement=%v sixth_day_x=%g weekend_call=%s unit=%s free_hour_after=%s week_hours=%s over_week_x=%g",
			r.Hour, r.HalfDay, r.Day, r.Week, r.MinimumCall, r.Overtime, r.ClockOvertime, r.WeekendX, r.HolidayX, r.Kit, r.StandardDay, r.HalfDayLength,
			r.Engagement, r.SixthDayX, r.MinimumCallWeekend, r.Unit, r.FreeHourAfter, r.WeekHours, r.OverWeekX)
	}
	ts := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format("2006-01-02T15:04 MST")
	}
	fmt.Fprintf(w, "project %q facility=%v\n", p.Name, p.Facility)
	fmt.Fprintf(w, "calendar %s\n", cal(p.Calendar))
	fmt.Fprintf(w, "suite kinds %v\nroles %v\ndepartments %v\n", p.SuiteKinds, p.Roles, p.Departments)
	for _, s := range p.Suites {
		fmt.Fprintf(w, "suite %s %q kind=%s facility=%q dept=%s hours=%s closed=%v maintenance=%v at %s\n  rate %s\n",
			s.ID, s.Name, s.Kind, s.Facility, s.Department, s.Hours, s.Closed, s.Maintenance, s.Pos, rate(s.Rate))
	}
	for _, x := range p.People {
		fmt.Fprintf(w, "person %s %q roles=%v dept=%s off=%v rules=%+v oncost=%g email=%q at %s\n  rate %s\n",
			x.ID, x.Name, x.Roles, x.Department, x.Off, x.Rules, x.OnCost, x.Email, x.Pos, rate(x.Rate))
	}
	for _, a := range p.Artistes {
		fmt.Fprintf(w, "artiste %s %q agent=%+v city=%q fee=%+v travel=%+v hold=%g dept=%s at %s\n",
			a.ID, a.Name, a.Agent, a.HomeCity, a.Fee, a.Travel, a.HoldPerDay, a.Department, a.Pos)
		for _, av := range a.Available {
			fmt.Fprintf(w, "  available %s hours=%s at %s\n", av.Dates, av.Hours, av.Pos)
		}
	}
	for _, pr := range p.Productions {
		fmt.Fprintf(w, "production %q %q %s..%s currency=%s overhead=%g at %s\n  calendar %s\n",
			pr.ID, pr.Name, pr.Start, pr.Delivery, pr.Currency, pr.OverheadPerDay, pr.Pos, cal(pr.Calendar))
		fmt.Fprintf(w, "  budget total=%g caps=", pr.Budget.Total)
		for _, c := range pr.Budget.Caps {
			fmt.Fprintf(w, "%s:%g ", c.Department, c.Limit)
		}
		fmt.Fprintln(w)
		if pr.Buffer.Amount != 0 || pr.EarlyPerDay != 0 {
			fmt.Fprintf(w, "  buffer=%s working=%v early_per_day=%g\n", pr.Buffer.Amount, pr.Buffer.Working, pr.EarlyPerDay)
		}
		if e := pr.Episodes; e != nil {
			fmt.Fprintf(w, "  episodes count=%d stagger=%dd first_start=%s first_delivery=%s\n", e.Count, e.StaggerDays, e.FirstStart, e.FirstDelivery)
			for n := 1; n <= e.Count; n++ {
				if _, own := e.Starts[n]; own {
					fmt.Fprintf(w, "  episode %d start=%s\n", n, e.EpisodeStart(n))
				}
				if _, own := e.Deliveries[n]; own {
					fmt.Fprintf(w, "  episode %d delivery=%s\n", n, e.EpisodeDelivery(n))
				}
			}
		}
		for _, s := range pr.Sessions {
			suite := s.SuiteKind
			if s.Suite != nil {
				suite = "=" + s.Suite.ID
			}
			for _, n := range s.ExtraSuites {
				if n.Suite != nil {
					suite += "+=" + n.Suite.ID
				} else {
					suite += "+" + n.Kind
				}
			}
			var after, people, artistes []string
			for _, d := range s.After {
				maxLag := ""
				if d.HasMaxLag {
					maxLag = fmt.Sprintf(" max_lag=%s working=%v", d.MaxLag.Amount, d.MaxLag.Working)
				}
				after = append(after, fmt.Sprintf("%s(%s lag=%s working=%v%s)", d.Session.ID, d.Kind, d.Lag.Amount, d.Lag.Working, maxLag))
			}
			var keep []string
			for _, k := range s.Keep {
				what := "people"
				if k.Suite {
					what = "suite"
				}
				keep = append(keep, fmt.Sprintf("%s of %s switch=%g", what, k.Session.ID, k.CostPerSwitch))
			}
			for _, x := range s.People {
				people = append(people, x.ID)
			}
			for _, a := range s.Artistes {
				artistes = append(artistes, a.ID)
			}
			var roles []string
			for _, r := range s.Roles {
				roles = append(roles, fmt.Sprintf("%dx%s", r.Count, r.Role))
			}
			fmt.Fprintf(w, "  session %s local=%s ep=%d tmpl=%s kind=%s milestone=%v dur=%s suite=%s roles=%v people=%v artistes=%v\n",
				s.ID, s.LocalID, s.Episode, s.Template, s.Kind, s.Milestone, s.Duration, suite, roles, people, artistes)
			fmt.Fprintf(w, "    split=%v min=%s window=%s release=%s deadline=%s due=%s late=%g dept=%s weekends=%s ot=%s at %s\n",
				s.Split, s.MinChunk, s.Window, ts(s.Release), ts(s.Deadline), ts(s.Due), s.LatenessPerDay, s.Department, s.Weekends, s.OvertimeUntil, s.Pos)
			if len(after) > 0 {
				fmt.Fprintf(w, "    after %s\n", strings.Join(after, ", "))
			}
			if len(keep) > 0 {
				fmt.Fprintf(w, "    keeps %s\n", strings.Join(keep, ", "))
			}
		}
		for _, b := range pr.Bookings {
			var people, artistes []string
			for _, x := range b.People {
				people = append(people, x.ID)
			}
			for _, a := range b.Artistes {
				artistes = append(artistes, a.ID)
			}
			suite := "-"
			if b.Suite != nil {
				suite = b.Suite.ID
			}
			for _, x := range b.ExtraSuites {
				suite += "+" + x.ID
			}
			sess := "-"
			if b.Session != nil {
				sess = b.Session.ID
			}
			fmt.Fprintf(w, "  booking %s session=%s status=%s start=%s suite=%s people=%v artistes=%v note=%q at %s\n",
				b.ID, sess, b.Status, ts(b.Start), suite, people, artistes, b.Note, b.Pos)
		}
	}
}
