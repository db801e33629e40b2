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
