package whatif

import (
	"errors"
	"reflect"
	"testing"

	"github.com/pencil-post/pencil/model"
)

func TestParseExample(t *testing.T) {
	sc, err := ParseFile("../../testdata/scenarios/series.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range sc {
		names = append(names, s.Name)
	}
	want := []string{"Grade capped at £30k", "A second colourist", "Delivery a week earlier", "Dearer colourist", "Lena leaves, Kofi mixes", "Grades a day longer"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
	if got := sc[1].String(); got != "A second colourist: add kit (copy of ines); add grade-2 (copy of grade-1)" {
		t.Errorf("String() = %q", got)
	}
	if sc[2].Overlays[0] != (MoveDeliveries{Days: -7, at: sc[2].Overlays[0].(MoveDeliveries).at}) {
		t.Errorf("move_deliveries: -1w parsed as %+v", sc[2].Overlays[0])
	}
}

func TestParseProblems(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []model.Problem
	}{
		{"empty", "", []model.Problem{{File: "s.yaml", Line: 1, Col: 1, Msg: "empty file", Hint: "write scenarios: followed by a list of named scenarios"}}},
		{"no scenarios", "scenarios: []\n", []model.Problem{{File: "s.yaml", Line: 1, Col: 1, Field: "scenarios", Msg: "no scenarios", Hint: "list at least one scenario under scenarios:"}}},
		{"unknown top key", "scenario:\n  - name: x\n", []model.Problem{{File: "s.yaml", Line: 1, Col: 1, Field: "scenario", Msg: `unknown field "scenario"`, Hint: `did you mean "scenarios"?`}}},
		{"no name", "scenarios:\n  - weekends: never\n", []model.Problem{{File: "s.yaml", Line: 2, Col: 5, Field: "scenarios[0].name", Msg: "a scenario needs a name", Hint: "name it the way the producer asks the question"}}},
		{"reserved name", "scenarios:\n  - name: Base\n", []model.Problem{{File: "s.yaml", Line: 2, Col: 5, Field: "scenarios[0].name", Msg: `"base" is reserved for the unchanged project`, Hint: "the base is always compared; name the scenario after its change"}}},
		{"unknown overlay", "scenarios:\n  - name: x\n    add_editor: sam\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 5, Field: "scenarios[0].add_editor", Msg: `unknown field "add_editor"`,
			Hint: "allowed here: name, note, budget, add_people, add_suites, remove_people, remove_suites, move_deliveries, deadlines, rates, weekends, overtime_until, fix, durations, availability, add_sessions, remove_sessions, buffer, schedule"}}},
		{"bad money", "scenarios:\n  - name: x\n    budget: { caps: { grade: £20k } }\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 30, Field: "scenarios[0].budget.caps.grade",
			Msg: `bad amount "£20k", want a plain number such as 2600`, Hint: "money is a plain number in the production's currency, e.g. 650"}}},
		{"bad shift", "scenarios:\n  - name: x\n    move_deliveries: a week\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 22, Field: "scenarios[0].move_deliveries", Msg: `bad shift "a week"`,
			Hint: "calendar days or weeks with a sign: -1w moves every delivery a week earlier, +3d three days later"}}},
		{"bad weekend", "scenarios:\n  - name: x\n    weekends: sometimes\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 15, Field: "scenarios[0].weekends", Msg: `unknown weekend policy "sometimes"`, Hint: "never or premium"}}},
		{"bad date", "scenarios:\n  - name: x\n    deadlines: { ep1/mix: 2026-02-30 }\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 27, Field: "scenarios[0].deadlines.ep1/mix",
			Msg: `bad date "2026-02-30": February has no day 30`, Hint: "February 2026 has 28 days"}}},
		{"add without id", "scenarios:\n  - name: x\n    add_people: [{ copy: sam }]\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 18, Field: "scenarios[0].add_people[0]",
			Msg: "an addition needs copy: and id:", Hint: "write { copy: existing-id, id: new-id, name: Display Name }"}}},
		{"duplicate name", "scenarios:\n  - name: x\n  - name: x\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 5, Field: "name", Msg: `scenario "x" is named twice (first at line 2)`, Hint: "give each scenario its own name"}}},
		// Aliases are read as in a project file: this one repeats a scenario.
		{"alias", "scenarios:\n  - &a { name: x }\n  - *a\n", []model.Problem{{File: "s.yaml", Line: 2, Col: 5, Field: "name", Msg: `scenario "x" is named twice (first at line 2)`, Hint: "give each scenario its own name"}}},
		{"bad day offered", "scenarios:\n  - name: x\n    availability: { maya: [2026-06-31] }\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 28, Field: "scenarios[0].availability.maya[0]",
			Msg: `bad date "2026-06-31": June has no day 31`, Hint: "a day 2026-05-11 or days 2026-05-11..2026-05-15"}}},
		{"added session without id", "scenarios:\n  - name: x\n    add_sessions: [{ copy: qc }]\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 20, Field: "scenarios[0].add_sessions[0]",
			Msg: "an added session needs copy: and id:", Hint: "write { copy: ep1/adr, id: ep1/adr-pickup, name: ADR pickup, duration: 2h }"}}},
		{"bad cancellation share", "scenarios:\n  - name: x\n    rates: { grade-1: { cancellation: [{ within: 5wd, x: 50 }] } }\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 58,
			Field: "scenarios[0].rates.grade-1.cancellation[0].x", Msg: `bad share "50"`, Hint: "a term such as { within: 5wd, x: 0.5 }: notice in working days or hours, and the share owed (0 to 1)"}}},
		{"recall without a window", "scenarios:\n  - name: x\n    rates: { maya: { recall: { fee: 300 } } }\n", []model.Problem{{File: "s.yaml", Line: 3, Col: 30,
			Field: "scenarios[0].rates.maya.recall", Msg: "a recall needs both within and fee", Hint: "a recall fee and its window, e.g. { within: 10d, fee: 300 }"}}},
		{"syntax", "scenarios: [\n", []model.Problem{{File: "s.yaml", Line: 2, Col: 1, Msg: "YAML syntax: did not find expected node content", Hint: "check indentation and quoting around this line"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("s.yaml", []byte(tt.in))
			var verr *model.ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, model.ErrInvalid) {
				t.Fatalf("err = %v, want a *model.ValidationError", err)
			}
			if !reflect.DeepEqual(verr.Problems, tt.want) {
				t.Errorf("problems\n got %#v\nwant %#v", verr.Problems, tt.want)
			}
		})
	}
}
