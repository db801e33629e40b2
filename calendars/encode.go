package calendars

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-ical"
	"github.com/pencil-post/pencil/model/booking"
)

// ProductID is the PRODID of every calendar pencil writes.
const ProductID = "-//pencil-post//pencil//EN"

// RefreshInterval is how often subscribed clients are asked to poll, sent
// as REFRESH-INTERVAL (RFC 7986 section 5.7) and X-PUBLISHED-TTL.
const RefreshInterval = "PT1H"

// Properties pencil writes that go-ical has no constant for.
const (
	propCalName     = "X-WR-CALNAME"
	propCalTimezone = "X-WR-TIMEZONE"
	propPublishTTL  = "X-PUBLISHED-TTL"
	// propBusyStatus makes Outlook draw pencils hatched as tentative.
	propBusyStatus = "X-MICROSOFT-CDO-BUSYSTATUS"
)

// Words shown to people, kept together so the feed reads the same everywhere.
const (
	prefixPencil       = "PENCIL — "
	prefixSecondPencil = "2ND PENCIL — "
	prefixReleased     = "RELEASED — "
	prefixCancelled    = "CANCELLED — "
	noSuite            = "No suite booked"
)

// statusWords describes each status in DESCRIPTION.
var statusWords = map[booking.Status]string{
	booking.Pencil:       "first pencil (tentative, not yet confirmed)",
	booking.SecondPencil: "second pencil (tentative, behind another hold)",
	booking.Confirmed:    "confirmed",
	booking.Released:     "released (cancelled)",
}

