package calendars

import (
	"cmp"
	"slices"
	"strconv"
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
// session (its status and UID stem). Visits are found from the pieces the
// feed's live bookings are worked in, the committed record; second
// pencils (holds behind another booking) and released bookings bring no
// journey. A journey the feed once showed and shows no more (its booking
// no longer opens or closes a visit) stays CANCELLED, found by replaying
// the bookings' history (journeyTracks). Other feeds have none.
func (f Feed) journeys() []event {
	j := f.Production.Travel[f.Owner.ID]
	if f.Kind != KindArtiste || j.Time <= 0 {
		return nil
	}
	var out []event
	for _, t := range f.journeyTracks(j) {
		e := event{b: t.b, leg: t.key.leg, nth: t.key.nth, piece: t.piece, seq: t.seq}
		if !t.on {
			e.why = journeyGone
		}
		out = append(out, e)
	}
	return out
}

// visitScratch is the memory visits reuses from one moment to the next.
type visitScratch struct {
	all []worked
	out []journeyLeg
	nth map[journeyKey]int
}

// worked is a local day's piece of a booking as it stood.
type worked struct {
	s standing
	dayPiece
}

// visits are the journeys of an artiste with travel j who stands on the
// bookings ss (as they stood at one moment), keyed by booking and leg.
// The result is valid until the next call.
func (sc *visitScratch) visits(ss []standing, j Journey) []journeyLeg {
	all := sc.all[:0]
	for _, s := range ss {
		for _, d := range s.days {
			all = append(all, worked{s, d})
		}
	}
	slices.SortFunc(all, func(a, b worked) int {
		return cmp.Or(a.p.Start.Compare(b.p.Start), cmp.Compare(a.s.b.ID, b.s.b.ID))
	})
	out := sc.out[:0]
	if sc.nth == nil {
		sc.nth = map[journeyKey]int{}
	}
	clear(sc.nth)
	add := func(s standing, leg travelLeg, p Piece) {
		k := journeyKey{id: s.b.ID, leg: leg}
		n := sc.nth[k]
		sc.nth[k] = n + 1
		k.nth = n
		out = append(out, journeyLeg{key: k, s: s, piece: p})
	}
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
		add(first.s, legThere, Piece{first.p.Start.Add(-j.Time), first.p.Start})
		add(last.s, legHome, Piece{last.p.End, last.p.End.Add(j.Time)})
		i = k + 1
	}
	sc.all, sc.out = all, out
	return out
}

// travelUID is the UID of a booking's journey: "<id>-travel-to@…" or
// "<id>-travel-home@…", stable while the booking opens or closes a visit.
// A booking that opens (or closes) more than one visit, its days apart,
// numbers the later ones: "<id>-travel-to-2@…".
func travelUID(prod Production, bookingID string, leg travelLeg, nth int) string {
	id := bookingID + "-travel-home"
	if leg == legThere {
		id = bookingID + "-travel-to"
	}
	if nth > 0 {
		id += "-" + strconv.Itoa(nth+1)
	}
	if prod.ID == "" {
		return id + "@pencil"
	}
	return id + "@" + prod.ID + ".pencil"
}

// uid is the event's UID.
func (e event) uid(prod Production) string {
	if e.leg != legNone {
		return travelUID(prod, e.b.ID, e.leg, e.nth)
	}
	return UID(prod, e.b.ID, e.n)
}

// journeyTitle is a journey's SUMMARY after its status prefix: "Travel
// to Halo Post" (the facility, else the production), or "Travel home".
func journeyTitle(feed Feed, e event) string {
	if e.leg == legHome {
		return travelHome
	}
	return travelThere + destination(feed, e.b)
}

// destination is where a journey there goes: the booking's facility,
// else its production.
func destination(feed Feed, b Booking) string { return cmp.Or(b.Facility, productionOf(feed, b)) }

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
	status := statusWords[b.Status]
	switch {
	case e.why == journeyGone && e.leg == legThere:
		sb.WriteString("Cancelled: " + feed.Owner.Label() + " no longer travels here before " + what(b) + " (Booking " + b.ID + "): it no longer opens a visit\n")
		status = "cancelled here; the booking itself is " + status
	case e.why == journeyGone:
		sb.WriteString("Cancelled: " + feed.Owner.Label() + " no longer travels home after " + what(b) + " (Booking " + b.ID + "): it no longer closes a visit\n")
		status = "cancelled here; the booking itself is " + status
	case e.leg == legThere:
		sb.WriteString(feed.Owner.Label() + " travels " + each + " each way: ")
		sb.WriteString("the journey there before " + what(b) + " (Booking " + b.ID + ", " + e.piece.End.In(loc).Format(dayTimeLayout) + "), the first session of this visit\n")
	default:
		sb.WriteString(feed.Owner.Label() + " travels " + each + " each way: ")
		sb.WriteString("the journey home after " + what(b) + " (Booking " + b.ID + ", ends " + e.piece.Start.In(loc).Format(dayTimeLayout) + "), the last session of this visit\n")
	}
	line := func(label, value string) {
		if value != "" {
			sb.WriteString(label + ": " + value + "\n")
		}
	}
	line("Production", productionOf(feed, b))
	line("Status", status)
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

// Trip is one journey an artiste's feed shows, for other outputs (the
// call sheet) to list as the feed does.
type Trip struct {
	// Booking is the id of the booking the journey is carried by.
	Booking string
	// Home is the journey home after a visit; else the journey there.
	Home bool
	// To is where the journey there goes: the booking's facility, else
	// its production.
	To         string
	Start, End time.Time
	// Status is the booking's, which the journey shares.
	Status booking.Status
	// Cancelled is a journey the feed keeps only to cancel it.
	Cancelled bool
}

// Trips are the journeys f shows, in the feed's order, cancelled ones
// included; none for a feed that is not an artiste's with travel.
func (f Feed) Trips() []Trip {
	evs := f.journeys()
	slices.SortFunc(evs, func(a, b event) int {
		return cmp.Or(a.piece.Start.Compare(b.piece.Start), cmp.Compare(a.b.ID, b.b.ID), cmp.Compare(a.leg, b.leg), cmp.Compare(a.nth, b.nth))
	})
	out := make([]Trip, 0, len(evs))
	for _, e := range evs {
		out = append(out, Trip{Booking: e.b.ID, Home: e.leg == legHome, To: destination(f, e.b),
			Start: e.piece.Start, End: e.piece.End, Status: e.b.Status, Cancelled: e.cancelled()})
	}
	return out
}
