package compile_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// compileTime compiles testdata/time/<name>.yaml with edit applied to its
// text, as of 1 May 2026.
func compileTime(t *testing.T, name string, edit func(string) string) *compile.Compiled {
	t.Helper()
	src, err := os.ReadFile("../../testdata/time/" + name + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	proj, err := model.Parse(name+".yaml", []byte(edit(string(src))))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 1, 0, 0, 0, 0, proj.Calendar.Location)
	c, err := compile.Compile(proj, compile.Options{NotBefore: now})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// explainNoSchedule solves c, which must have no schedule, and returns
// the explanation of the conflict found, one line per constraint.
func explainNoSchedule(t *testing.T, c *compile.Compiled) string {
	t.Helper()
	_, err := solver.Solve(context.Background(), c.Problem, solver.Options{Seed: 1, Iterations: 300, Workers: 1})
	if err == nil {
		t.Fatal("solved, want no schedule")
	}
	conflict, xerr := c.FindConflict(context.Background(), err, 1, 60*time.Second)
	if xerr != nil {
		t.Fatal(xerr)
	}
	return strings.Join(c.Explain(conflict), "\n")
}

// TestTimeRulesCompile: continuity becomes one link per kept role and
// suite, a max_lag one solver.MaxLag, each in a group named in the
// trade's words.
func TestTimeRulesCompile(t *testing.T) {
	c := compileTime(t, "continuity", func(s string) string { return s })
	p := c.Problem
	if len(p.SameResources) != 2 {
		t.Fatalf("%d links, want 2 (editor and suite)", len(p.SameResources))
	}
	labels := c.Explain([]solver.GroupID{p.SameResources[0].Group, p.SameResources[1].Group})
	for i, want := range []string{"continuity: Director's cut keeps the editor of Assembly", "continuity: Director's cut keeps the suite of Assembly"} {
		if !strings.HasPrefix(labels[i], want) {
			t.Errorf("label %q, want %q", labels[i], want)
		}
	}
	m := compileTime(t, "maxlag", func(s string) string { return s }).Problem
	if len(m.MaxLags) != 1 || m.MaxLags[0].Lag != 48 || m.MaxLags[0].LagWorking {
		t.Fatalf("max lags %+v, want one of 48 elapsed slots", m.MaxLags)
	}
}

// TestMaxLagExplained: when the grade must be done by 8 May and Olly is
// away until 14 May, the conflict names the longest wait and Olly's
// days off.
func TestMaxLagExplained(t *testing.T) {
	c := compileTime(t, "maxlag", func(s string) string {
		return strings.Replace(s, "duration: 1d }", "duration: 1d, deadline: 2026-05-08 }", 1)
	})
	got := explainNoSchedule(t, c)
	for _, want := range []string{"longest wait: Export must start within 24 h of when Grade finishes", "Olly is off"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
}

// TestNegativeLag: lag: -2h lets the export start up to two hours before
// the grade finishes (four half-hour slots), in words.
func TestNegativeLag(t *testing.T) {
	c := compileTime(t, "maxlag", func(s string) string {
		return strings.Replace(s, "{ id: grade, max_lag: 24h }", "{ id: grade, lag: -2h, max_lag: 24h }", 1)
	})
	p := c.Problem
	pr := p.Precedences[len(p.Precedences)-1]
	if pr.Lag != -4 || pr.LagWorking {
		t.Fatalf("precedence %+v, want a lag of -4 elapsed slots", pr)
	}
	if got := c.Explain([]solver.GroupID{pr.Group})[0]; !strings.Contains(got, "Export starts after Grade finishes, less 2 h of overlap") {
		t.Errorf("label %q", got)
	}
}

// TestContinuityExplained: when Ann, who must cut the assembly, is away
// for the director's cut, the conflict names the continuity rule and her
// days off.
func TestContinuityExplained(t *testing.T) {
	c := compileTime(t, "continuity", func(s string) string {
		return strings.Replace(s, "rate: { day: 500 } }", "rate: { day: 500 }, off: [2026-05-07..2026-05-29] }", 1)
	})
	got := explainNoSchedule(t, c)
	for _, want := range []string{"continuity: Director's cut keeps the editor of Assembly", "Ann is off 2026-05-07..2026-05-29"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
}

// TestEndsLinked: kind: finish-to-finish becomes a solver
// FinishToFinish precedence and lag: -1wd a negative working lag, both
// in words; when Rhys is off on the only day the final mix can end, the
// conflict names the link between the ends and his days off.
func TestEndsLinked(t *testing.T) {
	c := compileTime(t, "links", func(s string) string { return s })
	p := c.Problem
	var ff, overlap *solver.Precedence
	for i := range p.Precedences {
		switch pr := &p.Precedences[i]; {
		case pr.Kind == solver.FinishToFinish:
			ff = pr
		case pr.Lag < 0:
			overlap = pr
		}
	}
	if ff == nil || ff.Lag != 20 || !ff.LagWorking {
		t.Fatalf("finish-to-finish %+v, want a lag of 20 working slots", ff)
	}
	if overlap == nil || overlap.Lag != -20 || !overlap.LagWorking {
		t.Fatalf("overlap %+v, want a lag of -20 working slots", overlap)
	}
	for _, tc := range []struct {
		g    solver.GroupID
		want string
	}{
		{ff.Group, "Final mix ends after Grade finishes + 10h of working time"},
		{overlap.Group, "M&E starts after Final mix finishes, less an overlap of 10 h of working time"},
	} {
		if got := c.Explain([]solver.GroupID{tc.g})[0]; !strings.Contains(got, tc.want) {
			t.Errorf("label %q, want %q", got, tc.want)
		}
	}
	c = compileTime(t, "links", func(s string) string {
		return strings.Replace(s, "rate: { day: 700 } }", "rate: { day: 700 }, off: [2026-05-07] }", 1)
	})
	got := explainNoSchedule(t, c)
	for _, want := range []string{"Final mix ends after Grade finishes", "Rhys is off"} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
}

// TestBackwardFromTX: buffer: 5wd brings each episode's deadline to 5
// working days before the end of its TX day, and schedule: backward sets
// every session's just-in-time target there; a buffer longer than the
// production is refused at its place.
func TestBackwardFromTX(t *testing.T) {
	c := compileTime(t, "backward", func(s string) string { return s })
	p := c.Problem
	for i, task := range p.Tasks {
		want := time.Date(2026, 7, 31, 9, 0, 0, 0, c.Grid.Location) // episode 1: Fri 31 Jul 09:00
		if strings.Contains(task.Name, "Ep 2") {
			want = want.AddDate(0, 0, 7)
		}
		if got := c.Grid.Time(task.Deadline); !got.Equal(want) {
			t.Errorf("%s: deadline %s, want %s", task.Name, got, want)
		}
		if task.Target != task.Deadline || task.EarlinessPerDay != 1 {
			t.Errorf("%s: target %d weight %v, want %d and 1", task.Name, task.Target, task.EarlinessPerDay, task.Deadline)
		}
		if i == 0 && !strings.Contains(c.Explain([]solver.GroupID{task.WindowGroup})[0], "(5 working days before delivery)") {
			t.Errorf("label %q names no buffer", c.Explain([]solver.GroupID{task.WindowGroup})[0])
		}
	}
	src, err := os.ReadFile("../../testdata/time/backward.yaml")
	if err != nil {
		t.Fatal(err)
	}
	proj, err := model.Parse("backward.yaml", []byte(strings.Replace(string(src), "\nbuffer: 5wd", "\nbuffer: 100d", 1)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = compile.Compile(proj, compile.Options{NotBefore: time.Date(2026, 5, 1, 0, 0, 0, 0, proj.Calendar.Location)})
	if err == nil || !strings.Contains(err.Error(), "backward.yaml:26:9: buffer: the buffer leaves") || !strings.Contains(err.Error(), "shorten the buffer") {
		t.Errorf("err %v, want the buffer refused at its place", err)
	}
}

// TestEpisodeDays: episode 2's own closed day is out of its cut's window
// (and said so in words), episode 1's is not, and a milestone with at:
// may fall only at 14:00.
func TestEpisodeDays(t *testing.T) {
	c := compileTime(t, "episode-days", func(s string) string { return s })
	p := c.Problem
	tue := c.Grid.SlotOf(time.Date(2026, 5, 12, 10, 0, 0, 0, c.Grid.Location))
	for i, info := range c.Tasks {
		task := &p.Tasks[i]
		label := c.Explain([]solver.GroupID{task.WindowGroup})[0]
		switch info.ID {
		case "ep1/cut":
			if !task.Window.Has(tue) || strings.Contains(label, "closed") {
				t.Errorf("ep1/cut: open Tue 12 May %v, label %q", task.Window.Has(tue), label)
			}
		case "ep2/cut":
			if task.Window.Has(tue) || !strings.Contains(label, "except 2026-05-12 (closed for it)") {
				t.Errorf("ep2/cut: open Tue 12 May %v, label %q", task.Window.Has(tue), label)
			}
		case "ep1/viewing":
			for x := range p.Slots {
				if task.Window.Has(solver.Slot(x)) && c.Grid.Time(solver.Slot(x)).Format("15:04") != "14:00" {
					t.Fatalf("viewing may fall at %s", c.Grid.Time(solver.Slot(x)))
				}
			}
			if !strings.Contains(label, "falls at 14:00 on a working day") {
				t.Errorf("viewing label %q", label)
			}
		}
	}
}