// WriteCalendar writes feed as one VCALENDAR: CRLF line ends, lines folded
// at 75 octets, events sorted by start then booking id, and a VTIMEZONE for the
// production's zone covering every booking. The same feed always gives the
// same bytes.
//
// STATUS is TENTATIVE for pencils, CONFIRMED for confirmed bookings and
// CANCELLED for released ones. TRANSP is OPAQUE (busy) for confirmed
// bookings and first pencils, which are real holds on someone's time, and
// TRANSPARENT (free) for second pencils, which only apply if the first
// pencil is released, and for released bookings.
func WriteCalendar(w io.Writer, feed Feed) error {
	cal, err := buildCalendar(feed)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if err := ical.NewEncoder(&foldWriter{w: bw}).Encode(cal); err != nil {
		return fmt.Errorf("calendars: encoding feed %q: %w", feed.Key, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("calendars: writing feed %q: %w", feed.Key, err)
	}
	return nil
}

// Modified is the feed's last modification: the latest LastModified of its
// bookings, or Production.Updated when it has none.
func (f Feed) Modified() time.Time {
	if len(f.Bookings) == 0 {
		return f.Production.Updated.UTC().Truncate(time.Second)
	}
	var mod time.Time
	for _, b := range f.Bookings {
		m := b.LastModified
		if m.IsZero() {
			m = b.Stamp
		}
		mod = maxTime(mod, m)
	}
	return mod.UTC().Truncate(time.Second)
}

// span is the time the events cover, for the feed's VTIMEZONE.
func (f Feed) span(events []event) (from, to time.Time, err error) {
	if len(events) == 0 {
		if f.Production.Updated.IsZero() {
			return from, to, fmt.Errorf("%w %q: feed %q has no bookings and Updated is zero, so its zone rules are unknown",
				ErrInvalidProduction, f.Production.Name, f.Key)
		}
		return f.Production.Updated, f.Production.Updated, nil
	}
	from, to = events[0].piece.Start, events[0].piece.End
	for _, e := range events[1:] {
		from = minTime(from, e.piece.Start)
		to = maxTime(to, e.piece.End)
	}
	return from, to, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// buildCalendar turns feed into a go-ical calendar.
func buildCalendar(feed Feed) (*ical.Calendar, error) {
	prod := feed.Production
	if err := prod.Validate(); err != nil {
		return nil, err
	}
	for _, b := range feed.Bookings { // Feeds checked them; a hand-built Feed may not have
		if err := b.Validate(); err != nil {
			return nil, err
		}
	}
	// Feeds sorts bookings already; sorting again guards a Feed built by hand.
	feed.Bookings = sortedBookings(feed.Bookings)
	events := feed.events()
	from, to, err := feed.span(events)
	if err != nil {
		return nil, err
	}
	cal := ical.NewCalendar()
	props := cal.Props
	setRaw(props, ical.PropVersion, "2.0")
	setRaw(props, ical.PropProductID, ProductID)
	setRaw(props, ical.PropCalendarScale, "GREGORIAN")
	setRaw(props, ical.PropMethod, "PUBLISH")
	setText(props, propCalName, feed.Name())
	setText(props, ical.PropName, feed.Name())
	setText(props, propCalTimezone, prod.TimeZone.String())
	refresh := setRaw(props, ical.PropRefreshInterval, RefreshInterval)
	refresh.Params.Set(ical.ParamValue, string(ical.ValueDuration)) // RFC 7986 requires VALUE=DURATION
	props.Set(refresh)
	setRaw(props, propPublishTTL, RefreshInterval)
	props.SetDateTime(ical.PropLastModified, feed.Modified())

	cal.Children = append(cal.Children, VTimezone(prod.TimeZone, from, to))
	for _, e := range events {
		cal.Children = append(cal.Children, buildEvent(feed, e))
	}
	return cal, nil
}

// setRaw sets a property whose value needs no escaping and returns it.
func setRaw(props ical.Props, name, value string) *ical.Prop {
	p := &ical.Prop{Name: name, Params: ical.Params{}, Value: value}
	props.Set(p)
	return p
}

// setText sets a TEXT property, escaped, without the VALUE=TEXT parameter
// go-ical adds to X- properties (TEXT is their default anyway).
func setText(props ical.Props, name, value string) {
	p := ical.NewProp(name)
	p.SetText(clean(value))
	p.Params.Del(ical.ParamValue)
	props.Set(p)
}

// buildEvent is the VEVENT of e as seen from feed. Times are local with
// the production's TZID, except that an event starting or ending in an
// hour that the clocks repeat (see repeated) is written in UTC, the one
// form every client reads the same.
func buildEvent(feed Feed, e event) *ical.Component {
	b := e.b
	ev := ical.NewEvent()
	p := ev.Props
	setText(p, ical.PropUID, e.uid(feed.Production))
	p.SetDateTime(ical.PropDateTimeStamp, b.stamp().UTC().Truncate(time.Second))
	if !b.LastModified.IsZero() {
		p.SetDateTime(ical.PropLastModified, b.LastModified.UTC().Truncate(time.Second))
	}
	setRaw(p, ical.PropSequence, strconv.Itoa(e.sequence()))
	loc := feed.Production.TimeZone
	start, end := e.piece.Start.In(loc), e.piece.End.In(loc)
	if repeated(start) || repeated(end) {
		start, end = start.UTC(), end.UTC()
	}
	p.SetDateTime(ical.PropDateTimeStart, start.Truncate(time.Second))
	p.SetDateTime(ical.PropDateTimeEnd, end.Truncate(time.Second))

	status, transp, busy := ical.EventConfirmed, "OPAQUE", "BUSY"
	switch {
	case e.cancelled():
		status, transp, busy = ical.EventCancelled, "TRANSPARENT", "FREE"
	case b.Status == booking.Pencil:
		status, busy = ical.EventTentative, "TENTATIVE"
	case b.Status == booking.SecondPencil:
		status, transp, busy = ical.EventTentative, "TRANSPARENT", "FREE"
	}
	setRaw(p, ical.PropStatus, string(status))
	setRaw(p, ical.PropTransparency, transp)
	setRaw(p, propBusyStatus, busy)

	// A journey keeps its booking's status and so its TRANSP: OPAQUE
	// unless the booking is not, since the artiste cannot be booked
	// elsewhere while on the road.
	setText(p, ical.PropSummary, e.summary(feed))
	setText(p, ical.PropDescription, e.description(feed))
	setText(p, ical.PropLocation, location(feed, b))
	categories := e.categories()
	if len(categories) > 0 {
		cats := make([]string, len(categories))
		for i, c := range categories {
			cats[i] = clean(c)
		}
		cp := ical.NewProp(ical.PropCategories)
		cp.SetTextList(cats)
		p.Set(cp)
	}
	return ev.Component
}

// summary is the one-line title: "PENCIL — Grade, Ep 1 — Grade A".
func summary(e event) string {
	b := e.b
	var sb strings.Builder
	sb.WriteString(statusPrefix(e))
	sb.WriteString(what(b))
	sep := " — "
	for _, r := range b.rooms() {
		if s := r.Suite.Label(); s != "" {
			sb.WriteString(sep + s)
			sep = " + "
		}
	}
	return sb.String()
}

// statusPrefix is the start of a SUMMARY that says the event is not
// firm: "PENCIL — ", "CANCELLED — "…; "" for a confirmed booking.
func statusPrefix(e event) string {
	switch b := e.b; {
	case b.Status == booking.Released:
		return prefixReleased
	case e.cancelled():
		return prefixCancelled
	case b.Status == booking.Pencil:
		return prefixPencil
	case b.Status == booking.SecondPencil:
		return prefixSecondPencil
	}
	return ""
}

// what is the session and episode: "Grade, Ep 1".
func what(b Booking) string {
	s := cmp.Or(b.Session, "Booking")
	if b.Episode != "" {
		s += ", " + b.Episode
	}
	return s
}

// location is where the work happens: "suite, facility", either part
// optional. A booking with neither (crew working without a booked suite)
// says so and names its production, rather than leave people guessing.
//
// A booking of several rooms names each with its facility, "; " between
// them: "ADR Stage, London; Glasgow Remote Stage, Glasgow".
func location(feed Feed, b Booking) string {
	rooms := b.rooms()
	if len(rooms) == 0 && b.Facility != "" {
		rooms = []Room{{Facility: b.Facility}}
	}
	var where []string
	for _, r := range rooms {
		parts := make([]string, 0, 2)
		if s := r.Suite.Label(); s != "" {
			parts = append(parts, s)
		}
		if r.Facility != "" {
			parts = append(parts, r.Facility)
		}
		if len(parts) > 0 {
			where = append(where, strings.Join(parts, ", "))
		}
	}
	if len(where) == 0 {
		return noSuite + " — " + productionOf(feed, b)
	}
	return strings.Join(where, "; ")
}

// productionOf names the production b is for.
func productionOf(feed Feed, b Booking) string {
	return cmp.Or(b.Production, feed.Production.Name)
}

// sameDay reports whether a and b fall on the same calendar date.
func sameDay(a, b time.Time) bool {
	y1, m1, d1 := a.Date()
	y2, m2, d2 := b.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// clean makes s a valid TEXT value: valid UTF-8, line breaks as LF (which
// go-ical escapes as \n), and no other control characters (RFC 5545
// section 3.3.11 forbids them).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case r < 0x20 || r == 0x7F:
			return -1
		}
		return r
	}, s)
}
