package whatif

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
)

// predecessors lists a session's predecessors' ids.
func predecessors(s *model.Session) string {
	var ids []string
	for _, d := range s.After {
		ids = append(ids, d.Session.ID)
	}
	return strings.Join(ids, ",")
}

func TestApplyTime(t *testing.T) {
	const day = 10 * time.Hour // feature.yaml works 09:00-19:00
	for _, tt := range []struct {
		name, overlays string
		check          func(*model.Project) string // "" when as expected
	}{
		{"duration set", "    durations: { grade: 9d, adr-maya: 6h }\n", func(p *model.Project) string {
			if g, a := p.Session("grade").Duration, p.Session("adr-maya").Duration; g != 9*day || a != 6*time.Hour {
				return fmt.Sprintf("grade %v, adr-maya %v", g, a)
			}
			return ""
		}},
		{"duration changed", "    durations: { grade: +2d, conform: -1d }\n", func(p *model.Project) string {
			if g, c := p.Session("grade").Duration, p.Session("conform").Duration; g != 13*day || c != 3*day {
				return fmt.Sprintf("grade %v (want 11d+2d), conform %v (want 4d-1d)", g, c)
			}
			return ""
		}},
		{"agent's new dates", "    availability: { maya: [2026-06-15..2026-06-17, 2026-06-22] }\n", func(p *model.Project) string {
			var got []string
			for _, a := range p.Artiste("maya").Available {
				got = append(got, a.Dates.String())
			}
			if strings.Join(got, " ") != "2026-06-15..2026-06-17 2026-06-22" {
				return "maya offered " + strings.Join(got, " ")
			}
			return ""
		}},
		{"session removed, chain kept", "    remove_sessions: [picture-lock]\n", func(p *model.Project) string {
			if p.Session("picture-lock") != nil {
				return "picture-lock still there"
			}
			if got := predecessors(p.Session("turnover")); got != "producers-cut" {
				return "turnover now follows " + got + ", want producers-cut"
			}
			return ""
		}},
		{"two in a row removed", "    remove_sessions: [picture-lock, turnover]\n", func(p *model.Project) string {
			if got := predecessors(p.Session("conform")); got != "producers-cut" {
				return "conform follows " + got + ", want producers-cut"
			}
			if lag := p.Session("conform").After[0].Lag; lag.IsZero() {
				return "conform lost its own 3wd lag"
			}
			return ""
		}},
		{"overtime past midnight", "    overtime_until: \"02:00\"\n", func(p *model.Project) string {
			if c, s := p.Calendar.OvertimeUntil, p.Session("grade").OvertimeUntil; c != 26*60 || s != 26*60 {
				return fmt.Sprintf("calendar to %d min, grade to %d min, want 26:00 (02:00 the next morning)", c, s)
			}
			return ""
		}},
		{"pickup session added", "    add_sessions: [{ copy: adr-maya, id: adr-maya-pickup, name: Maya pickup, duration: 2h }]\n", func(p *model.Project) string {
			s := p.Session("adr-maya-pickup")
			if s == nil || s.Name != "Maya pickup" || s.Duration != 2*time.Hour || predecessors(s) != "turnover" ||
				len(s.Artistes) != 1 || s.Artistes[0].ID != "maya" || p.Session("adr-maya").Duration != 4*time.Hour {
				return fmt.Sprintf("added %+v", s)
			}
			return ""
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := applyYAML(t, tt.overlays)
			if err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(p); msg != "" {
				t.Error(msg)
			}
			// The changed project is still one the compiler takes.
			if _, err := compile.Compile(p, compile.Options{}); err != nil {
				t.Errorf("compile after %s: %v", tt.name, err)
			}
		})
	}
}

// TestDurationOfEveryEpisode: a pipeline step's id changes that session
// in every episode of a series.
func TestDurationOfEveryEpisode(t *testing.T) {
	sc, err := Parse("s.yaml", []byte("scenarios:\n  - name: x\n    durations: { grade: +1d }\n"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := model.Load("../../testdata/series.yaml")
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]time.Duration{}
	for _, s := range p.Sessions {
		before[s.ID] = s.Duration
	}
	if err := sc[0].Apply(p); err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, s := range p.Sessions {
		want := before[s.ID]
		if s.Template == "grade" {
			want += s.Production.Calendar.DayLength()
			changed++
		}
		if s.Duration != want {
			t.Errorf("%s takes %v, want %v", s.ID, s.Duration, want)
		}
	}
	if changed < 2 {
		t.Errorf("%d episode grades changed, want every episode's", changed)
	}
}

func TestFmtWork(t *testing.T) {
	for d, want := range map[time.Duration]string{4 * time.Hour: "4h", 90 * time.Minute: "1h30m", 30 * time.Minute: "30m"} {
		if got := fmtWork(d); got != want {
			t.Errorf("fmtWork(%v) = %q, want %q", d, got, want)
		}
	}
}
