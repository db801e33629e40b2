package store

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// RenderOptions controls how a report is written. The zero value is ready to
// use.
type RenderOptions struct {
	// Location is the time zone times are shown in; nil means UTC.
	Location *time.Location
	// Names maps person, artiste and suite ids to the names people know them
	// by ("maya" → "Maya Rees"). Ids without a name are shown as they are.
	Names map[string]string
}

func (o RenderOptions) loc() *time.Location {
	if o.Location == nil {
		return time.UTC
	}
	return o.Location
}

func (o RenderOptions) name(id string) string {
	if n, ok := o.Names[id]; ok && n != "" {
		return n
	}
	return id
}

// Layouts of times in text reports.
const (
	dayLayout  = "Mon 2 Jan"
	timeOfDay  = "15:04"
	whenLayout = dayLayout + " " + timeOfDay
)

// when formats an instant: "Tue 12 May 10:00".
func (o RenderOptions) when(t time.Time) string { return t.In(o.loc()).Format(whenLayout) }

// span formats a booking's time: "Tue 12 May 10:00–14:00", with both days
// when it runs past midnight.
func (o RenderOptions) span(b Booking) string {
	s, e := b.Start.In(o.loc()), b.End.In(o.loc())
	if s.YearDay() == e.YearDay() && s.Year() == e.Year() {
		return s.Format(whenLayout) + "–" + e.Format(timeOfDay)
	}
	return s.Format(whenLayout) + " – " + e.Format(whenLayout)
}

