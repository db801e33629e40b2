package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestTimeRuleProblems: same_people_as:, same_suite_as:, continuity: and
// max_lag: mistakes are reported at their place with a hint.
func TestTimeRuleProblems(t *testing.T) {
	sessions := func(grade, adr string) string {
		return "sessions:\n  - { id: lock, milestone: true }\n  - { id: grade, after: lock, roles: [colourist], suite: grade, duration: 3d, split: 1d" + grade +
			" }\n  - { id: adr, after: lock, roles: [adr-mixer], suite: adr, artistes: [maya], duration: 4h" + adr + " }"
	}
	tests := []struct {
		name, text, want, hint string
	}{
		{"unknown session", sessions(", same_people_as: grad", ""),
			`21:106: sessions[1].same_people_as: unknown session "grad"`, `did you mean "grade"?`},
		{"own people", sessions(", same_people_as: grade", ""),
			`sessions[1].same_people_as: grade cannot keep its own people`, "another session"},
		{"milestone", sessions(", same_people_as: lock", ""),
			`sessions[1].same_people_as: a milestone has no people to keep`, "crew"},
		{"no role in common", sessions("", ", same_people_as: grade"),
			`sessions[2].same_people_as: adr and grade need no role in common`, "roles: [editor]"},
		{"suite kept", sessions("", ", same_suite_as: grade"), "", ""},
		{"max lag below lag", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: lock, lag: 2d, max_lag: 1d }, roles: [adr-mixer]", 1),
			`sessions[2].after[0].max_lag: max_lag 24h is shorter than the lag 48h`, "at least the lag"},
		{"negative working lag", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: lock, kind: start, lag: -1wd }, roles: [adr-mixer]", 1), "", ""},
		{"negative lag unit", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: lock, lag: -1x }, roles: [adr-mixer]", 1),
			`sessions[2].after[0].lag: bad lag "1x"`, "-1wd"},
		{"finish to finish", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: grade, kind: finish-to-finish, lag: 4h }, roles: [adr-mixer]", 1), "", ""},
		{"finish to finish with a longest wait", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: grade, kind: finish-to-finish, max_lag: 1d }, roles: [adr-mixer]", 1),
			`sessions[2].after[0].max_lag: max_lag with kind: finish-to-finish`, "kind: finish"},
		{"unknown kind", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: grade, kind: finish-finish }, roles: [adr-mixer]", 1),
			`sessions[2].after[0].kind`, "finish-to-finish"},
		{"negative clock lag", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: lock, kind: start, lag: -4h }, roles: [adr-mixer]", 1), "", ""},
		{"soft continuity", "continuity: { sessions: [grade, adr], cost_per_switch: 500 }\n" + sessions("", ""),
			`continuity.sessions[1]`, ""},
		{"soft continuity without sessions", "continuity: [{ cost_per_switch: 500 }]\n" + sessions("", ""),
			`continuity[0]: a continuity chain names no sessions`, "cost_per_switch: 500"},
		{"free switch", "continuity: [{ sessions: [grade, grade], cost_per_switch: 0 }]\n" + sessions("", ""),
			`continuity[0].cost_per_switch: cost_per_switch must be above zero`, "leave it out"},
		{"at on a session with work", strings.Replace(sessions("", ""), "duration: 4h", "duration: 4h, at: \"14:00\"", 1),
			`sessions[2].at: adr is not a milestone`, "milestone: true"},
		{"milestone at", strings.Replace(sessions("", ""), "milestone: true", "milestone: true, at: \"14:00\"", 1), "", ""},
		{"closed days", strings.Replace(sessions("", ""), "duration: 4h", "duration: 4h, closed: [2026-05-12..2026-05-13]", 1), "", ""},
		{"closed not a date", strings.Replace(sessions("", ""), "duration: 4h", "duration: 4h, closed: [12 May]", 1),
			`sessions[2].closed[0]`, ""},
		{"buffer unit", "buffer: 5x\n" + sessions("", ""), `buffer: bad lag "5x"`, "2wd"},
		{"early per day forward", "schedule: forward\nearly_per_day: 200\n" + sessions("", ""),
			`early_per_day: early_per_day with schedule: forward`, "schedule: backward"},
		{"schedule word", "schedule: backwards\n" + sessions("", ""), `schedule: `, "backward"},
		{"backward", "schedule: backward\nbuffer: 5wd\n" + sessions("", ""), "", ""},
		{"max lag unit", strings.Replace(sessions("", ""), "after: lock, roles: [adr-mixer]", "after: { id: lock, max_lag: 2x }, roles: [adr-mixer]", 1),
			`sessions[2].after[0].max_lag: bad lag "2x"`, "24h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(withSection("sessions", tt.text)))
			wantProblem(t, err, tt.want, tt.hint)
		})
	}
}

