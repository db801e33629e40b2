package model

import (
	"errors"
	"strings"
	"testing"
)

// base is a small valid project. Cases replace one section (the text
// between "# <name>" markers) to introduce a single mistake.
const base = `production: Test
timezone: Europe/London
start: 2026-05-04
delivery: 2026-07-31
calendar: { week: Mon-Fri, hours: "09:00-19:00" }
budget: { total: 50000, caps: { grade: 10000 } }
# suites
suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }
# people
people:
  - { id: ines, roles: [colourist], rate: { day: 750 } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }
# artistes
artistes:
  - { id: maya, fee: { session: 600 }, available: [2026-06-01..2026-06-05] }
# sessions
sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }
# bookings
bookings:
  - { id: B-1, session: grade, status: pencil, start: 2026-05-11T09:00, suite: grade-a, people: [ines] }
# end
`

// withSection returns base with the named section replaced by text.
func withSection(name, text string) string {
	start := strings.Index(base, "# "+name+"\n")
	rest := base[start+len(name)+3:]
	end := strings.Index(rest, "\n# ")
	return base[:start] + "# " + name + "\n" + text + rest[end:]
}

func TestBaseIsValid(t *testing.T) {
	p, err := Parse("base.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sessions) != 3 || p.Session("grade").Duration.Hours() != 30 {
		t.Fatalf("unexpected project: %d sessions", len(p.Sessions))
	}
}

