package whatif

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model"
)

// TestRemoveARoomOfSeveral: taking away the remote stage that a remote
// ADR session names among its rooms (here by id) is refused, as for its only room;
// an added copy of the session keeps both rooms.
func TestRemoveARoomOfSeveral(t *testing.T) {
	apply := func(overlay string) (*model.Project, error) {
		sc, err := Parse("s.yaml", []byte("scenarios:\n  - name: x\n"+overlay))
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		src, err := os.ReadFile("../../testdata/time/remote-adr.yaml")
		if err != nil {
			t.Fatal(err)
		}
		named := strings.Replace(string(src), "suites: [adr-1, remote-stage]", "suites: [adr-1, glasgow]", 1)
		p, err := model.Parse("remote-adr.yaml", []byte(named))
		if err != nil {
			t.Fatal(err)
		}
		return p, sc[0].Apply(p)
	}
	_, err := apply("    remove_suites: [glasgow]\n")
	if err == nil || !strings.Contains(err.Error(), "glasgow is named by session adr-maya") {
		t.Errorf("removing the remote stage: %v, want it refused as adr-maya's room", err)
	}
	p, err := apply("    add_sessions: [{ copy: adr-maya, id: adr-maya-pickup, duration: 1h }]\n")
	if err != nil {
		t.Fatal(err)
	}
	if s := p.Session("adr-maya-pickup"); s == nil || s.Suite == nil || len(s.ExtraSuites) == 0 || s.Suite.ID != "adr-1" || len(s.ExtraSuites) != 1 || s.ExtraSuites[0].Suite.ID != "glasgow" {
		t.Errorf("the pickup's rooms: %+v", s)
	}
}

// TestFixSeveralRoomsGolden: a fix names every room of remote ADR (by
// kind or by id, in any order) and the comparison fixes them all.
func TestFixSeveralRoomsGolden(t *testing.T) {
	sc, err := ParseFile("testdata/remote-adr-whatif.yaml")
	if err != nil {
		t.Fatal(err)
	}
	now := func(loc *time.Location) (time.Time, error) { return time.Date(2026, 5, 1, 0, 0, 0, 0, loc), nil }
	c, err := Run(context.Background(), Loader("../../testdata/time/remote-adr.yaml"), sc, Options{Seed: 1, Iterations: 500, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, c, FormatText); err != nil {
		t.Fatal(err)
	}
	golden(t, "remote-adr-whatif.txt", b.Bytes())
}

// TestFixRooms: the rooms a fix names are resolved onto the session's
// rooms, in the session's order, or refused where they are written.
func TestFixRooms(t *testing.T) {
	for _, tt := range []struct{ name, fix, want string }{
		{"ids in any order", "suites: [glasgow, adr-1]", "adr-1 glasgow"},
		{"a kind with one suite", "suites: [adr-1, remote-stage]", "adr-1 glasgow"},
		{"a kind for the named room", "suites: [adr, glasgow]", "adr-1 glasgow"},
		{"one room of two", "suite: adr-1", `s.yaml:3:64: scenarios[0].fix[0].suite: adr-maya books 2 rooms and the fix names 1 (hint: a confirmed fix holds every room: suites: [adr-1, remote-stage])`},
		{"both keys", "suite: adr-1, suites: [glasgow]", `s.yaml:3:71: scenarios[0].fix[0].suites: a fixed booking gives both suite: and suites: (hint: write the rooms once`},
		{"a slip", "suites: [adr-1, glasgo]", `s.yaml:3:73: scenarios[0].fix[0].suites[1]: no suite or suite kind "glasgo" (hint: did you mean "glasgow"?)`},
		{"a room it does not book", "suites: [adr-1, glasgow, grade]", `s.yaml:3:82: scenarios[0].fix[0].suites[2]: adr-maya does not book grade (hint: name the rooms the session books: suites: [adr-1, remote-stage])`},
		{"a room twice", "suites: [adr-1, glasgow, remote-stage]", `s.yaml:3:82: scenarios[0].fix[0].suites[2]: adr-maya names remote-stage twice`},
		{"a kind of two suites", "suites: [adr-1, remote-stage]", `s.yaml:3:73: scenarios[0].fix[0].suites[1]: remote-stage names 2 suites that adr-maya may use (hint: a fixed booking holds one room of each kind: name the suite, one of glasgow, cardiff)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src, err := os.ReadFile("../../testdata/time/remote-adr.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "a kind of two suites" {
				src = []byte(strings.Replace(string(src), "\npeople:", "  - { id: cardiff, name: Cardiff, kind: remote-stage, rate: { hour: 80 } }\n\npeople:", 1))
			}
			p, err := model.Parse("remote-adr.yaml", src)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := Parse("s.yaml", []byte("scenarios:\n  - name: x\n    fix: [{ session: adr-maya, start: 2026-05-07T10:00, "+tt.fix+", people: [mo] }]\n"))
			if err == nil {
				err = sc[0].Apply(p)
			}
			got := ""
			if err != nil {
				got = err.Error()
			} else {
				for _, b := range p.Bookings {
					for _, su := range append([]*model.Suite{b.Suite}, b.ExtraSuites...) {
						got = strings.TrimSpace(got + " " + su.ID)
					}
				}
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
