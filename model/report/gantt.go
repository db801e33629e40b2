package report

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/schedule"
)

// Gantt layout, in SVG user units (pixels at 100%).
const (
	ganttLabelWidth = 190
	// ganttDayWidth is the widest a day is drawn; long schedules get
	// narrower days, down to ganttMinDayWidth, to fit a page.
	ganttDayWidth    = 12
	ganttMinDayWidth = 5
	ganttFitWidth    = 1040
	// ganttRightMargin leaves room for the last milestone's label.
	ganttRightMargin = 120
	ganttRowHeight   = 20
	ganttBarHeight   = 14
	ganttAxisHeight  = 34
	// ganttLegendH holds the legend and, below it, the schedule's origin.
	ganttLegendH = 44
	// The part of each day drawn: 08:00 to 20:00, so a working day fills
	// most of its column and nights do not chop bars into slivers.
	ganttDayFrom, ganttDayTo = 8, 20
)

// episodePalette colours bookings by episode (colour-blind-safe, Okabe–Ito
// and Tol), repeating past eight; sessions outside episodes are grey.
var episodePalette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#882255", "#117733"}

const noEpisodeColour = "#6b6b6b"

// ganttRow is one suite's or person's line of bars.
type ganttRow struct {
	name     string
	bookings []schedule.Booking
}

// gantt lays a schedule out on a day grid.
type gantt struct {
	s          *schedule.Schedule
	first      time.Time // local midnight of the Monday on or before the first booking
	days       int
	dayWidth   float64
	episodes   []string
	suites     []ganttRow
	people     []ganttRow
	milestones map[string][]schedule.Milestone // by episode ("" for none)
	mileRows   []string
}

func newGantt(s *schedule.Schedule) *gantt {
	g := &gantt{s: s, milestones: map[string][]schedule.Milestone{}}
	var first, last time.Time
	see := func(a, b time.Time) {
		if first.IsZero() || a.Before(first) {
			first = a
		}
		if b.After(last) {
			last = b
		}
	}
	suites, people := map[string]*ganttRow{}, map[string]*ganttRow{}
	add := func(rows map[string]*ganttRow, name string, b schedule.Booking) {
		if rows[name] == nil {
			rows[name] = &ganttRow{name: name}
		}
		rows[name].bookings = append(rows[name].bookings, b)
	}
	var suiteOrder, peopleOrder []string
	for _, b := range s.Bookings {
		see(b.Start, b.End)
		if b.Episode != "" && !slices.Contains(g.episodes, b.Episode) {
			g.episodes = append(g.episodes, b.Episode)
		}
		for _, n := range b.Suites {
			if suites[n] == nil {
				suiteOrder = append(suiteOrder, n)
			}
			add(suites, n, b)
		}
		for _, n := range slices.Concat(b.People, b.Artistes) {
			if people[n] == nil {
				peopleOrder = append(peopleOrder, n)
			}
			add(people, n, b)
		}
	}
	for _, m := range s.Milestones {
		see(m.At, m.At)
		if len(g.milestones[m.Episode]) == 0 {
			g.mileRows = append(g.mileRows, m.Episode)
		}
		g.milestones[m.Episode] = append(g.milestones[m.Episode], m)
	}
	slices.Sort(g.mileRows)
	for _, n := range suiteOrder {
		g.suites = append(g.suites, *suites[n])
	}
	for _, n := range peopleOrder {
		g.people = append(g.people, *people[n])
	}
	if first.IsZero() {
		first, last = time.Now(), time.Now()
	}
	loc := first.Location()
	d := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc)
	for d.Weekday() != time.Monday {
		d = d.AddDate(0, 0, -1)
	}
	g.first = d
	for g.first.AddDate(0, 0, g.days).Before(last) {
		g.days++
	}
	g.days += 7 - g.days%7
	g.dayWidth = min(max(float64(ganttFitWidth)/float64(g.days), ganttMinDayWidth), ganttDayWidth)
	return g
}

// x maps a time to its horizontal position.
func (g *gantt) x(t time.Time) float64 {
	t = t.In(g.first.Location())
	day := dayNumber(t) - dayNumber(g.first)
	h := float64(t.Hour()) + float64(t.Minute())/60
	frac := min(max((h-ganttDayFrom)/(ganttDayTo-ganttDayFrom), 0), 1)
	if h == 0 && day > 0 { // midnight is the end of the day before
		day, frac = day-1, 1
	}
	return ganttLabelWidth + (float64(day)+frac)*g.dayWidth
}