// TestContinuityChains: continuity: beside a pipeline links each step of
// the chain to the one before, within each episode; a list of lists
// gives several chains; a one-off chain names sessions.
func TestContinuityChains(t *testing.T) {
	src := `production: P
timezone: Europe/London
start: 2026-03-02
delivery: 2026-09-30
people: [{ id: ed, roles: [editor] }, { id: al, roles: [assistant-editor] }]
suites: [{ id: off-1, kind: offline }]
episodes: { count: 3, stagger: 1w }
pipeline:
  - { id: assembly, roles: [editor, assistant-editor], suite: offline, duration: 2d, split: 1d }
  - { id: directors-cut, after: assembly, roles: [editor], suite: offline, duration: 2d, split: 1d }
  - { id: producers-cut, after: directors-cut, roles: [editor], suite: offline, duration: 1d, same_suite_as: directors-cut }
continuity: [[assembly, directors-cut, producers-cut], [assembly, producers-cut]]
`
	p, err := Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for ep := 1; ep <= 3; ep++ {
		keeps := func(id string) []string {
			var out []string
			for _, k := range p.Session(fmt.Sprintf("ep%d/%s", ep, id)).Keep {
				out = append(out, fmt.Sprintf("%s/suite=%v", k.Session.LocalID, k.Suite))
			}
			return out
		}
		e := fmt.Sprintf("ep%d/", ep)
		if got, want := keeps("directors-cut"), []string{e + "assembly/suite=false"}; !slices.Equal(got, want) {
			t.Errorf("directors-cut keeps %v, want %v", got, want)
		}
		want := []string{e + "directors-cut/suite=true", e + "directors-cut/suite=false", e + "assembly/suite=false"}
		if got := keeps("producers-cut"); !slices.Equal(got, want) {
			t.Errorf("producers-cut keeps %v, want %v", got, want)
		}
	}
	bad := strings.Replace(src, "[assembly, producers-cut]]", "[assembly, producer-cut]]", 1)
	if _, err := Parse("p.yaml", []byte(bad)); err == nil || !strings.Contains(err.Error(), `p.yaml:12:67: continuity[1][1]: unknown session "producer-cut"`) {
		t.Errorf("a misspelt step: %v", err)
	}
}

// TestStaggerAndOverrides: stagger: {start, delivery} staggers starts
// and deliveries apart (delivery: 0 delivers the season at once); an
// episode deadline its delivery makes impossible is refused.
func TestStaggerAndOverrides(t *testing.T) {
	src := func(stagger, overrides string) string {
		return `production: P
timezone: Europe/London
start: 2026-03-02
delivery: 2026-09-30
people: [{ id: ed, roles: [editor] }]
episodes: { count: 3, stagger: ` + stagger + `, first_delivery: 2026-06-26` + overrides + ` }
pipeline:
  - { id: cut, roles: [editor], duration: 2d, split: 1d }
`
	}
	p, err := Parse("p.yaml", []byte(src("{ start: 1w, delivery: 0 }", "")))
	if err != nil {
		t.Fatal(err)
	}
	e := p.Productions[0].Episodes
	if got := e.EpisodeStart(3).String(); got != "2026-03-16" {
		t.Errorf("episode 3 starts %s, want 2026-03-16", got)
	}
	if got := e.EpisodeDelivery(3).String(); got != "2026-06-26" {
		t.Errorf("episode 3 delivers %s, want 2026-06-26 (a season delivered at once)", got)
	}
	for _, tc := range []struct{ stagger, overrides, want string }{
		{"1w", ", overrides: [{ episode: 2, session: cut, deadline: 2026-07-10 }]",
			`p.yaml:6:114: episodes.overrides[0].deadline: deadline end of 2026-07-10 is after episode 2's delivery 2026-07-03`},
		{"{ start: 2w, delivery: 1x }", "", `episodes.stagger.delivery: bad lag "1x"`},
		{"{ start: 15w, delivery: 0 }", "", `episodes.stagger: episode 3 would start 2026-09-28 but deliver 2026-06-26`},
		{"{ start: 1w, delivery: 7w }", "", `episodes.first_delivery: episode 3 would deliver 2026-10-02, after the production's delivery 2026-09-30`},
		{"{ start: 15w, delivery: 0 }", ", overrides: [{ episode: 3, start: 2026-06-29 }]", `episodes.overrides[0].start: episode 3 would start 2026-06-29 but deliver 2026-06-26`},
	} {
		_, err := Parse("p.yaml", []byte(src(tc.stagger, tc.overrides)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("stagger %s%s: %v, want %q", tc.stagger, tc.overrides, err, tc.want)
		}
	}
	// An episode's own dates are what the stagger is checked against:
	// they can make a stagger work that would not on its own.
	for _, tc := range []struct{ stagger, overrides, start, delivery string }{
		{"{ start: 15w, delivery: 0 }", ", overrides: [{ episode: 3, start: 2026-06-01 }]", "2026-06-01", "2026-06-26"},
		{"{ start: 1w, delivery: 7w }", ", overrides: [{ episode: 3, delivery: 2026-09-25 }]", "2026-03-16", "2026-09-25"},
	} {
		p, err := Parse("p.yaml", []byte(src(tc.stagger, tc.overrides)))
		if err != nil {
			t.Errorf("stagger %s%s: %v", tc.stagger, tc.overrides, err)
			continue
		}
		e := p.Productions[0].Episodes
		if got := e.EpisodeStart(3).String() + " " + e.EpisodeDelivery(3).String(); got != tc.start+" "+tc.delivery {
			t.Errorf("stagger %s%s: episode 3 runs %s, want %s %s", tc.stagger, tc.overrides, got, tc.start, tc.delivery)
		}
	}
}
