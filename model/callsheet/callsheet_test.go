package callsheet

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// TestBuild: which pieces and journeys a day's sheet lists, and how its
// times read: overtime past midnight stays on the day it began when the
// working day starts after it, a journey belongs to the day of the
// session it leads into or out of, second pencils call nobody and
// released bookings are left out.
func TestBuild(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h int) time.Time { return time.Date(2026, 9, d, h, 0, 0, 0, london) }
	maya, ines := Ref{ID: "maya", Name: "Maya Rees"}, Ref{ID: "ines", Name: "Inès Moreau"}
	adr := Ref{ID: "adr-1", Name: "ADR Stage"}
	mix := func(id string, st booking.Status, pieces ...Piece) Booking {
		return Booking{ID: id, Session: "Mix", Episode: "Ep 1", Status: st, Pieces: pieces, Suites: []Ref{adr}, People: []Ref{ines}}
	}
	late := mix("B-late", booking.Confirmed, Piece{at(2, 9), at(3, 1)}) // 09:00–01:00
	session := Booking{ID: "B-adr", Session: "ADR", Status: booking.Pencil, Pieces: []Piece{{at(3, 12), at(3, 16)}},
		Suites: []Ref{adr}, People: []Ref{ines}, Artistes: []Ref{maya}}
	journeys := []Journey{
		{Artiste: maya, Booking: "B-adr", To: "Halo Post", Start: at(3, 9), End: at(3, 12), Status: booking.Pencil},
		{Artiste: maya, Booking: "B-adr", Home: true, Start: at(3, 16), End: at(3, 19), Status: booking.Pencil},
	}
	all := []Booking{late, session, mix("B-held", booking.SecondPencil, Piece{at(3, 17), at(3, 19)}),
		mix("B-gone", booking.Released, Piece{at(3, 9), at(3, 11)})}
	tests := []struct {
		name     string
		dayStart time.Duration
		day      int
		want     []string // the text's lines after the heading
	}{
		{"overtime on the day it began", 2 * time.Hour, 2, []string{
			"People", "Inès Moreau: call 09:00, wrap 01:00 next day", "09:00–01:00 next day  Mix, Ep 1  ADR Stage  B-late  confirmed",
			"Suites", "ADR Stage: call 09:00, wrap 01:00 next day", "09:00–01:00 next day  Mix, Ep 1  ADR Stage  B-late  confirmed"}},
		{"the next day has none of it", 2 * time.Hour, 3, []string{
			"People", "Inès Moreau: call 12:00, wrap 16:00", "12:00–16:00  ADR  ADR Stage  B-adr  pencil",
			"Artistes", "Maya Rees: call 12:00, wrap 16:00",
			"09:00–12:00  travel to Halo Post             B-adr  pencil", "12:00–16:00  ADR                  ADR Stage  B-adr  pencil",
			"16:00–19:00  travel home                     B-adr  pencil",
			"Suites", "ADR Stage: call 12:00, wrap 16:00", "12:00–16:00  ADR  ADR Stage  B-adr  pencil",
			"Held, nobody called (second pencils behind another booking)", "17:00–19:00  Mix, Ep 1  ADR Stage  B-held  2nd pencil"}},
		{"days from midnight split the night", 0, 2, []string{
			"People", "Inès Moreau: call 09:00, wrap 24:00", "09:00–24:00  Mix, Ep 1  ADR Stage  B-late  confirmed",
			"Suites", "ADR Stage: call 09:00, wrap 24:00", "09:00–24:00  Mix, Ep 1  ADR Stage  B-late  confirmed"}},
		{"nothing booked", 0, 5, []string{"Nothing booked: nobody is called on Sat 5 Sep 2026."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Input{Production: "Harbour Lights", Location: london, DayStart: tt.dayStart, Bookings: all, Journeys: journeys}
			day, err := ParseDay(time.Date(2026, 9, tt.day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), london)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, Build(in, day), FormatText); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range strings.Split(buf.String(), "\n")[1:] {
				if l = strings.TrimSpace(l); l != "" {
					got = append(got, l)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// FuzzParseDay: ParseDay never panics, and a day it accepts prints back
// as given.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-09-02", "2026-9-2", "", "2026-02-30", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s, time.UTC)
		if err == nil && d.Format(time.DateOnly) != s {
			t.Errorf("ParseDay(%q) = %s", s, d.Format(time.DateOnly))
		}
	})
}