// TestValidationRules checks each rule on its own: the problem names the
// place (line:col), the field, the message and a hint.
func TestValidationRules(t *testing.T) {
	tests := []struct {
		name    string
		section string
		text    string
		// want is "line:col: field: message part"; hint is a part of
		// the hint.
		want, hint string
	}{
		{"unknown role", "people", `people:
  - { id: ines, roles: [colorist], rate: { day: 750 } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:25: people[0].roles[0]: unknown value "colorist"`, `did you mean "colourist"?`},
		{"unknown field", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, durration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:65: sessions[1].durration: unknown field "durration"`, `did you mean "duration"?`},
		{"unknown suite kind", "suites", `suites:
  - { id: grade-a, kind: grading, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:26: suites[0].kind: unknown value "grading"`, `did you mean "grade"?`},
		{"clock band inside the day", "people", `people:
  - { id: ines, roles: [colourist], rate: { hour: 50, overtime: [{ from: "18:00", x: 1.5 }] } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:74: people[0].rate.overtime[0].from: band from 18:00 is inside the working day`, "from 19:00 or later, or before 09:00"},
		{"clock band with after", "people", `people:
  - { id: ines, roles: [colourist], rate: { hour: 50, overtime: [{ after: 10h, from: "19:00" }] } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:86: people[0].rate.overtime[0].from: band has both after and from`, "not both"},
		{"clock band bad time", "people", `people:
  - { id: ines, roles: [colourist], rate: { hour: 50, overtime: [{ from: "7pm", x: 2 }] } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:74: people[0].rate.overtime[0].from: bad time "7pm"`, "09:30"},
		{"clock band twice", "people", `people:
  - { id: ines, roles: [colourist], rate: { hour: 50, overtime: [{ from: "21:00" }, { from: "21:00", x: 2 }] } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:85: people[0].rate.overtime: two bands from 21:00`, "one band"},
		{"use below the card", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, uses: { record: { hour: 150 } } } }`,
			`10:72: suites[1].rate.uses.record.hour: use record at 150 an hour is below the card's rate`, "at least the card's own 180 an hour"},
		{"use without an hourly rate", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, uses: { record: { day: 1500 } } } }`,
			`10:66: suites[1].rate.uses.record.day: unknown field "day"`, "allowed here: hour"},
		{"unknown use", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d, use: record }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:95: sessions[1].use: grade: unknown use "record": no suite or person it may use has that rate`, "add uses: { record: { hour: … } }"},
		{"clock bands", "people", `people:
  - { id: ines, roles: [colourist], rate: { hour: 50, overtime: [{ from: "06:00" }, { from: "19:00" }, { from: "22:00", x: 2 }, { after: 12h, x: 2 }] } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`, "", ""},
		{"engagement without a week", "people", `people:
  - { id: ines, roles: [colourist], rate: { day: 750, paid: engagement } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:61: people[0].rate.paid: engagement without a weekly rate`, "add week: 2000"},
		{"sixth day without a week", "people", `people:
  - { id: ines, roles: [colourist], rate: { day: 750, sixth_day_x: 1.5 } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:68: people[0].rate.sixth_day_x: sixth day premium without a weekly rate`, "add week: 2000"},
		{"week cap too long", "people", `people:
  - { id: ines, roles: [colourist], rate: { day: 750 }, rules: { max_per_week: 200h } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:80: people[0].rules.max_per_week: more than a week`, "e.g. 50h"},
		{"weekend call too long", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: { weekday: 2h, weekend: 12h } } }`,
			`10:86: suites[1].rate.minimum_call.weekend: minimum call 12h0m0s is longer than the standard day`, "part of a day"},
		{"minimum call by day type", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: { weekday: 2h, weekends: 4h } } }`,
			`10:77: suites[1].rate.minimum_call.weekends: unknown field "weekends"`, `did you mean "weekend"?`},
		{"free hour after an hour", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, free_hour_after: 1h } }`,
			`10:65: suites[1].rate.free_hour_after: free hour after 1h0m0s`, "e.g. 7h"},
		{"on-cost as a percentage", "people", `people:
  - { id: ines, roles: [colourist], rate: { day: 750 }, oncost: 14 }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:65: people[0].oncost: bad on-cost "14"`, "e.g. 0.14"},
		{"weekly premium without hours", "people", `people:
  - { id: ines, roles: [colourist], rate: { day: 750, over_week_x: 1.5 } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:68: people[0].rate.over_week_x: over_week_x without week_hours`, "week_hours: 50h"},
		{"cancellation terms", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400, cancellation: [{ within: 5wd, x: 0.5 }, { within: 24h, x: 1 }] } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`, "", ""},
		{"cancellation share as a percentage", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400, cancellation: [{ within: 5wd, x: 50 }] } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:85: suites[0].rate.cancellation[0].x: bad share "50"`, "0.5 is half"},
		{"cancellation in part working days", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400, cancellation: [{ within: 2.5wd, x: 0.5 }] } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:77: suites[0].rate.cancellation[0].within: bad notice "2.5wd": whole working days`, "working days (5wd)"},
		{"cancellation without a share", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400, cancellation: [{ within: 5wd }] } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:67: suites[0].rate.cancellation[0]: cancellation term needs both within and x`, "within: 5wd, x: 0.5"},
		{"cancellation notice twice", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400, cancellation: [{ within: 2wd, x: 0.5 }, { within: 2wd, x: 1 }] } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:102: suites[0].rate.cancellation[1].within: two terms within 2wd`, "one share"},
		{"deposit as a percentage", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400, deposit: 50 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:61: suites[0].rate.deposit: bad deposit "50"`, "0.5 is half"},
		{"recall terms", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, recall: { within: 2w, fee: 300 }, available: [2026-06-01..2026-06-05] }`, "", ""},
		{"recall window in hours", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, recall: { within: 48h, fee: 300 }, available: [2026-06-01..2026-06-05] }`,
			`17:58: artistes[0].recall.within: bad recall window "48h": unknown unit "h"`, "e.g. 10d or 2w"},
		{"travel time", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, travel: { per_visit: 220, time: 3h }, available: [2026-06-01..2026-06-05] }`, "", ""},
		{"travel over half the day", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, travel: { per_visit: 220, time: 3h }, available: [{ dates: 2026-06-01..2026-06-05, hours: "12:00-17:00" }] }`,
			`17:72: artistes[0].travel.time: artiste maya travels 3h each way, more than half of the longest day offered (5h, 12:00-17:00)`, "each way, not the round trip"},
		{"travel leaves no room for the session", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, travel: { per_visit: 220, time: 3h }, available: [{ dates: 2026-06-01..2026-06-05, hours: "12:00-18:00" }] }`,
			`17:72: artistes[0].travel.time: adr: artiste maya travels 3h each way, and no day offered between 2026-05-04 and end of 2026-07-31 leaves 4h`, "longer days"},
		{"recall without a fee", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, recall: { within: 10d }, available: [2026-06-01..2026-06-05] }`,
			`17:48: artistes[0].recall: a recall needs both within and fee`, "within: 10d, fee: 300"},
		{"paid by what", "people", `people:
  - { id: ines, roles: [colourist], rate: { week: 2750, paid: engaged } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:63: people[0].rate.paid: unknown value "engaged"`, `did you mean "engagement"?`},
		{"declared suite kind", "suites", `suite_kinds: [vfx-review]
suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }
  - { id: vfx-1, kind: vfx-review }`, "", ""},
		{"empty section", "bookings", "bookings:", "", ""},
		{"unknown department", "suites", `suites:
  - { id: grade-a, kind: grade, department: grading, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:45: suites[0].department: unknown value "grading"`, `did you mean "grade"?`},
		{"unknown person", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, people: [inez], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:40: sessions[1].people[0]: unknown person "inez"`, `did you mean "ines"?`},
		{"unknown artiste", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maia], duration: 4h }`,
			`22:72: sessions[2].artistes[0]: unknown artiste "maia"`, `did you mean "maya"?`},
		{"unknown session", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lok, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:25: sessions[1].after[0]: unknown session "lok"`, `did you mean "lock"?`},
		{"duplicate suite", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: grade-a, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`10:5: suites: duplicate id "grade-a"`, "own id"},
		{"duplicate session", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: grade, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`22:5: sessions[2].id: duplicate session id "grade"`, "own id"},
		{"no suite of kind", "suites", `suites:
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`20:58: sessions[1].suite: grade needs a grade suite and there is none`, "add a grade suite"},
		{"role nobody has", "people", `people:
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`20:39: sessions[1].roles: grade needs a colourist, and nobody has that role`, "add a colourist"},
		{"two of a role", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: { colourist: 2 }, suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:40: sessions[1].roles: grade needs 2 colourists, and only 1 person has that role`, ""},
		{"artiste never available", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, available: [2026-09-01..2026-09-05] }`,
			`22:72: sessions[2].artistes[0]: adr: artiste maya is never available for 4h between 2026-05-04 and end of 2026-07-31`, "ask the agent"},
		{"artiste offers too few hours", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, available: [{ dates: 2026-06-01..2026-06-05, hours: "10:00-12:00" }] }`,
			`22:72: sessions[2].artistes[0]: adr: artiste maya is never available for 4h`, ""},
		{"artiste offers only a weekend", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, available: [2026-06-06..2026-06-07] }`,
			`22:72: sessions[2].artistes[0]: adr: artiste maya is never available for 4h`, ""},
		{"artiste offers enough hours", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, available: [{ dates: 2026-06-01..2026-06-05, hours: "10:00-14:00" }] }`,
			"", ""},
		{"cycle", "sessions", `sessions:
  - { id: lock, milestone: true, after: adr }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: grade, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`20:41: sessions[0].after: dependency cycle: lock -> grade -> adr -> lock`, "break the loop"},
		{"deadline before start", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d, release: 2026-06-10, deadline: 2026-06-01 }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`sessions[1].deadline: grade: deadline (end of 2026-06-01) is not after its earliest start (2026-06-10)`, ""},
		{"due after the deadline", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d, deadline: 2026-06-20, due: 2026-06-26 }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`sessions[1].due: grade: due (end of 2026-06-26) is after its deadline (end of 2026-06-20)`, "on or before the deadline"},
		{"due after the delivery", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d, due: 2026-08-03 }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`sessions[1].due: grade: due (end of 2026-08-03) is after its deadline (end of 2026-07-31)`, "on or before the deadline"},
		{"due on the deadline", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d, deadline: 2026-06-20, due: 2026-06-20 }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			"", ""},
		{"delivery before start", "suites", `delivery: 2026-01-01
suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }`,
			`key "delivery" given twice`, ""},
		{"negative rate", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: -1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:46: suites[0].rate.day: negative rate -1400`, "day: 650"},
		{"zero rate", "suites", `suites:
  - { id: grade-a, kind: grade, rate: { day: 0 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`,
			`9:46: suites[0].rate.day: zero rate`, "not offered"},
		{"zero duration", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 0h }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:75: sessions[1].duration: zero duration "0h"`, "more than zero"},
		{"invalid date", "bookings", `bookings:
  - { id: B-1, session: grade, status: pencil, start: 2026-04-31T09:00, suite: grade-a }`,
			`25:55: bookings[0].start: bad date "2026-04-31": April has no day 31`, ""},
		{"invalid time", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h, window: "10:00-25:00" }`,
			`22:101: sessions[2].window: bad time "25:00"`, ""},
		{"reversed availability", "artistes", `artistes:
  - { id: maya, fee: { session: 600 }, available: [2026-06-05..2026-06-01] }`,
			`17:52: artistes[0].available[0]: range 2026-06-05..2026-06-01 ends before it starts`, "first day first"},
		{"booking for missing session", "bookings", `bookings:
  - { id: B-1, session: grde, status: pencil, start: 2026-05-11T09:00 }`,
			`25:25: bookings[0].session: booking for unknown session "grde"`, `did you mean "grade"?`},
		{"booking status word", "bookings", `bookings:
  - { id: B-1, session: grade, status: firm, start: 2026-05-11T09:00 }`,
			`25:40: bookings[0].status: unknown value "firm"`, "pencil, second-pencil, confirmed, released"},
		{"booking in the wrong suite", "bookings", `bookings:
  - { id: B-1, session: grade, status: confirmed, start: 2026-05-11T09:00, suite: adr-1 }`,
			`bookings[0].suite: booking B-1 holds adr-1 (adr), but grade needs a grade suite`, ""},
		{"negative budget cap", "suites", `budget: { caps: { adr: -100 } }
suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }`,
			`key "budget" given twice`, ""},
		{"window outside day hours", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h, window: "07:00-12:00" }`,
			`22:101: sessions[2].window: adr: window 07:00-12:00 is outside the production's hours`, "09:00-19:00"},
		{"min chunk longer than session", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 4h, split: { min: 6h } }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:86: sessions[1].split: grade: minimum piece 6h is longer than the session (4h)`, ""},
		{"too long without split", "sessions", `sessions:
  - { id: lock, milestone: true }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`21:75: sessions[1].duration: grade: 30h of work cannot fit in one 09:00-19:00 day`, "split: true"},
		{"milestone with work", "sessions", `sessions:
  - { id: lock, milestone: true, duration: 1d }
  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d }
  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h }`,
			`20:44: sessions[0].duration: lock is a milestone and takes no duration`, ""},
		{"money with a currency sign", "people", `people:
  - { id: ines, roles: [colourist], rate: { day: "£750" } }
  - { id: mo, roles: [adr-mixer], rate: { day: 550 } }`,
			`13:50: people[0].rate.day: bad amount "£750"`, "plain number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := withSection(tt.section, tt.text)
			_, err := Parse("p.yaml", []byte(src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want no problems, got:\n%v", err)
				}
				return
			}
			var verr *ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("want a *ValidationError, got %v", err)
			}
			for _, p := range verr.Problems {
				if strings.Contains(p.String(), tt.want) && strings.Contains(p.Hint, tt.hint) {
					return
				}
			}
			t.Errorf("no problem containing %q (hint %q) in:\n%v", tt.want, tt.hint, err)
		})
	}
}

