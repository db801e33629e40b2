package compile_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/compile"
	"github.com/pencil-post/pencil/solver"
)

// rushes is a series' first days: the rushes turnover (a milestone),
// dailies the file has already confirmed from Monday 4 May, and a cut
// after them. The case adds what stands before the confirmed dailies.
const rushes = `production: Rushes
timezone: Europe/London
currency: GBP
start: 2026-05-04
delivery: 2026-05-29
calendar: { week: Mon-Fri, hours: "09:00-19:00" }
suites:
  - { id: cutting-room, name: Cutting room, kind: offline, rate: { day: 300 } }
people:
  - { id: ann, name: Ann, roles: [editor, assistant-editor], rate: { day: 500 } }
sessions:
  - { id: turnover, name: Rushes turnover, milestone: true, release: 2026-05-04 }
%s
  - { id: dailies, name: Dailies, after: %s, roles: [assistant-editor], suite: offline, duration: 1d }
  - { id: cut, name: Cut, after: dailies, roles: [editor], suite: offline, duration: 2d, split: true }
bookings:
  - { id: B-1, session: dailies, status: confirmed, start: 2026-05-04T09:00, suite: cutting-room, people: [ann] }
`

// TestBehindConfirmedPast checks what is before work the file has
// confirmed and that began before now: a milestone has passed, where
// it stood (not raised to now, which no schedule could meet); a session
// with no booking is a problem in the file, said where it is written.
func TestBehindConfirmedPast(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 5, 6, 9, 0, 0, 0, london)
	for _, tt := range []struct {
		name    string
		before  string // a session line before the dailies, or ""
		after   string // what the dailies come after
		problem string // the validation problem, "" when it compiles
		// passed says the turnover has passed: it stays where it stood
		// rather than at now.
		passed bool
	}{
		{name: "milestone passed", after: "turnover", passed: true},
		{name: "milestone through a milestone", before: "  - { id: sync, name: Sync rushes, milestone: true, after: turnover }", after: "sync", passed: true},
		{
			name:    "session never booked",
			before:  "  - { id: sync, name: Sync rushes, after: turnover, roles: [assistant-editor], suite: offline, duration: 2h }",
			after:   "sync",
			problem: "rushes.yaml:13:5: after: Sync rushes has no booking, yet it must come before Dailies, booked from Mon 4 May 09:00; it is now Wed 6 May 09:00, so it cannot be pencilled in the past",
		},
		{
			name:   "overlap may run after now",
			before: "  - { id: sync, name: Sync rushes, after: turnover, roles: [assistant-editor], suite: offline, duration: 2h }",
			after:  "{ id: sync, lag: -3d }",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(rushes, "%s\n", tt.before+"\n", 1)
			if tt.before == "" {
				src = strings.Replace(rushes, "%s\n", "", 1)
			}
			src = strings.Replace(src, "%s", tt.after, 1)
			proj, err := model.Parse("rushes.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			c, err := compile.Compile(proj, compile.Options{NotBefore: now})
			if tt.problem != "" {
				var ve *model.ValidationError
				if !errors.As(err, &ve) || !strings.Contains(err.Error(), tt.problem) {
					t.Fatalf("Compile: %v\nwant a problem %q", err, tt.problem)
				}
				return
			}
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			sol, err := solver.Solve(context.Background(), c.Problem, solver.Options{Seed: 1, Iterations: 200, Workers: 1, WarmStart: c.WarmStart})
			if err != nil {
				t.Fatalf("Solve: %v", err)
			}
			for i, task := range c.Problem.Tasks {
				start := c.Grid.Time(sol.Placements[i].Start)
				switch {
				case c.Tasks[i].ID == "turnover" && tt.passed != start.Equal(time.Date(2026, 5, 4, 9, 0, 0, 0, london)):
					t.Errorf("the turnover is at %s; passed: %v", start, tt.passed)
				case task.Pin == nil && len(task.Demands) > 0 && start.Before(now):
					t.Errorf("%s is pencilled at %s, before now", c.Tasks[i].ID, start)
				}
			}
		})
	}
}
