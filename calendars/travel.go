package calendars

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Journey is an artiste's travel as the project file gives it: Time each
// way, and the terms that decide where a visit ends. A visit is a run of
// days worked; a gap of days is held over (the same visit) when
// HoldPerDay times its days is under PerVisit, as the cost counts visits.
type Journey struct {
	Time                 time.Duration
	PerVisit, HoldPerDay float64
}

// travelLeg says whether an event is a journey, and which.
type travelLeg uint8

const (
	legNone  travelLeg = iota
	legThere           // before the first session of a visit
	legHome            // after the last
)

// Summaries and UID suffixes of journeys.
const (
	travelThere    = "Travel to "
	travelHome     = "Travel home"
	travelCategory = "travel"
)

// journeys are the travel events of an artiste's feed: for each visit,
// the journey there before its first session and the journey home after
// its last, each Journey.Time long and carried by the booking of that
// session (its status, sequence and UID stem). Visits are found from the
// pieces the feed's live bookings are worked in, the committed record;
// second pencils (holds behind another booking) and released bookings
// bring no journey. Other feeds have none.
func (f Feed) journeys() []event {
	j := f.Production.Travel[f.Owner.ID]
	if f.Kind != KindArtiste || j.Time <= 0 {
		return nil
	}
	loc := f.Production.TimeZone
	type worked struct {
		b   Booking
		p   Piece
		day int // days since the epoch, by the local date
	}
	var all []worked
	for _, b := range f.Bookings {
		if !f.holds(b) || b.Status == booking.Released || b.Status == booking.SecondPencil {
			continue
		}
		for _, p := range Days(b.worked(), loc) {
			y, m, d := p.Start.In(loc).Date()
			all = append(all, worked{b, p, int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)})
		}
	}
	slices.SortFunc(all, func(a, b worked) int {
		return cmp.Or(a.p.Start.Compare(b.p.Start), cmp.Compare(a.b.ID, b.b.ID))
	})
	var out []event
	for i := 0; i < len(all); {
		k := i // the visit is all[i..k]
		for k+1 < len(all) {
			gap := all[k+1].day - all[k].day - 1
			if gap > 0 && !(j.HoldPerDay > 0 && j.HoldPerDay*float64(gap) < j.PerVisit) {
				break
			}
			k++
		}
		first, last := all[i], all[k]
		out = append(out,
			event{b: first.b, leg: legThere, piece: Piece{first.p.Start.Add(-j.Time), first.p.Start}},
			event{b: last.b, leg: legHome, piece: Piece{last.p.End, last.p.End.Add(j.Time)}})
		i = k + 1
	}
	return out
}

// travelUID is the UID of a booking's journey: "<id>-travel-to@…" or
// "<id>-travel-home@…", stable while the booking opens or closes a visit.
func travelUID(prod Production, bookingID string, leg travelLeg) string {
	id := bookingID + "-travel-home"
	if leg == legThere {
		id = bookingID + "-travel-to"
	}
	if prod.ID == "" {
		return id + "@pencil"
	}
	return id + "@" + prod.ID + ".pencil"
}

// uid is the event's UID.
func (e event) uid(prod Production) string {
	if e.leg != legNone {
		return travelUID(prod, e.b.ID, e.leg)
	}
	return UID(prod, e.b.ID, e.n)
}

// journeyTitle is a journey's SUMMARY after its status prefix: "Travel
// to Halo Post" (the facility, else the production), or "Travel home".
func journeyTitle(feed Feed, e event) string {
	if e.leg == legHome {
		return travelHome
	}
	return travelThere + cmp.Or(e.b.Facility, productionOf(feed, e.b))
}

// journeyDescription is a journey's DESCRIPTION: "Maya Rees travels 3h
// each way: the journey there before ADR, Ep 2 (Booking B-0150, Fri 23
// Oct 10:00), the first session of this visit", then the production,
// status, hours, agent and whom to call.
func journeyDescription(feed Feed, e event) string {
	loc := feed.Production.TimeZone
	b := e.b
	t := feed.Production.Travel[feed.Owner.ID].Time
	each := strings.TrimSuffix(t.String(), "0s") // 1h30m0s -> 1h30m
	if strings.HasSuffix(each, "h0m") {
		each = strings.TrimSuffix(each, "0m") // 3h0m -> 3h
	}
	var sb strings.Builder
	sb.WriteString(feed.Owner.label() + " travels " + each + " each way: ")
	if e.leg == legThere {
		sb.WriteString("the journey there before " + what(b) + " (Booking " + b.ID + ", " + e.piece.End.In(loc).Format(dayTimeLayout) + "), the first session of this visit\n")
	} else {
		sb.WriteString("the journey home after " + what(b) + " (Booking " + b.ID + ", ends " + e.piece.Start.In(loc).Format(dayTimeLayout) + "), the last session of this visit\n")
	}
	line := func(label, value string) {
		if value != "" {
			sb.WriteString(label + ": " + value + "\n")
		}
	}
	line("Production", productionOf(feed, b))
	line("Status", statusWords[b.Status])
	line("Hours", hours(e.piece, loc))
	line("Agent", feed.Production.Agents[feed.Owner.ID].String())
	line("Contact", feed.Production.Contact.String())
	return strings.TrimSuffix(sb.String(), "\n")
}

// summary is the event's SUMMARY: a journey's (journeyTitle) or a
// booking's day's (summary).
func (e event) summary(feed Feed) string {
	if e.leg != legNone {
		return statusPrefix(e) + journeyTitle(feed, e)
	}
	return summary(e)
}

// description is the event's DESCRIPTION.
func (e event) description(feed Feed) string {
	if e.leg != legNone {
		return journeyDescription(feed, e)
	}
	return description(feed, e)
}

// categories are the event's CATEGORIES: "travel" for a journey, else
// the booking's.
func (e event) categories() []string {
	if e.leg != legNone {
		return []string{travelCategory}
	}
	return e.b.Categories
}
