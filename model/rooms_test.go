package model

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// roomsSuites adds a remote stage to base's suites.
const roomsSuites = `suite_kinds: [remote-stage]
suites:
  - { id: grade-a, kind: grade, rate: { day: 1400 } }
  - { id: adr-1, kind: adr, rate: { hour: 180, minimum_call: 4h } }
  - { id: glasgow, kind: remote-stage, rate: { hour: 90, uses: { record: { hour: 110 } } } }`

// TestSessionRooms checks suites: on a session: the first room is the
// session's Suite or SuiteKind, the others its ExtraSuites, and each
// mistake is reported where it is written.
func TestSessionRooms(t *testing.T) {
	tests := []struct {
		name, adr string
		// want is "line:col: field: message part"; hint a part of the
		// hint; "" when the file is valid.
		want, hint string
	}{
		{"studio and remote stage", `suites: [adr-1, remote-stage]`, "", ""},
		{"one room in a list", `suites: [adr]`, "", ""},
		{"unknown room", `suites: [adr-1, glasgw]`,
			`24:65: sessions[2].suites[1]: unknown suite or suite kind "glasgw"`, `did you mean "glasgow"?`},
		{"room twice", `suites: [adr-1, glasgow, adr-1]`,
			`24:74: sessions[2].suites[2]: adr books suite "adr-1" twice (first at base.yaml:24:58)`, "book each room once"},
		{"suite and suites", `suite: adr, suites: [adr-1, glasgow]`,
			`24:69: sessions[2].suites: adr gives both suite: and suites:`, "write the rooms once"},
		{"use on the second room", `suites: [adr-1, glasgow], use: record`, "", ""},
		{"use no room has", `suites: [adr-1, glasgow], use: mix`,
			`sessions[2].use: adr: unknown use "mix"`, "offer: record"},
		{"kind with no suite", `suites: [adr-1, foley]`,
			`24:65: sessions[2].suites[1]: adr needs a foley suite and there is none`, "add a foley suite under suites:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(withSection("suites", roomsSuites), "suite: adr, artistes", tt.adr+", artistes", 1)
			_, err := Parse("base.yaml", []byte(src))
			wantProblem(t, err, tt.want, tt.hint)
		})
	}
}

// TestSessionRoomsResolve checks what suites: resolves to, in a file, a
// pipeline step with an episode's override and a CSV import.
func TestSessionRoomsResolve(t *testing.T) {
	src := strings.Replace(withSection("suites", roomsSuites), "suite: adr, artistes", "suites: [adr-1, remote-stage], artistes", 1)
	p, err := Parse("base.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	adr := p.Session("adr")
	if adr.Suite != p.Suite("adr-1") || adr.SuiteKind != "" || len(adr.ExtraSuites) != 1 ||
		adr.ExtraSuites[0].Kind != "remote-stage" || adr.ExtraSuites[0].Suite != nil || len(adr.SuiteNeeds()) != 2 {
		t.Fatalf("adr rooms: suite %v kind %q extra %+v", adr.Suite, adr.SuiteKind, adr.ExtraSuites)
	}
	if adr.Department != "adr" || adr.Kind != "adr" {
		t.Errorf("adr department %q kind %q: want the first room's", adr.Department, adr.Kind)
	}

	pipeline := withSection("suites", roomsSuites) + `episodes:
  count: 2
  stagger: 1w
  overrides:
    - { episode: 2, session: adr, suites: [adr-1, glasgow], artistes: [maya] }
pipeline:
  - { id: adr, roles: [adr-mixer], suite: adr-1, duration: 4h }
`
	p, err = Parse("base.yaml", []byte(pipeline))
	if err != nil {
		t.Fatal(err)
	}
	if s := p.Session("ep1/adr"); s.Suite != p.Suite("adr-1") || len(s.ExtraSuites) != 0 {
		t.Errorf("ep1/adr rooms: %v %+v", s.Suite, s.ExtraSuites)
	}
	if s := p.Session("ep2/adr"); s.Suite != p.Suite("adr-1") || len(s.ExtraSuites) != 1 || s.ExtraSuites[0].Suite != p.Suite("glasgow") {
		t.Errorf("ep2/adr rooms: %v %+v", s.Suite, s.ExtraSuites)
	}

	dir := writeFiles(t, map[string]string{
		"p.yaml": withSection("sessions", `sessions:
  - { csv: sessions.csv }`),
		"sessions.csv": "id,roles,suites,duration\nadr,adr-mixer,adr-1|glasgow,4h\nrecord,adr-mixer,glasgw,4h\n",
	})
	_, err = Load(filepath.Join(dir, "p.yaml"))
	if err == nil || !strings.Contains(err.Error(), `sessions.csv:3:`) || !strings.Contains(err.Error(), `(column suites): unknown suite or suite kind "glasgw"`) {
		t.Fatalf("want the CSV's misspelt room at its line and column, got %v", err)
	}
}

// TestBookingRooms: a booking of a session of several rooms lists them
// under suites:; suite: beside it, or a room twice, is refused.
func TestBookingRooms(t *testing.T) {
	src := strings.Replace(withSection("suites", roomsSuites), "suite: adr, artistes", "suites: [adr-1, remote-stage], artistes", 1)
	for _, tt := range []struct{ booking, want string }{
		{"suites: [adr-1, glasgow]", ""},
		{"suite: adr-1, suites: [adr-1, glasgow]", "booking B-2 gives both suite: and suites:"},
		{"suites: [glasgow, glasgow]", "booking B-2 holds suite glasgow twice"},
		{"suite: [adr-1, glasgow]", "more than one suite"},
		{"suites: [adr-1, grade-a]", "booking B-2 holds grade-a, but adr does not book it"},
	} {
		file := src + "  - { id: B-2, session: adr, status: pencil, start: 2026-06-01T10:00, " + tt.booking + " }\n"
		p, err := Parse("base.yaml", []byte(file))
		if tt.want == "" {
			if err != nil {
				t.Fatalf("%s: %v", tt.booking, err)
			}
			b := p.Bookings[len(p.Bookings)-1]
			if b.Suite != p.Suite("adr-1") || len(b.ExtraSuites) != 1 || b.ExtraSuites[0] != p.Suite("glasgow") {
				t.Errorf("%s: booked %v and %v", tt.booking, b.Suite, b.ExtraSuites)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.booking, err, tt.want)
		}
	}
}

// wantProblem checks that err holds a problem containing want with a
// hint containing hint, or that it is nil when want is "".
func wantProblem(t *testing.T, err error, want, hint string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("want no problems, got:\n%v", err)
		}
		return
	}
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("want a *ValidationError, got %v", err)
	}
	if !slices.ContainsFunc(verr.Problems, func(p Problem) bool {
		return strings.Contains(p.String(), want) && strings.Contains(p.Hint, hint)
	}) {
		t.Errorf("no problem containing %q (hint %q) in:\n%v", want, hint, err)
	}
}
