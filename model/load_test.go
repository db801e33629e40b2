package model

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// writeFiles writes name → content into a fresh directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// problems returns the printed problems of err, failing unless err is a
// validation error.
func problems(t *testing.T, err error) string {
	t.Helper()
	var verr *ValidationError
	if !errors.As(err, &verr) || !errors.Is(err, ErrInvalid) {
		t.Fatalf("want a *ValidationError, got %v", err)
	}
	return verr.Error()
}

func TestLoadMissingFileIsIOError(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || errors.Is(err, ErrInvalid) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("got %v, want a not-exist I/O error that is not ErrInvalid", err)
	}
}

// TestMissingIncludeIsAProblem: the file names the include, so a missing
// one is a problem at that line (exit 2), like any other content error.
func TestMissingIncludeIsAProblem(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p.yaml": base + "include: [gone.yaml]\n"})
	_, err := Load(filepath.Join(dir, "p.yaml"))
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "p.yaml:27:11: include[0]: cannot include gone.yaml: no such file or directory") {
		t.Fatalf("got %v, want a positioned problem at the include line", err)
	}
}

func TestIncludeMergesLists(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"p.yaml": base + "include: [more.yaml]\n",
		"more.yaml": `roles: [data-wrangler]
people:
  - { id: wes, roles: [data-wrangler, colourist], rate: { day: 300 } }
`,
	})
	p, err := Load(filepath.Join(dir, "p.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	wes := p.Person("wes")
	if wes == nil || !wes.HasRole("data-wrangler") {
		t.Fatalf("wes not loaded from the include: %+v", wes)
	}
	if want := filepath.Join(dir, "more.yaml"); wes.Pos.File != want || wes.Pos.Line != 3 {
		t.Errorf("wes at %v, want %s:3", wes.Pos, want)
	}
}

func TestIncludeProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"cycle", map[string]string{
			"p.yaml": base + "include: [a.yaml]\n",
			"a.yaml": "include: [b.yaml]\n",
			"b.yaml": "include: [a.yaml]\n",
		}, "include cycle through"},
		{"root key in include", map[string]string{
			"p.yaml": base + "include: [a.yaml]\n",
			"a.yaml": "sessions: []\n",
		}, `a.yaml:1:1: sessions: unknown field "sessions"`},
		{"problem in include", map[string]string{
			"p.yaml": base + "include: [a.yaml]\n",
			"a.yaml": "suites:\n  - { id: x, kind: grade, rate: { day: -1 } }\n",
		}, `a.yaml:2:40: suites[0].rate.day: negative rate -1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			_, err := Load(filepath.Join(dir, "p.yaml"))
			if got := problems(t, err); !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
		})
	}
}

func TestHostileInput(t *testing.T) {
	bomb := `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
`
	tests := []struct {
		name string
		data string
		want string
	}{
		{"alias bomb", bomb + "production: x\n", `unknown field "a"`},
		{"alias bomb used", base + "sessions2: x\n" + strings.Replace(bomb, "a: &a", "x: &a", 1), "unknown field"},
		{"too big", base + "# " + strings.Repeat("x", MaxFileSize), "larger than 10 MB"},
		{"syntax", "production: [unclosed\n", "YAML syntax"},
		{"unclosed flow mapping", "production: x\nsuites:\n  - { id: a, kind: grade\n  - { id: b }\n", "p.yaml:3:1: YAML syntax: did not find expected ',' or '}'"},
		{"bad indentation", "production: x\nsuites:\n  - id: a\n   kind: grade\n", "p.yaml:3:1: YAML syntax:"},
		{"unclosed quote", "production: \"x\n", "p.yaml:2:1: YAML syntax: found unexpected end of stream"},
		{"two documents", base + "---\nproduction: again\n", "more than one document"},
		{"empty", "", "empty project file"},
		{"not a mapping", "- just\n- a list\n", "want a mapping"},
		{"tabs", "production:\n\t- x\n", "YAML syntax"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(tt.data))
			if tt.want == "" {
				if err != nil && !errors.Is(err, ErrInvalid) {
					t.Fatalf("want nil or a validation error, got %v", err)
				}
				return
			}
			if got := problems(t, err); !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
		})
	}
}

// An alias bomb placed where the loader walks it — thousands of
// references to one mapping with hundreds of keys — is cut off by the
// visit budget, and the problem list stays short.
func TestAliasBombWalked(t *testing.T) {
	var b strings.Builder
	b.WriteString(strings.Replace(base, "# end\n", "", 1))
	b.WriteString("crew:\n  - &p {")
	for i := 0; i < 400; i++ {
		b.WriteString(" k" + itoa(i) + ": 1,")
	}
	b.WriteString(" id: p }\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("  - *p\n")
	}
	done := make(chan error, 1)
	go func() {
		_, err := Parse("p.yaml", []byte(b.String()))
		done <- err
	}()
	select {
	case err := <-done:
		var verr *ValidationError
		if !errors.As(err, &verr) {
			t.Fatalf("got %v", err)
		}
		if got := verr.Error(); !strings.Contains(got, "expands to more than") || !strings.Contains(got, "more problems not shown") {
			t.Fatalf("problems:\n%s", got[:min(len(got), 2000)])
		}
		if len(verr.Problems) > maxProblems+2 {
			t.Errorf("%d problems kept", len(verr.Problems))
		}
	case <-time.After(time.Minute):
		t.Fatal("alias bomb not cut off")
	}
}

func TestMergeKeys(t *testing.T) {
	src := withSection("suites", `suites:
  - { id: grade-a, kind: grade, rate: &grade { day: 1400, half_day: 850 } }
  - { id: grade-b, kind: grade, rate: { <<: *grade, day: 1300 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }`)
	p, err := Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Suite("grade-b").Rate; r.Day != 1300 || r.HalfDay != 850 {
		t.Errorf("grade-b rate = %+v, want day 1300 from itself and half_day 850 from the anchor", r)
	}
}

func TestEpisodes(t *testing.T) {
	p, err := Load("../testdata/series.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pr := p.Productions[0]
	steps := 12
	if got := len(pr.Sessions); got != 6*steps+2 {
		t.Fatalf("%d sessions, want 6 episodes x %d steps + 2 one-off", got, steps)
	}
	for ep := 1; ep <= 6; ep++ {
		s := p.Session("ep" + itoa(ep) + "/assembly")
		if s == nil || s.Episode != ep || s.Template != "assembly" {
			t.Fatalf("ep%d/assembly = %+v", ep, s)
		}
		if want := pr.Episodes.EpisodeStart(ep).In(pr.Calendar.Location); !s.Release.Equal(want) {
			t.Errorf("ep%d release %v, want %v", ep, s.Release, want)
		}
		lock := p.Session("ep" + itoa(ep) + "/picture-lock")
		if len(lock.After) != 1 || lock.After[0].Session != p.Session("ep"+itoa(ep)+"/producers-cut") {
			t.Errorf("ep%d lock follows %+v", ep, lock.After)
		}
	}
	if a := p.Session("ep3/adr-guest").Artistes; len(a) != 1 || a[0].ID != "josh" {
		t.Errorf("ep3 guest = %v, want josh (override)", a)
	}
	if a := p.Session("ep5/adr-guest").Artistes; len(a) != 1 || a[0].ID != "tom" {
		t.Errorf("ep5 guest = %v, want tom (template)", a)
	}
	if w := p.Session("ep6/adr-guest").Window; w.String() != "10:00-16:00" {
		t.Errorf("ep6 window %v, want the override", w)
	}
	ep6 := p.Session("ep6/delivered")
	if got := DateOf(ep6.Deadline); got != (Date{2026, time.October, 31}) {
		t.Errorf("ep6 deadline %v, want the end of 30 Oct", ep6.Deadline)
	}
	if got := p.Session("series-trailer").After[0].Session.ID; got != "ep2/picture-lock" {
		t.Errorf("trailer follows %s", got)
	}
}

func TestFacilityNamespaces(t *testing.T) {
	p, err := Load("../testdata/facility.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Facility || len(p.Productions) != 3 {
		t.Fatalf("facility=%v with %d productions", p.Facility, len(p.Productions))
	}
	g := p.Session("harbour/ep2/grade")
	if g == nil || g.LocalID != "ep2/grade" || g.Production != p.Production("harbour") {
		t.Fatalf("harbour/ep2/grade = %+v", g)
	}
	if dep := g.After[0].Session; dep.ID != "harbour/ep2/picture-lock" {
		t.Errorf("grade follows %s, want its own episode's lock", dep.ID)
	}
	if s := p.Session("field/grade"); s == nil || s.After[0].Session.ID != "field/conform" {
		t.Errorf("field/grade resolved wrongly: %+v", s)
	}
	crest := p.Production("crest")
	if crest.Calendar.Weekends != WeekendsPremium || p.Production("field").Calendar.Weekends != WeekendsNever {
		t.Errorf("crest's calendar override leaked or was lost")
	}
	if b := crest.Bookings[0]; b.Session != p.Session("crest/grade") || b.Status != booking.SecondPencil {
		t.Errorf("crest booking = %+v", b)
	}
	if len(p.Suites) != 7 || p.Suite("mix-1").Pos.File != "../testdata/facility/suites.yaml" {
		t.Errorf("suites from the include: %d, mix-1 at %v", len(p.Suites), p.Suite("mix-1").Pos)
	}
	if len(p.Artiste("maya").Available) != 3 {
		t.Errorf("maya has %d windows from the CSV, want 3", len(p.Artiste("maya").Available))
	}
}

func TestFacilityProblems(t *testing.T) {
	src := `facility: F
timezone: Europe/London
start: 2026-01-05
suites: [{ id: g, kind: grade, rate: { day: 1 } }]
people: [{ id: c, roles: [colourist] }]
productions:
  - { id: a, start: 2026-01-05, delivery: 2026-02-27, sessions: [{ id: x, suite: g, duration: 1h }] }
  - { id: a, start: 2026-01-05, delivery: 2026-02-27, sessions: [{ id: x, suite: g, duration: 1h, after: b/x }] }
  - { name: no id, start: 2026-01-05, delivery: 2026-02-27 }
  - { id: d, currency: EUR, start: 2026-01-05, delivery: 2026-02-27 }
`
	got := problems(t, func() error { _, err := Parse("f.yaml", []byte(src)); return err }())
	for _, want := range []string{
		"f.yaml:3:1: start: start: belongs to a production in a facility file",
		`f.yaml:8:5: productions: duplicate id "a"`,
		`f.yaml:8:106: productions[1].sessions[0].after[0]: unknown session "b/x"`,
		"f.yaml:9:5: productions[2].id: missing production id",
		"f.yaml:10:24: productions[3].currency: mixed currencies in f.yaml: the file is in GBP, this production in EUR (hint: one currency per file",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant %q", got, want)
		}
	}
}

func TestReindex(t *testing.T) {
	p, err := Parse("p.yaml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	p.People = append(p.People, &Person{ID: "dan", Roles: []string{"colourist"}})
	if p.Person("dan") != nil {
		t.Fatal("lookup saw the new person before Reindex")
	}
	p.Reindex()
	if p.Person("dan") == nil || p.Person("ines") == nil || p.Session("grade") == nil || p.Production("") == nil {
		t.Fatal("Reindex lost or missed entries")
	}
	var hand Project
	hand.Suites = []*Suite{{ID: "g"}}
	hand.Reindex()
	if hand.Suite("g") == nil || hand.Session("x") != nil {
		t.Fatal("Reindex of a hand-built project")
	}
}

// TestProductionTies: people and suites tied to productions of a
// facility are only booked by those productions' sessions; an unknown
// production, a named person or suite tied elsewhere and a role no one
// free to work for the production has are reported where written.
func TestProductionTies(t *testing.T) {
	const head = `facility: F
timezone: Europe/London
suites: [{ id: g, kind: grade, rate: { day: 1 }, productions: [%s] }]
people: [{ id: c, roles: [colourist], productions: [%s] }]
productions:
  - { id: harbour, start: 2026-01-05, delivery: 2026-02-27, sessions: [{ id: x, suite: g, people: [c], duration: 1h }] }
  - { id: crest, start: 2026-01-05, delivery: 2026-02-27, sessions: [{ id: y, suite: grade, roles: [colourist], duration: 1h }] }
`
	tests := []struct {
		name, suite, person string
		want                []string // problems; none: valid
	}{
		{"shared", "", "", nil},
		{"both productions", "harbour, crest", "crest, harbour", nil},
		{"unknown production", "harbor", "harbour", []string{
			`f.yaml:3:64: suites[0].productions[0]: unknown production "harbor" (hint: did you mean "harbour"?)`}},
		{"tied elsewhere", "crest", "crest", []string{
			`f.yaml:6:88: productions[0].sessions[0].suite: harbour/x: suite g works only for crest (hint: name another suite, or add harbour to the productions: of g)`,
			`f.yaml:6:100: productions[0].sessions[0].people[0]: harbour/x: c works only for crest (hint: name another person`}},
		{"no one for the role", "", "harbour", []string{
			`f.yaml:7:101: productions[1].sessions[0].roles: crest/y needs a colourist, and nobody has that role free to work for crest (hint: add crest to the productions: of a colourist`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fmt.Sprintf(head, tt.suite, tt.person)
			_, err := Parse("f.yaml", []byte(src))
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			got := problems(t, err)
			for _, want := range tt.want {
				if !strings.Contains(got, want) {
					t.Errorf("problems:\n%s\nwant %q", got, want)
				}
			}
		})
	}
}