func TestBadTimeZone(t *testing.T) {
	src := strings.Replace(base, "Europe/London", "Europe/Londn", 1)
	_, err := Parse("p.yaml", []byte(src))
	want := `p.yaml:2:11: timezone: unknown time zone "Europe/Londn" (hint: did you mean "Europe/London"?)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %s", err, want)
	}
}

// TestMisspeltUse: a session's use that is a slip for one its suite
// offers gets a did-you-mean hint, and the right one validates.
func TestMisspeltUse(t *testing.T) {
	src := strings.Replace(base, "rate: { hour: 180, minimum_call: 4h }", "rate: { hour: 180, minimum_call: 4h, uses: { record: { hour: 240 } } }", 1)
	for _, tt := range []struct{ use, want string }{
		{"record", ""},
		{"recrod", `22:98: sessions[2].use: adr: unknown use "recrod": no suite or person it may use has that rate (hint: did you mean "record"?)`},
	} {
		p, err := Parse("p.yaml", []byte(strings.Replace(src, "duration: 4h }", "duration: 4h, use: "+tt.use+" }", 1)))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("use %s: %v", tt.use, err)
		case tt.want == "" && p.Session("adr").Use != "record":
			t.Errorf("use %s read as %q", tt.use, p.Session("adr").Use)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("use %s: got %v\nwant %s", tt.use, err, tt.want)
		}
	}
}
