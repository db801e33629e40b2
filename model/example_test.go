package model_test

import (
	"errors"
	"fmt"

	"github.com/pencil-post/pencil/model"
)

// Load a project file and walk its sessions.
func ExampleLoad() {
	proj, err := model.Load("../testdata/series.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	s := proj.Session("ep3/adr-guest")
	fmt.Printf("%s: %d sessions\n", proj.Name, len(proj.Sessions))
	fmt.Printf("%s (episode %d, step %s) needs %v in %s with %s, after %s\n",
		s.ID, s.Episode, s.Template, s.Duration, s.SuiteKind, s.Artistes[0].Name, s.After[0].Session.ID)
	fmt.Printf("between %s and %s\n", s.Release.Format("Mon 2 Jan"), s.Deadline.Format("Mon 2 Jan 15:04"))
	// Output:
	// Harbour Lights: 74 sessions
	// ep3/adr-guest (episode 3, step adr-guest) needs 4h0m0s in adr with Josh Bell, after ep3/sound-edit
	// between Mon 15 Jun and Sat 10 Oct 00:00
}

// Every problem comes back at once, with its place, field and hint.
func ExampleParse_problems() {
	_, err := model.Parse("show.yaml", []byte(`production: Short
timezone: Europe/London
start: 2026-05-04
delivery: 2026-06-30
suites: [{ id: grade-a, kind: grade, rate: { day: -1400 } }]
people: [{ id: ines, roles: [colorist] }]
sessions: [{ id: grade, suite: grade, roles: [colourist], durration: 2d }]
`))
	var verr *model.ValidationError
	if errors.As(err, &verr) && errors.Is(err, model.ErrInvalid) {
		for _, p := range verr.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// show.yaml:5:51: suites[0].rate.day: negative rate -1400 (hint: rates are money per unit, e.g. day: 650)
	// show.yaml:6:30: people[0].roles[0]: unknown value "colorist" (hint: did you mean "colourist"?)
	// show.yaml:7:59: sessions[0].durration: unknown field "durration" (hint: did you mean "duration"?)
}
