package calendars_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/pencil-post/pencil/calendars"
	"github.com/pencil-post/pencil/model/booking"
)

// A pencilled ADR session in London becomes a TENTATIVE event with a stable
// UID, in the production's zone, with the zone's rules embedded.
func ExampleWriteCalendar() {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	edited := time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	prod := calendars.Production{ID: "harbour-lights", Name: "Harbour Lights", TimeZone: london, Updated: edited}
	adr := calendars.Booking{
		ID: "B-0150", Status: booking.Pencil,
		Start:   time.Date(2026, 10, 23, 10, 0, 0, 0, london),
		End:     time.Date(2026, 10, 23, 14, 0, 0, 0, london),
		Session: "ADR", Episode: "Ep 2", Suite: calendars.Ref{ID: "adr-1", Name: "ADR 1"},
		Artistes:     []calendars.Ref{{ID: "maya", Name: "Maya Rees"}},
		LastModified: edited,
	}
	feeds, err := calendars.Feeds(prod, []calendars.Booking{adr})
	if err != nil {
		panic(err)
	}
	for _, f := range feeds {
		if f.Key != "artiste/maya" {
			continue
		}
		var buf bytes.Buffer
		if err := calendars.WriteCalendar(&buf, f); err != nil {
			panic(err)
		}
		fmt.Println(f.FileName())
		for _, line := range strings.Split(buf.String(), "\r\n") {
			for _, p := range []string{"X-WR-CALNAME", "TZID:", "RRULE", "DTSTART", "STATUS", "SUMMARY", "UID"} {
				if strings.HasPrefix(line, p) {
					fmt.Println(line)
				}
			}
		}
	}
	// Output:
	// artiste-maya.ics
	// X-WR-CALNAME:Harbour Lights — Maya Rees
	// TZID:Europe/London
	// DTSTART:20251026T020000
	// RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
	// DTSTART:20260329T010000
	// RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
	// DTSTART;TZID=Europe/London:20261023T100000
	// STATUS:TENTATIVE
	// SUMMARY:PENCIL — ADR\, Ep 2 — ADR 1
	// UID:B-0150-1@harbour-lights.pencil
}

// A booking that moves gets a higher SEQUENCE; a new note does not.
func ExampleNextSequence() {
	london, _ := time.LoadLocation("Europe/London")
	prev := calendars.Booking{ID: "B-0142", Sequence: 2, Status: booking.Confirmed,
		Start: time.Date(2026, 10, 12, 9, 0, 0, 0, london), End: time.Date(2026, 10, 12, 19, 0, 0, 0, london)}
	noted := prev
	noted.Notes = "LUTs on the server"
	moved := prev
	moved.Start, moved.End = prev.Start.AddDate(0, 0, 1), prev.End.AddDate(0, 0, 1)
	fmt.Println(calendars.NextSequence(prev, noted), calendars.NextSequence(prev, moved))
	// Output: 2 3
}