// dayNumber counts calendar days, for differences between local dates
// (daylight-saving days are still one day).
func dayNumber(t time.Time) int {
	return int(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// colour returns an episode's colour.
func (g *gantt) colour(episode string) string {
	i := slices.Index(g.episodes, episode)
	if i < 0 {
		return noEpisodeColour
	}
	return episodePalette[i%len(episodePalette)]
}

// WriteGanttSVG draws a schedule as a Gantt chart: a date axis with
// weeks, one row per suite and per person or artiste, bookings coloured
// by episode (pencils hatched and lighter, second pencils cross-hatched
// and fainter, confirmed bookings solid), milestones as labelled diamonds,
// a legend, and the schedule's origin under it.
//
// A booking is one bar segment per piece worked, so nights and weekends
// between pieces are not drawn as booked. Each segment carries its
// piece's start and end (data-start, data-end, RFC 3339 in the
// production's time zone); each booking's <title>, shown on hover, names
// it, its status and every piece, and its label (session and episode) is
// drawn in its widest segment when it fits there. The SVG is
// self-contained and sized for the screen and for printing landscape.
func WriteGanttSVG(w io.Writer, s *schedule.Schedule, o Origin) error {
	g := newGantt(s)
	var b strings.Builder
	sections := 2 // suites, crew and artistes; milestones only when there are some
	if len(g.mileRows) > 0 {
		sections++
	}
	rows := len(g.suites) + len(g.people) + len(g.mileRows) + sections
	width := ganttLabelWidth + int(float64(g.days)*g.dayWidth) + ganttRightMargin
	height := ganttLegendH + ganttAxisHeight + rows*ganttRowHeight + 10
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="11">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, `<title>%s schedule: %s</title>`+"\n", esc(s.Production), esc(o.String()))
	b.WriteString(`<defs><pattern id="pencil-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.5"/></pattern>` +
		`<pattern id="second-pencil-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/><line x1="0" y1="3" x2="6" y2="3" stroke="#ffffff" stroke-width="2"/></pattern></defs>` + "\n")
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	g.legend(&b)
	fmt.Fprintf(&b, `<text class="origin" x="10" y="37" font-size="10" fill="#555555">%s · times in %s</text>`+"\n", esc(o.String()), esc(s.TimeZone))
	top := ganttLegendH + ganttAxisHeight
	bottom := top + rows*ganttRowHeight
	g.axis(&b, ganttLegendH, bottom)
	y := top
	if len(g.mileRows) > 0 {
		y = g.section(&b, "Milestones", y, width)
	}
	for _, ep := range g.mileRows {
		g.milestoneRow(&b, ep, y)
		y += ganttRowHeight
	}
	y = g.section(&b, "Suites", y, width)
	for _, r := range g.suites {
		g.bookingRow(&b, r, y)
		y += ganttRowHeight
	}
	y = g.section(&b, "Crew and artistes", y, width)
	for _, r := range g.people {
		g.bookingRow(&b, r, y)
		y += ganttRowHeight
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// legend explains colours, hatching and diamonds; second pencils and
// milestones only when the chart has some.
func (g *gantt) legend(b *strings.Builder) {
	x := 10.0
	item := func(draw func(x float64) float64, label string) {
		x = draw(x)
		fmt.Fprintf(b, `<text x="%.1f" y="19">%s</text>`+"\n", x+4, esc(label))
		x += 4 + float64(len(label))*6.2 + 16
	}
	for _, ep := range g.episodes {
		c := g.colour(ep)
		item(func(x float64) float64 {
			fmt.Fprintf(b, `<rect x="%.1f" y="9" width="14" height="12" fill="%s"/>`+"\n", x, c)
			return x + 14
		}, ep)
	}
	item(func(x float64) float64 {
		fmt.Fprintf(b, `<rect x="%.1f" y="9" width="22" height="12" fill="#555555"/>`+"\n", x)
		return x + 22
	}, "confirmed")
	item(func(x float64) float64 {
		barRect(b, booking.Pencil, x, 9, 22, 12, "#555555")
		return x + 22
	}, "pencil")
	if slices.ContainsFunc(g.s.Bookings, func(bk schedule.Booking) bool { return bk.Status == booking.SecondPencil }) {
		item(func(x float64) float64 {
			barRect(b, booking.SecondPencil, x, 9, 22, 12, "#555555")
			return x + 22
		}, "second pencil")
	}
	if len(g.mileRows) == 0 {
		return
	}
	item(func(x float64) float64 {
		diamond(b, x+6, 15, "#222222")
		return x + 12
	}, "milestone")
}

// axis draws week lines and Monday dates, and shades weekends.
func (g *gantt) axis(b *strings.Builder, y0, bottom int) {
	for d := 0; d < g.days; d++ {
		day := g.first.AddDate(0, 0, d)
		x := ganttLabelWidth + float64(d)*g.dayWidth
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			fmt.Fprintf(b, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#f1f1f1"/>`+"\n", x, y0+ganttAxisHeight, g.dayWidth, bottom-y0-ganttAxisHeight)
		}
		if day.Weekday() == time.Monday {
			fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#c8c8c8" stroke-width="1"/>`+"\n", x, y0+14, x, bottom)
			label := day.Format("2 Jan")
			if d > 0 && day.YearDay() <= 7 {
				label = day.Format("2 Jan 2006") // a new year
			}
			fmt.Fprintf(b, `<text x="%.1f" y="%d" font-size="10" fill="#333333">%s</text>`+"\n", x+2, y0+26, esc(label))
		}
	}
	fmt.Fprintf(b, `<text x="10" y="%d" font-size="10" fill="#333333">week of (%d)</text>`+"\n", y0+26, g.first.Year())
}

// section writes a heading row and returns the y below it.
func (g *gantt) section(b *strings.Builder, title string, y, width int) int {
	fmt.Fprintf(b, `<line x1="0" y1="%d" x2="%d" y2="%d" stroke="#888888" stroke-width="1"/>`+"\n", y, width, y)
	fmt.Fprintf(b, `<text x="6" y="%d" font-weight="bold" font-size="12">%s</text>`+"\n", y+15, esc(title))
	return y + ganttRowHeight
}

// bookingRow draws one suite's or person's bookings: a group per
// booking with its hover title, a segment per piece, and its label from
// its start when the label fits before the row's next booking starts (or
// the chart ends); a label may run on over the nights between pieces, not
// over another booking.
func (g *gantt) bookingRow(b *strings.Builder, r ganttRow, y int) {
	fmt.Fprintf(b, `<g class="row"><text x="14" y="%d">%s</text>`+"\n", y+14, esc(r.name))
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%.1f" y2="%d" stroke="#eeeeee"/>`+"\n", ganttLabelWidth, y+ganttRowHeight, ganttLabelWidth+float64(g.days)*g.dayWidth, y+ganttRowHeight)
	by := float64(y + (ganttRowHeight-ganttBarHeight)/2)
	right := ganttLabelWidth + float64(g.days)*g.dayWidth
	for i, bk := range r.bookings {
		c := g.colour(bk.Episode)
		pieces := piecesOf(bk)
		fmt.Fprintf(b, `<g class="booking" data-id="%s" data-status="%s"><title>%s</title>`, esc(bk.ID), esc(string(bk.Status)), esc(barTitle(bk, pieces)))
		for _, p := range pieces {
			x0, x1 := g.x(p.Start), g.x(p.End)
			if x1-x0 < ganttMinBar {
				x1 = x0 + ganttMinBar
			}
			fmt.Fprintf(b, `<g class="piece" data-start="%s" data-end="%s">`, p.Start.Format(time.RFC3339), p.End.Format(time.RFC3339))
			barRect(b, bk.Status, x0, by, x1-x0, ganttBarHeight, c)
			b.WriteString(`</g>`)
		}
		next := right
		if i+1 < len(r.bookings) {
			next = g.x(r.bookings[i+1].Start)
		}
		if x0 := g.x(piecesOf(bk)[0].Start); labelFits(barLabel(bk), next-x0) {
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" font-size="9" fill="#111111" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">%s</text>`,
				x0+3, by+ganttBarHeight-4, esc(barLabel(bk)))
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</g>\n")
}

// ganttMinBar is the narrowest a segment is drawn, so a short piece on a
// long chart stays visible.
const ganttMinBar = 1.5

// ganttCharWidth is the width of a character of a bar label, roughly.
const ganttCharWidth = 5.2

// piecesOf returns a booking's pieces, or its span as one piece when it
// has none.
func piecesOf(bk schedule.Booking) []schedule.Piece {
	if len(bk.Pieces) == 0 {
		return []schedule.Piece{{Start: bk.Start, End: bk.End}}
	}
	return bk.Pieces
}

// barLabel names a booking inside its bar: the session and its episode
// ("directors-cut, Ep 3").
func barLabel(bk schedule.Booking) string { return bk.Name }

// labelFits reports whether label fits in width.
func labelFits(label string, width float64) bool {
	return label != "" && float64(len([]rune(label)))*ganttCharWidth < width-4
}

// pieceFormat is how a piece's times are written in a hover title.
const pieceFormat = "Mon 2 Jan 15:04"

// barTitle is a booking's hover title: its name, status, id, every piece
// and who and what is booked. "grade, Ep 1 (pencil, ep1/grade): Mon 8 Jun
// 09:00–19:00; Tue 9 Jun 09:00–19:00 · Grade 1, Inès Moreau".
func barTitle(bk schedule.Booking, pieces []schedule.Piece) string {
	parts := make([]string, len(pieces))
	for i, p := range pieces {
		parts[i] = pieceText(p)
	}
	return fmt.Sprintf("%s (%s, %s): %s · %s", bk.Name, bk.Status, bk.ID, strings.Join(parts, "; "),
		strings.Join(slices.Concat(bk.Suites, bk.People, bk.Artistes), ", "))
}

// pieceText writes a piece as people read it: "Mon 8 Jun 09:00–19:00",
// or with both dates when it runs past midnight.
func pieceText(p schedule.Piece) string {
	end := p.End.Format("15:04")
	if dayNumber(p.End.Add(-time.Nanosecond)) != dayNumber(p.Start) {
		end = p.End.Format(pieceFormat)
	}
	return p.Start.Format(pieceFormat) + "–" + end
}

// milestoneRow draws an episode's milestones as diamonds with labels.
func (g *gantt) milestoneRow(b *strings.Builder, episode string, y int) {
	label := episode
	if label == "" {
		label = g.s.Production
	}
	fmt.Fprintf(b, `<g class="row"><text x="14" y="%d">%s</text>`+"\n", y+14, esc(label))
	ms := slices.Clone(g.milestones[episode])
	slices.SortFunc(ms, func(a, b schedule.Milestone) int { return cmp.Compare(a.At.UnixNano(), b.At.UnixNano()) })
	for _, m := range ms {
		x := g.x(m.At)
		fmt.Fprintf(b, `<g><title>%s: %s</title>`, esc(m.Name), m.At.Format("Mon 2 Jan 15:04"))
		diamond(b, x, float64(y)+ganttRowHeight/2, g.colour(episode))
		fmt.Fprintf(b, `<text x="%.1f" y="%d" font-size="10">%s</text></g>`+"\n", x+8, y+14, esc(shortMilestone(m)))
	}
	b.WriteString("</g>\n")
}

// shortMilestone drops the episode from a milestone's name ("Picture
// lock, Ep 3" is "Picture lock" on ep3's row) and adds the date.
func shortMilestone(m schedule.Milestone) string {
	name := m.Name
	if i := strings.LastIndex(name, ", Ep "); i > 0 {
		name = name[:i]
	}
	name = strings.ReplaceAll(name, "-", " ")
	if name != "" {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	return name + " " + m.At.Add(-time.Minute).Format("2 Jan")
}

// barRect draws one segment of a booking in its status's style:
// confirmed solid; a pencil a light fill, hatched, with a dashed outline
// in the episode's colour; a second pencil fainter still, cross-hatched,
// with a dotted outline.
func barRect(b *strings.Builder, status booking.Status, x, y, w float64, h int, c string) {
	switch status {
	case booking.Confirmed:
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"/>`, x, y, w, h, c)
	case booking.SecondPencil:
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s" fill-opacity="0.3"/>`, x, y, w, h, c)
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="url(#second-pencil-hatch)" stroke="%s" stroke-width="0.8" stroke-dasharray="1,2"/>`, x, y, w, h, c)
	default:
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s" fill-opacity="0.55"/>`, x, y, w, h, c)
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="url(#pencil-hatch)" stroke="%s" stroke-width="0.8" stroke-dasharray="2,1"/>`, x, y, w, h, c)
	}
}

// diamond draws a milestone marker centred on (x, y).
func diamond(b *strings.Builder, x, y float64, c string) {
	fmt.Fprintf(b, `<path d="M%.1f %.1fl6 -6l6 6l-6 6z" fill="%s" stroke="#222222" stroke-width="0.8"/>`, x-6, y, c)
}

// esc escapes text for XML (SVG and XHTML), in text and in attribute
// values, with encoding/xml; characters XML cannot hold become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}
