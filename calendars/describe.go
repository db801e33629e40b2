package calendars

import (
	"fmt"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Date layouts of DESCRIPTION, in the trade's short British form.
const (
	dayLayout     = "Mon 2 Jan"
	clockLayout   = "15:04"
	clockZone     = "15:04 MST"
	dayTimeLayout = "Mon 2 Jan 15:04"
)

// description is the event body in the trade's words: first which booking
// this is and which of its days ("Booking B-0142: Grade, Ep 2, Thu 23 Jul –
// Mon 27 Jul, 3 days worked: this is day 2 of 3"), or why it is cancelled;
// then the production, place, status, hours, who else is there, the
// artistes' agents, the notes and whom to call. In a person's or an
// artiste's feed, the owner is left out of who else is there.
func description(feed Feed, e event) string {
	loc := feed.Production.TimeZone
	b := e.b
	var sb strings.Builder
	line := func(label, value string) {
		if value != "" {
			sb.WriteString(label + ": " + value + "\n")
		}
	}
	sb.WriteString(headline(feed, e) + "\n")
	line("Production", productionOf(feed, b))
	line("Where", location(feed, b))
	status := statusWords[b.Status]
	if e.why != live && b.Status != booking.Released {
		status = "cancelled here; the booking itself is " + status
	}
	line("Status", status)
	if !b.CallTime.IsZero() && e.n == 1 {
		call := b.CallTime.In(loc)
		layout := clockLayout
		if !sameDay(call, e.piece.Start.In(loc)) {
			layout = dayTimeLayout
		}
		line("Call time", call.Format(layout))
	}
	line("Hours", hours(e.piece, loc))
	crewLabel, artisteLabel := "Crew", "Artistes"
	if feed.Kind == KindPerson || feed.Kind == KindArtiste {
		crewLabel, artisteLabel = "Crew with you", "Artistes with you"
	}
	line(crewLabel, names(b.People, feed.Owner.ID, feed.Kind == KindPerson))
	line(artisteLabel, names(b.Artistes, feed.Owner.ID, feed.Kind == KindArtiste))
	for _, a := range b.Artistes {
		if agent := feed.Production.Agents[a.ID]; agent != (Contact{}) {
			line("Agent for "+a.Label(), agent.String())
		}
	}
	line("Notes", b.Notes)
	line("Contact", feed.Production.Contact.String())
	return strings.TrimSuffix(sb.String(), "\n")
}

// hours is "09:00–19:00 BST", or "01:30 BST–03:00 GMT" when the clocks
// change in between, so a time in the repeated hour is never ambiguous;
// "09:00–01:00 BST next day" for overtime past midnight.
func hours(p Piece, loc *time.Location) string {
	start, end := p.Start.In(loc), p.End.In(loc)
	next := ""
	if !sameDay(start, end) && (end.Hour() != 0 || end.Minute() != 0) {
		next = " next day"
	}
	z1, _ := start.Zone()
	z2, _ := end.Zone()
	if z1 == z2 {
		return start.Format(clockLayout) + "–" + end.Format(clockZone) + next
	}
	return start.Format(clockZone) + "–" + end.Format(clockZone) + next
}

// headline is the first line of DESCRIPTION: the booking, its span and
// which of its days this is, or why this event is cancelled.
func headline(feed Feed, e event) string {
	b := e.b
	booking := "Booking " + b.ID + ": " + what(b)
	now := span(e, feed.Production.TimeZone)
	switch e.why {
	case dayDropped:
		return "Cancelled: " + booking + " no longer includes this day; it is now " + now
	case ownerLeft:
		return "Cancelled: " + whoLeft(feed) + " no longer on " + booking + " (" + now + ")"
	}
	ofDays := fmt.Sprintf("this is day %d of %d", e.n, e.days)
	if e.dates != e.days { // two pieces on one day: count parts
		ofDays = fmt.Sprintf("this is part %d of %d", e.n, e.days)
	}
	return booking + ", " + now + ": " + ofDays
}

// span is the booking's days as people say them: "Thu 23 Jul – Mon 27
// Jul, 3 days worked", or "Thu 23 Jul, 1 day worked".
func span(e event, loc *time.Location) string {
	b := e.b
	first, last := b.Start.In(loc), b.End.In(loc).Add(-time.Nanosecond)
	when := first.Format(dayLayout)
	if !sameDay(first, last) {
		when += " – " + last.Format(dayLayout)
	}
	worked := fmt.Sprintf("%d days worked", e.dates)
	if e.dates == 1 {
		worked = "1 day worked"
	}
	if e.dates != e.days {
		worked += fmt.Sprintf(" in %d parts", e.days)
	}
	return when + ", " + worked
}

// whoLeft names the feed's owner as taken off a booking.
func whoLeft(feed Feed) string {
	switch feed.Kind {
	case KindSuite:
		return feed.Owner.Label() + " is"
	case KindPerson, KindArtiste:
		return "you are"
	}
	return "it is"
}

// names joins refs' labels, leaving out the feed owner when skip is set.
func names(refs []Ref, owner string, skip bool) string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if skip && r.ID == owner {
			continue
		}
		out = append(out, r.Label())
	}
	return strings.Join(out, ", ")
}
