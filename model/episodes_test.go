package model

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// Property: a pipeline of k steps instantiated for n episodes gives n*k
// sessions, each episode's steps follow only steps of the same episode,
// and episode e is released (e-1)*stagger days after the first.
func TestEpisodeInstantiationProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 12).Draw(t, "episodes")
		k := rapid.IntRange(1, 8).Draw(t, "steps")
		stagger := rapid.IntRange(0, 21).Draw(t, "stagger")
		var b strings.Builder
		first := Date{2026, 3, 2}
		delivery := first.AddDays(n*stagger + 60)
		fmt.Fprintf(&b, "production: P\ntimezone: Europe/London\nstart: %s\ndelivery: %s\n", first, delivery)
		b.WriteString("people: [{ id: ed, roles: [editor] }]\n")
		fmt.Fprintf(&b, "episodes: { count: %d, stagger: %dd, first_start: %s }\npipeline:\n", n, stagger, first)
		deps := make([][]int, k)
		for i := 0; i < k; i++ {
			fmt.Fprintf(&b, "  - { id: s%d, roles: [editor], duration: 1h", i)
			if i > 0 {
				var after []string
				for j := 0; j < i; j++ {
					if rapid.Bool().Draw(t, fmt.Sprintf("edge %d-%d", j, i)) {
						deps[i] = append(deps[i], j)
						after = append(after, fmt.Sprintf("s%d", j))
					}
				}
				if len(after) > 0 {
					fmt.Fprintf(&b, ", after: [%s]", strings.Join(after, ", "))
				}
			}
			b.WriteString(" }\n")
		}
		p, err := Parse("p.yaml", []byte(b.String()))
		if err != nil {
			t.Fatalf("%v\n%s", err, b.String())
		}
		if len(p.Sessions) != n*k {
			t.Fatalf("%d sessions, want %d", len(p.Sessions), n*k)
		}
		loc := p.Calendar.Location
		for e := 1; e <= n; e++ {
			for i := 0; i < k; i++ {
				s := p.Session(fmt.Sprintf("ep%d/s%d", e, i))
				if s == nil || s.Episode != e || s.Template != fmt.Sprintf("s%d", i) {
					t.Fatalf("ep%d/s%d = %+v", e, i, s)
				}
				if want := first.AddDays((e - 1) * stagger).In(loc); !s.Release.Equal(want) {
					t.Fatalf("%s released %v, want %v", s.ID, s.Release, want)
				}
				if len(s.After) != len(deps[i]) {
					t.Fatalf("%s has %d predecessors, want %d", s.ID, len(s.After), len(deps[i]))
				}
				for x, d := range s.After {
					if want := fmt.Sprintf("ep%d/s%d", e, deps[i][x]); d.Session.ID != want {
						t.Fatalf("%s follows %s, want %s", s.ID, d.Session.ID, want)
					}
				}
			}
		}
	})
}

// series is a small episodic project; cases edit it to introduce one
// mistake each.
const series = `production: S
timezone: Europe/London
start: 2026-03-02
delivery: 2026-06-26
people: [{ id: ed, roles: [editor] }, { id: col, roles: [colourist] }]
suites: [{ id: g, kind: grade }]
artistes: [{ id: maya, available: [2026-04-01..2026-06-26] }, { id: tom, available: [2026-05-01..2026-05-08] }]
episodes:
  count: 3
  stagger: 1w
  first_delivery: 2026-06-12
  overrides:
    - { episode: 2, session: grade, artistes: [tom], release: 2026-04-20T10:00 }
pipeline:
  - { id: cut, roles: [editor], duration: 2w, split: 1d }
  - { id: grade, after: cut, roles: [colourist], suite: g, artistes: [maya], duration: 1d }
`

func TestEpisodeProblems(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"valid", "", "", ""},
		{"unknown step", "session: grade,", "session: grad,", `episodes.overrides[0].session: unknown pipeline step "grad" (hint: did you mean "grade"?)`},
		{"episode out of range", "episode: 2,", "episode: 4,", "episodes.overrides[0].episode: bad number \"4\""},
		{"no episode", "episode: 2, ", "", "episodes.overrides[0].episode: override names no episode"},
		{"episode-wide key only", "{ episode: 2, session: grade, artistes: [tom], release: 2026-04-20T10:00 }", "{ episode: 2, duration: 1h }", `episodes.overrides[0].duration: unknown field "duration"`},
		{"stagger in working days", "stagger: 1w", "stagger: 2wd", "episodes.stagger: stagger must be whole calendar days"},
		{"late last delivery", "first_delivery: 2026-06-12", "first_delivery: 2026-06-22", "episode 3 would deliver 2026-07-06"},
		{"override artiste unavailable", "release: 2026-04-20T10:00", "release: 2026-05-11", "ep2/grade: artiste tom is never available for 10h between 2026-05-11"},
		{"pipeline without episodes", "episodes:\n  count: 3", "episodez:\n  count: 3", "pipeline: pipeline without episodes"},
		{"duplicate step", "{ id: grade, after: cut,", "{ id: cut, after: cut,", "pipeline[1].id: duplicate pipeline step \"cut\""},
		{"follows itself", "after: cut,", "after: [cut, grade],", "pipeline[1].after[1]: a session cannot follow itself"},
		{"cycle reported once", "{ id: cut, roles", "{ id: cut, after: grade, roles", "pipeline[0].after: dependency cycle: ep1/cut -> ep1/grade -> ep1/cut"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(series, tt.old, tt.new, 1)
			p, err := Parse("s.yaml", []byte(src))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				g := p.Session("ep2/grade")
				if g.Artistes[0].ID != "tom" || g.Release.Format("2006-01-02T15:04") != "2026-04-20T10:00" {
					t.Errorf("override not applied: %v %v", g.Artistes[0].ID, g.Release)
				}
				if p.Session("ep1/grade").Artistes[0].ID != "maya" {
					t.Errorf("override leaked into ep1")
				}
				return
			}
			got := problems(t, err)
			if !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
			// Pipeline problems are reported once, not per episode; these
			// two cases have a second, consequent problem.
			several := tt.name == "pipeline without episodes" || tt.name == "duplicate step"
			if n := strings.Count(got, "\n") + 1; n > 1 && !several {
				t.Errorf("%d problems, want the one (reported once, not per episode):\n%s", n, got)
			}
		})
	}
}
