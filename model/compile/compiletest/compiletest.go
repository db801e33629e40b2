// Package compiletest builds small, fixed productions in code for the tests
// of compile, schedule and the CLI, so they do not depend on the YAML
// loader.
package compiletest

import (
	"time"

	"github.com/pencil-post/pencil/model"
)

// Short is a two-week grading and ADR job in London around the October
// clock change (Sunday 25 October 2026): a 2-day grade split over working
// days, picture lock, then 4 hours of ADR with Maya Rees, whose agent gave
// only 26–27 October. Every value has a position in "short.yaml".
func Short() *model.Project {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		loc = time.UTC
	}
	line := 0
	pos := func() model.Pos { line++; return model.Pos{File: "short.yaml", Line: line, Col: 3} }
	cal := model.Calendar{
		TimeZone: "Europe/London", Location: loc, Week: model.MonToFri,
		Hours: model.ClockRange{Start: 9 * 60, End: 19 * 60}, OvertimeUntil: 19 * 60, Slot: 30 * time.Minute,
	}
	std := func(r model.RateCard) model.RateCard {
		r.StandardDay, r.HalfDayLength, r.Pos = 10*time.Hour, 5*time.Hour, pos()
		return r
	}
	rules := model.WorkRules{MaxPerDay: 10 * time.Hour, MinRest: 11 * time.Hour, MaxDaysPerWeek: 5}
	grade := &model.Suite{ID: "grade-a", Name: "Grade A", Kind: "grade", Department: "grade", Pos: pos(),
		Rate: std(model.RateCard{Day: 1400, HalfDay: 850})}
	adr := &model.Suite{ID: "adr-1", Name: "ADR 1", Kind: "adr", Department: "sound", Pos: pos(),
		Rate: std(model.RateCard{Hour: 180, MinimumCall: 4 * time.Hour})}
	ines := &model.Person{ID: "ines", Name: "Inès Moreau", Roles: []string{"colourist"}, Department: "grade", Pos: pos(),
		Rate: std(model.RateCard{Day: 750, Kit: 50}), Rules: rules}
	ola := &model.Person{ID: "ola", Name: "Ola Berg", Roles: []string{"adr-mixer"}, Department: "sound", Pos: pos(),
		Rate: std(model.RateCard{Day: 600}), Rules: rules}
	maya := &model.Artiste{ID: "maya", Name: "Maya Rees", Department: "adr", Pos: pos(),
		Fee: model.ArtisteFee{Session: 600},
		// No travel time: the hand-made schedules book her at 10:00,
		// the start of her day (travel time: testdata/costs/travel-time.yaml).
		Travel: model.Travel{PerVisit: 220},
		Available: []model.Availability{{
			Dates: model.DateRange{From: model.Date{Year: 2026, Month: 10, Day: 26}, To: model.Date{Year: 2026, Month: 10, Day: 27}},
			Pos:   pos(),
		}}}
	prod := &model.Production{
		Name: "Short", Calendar: cal, Currency: "GBP",
		Start:          model.Date{Year: 2026, Month: 10, Day: 19},
		Delivery:       model.Date{Year: 2026, Month: 10, Day: 30},
		OverheadPerDay: 100,
		Budget:         model.Budget{Total: 20000, Pos: pos()},
		Pos:            pos(),
	}
	gradeS := &model.Session{ID: "grade", LocalID: "grade", Name: "Grade", Production: prod, Pos: pos(),
		Duration: 20 * time.Hour, SuiteKind: "grade", Roles: []model.RoleNeed{{Role: "colourist", Count: 1, Pos: pos()}},
		Split: true, MinChunk: 10 * time.Hour}
	lock := &model.Session{ID: "picture-lock", LocalID: "picture-lock", Name: "Picture lock", Production: prod, Pos: pos(),
		Milestone: true}
	adrS := &model.Session{ID: "adr", LocalID: "adr", Name: "ADR", Production: prod, Pos: pos(),
		Duration: 4 * time.Hour, SuiteKind: "adr", Roles: []model.RoleNeed{{Role: "adr-mixer", Count: 1, Pos: pos()}},
		Artistes: []*model.Artiste{maya}, Window: model.ClockRange{Start: 10 * 60, End: 18 * 60},
		After: []model.Dependency{{Session: lock, Pos: pos()}}}
	gradeS.After = []model.Dependency{{Session: lock, Pos: pos()}}
	prod.Sessions = []*model.Session{lock, gradeS, adrS}
	return &model.Project{
		File: "short.yaml", Name: "Short", Calendar: cal,
		Departments: []string{"picture", "grade", "sound", "adr"},
		Suites:      []*model.Suite{grade, adr},
		People:      []*model.Person{ines, ola},
		Artistes:    []*model.Artiste{maya},
		Productions: []*model.Production{prod},
		Sessions:    prod.Sessions,
	}
}
