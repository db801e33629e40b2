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
)

// statusWords describes each status in DESCRIPTION.
var statusWords = map[Status]string{
	StatusPencil:       "first pencil (tentative, not yet confirmed)",
	StatusSecondPencil: "second pencil (tentative, behind another hold)",
	StatusConfirmed:    "confirmed",
	StatusReleased:     "released (cancelled)",
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

// span is the time the feed's events cover, for its VTIMEZONE.
func (f Feed) span() (from, to time.Time, err error) {
	if len(f.Bookings) == 0 {
		if f.Production.Updated.IsZero() {
			return from, to, fmt.Errorf("%w %q: feed %q has no bookings and Updated is zero, so its zone rules are unknown",
				ErrInvalidProduction, f.Production.Name, f.Key)
		}
		return f.Production.Updated, f.Production.Updated, nil
	}
	from, to = f.Bookings[0].Start, f.Bookings[0].End
	for _, b := range f.Bookings[1:] {
		from = minTime(from, b.Start)
		to = maxTime(to, b.End)
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
	from, to, err := feed.span()
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
	// Feeds sorts bookings already; sorting again guards a Feed built by hand.
	for _, b := range sortedBookings(feed.Bookings) {
		cal.Children = append(cal.Children, buildEvent(feed, b))
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

// buildEvent is one VEVENT for b as seen from feed.
func buildEvent(feed Feed, b Booking) *ical.Component {
	loc := feed.Production.TimeZone
	ev := ical.NewEvent()
	p := ev.Props
	setText(p, ical.PropUID, UID(feed.Production, b))
	p.SetDateTime(ical.PropDateTimeStamp, b.stamp().UTC().Truncate(time.Second))
	if !b.LastModified.IsZero() {
		p.SetDateTime(ical.PropLastModified, b.LastModified.UTC().Truncate(time.Second))
	}
	setRaw(p, ical.PropSequence, strconv.Itoa(b.Sequence))
	p.SetDateTime(ical.PropDateTimeStart, b.Start.In(loc).Truncate(time.Second))
	p.SetDateTime(ical.PropDateTimeEnd, b.End.In(loc).Truncate(time.Second))

	status, transp, busy := ical.EventConfirmed, "OPAQUE", "BUSY"
	switch b.Status {
	case StatusPencil:
		status, busy = ical.EventTentative, "TENTATIVE"
	case StatusSecondPencil:
		status, transp, busy = ical.EventTentative, "TRANSPARENT", "FREE"
	case StatusReleased:
		status, transp, busy = ical.EventCancelled, "TRANSPARENT", "FREE"
	}
	setRaw(p, ical.PropStatus, string(status))
	setRaw(p, ical.PropTransparency, transp)
	setRaw(p, propBusyStatus, busy)

	setText(p, ical.PropSummary, summary(b))
	setText(p, ical.PropDescription, description(feed, b))
	if loc := location(b); loc != "" {
		setText(p, ical.PropLocation, loc)
	}
	if len(b.Categories) > 0 {
		cats := make([]string, len(b.Categories))
		for i, c := range b.Categories {
			cats[i] = clean(c)
		}
		cp := ical.NewProp(ical.PropCategories)
		cp.SetTextList(cats)
		p.Set(cp)
	}
	return ev.Component
}

// summary is the one-line title: "PENCIL — Grade, Ep 1 — Grade A".
func summary(b Booking) string {
	var sb strings.Builder
	switch b.Status {
	case StatusPencil:
		sb.WriteString(prefixPencil)
	case StatusSecondPencil:
		sb.WriteString(prefixSecondPencil)
	case StatusReleased:
		sb.WriteString(prefixReleased)
	}
	sb.WriteString(cmp.Or(b.Session, "Booking"))
	if b.Episode != "" {
		sb.WriteString(", " + b.Episode)
	}
	if s := b.Suite.label(); s != "" {
		sb.WriteString(" — " + s)
	}
	return sb.String()
}

// location is "suite, facility", either part optional.
func location(b Booking) string {
	parts := make([]string, 0, 2)
	if s := b.Suite.label(); s != "" {
		parts = append(parts, s)
	}
	if b.Facility != "" {
		parts = append(parts, b.Facility)
	}
	return strings.Join(parts, ", ")
}

// description is the event body in the trade's words. In a person's or an
// artiste's feed, the owner is left out of who else is there.
func description(feed Feed, b Booking) string {
	loc := feed.Production.TimeZone
	var sb strings.Builder
	line := func(label, value string) {
		if value != "" {
			sb.WriteString(label + ": " + value + "\n")
		}
	}
	line("Session", b.Session)
	line("Episode", b.Episode)
	line("Production", feed.Production.Name)
	line("Suite", location(b))
	line("Status", statusWords[b.Status])
	if !b.CallTime.IsZero() {
		call := b.CallTime.In(loc)
		format := "15:04"
		if !sameDay(call, b.Start.In(loc)) {
			format = "Mon 2 Jan 15:04"
		}
		line("Call time", call.Format(format))
	}
	line("Hours", b.Start.In(loc).Format("15:04")+"–"+b.End.In(loc).Format("15:04 MST"))
	crewLabel, artisteLabel := "Crew", "Artistes"
	if feed.Kind == KindPerson || feed.Kind == KindArtiste {
		crewLabel, artisteLabel = "Crew with you", "Artistes with you"
	}
	line(crewLabel, names(b.People, feed.Owner.ID, feed.Kind == KindPerson))
	line(artisteLabel, names(b.Artistes, feed.Owner.ID, feed.Kind == KindArtiste))
	line("Notes", b.Notes)
	line("Booking", b.ID)
	return strings.TrimSuffix(sb.String(), "\n")
}

// names joins refs' labels, leaving out the feed owner when skip is set.
func names(refs []Ref, owner string, skip bool) string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if skip && r.ID == owner {
			continue
		}
		out = append(out, r.label())
	}
	return strings.Join(out, ", ")
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
