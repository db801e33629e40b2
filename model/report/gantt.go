package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

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
	ganttLegendH     = 30
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
// by episode (pencils hatched and lighter, confirmed bookings solid),
// milestones as labelled diamonds, and a legend. The SVG is
// self-contained and sized for the screen and for printing landscape.
func WriteGanttSVG(w io.Writer, s *schedule.Schedule) error {
	g := newGantt(s)
	var b strings.Builder
	rows := len(g.suites) + len(g.people) + len(g.mileRows) + 3 // three section headings
	width := ganttLabelWidth + int(float64(g.days)*g.dayWidth) + ganttRightMargin
	height := ganttLegendH + ganttAxisHeight + rows*ganttRowHeight + 10
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="11">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, `<title>%s schedule</title>`+"\n", esc(s.Production))
	b.WriteString(`<defs><pattern id="pencil-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2.5"/></pattern></defs>` + "\n")
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	g.legend(&b)
	top := ganttLegendH + ganttAxisHeight
	bottom := top + rows*ganttRowHeight
	g.axis(&b, ganttLegendH, bottom)
	y := top
	y = g.section(&b, "Milestones", y, width)
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

// legend explains colours, hatching and diamonds.
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
		pencilRect(b, x, 9, 22, 12, "#555555")
		return x + 22
	}, "pencil")
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

// bookingRow draws one suite's or person's bookings.
func (g *gantt) bookingRow(b *strings.Builder, r ganttRow, y int) {
	fmt.Fprintf(b, `<g class="row"><text x="14" y="%d">%s</text>`+"\n", y+14, esc(r.name))
	fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%.1f" y2="%d" stroke="#eeeeee"/>`+"\n", ganttLabelWidth, y+ganttRowHeight, ganttLabelWidth+float64(g.days)*g.dayWidth, y+ganttRowHeight)
	by := float64(y + (ganttRowHeight-ganttBarHeight)/2)
	for _, bk := range r.bookings {
		c := g.colour(bk.Episode)
		tip := fmt.Sprintf("%s (%s): %s – %s, %s", bk.Name, bk.Status, bk.Start.Format("Mon 2 Jan 15:04"), bk.End.Format("Mon 2 Jan 15:04"),
			strings.Join(slices.Concat(bk.Suites, bk.People, bk.Artistes), ", "))
		fmt.Fprintf(b, `<g><title>%s</title>`, esc(tip))
		pieces := bk.Pieces
		if len(pieces) == 0 {
			pieces = []schedule.Piece{{Start: bk.Start, End: bk.End}}
		}
		for _, p := range pieces {
			x0, x1 := g.x(p.Start), g.x(p.End)
			if x1-x0 < 1.5 {
				x1 = x0 + 1.5
			}
			if bk.Status == schedule.StatusConfirmed {
				fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"/>`, x0, by, x1-x0, ganttBarHeight, c)
			} else {
				pencilRect(b, x0, by, x1-x0, ganttBarHeight, c)
			}
		}
		if label := barLabel(bk); float64(len([]rune(label)))*ganttCharWidth < g.x(bk.End)-g.x(bk.Start)-4 {
			fmt.Fprintf(b, `<text x="%.1f" y="%.1f" font-size="9" fill="#111111" stroke="#ffffff" stroke-width="2.5" paint-order="stroke">%s</text>`,
				g.x(bk.Start)+3, by+ganttBarHeight-4, esc(label))
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</g>\n")
}

// ganttCharWidth is the width of a character of a bar label, roughly.
const ganttCharWidth = 5.2

// barLabel names a booking inside its bar: the session id with spaces
// ("ep3 directors-cut").
func barLabel(bk schedule.Booking) string { return strings.ReplaceAll(bk.ID, "/", " ") }

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

// pencilRect draws a pencilled booking: a light fill, hatched, with a
// dashed outline in the episode's colour.
func pencilRect(b *strings.Builder, x, y, w float64, h int, c string) {
	fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s" fill-opacity="0.55"/>`, x, y, w, h, c)
	fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="url(#pencil-hatch)" stroke="%s" stroke-width="0.8" stroke-dasharray="2,1"/>`, x, y, w, h, c)
}

// diamond draws a milestone marker centred on (x, y).
func diamond(b *strings.Builder, x, y float64, c string) {
	fmt.Fprintf(b, `<path d="M%.1f %.1fl6 -6l6 6l-6 6z" fill="%s" stroke="#222222" stroke-width="0.8"/>`, x-6, y, c)
}

// esc escapes text for XML.
func esc(s string) string { return xmlEscaper.Replace(s) }

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")
