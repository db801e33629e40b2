package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/schedule"
)

// svgBooking is one booking's group in a Gantt chart, as a reader of the
// SVG sees it.
type svgBooking struct {
	id, status, title string
	hatch             []string // the fill of each segment's overlay, "" for solid
	pieces            []svgPiece
	label             string
}

// svgPiece is one bar segment: the dates it carries and where it is drawn.
type svgPiece struct {
	start, end string  // data-start, data-end
	x, width   float64 // of its first rect
}

// parseGantt reads every booking group of a Gantt SVG with encoding/xml.
func parseGantt(t *testing.T, svg []byte) []svgBooking {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	d.Strict = true
	var out []svgBooking
	var cur *svgBooking
	var inTitle, inLabel bool
	depth, bookingDepth := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			a := map[string]string{}
			for _, at := range tok.Attr {
				a[at.Name.Local] = at.Value
			}
			switch {
			case tok.Name.Local == "g" && a["class"] == "booking":
				out = append(out, svgBooking{id: a["data-id"], status: a["data-status"]})
				cur, bookingDepth = &out[len(out)-1], depth
			case cur == nil:
			case tok.Name.Local == "title":
				inTitle = true
			case tok.Name.Local == "g" && a["class"] == "piece":
				cur.pieces = append(cur.pieces, svgPiece{start: a["data-start"], end: a["data-end"], x: -1})
				cur.hatch = append(cur.hatch, "")
			case tok.Name.Local == "rect" && len(cur.pieces) > 0:
				p := &cur.pieces[len(cur.pieces)-1]
				if p.x < 0 {
					fmt.Sscan(a["x"], &p.x)
					fmt.Sscan(a["width"], &p.width)
				} else {
					cur.hatch[len(cur.hatch)-1] = a["fill"]
				}
			case tok.Name.Local == "text":
				inLabel = true
			}
		case xml.EndElement:
			if depth == bookingDepth {
				cur, bookingDepth = nil, 0
			}
			depth--
			inTitle, inLabel = false, false
		case xml.CharData:
			switch {
			case cur != nil && inTitle:
				cur.title += string(tok)
			case cur != nil && inLabel:
				cur.label += string(tok)
			}
		}
	}
}

// committedFixture is the fixture as the booking store could hold it: a
// second pencil, a grade split over a weekend, a piece past midnight and
// no milestones.
func committedFixture() *schedule.Schedule {
	s := fixtureSchedule()
	s.Milestones = nil
	s.Bookings[1].Pieces = []schedule.Piece{day(5), day(8)} // Fri and Mon
	s.Bookings[1].Start, s.Bookings[1].End = at(5, 9), at(8, 19)
	s.Bookings[2].Status = booking.SecondPencil
	s.Bookings[3].Pieces = []schedule.Piece{{Start: at(15, 14), End: at(16, 2)}}
	s.Bookings[3].Start, s.Bookings[3].End = at(15, 14), at(16, 2)
	return s
}

// TestGanttTruth checks every bar of the chart against the schedule it
// draws: each booking is drawn once on each of its rows, in its status's
// style, with one segment per piece carrying the piece's exact start and
// end and drawn where they fall, and a hover title naming every piece.
func TestGanttTruth(t *testing.T) {
	for _, tt := range []struct {
		name string
		s    *schedule.Schedule
		o    Origin
	}{
		{"fresh solve", fixtureSchedule(), Origin{}},
		{"committed plan", committedFixture(), Origin{Committed: true, Run: 7, At: at(3, 10)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteGanttSVG(&b, tt.s, tt.o); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), esc(tt.o.String())) {
				t.Errorf("the chart does not say it is a %s", tt.o)
			}
			bars := parseGantt(t, b.Bytes())
			g := newGantt(tt.s)
			n := 0
			for _, bk := range tt.s.Bookings {
				rows := len(bk.Suites) + len(bk.People) + len(bk.Artistes)
				n += rows
				drawn := 0
				for _, bar := range bars {
					if bar.id == bk.ID {
						checkBar(t, g, bk, bar)
						drawn++
					}
				}
				if drawn != rows {
					t.Errorf("%s is drawn %d times, want once on each of its %d rows", bk.ID, drawn, rows)
				}
			}
			if len(bars) != n {
				t.Errorf("%d bars, want %d", len(bars), n)
			}
		})
	}
}

