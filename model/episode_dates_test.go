package model

import (
	"strings"
	"testing"
)

// TestEpisodeOwnDates: one episode's own start: and delivery: (a whole-
// episode override) are honoured by its sessions only, and an override
// date that cannot be honoured is refused where it is written.
func TestEpisodeOwnDates(t *testing.T) {
	const override = "    - { episode: 2, session: grade, artistes: [tom], release: 2026-04-20T10:00 }\n"
	tests := []struct {
		name, add, want string
		check           func(p *Project) string
	}{
		{"a later delivery", "    - { episode: 1, delivery: 2026-06-19, deadline: 2026-06-18 }\n", "", func(p *Project) string {
			if got := p.Session("ep1/cut").Deadline.Format("2006-01-02T15:04"); got != "2026-06-19T00:00" {
				return "ep1/cut deadline " + got + ", want the end of its own 18 Jun deadline"
			}
			if got := p.Session("ep1/grade").Deadline.Format("2006-01-02"); got != "2026-06-19" {
				return "ep1/grade deadline " + got
			}
			if got := p.Session("ep2/grade").Deadline.Format("2006-01-02"); got != "2026-06-20" {
				return "ep2/grade deadline " + got + ", want its staggered delivery (19 Jun) kept"
			}
			return ""
		}},
		{"an earlier delivery", "    - { episode: 3, delivery: 2026-06-05 }\n", "", func(p *Project) string {
			if got := p.Session("ep3/grade").Deadline.Format("2006-01-02"); got != "2026-06-06" {
				return "ep3/grade deadline " + got + ", want the end of 5 Jun"
			}
			if d := p.Productions[0].Episodes.LastDelivery(); d != (Date{2026, 6, 19}) {
				return "last delivery " + d.String() + ", want ep2's 19 Jun"
			}
			return ""
		}},
		{"an earlier start", "    - { episode: 3, start: 2026-03-04 }\n    - { episode: 3, release: 2026-03-05 }\n", "", func(p *Project) string {
			if got := p.Session("ep3/cut").Release.Format("2006-01-02"); got != "2026-03-05" {
				return "ep3/cut released " + got + ", want its own 5 Mar"
			}
			return ""
		}},
		{"a release before the episode's start", "    - { episode: 3, release: 2026-03-10 }\n", `s.yaml:14:30: episodes.overrides[1].release: release 2026-03-10 is before episode 3's start 2026-03-16 (hint: an episode's sessions start on or after its start: give the episode its own, { episode: 3, start: 2026-03-10 })`, nil},
		{"a delivery after the production's", "    - { episode: 2, delivery: 2026-07-03 }\n", `episodes.overrides[1].delivery: episode 2 would deliver 2026-07-03, after the production's delivery 2026-06-26`, nil},
		{"a start before the production's", "    - { episode: 2, start: 2026-02-23 }\n", `episodes.overrides[1].start: episode 2 starts 2026-02-23, before the production's start 2026-03-02`, nil},
		{"a start after the delivery", "    - { episode: 2, start: 2026-06-22 }\n", `episodes.overrides[1].start: episode 2 would start 2026-06-22 but deliver 2026-06-19`, nil},
		{"given twice", "    - { episode: 2, delivery: 2026-06-22 }\n    - { episode: 2, delivery: 2026-06-23 }\n", `episodes.overrides[2].delivery: episode 2's delivery is given twice (first at s.yaml:14:31)`, nil},
		{"a step's start", "    - { episode: 2, session: cut, start: 2026-03-04 }\n", `episodes.overrides[1].start: unknown field "start"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(series, override, override+tt.add, 1)
			p, err := Parse("s.yaml", []byte(src))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if msg := tt.check(p); msg != "" {
					t.Error(msg)
				}
				return
			}
			if got := problems(t, err); !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
		})
	}
}
