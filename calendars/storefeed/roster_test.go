package storefeed

import (
	"os"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model"
)

// TestRosterOf: the project file's contact: and the artistes' agents
// reach the calendars; a facility's productions are named by id, so its
// sessions ("harbour: grade") name their production.
func TestRosterOf(t *testing.T) {
	series, err := model.Load("../../testdata/series.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := RosterOf(series)
	if want := (calendars.Contact{Name: "Jo Bloggs", Email: "jo@harbour.tv", Phone: "+44 20 7946 0000"}); r.Production.Contact != want {
		t.Errorf("contact %+v, want %+v", r.Production.Contact, want)
	}
	if got := r.Production.Agents["maya"]; got.Name != "Hamilton Hodell" || got.Email != "bookings@example.com" {
		t.Errorf("Maya's agent %+v", got)
	}
	if r.Productions != nil || r.production("harbour: Grade") != "" {
		t.Errorf("a single production names facility productions: %v", r.Productions)
	}

	facility, err := model.Load("../../testdata/facility.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r = RosterOf(facility)
	if got := r.production("harbour: grade"); got != "Harbour Lights (series 2, 3 x 60')" {
		t.Errorf("harbour's sessions name production %q", got)
	}
	if r.Production.Contact.Name != "Priya Shah" {
		t.Errorf("facility contact %+v", r.Production.Contact)
	}
}

// TestContactChecked: contact: is checked where it is written, with a
// hint for a typo.
func TestContactChecked(t *testing.T) {
	data, err := os.ReadFile("../../testdata/series.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const line = `contact: { name: Jo Bloggs, email: jo@harbour.tv, phone: "+44 20 7946 0000" }`
	if !strings.Contains(string(data), line) {
		t.Fatalf("series.yaml lacks %s", line)
	}
	for _, tc := range []struct {
		name, contact, want string
	}{
		{"comma for dot", `contact: { name: Jo, email: "jo@harbour,tv" }`, `contact.email: bad email "jo@harbour,tv"`},
		{"hint", `contact: { name: Jo, email: "jo@harbour,tv" }`, `did you mean "jo@harbour.tv"?`},
		{"no domain", `contact: { email: jo@ }`, `bad email`},
		{"phone", `contact: { name: Jo, phone: call me }`, `contact.phone: bad phone number`},
		{"unknown key", `contact: { name: Jo, emial: jo@harbour.tv }`, `emial`},
		{"empty", `contact: {}`, `empty contact`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := model.Parse("series.yaml", []byte(strings.Replace(string(data), line, tc.contact, 1)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one with %q", err, tc.want)
			}
			if err != nil && !strings.Contains(err.Error(), "series.yaml:32:") {
				t.Errorf("error %v does not point at line 32", err)
			}
		})
	}
}