// checkBar compares one drawn bar with the booking it stands for.
func checkBar(t *testing.T, g *gantt, bk schedule.Booking, bar svgBooking) {
	t.Helper()
	wantHatch := map[booking.Status]string{booking.Confirmed: "", booking.Pencil: "url(#pencil-hatch)",
		booking.SecondPencil: "url(#second-pencil-hatch)"}[bk.Status]
	if bar.status != string(bk.Status) {
		t.Errorf("%s drawn as %q, want %q", bk.ID, bar.status, bk.Status)
	}
	if len(bar.pieces) != len(bk.Pieces) {
		t.Fatalf("%s has %d segments for %d pieces", bk.ID, len(bar.pieces), len(bk.Pieces))
	}
	if !strings.Contains(bar.title, bk.Name) || !strings.Contains(bar.title, "("+string(bk.Status)+",") {
		t.Errorf("%s: title %q does not name the session and its status", bk.ID, bar.title)
	}
	for i, p := range bk.Pieces {
		got := bar.pieces[i]
		if got.start != p.Start.Format(time.RFC3339) || got.end != p.End.Format(time.RFC3339) {
			t.Errorf("%s piece %d is drawn %s–%s, want %s–%s", bk.ID, i, got.start, got.end, p.Start.Format(time.RFC3339), p.End.Format(time.RFC3339))
		}
		if x0, x1 := round1(g.x(p.Start)), round1(g.x(p.End)); got.x != x0 || got.x+got.width < x1-0.11 {
			t.Errorf("%s piece %d is drawn from x %.1f width %.1f, want %.1f to %.1f", bk.ID, i, got.x, got.width, x0, x1)
		}
		if bar.hatch[i] != wantHatch {
			t.Errorf("%s piece %d is styled %q, want %q for a %s", bk.ID, i, bar.hatch[i], wantHatch, bk.Status)
		}
		if !strings.Contains(bar.title, pieceText(p)) {
			t.Errorf("%s: title %q does not give piece %q", bk.ID, bar.title, pieceText(p))
		}
	}
	if bar.label != "" && bar.label != bk.Name {
		t.Errorf("%s is labelled %q, want %q", bk.ID, bar.label, bk.Name)
	}
}

func round1(x float64) float64 {
	var r float64
	fmt.Sscan(fmt.Sprintf("%.1f", x), &r)
	return r
}

func TestPieceText(t *testing.T) {
	for _, tt := range []struct {
		p    schedule.Piece
		want string
	}{
		{day(8), "Mon 8 Jun 09:00–19:00"},
		{schedule.Piece{Start: at(15, 14), End: at(16, 0)}, "Mon 15 Jun 14:00–00:00"},
		{schedule.Piece{Start: at(15, 14), End: at(16, 2)}, "Mon 15 Jun 14:00–Tue 16 Jun 02:00"},
	} {
		if got := pieceText(tt.p); got != tt.want {
			t.Errorf("pieceText(%v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestOriginString(t *testing.T) {
	for _, tt := range []struct {
		o    Origin
		want string
	}{
		{Origin{}, "fresh solve, not committed"},
		{Origin{Note: "no booking store"}, "fresh solve, not committed (no booking store)"},
		{Origin{Committed: true, Run: 7, At: at(3, 10)}, "committed plan, run 7 of 3 Jun 2026 10:00"},
		{Origin{Committed: true, Run: 7}, "committed plan, run 7"},
		{Origin{Committed: true}, "committed plan"},
	} {
		if got := tt.o.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.o, got, tt.want)
		}
	}
}