// worked formats the days a booking is worked, a run of consecutive days
// with the same hours at a time: "Mon 6 Jul – Wed 8 Jul 09:00–19:00, Fri
// 10 Jul 09:00–13:00". Nights, weekends and holidays between pieces are
// never shown as booked.
func (o RenderOptions) worked(b Booking) string {
	ps := b.withPieces().Pieces
	var parts []string
	for i := 0; i < len(ps); {
		first := Booking{Start: ps[i].Start, End: ps[i].End}
		j := i + 1
		for j < len(ps) && sameHoursNextDay(ps[j-1], ps[j], o.loc()) {
			j++
		}
		if j == i+1 {
			parts = append(parts, o.span(first))
		} else {
			s, e := ps[i].Start.In(o.loc()), ps[j-1].End.In(o.loc())
			parts = append(parts, s.Format(dayLayout)+" – "+e.Format(dayLayout)+" "+s.Format(timeOfDay)+"–"+e.Format(timeOfDay))
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

// sameHoursNextDay reports whether b is worked the day after a, at the
// same hours, each within one day.
func sameHoursNextDay(a, b Piece, loc *time.Location) bool {
	as, ae, bs, be := a.Start.In(loc), a.End.In(loc), b.Start.In(loc), b.End.In(loc)
	oneDay := func(s, e time.Time) bool { return s.YearDay() == e.YearDay() && s.Year() == e.Year() }
	y, m, d := as.Date()
	ny, nm, nd := time.Date(y, m, d+1, 0, 0, 0, 0, loc).Date()
	by, bm, bd := bs.Date()
	return oneDay(as, ae) && oneDay(bs, be) && ny == by && nm == bm && nd == bd &&
		as.Format(timeOfDay) == bs.Format(timeOfDay) && ae.Format(timeOfDay) == be.Format(timeOfDay)
}

// refined reports whether a move only replaced one block kept by an
// older store with the days actually worked, at the same start and end.
func refined(was, now Booking) bool {
	return len(was.Pieces) == 1 && len(now.Pieces) > 1 && was.Start.Equal(now.Start) && was.End.Equal(now.End)
}

// statusWords says what a status means for a new booking.
var statusWords = map[booking.Status]string{
	booking.Pencil:       "pencilled",
	booking.SecondPencil: "second-pencilled",
	booking.Confirmed:    "confirmed",
	booking.Released:     "released",
}

// Line describes one change in a sentence, as a report tells it: "ADR Ep 3
// moved from Tue 12 May 10:00 to Thu 14 May 10:00 in adr-1 [B-7]".
func (o RenderOptions) Line(c Change) string {
	b := c.Booking
	var was Booking
	if c.Was != nil {
		was = *c.Was
	}
	in := ""
	if b.Suite != "" {
		in = " in " + o.rooms(b)
	}
	var s string
	switch c.Kind {
	case ChangeMoved:
		if refined(was, b) {
			s = fmt.Sprintf("%s%s: same dates, now shown as the days worked: %s", b.Label(), in, o.worked(b))
		} else {
			s = fmt.Sprintf("%s moved from %s to %s%s", b.Label(), o.worked(was), o.worked(b), in)
		}
	case ChangeReassigned:
		s = fmt.Sprintf("%s on %s reassigned: %s", b.Label(), o.worked(b), o.reassignment(was, b))
	case ChangeNew:
		s = fmt.Sprintf("%s %s for %s%s", b.Label(), statusWords[b.Status], o.worked(b), in)
	case ChangeReleased:
		s = fmt.Sprintf("%s on %s%s released", b.Label(), o.worked(b), in)
	case ChangePromoted:
		s = fmt.Sprintf("%s on %s%s promoted from second pencil to first pencil", b.Label(), o.worked(b), in)
	case ChangeStatus:
		s = fmt.Sprintf("%s on %s%s now %s (was %s)", b.Label(), o.worked(b), in, b.Status, was.Status)
	default:
		s = fmt.Sprintf("%s on %s%s: details changed", b.Label(), o.worked(b), in)
	}
	s += " [" + b.ID + "]"
	if c.Reason != "" {
		s += " — " + c.Reason
	}
	if len(c.Cancellation) > 0 {
		s += " — " + o.chargeWords(c.Cancellation)
	}
	return s
}

// reassignment describes a change of suite, people or artistes:
// "suite adr-1 → adr-2; people +Sam Okafor −Jo Bell".
func (o RenderOptions) reassignment(was, now Booking) string {
	var parts []string
	if !slices.Equal(was.Suites(), now.Suites()) {
		what := "suite"
		if len(was.ExtraSuites)+len(now.ExtraSuites) > 0 {
			what = "suites"
		}
		parts = append(parts, fmt.Sprintf("%s %s → %s", what, o.roomsOrNone(was), o.roomsOrNone(now)))
	}
	if d := o.delta(was.People, now.People); d != "" {
		parts = append(parts, "people "+d)
	}
	if d := o.delta(was.Artistes, now.Artistes); d != "" {
		parts = append(parts, "artistes "+d)
	}
	return strings.Join(parts, "; ")
}

// rooms names every room a booking holds: "ADR Stage and Glasgow
// Remote Stage".
func (o RenderOptions) rooms(b Booking) string {
	names := make([]string, 0, 1+len(b.ExtraSuites))
	for _, id := range b.Suites() {
		names = append(names, o.name(id))
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// roomsOrNone is rooms, or "none" for a booking of people only.
func (o RenderOptions) roomsOrNone(b Booking) string {
	if b.Suite == "" {
		return "none"
	}
	return o.rooms(b)
}

func (o RenderOptions) orNone(id string) string {
	if id == "" {
		return "none"
	}
	return o.name(id)
}

// delta lists who was added (+) and taken off (−).
func (o RenderOptions) delta(was, now []string) string {
	var parts []string
	for _, id := range now {
		if !slices.Contains(was, id) {
			parts = append(parts, "+"+o.name(id))
		}
	}
	for _, id := range was {
		if !slices.Contains(now, id) {
			parts = append(parts, "−"+o.name(id))
		}
	}
	return strings.Join(parts, " ")
}

// heading names the audience of a notice: "Tell Sam Okafor",
// "Tell Maya Rees' agent", "Suite grade-a (no one booked)".
func (o RenderOptions) heading(n Notice) string {
	name := o.name(n.ID)
	switch n.Audience {
	case AudiencePerson:
		return "Tell " + name
	case AudienceArtiste:
		if strings.HasSuffix(name, "s") {
			return "Tell " + name + "' agent"
		}
		return "Tell " + name + "'s agent"
	}
	if n.ID == "" {
		return "No suite, no one booked"
	}
	return "Suite " + name + " (no one booked)"
}

// conflictLine describes a conflict in a sentence.
func (o RenderOptions) conflictLine(c Conflict) string {
	var names []string
	for _, b := range c.Bookings {
		names = append(names, fmt.Sprintf("%s [%s] (%s, %s)", b.Label(), b.ID, b.Production, b.Status))
	}
	if c.Kind == ConflictConfirmedMissing {
		b := c.Bookings[0]
		return fmt.Sprintf("%s on %s is confirmed but not in this run; release it or re-plan it", names[0], o.span(b))
	}
	return fmt.Sprintf("%s double-booked %s: %s", o.name(c.Suite), o.span(Booking{Start: c.Start, End: c.End}),
		strings.Join(names, " and "))
}

// summary counts the report's changes: "2 moved, 0 reassigned, ...".
func (r Report) summary() string {
	var parts []string
	for _, k := range changeOrder {
		if n := r.Count(k); n > 0 || k != ChangeStatus && k != ChangeDetails {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	s := strings.Join(parts, ", ")
	s += fmt.Sprintf("; %d conflict%s; %d unchanged", len(r.Conflicts), plural(len(r.Conflicts)), r.Unchanged)
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// WriteText writes the report for people: a heading, a summary line, what
// each person and each artiste's agent must be told, and the conflicts that
// need a person.
func (r Report) WriteText(w io.Writer, o RenderOptions) error {
	var sb strings.Builder
	var head []string
	if r.RunID != 0 {
		head = append(head, "Run "+strconv.FormatInt(r.RunID, 10))
	} else {
		head = append(head, "Changes")
	}
	if r.Production != "" {
		head = append(head, r.Production)
	}
	if !r.Time.IsZero() {
		head = append(head, r.Time.In(o.loc()).Format("Mon 2 Jan 2006 15:04 MST"))
	}
	if r.Who != "" {
		head = append(head, "by "+r.Who)
	}
	sb.WriteString(strings.Join(head, ", "))
	if r.Why != "" {
		sb.WriteString(": " + r.Why)
	}
	sb.WriteString("\n" + r.summary() + "\n")
	for _, n := range r.Notices() {
		sb.WriteString("\n" + o.heading(n) + ":\n")
		for _, c := range n.Changes {
			sb.WriteString("  - " + o.Line(c) + "\n")
		}
	}
	if len(r.Conflicts) > 0 {
		sb.WriteString("\nConflicts that need a person:\n")
		for _, c := range r.Conflicts {
			sb.WriteString("  - " + o.conflictLine(c) + "\n")
		}
	}
	if _, err := io.WriteString(w, sb.String()); err != nil {
		return fmt.Errorf("store: write report: %w", err)
	}
	return nil
}

// csvHeader names the columns of WriteCSV.
var csvHeader = []string{"audience", "id", "name", "change", "booking", "production", "session", "episode",
	"status", "was_status", "start", "end", "was_start", "was_end", "suite", "was_suite", "sequence", "reason"}

// WriteCSV writes one row per change per person, artiste or suite told of
// it (as Notices groups them), then one row per conflict with audience
// "conflict" and its bookings' ids joined by ";". Times are RFC 3339 in
// o.Location.
func (r Report) WriteCSV(w io.Writer, o RenderOptions) error {
	cw := csv.NewWriter(w)
	rec := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(o.loc()).Format(time.RFC3339)
	}
	_ = cw.Write(csvHeader)
	for _, n := range r.Notices() {
		for _, c := range n.Changes {
			b := c.Booking
			var was Booking
			if c.Was != nil {
				was = *c.Was
			}
			_ = cw.Write([]string{string(n.Audience), n.ID, o.name(n.ID), string(c.Kind), b.ID, b.Production,
				b.Session, b.Episode, string(b.Status), string(was.Status), rec(b.Start), rec(b.End),
				rec(was.Start), rec(was.End), strings.Join(b.Suites(), ";"), strings.Join(was.Suites(), ";"), strconv.Itoa(b.Sequence), c.Reason})
		}
	}
	for _, c := range r.Conflicts {
		ids := make([]string, len(c.Bookings))
		for i, b := range c.Bookings {
			ids[i] = b.ID
		}
		b := c.Bookings[0]
		_ = cw.Write([]string{"conflict", "", "", string(c.Kind), strings.Join(ids, ";"), b.Production,
			b.Session, b.Episode, string(b.Status), "", rec(c.Start), rec(c.End), "", "", c.Suite, "", "", o.conflictLine(c)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("store: write report CSV: %w", err)
	}
	return nil
}

// jsonReport is the JSON form of a report: the report itself, its counts,
// and its notices.
type jsonReport struct {
	Report
	Summary map[ChangeKind]int `json:"summary"`
	Notices []Notice           `json:"notices"`
}

// WriteJSON writes the report, its counts per kind and its notices as
// indented JSON. Times are RFC 3339 in UTC.
func (r Report) WriteJSON(w io.Writer) error {
	v := jsonReport{Report: r, Summary: map[ChangeKind]int{}, Notices: r.Notices()}
	if v.Changes == nil {
		v.Changes = []Change{}
	}
	if v.Conflicts == nil {
		v.Conflicts = []Conflict{}
	}
	if v.Notices == nil {
		v.Notices = []Notice{}
	}
	for _, k := range changeOrder {
		v.Summary[k] = r.Count(k)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("store: write report JSON: %w", err)
	}
	return nil
}
