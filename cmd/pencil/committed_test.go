package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/pencil-post/pencil/model"
	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/report"
	"github.com/pencil-post/pencil/model/schedule"
	"github.com/pencil-post/pencil/model/store"
)

func TestCommittedSchedule(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	p := &model.Project{Name: "Harbour Lights", Calendar: model.Calendar{Location: london},
		Productions: []*model.Production{{Name: "Harbour Lights", Currency: "GBP"}},
		Suites:      []*model.Suite{{ID: "grade-a", Name: "Grade A"}},
		People:      []*model.Person{{ID: "ines", Name: "Inès Moreau"}},
		Artistes:    []*model.Artiste{{ID: "maya", Name: "Maya Rees"}}}
	utc := func(d, h int) time.Time { return time.Date(2026, 6, d, h, 0, 0, 0, time.UTC) }
	piece := func(d, from, to int) store.Piece { return store.Piece{Start: utc(d, from), End: utc(d, to)} }
	for _, tt := range []struct {
		name     string
		in       store.Booking
		recorded map[string]string
		want     schedule.Booking
	}{{
		name: "a split grade, confirmed, named from the project",
		in: store.Booking{ID: "B-1", Session: "grade", Episode: "3", Status: booking.Confirmed, Suite: "grade-a", People: []string{"ines"},
			Start: utc(5, 8), End: utc(8, 18), Pieces: []store.Piece{piece(5, 8, 18), piece(8, 8, 18)}},
		want: schedule.Booking{ID: "B-1", Name: "grade Ep 3", Episode: "ep3", Status: booking.Confirmed,
			Start: utc(5, 8).In(london), End: utc(8, 18).In(london),
			Pieces: []schedule.Piece{{Start: utc(5, 8).In(london), End: utc(5, 18).In(london)}, {Start: utc(8, 8).In(london), End: utc(8, 18).In(london)}},
			Suites: []string{"Grade A"}, People: []string{"Inès Moreau"}},
	}, {
		name: "remote ADR in two rooms: both named, the second as recorded",
		in: store.Booking{ID: "B-3", Session: "adr", Status: booking.Pencil, Suite: "grade-a", ExtraSuites: []string{"glasgow"},
			Artistes: []string{"maya"}, Start: utc(10, 13), End: utc(10, 17), Pieces: []store.Piece{piece(10, 13, 17)}},
		recorded: map[string]string{"glasgow": "Glasgow Remote Stage"},
		want: schedule.Booking{ID: "B-3", Name: "adr", Status: booking.Pencil, Start: utc(10, 13).In(london), End: utc(10, 17).In(london),
			Pieces: []schedule.Piece{{Start: utc(10, 13).In(london), End: utc(10, 17).In(london)}},
			Suites: []string{"Grade A", "Glasgow Remote Stage"}, Artistes: []string{"Maya Rees"}},
	}, {
		name: "a second pencil whose people left the project: names as recorded, else ids",
		in: store.Booking{ID: "B-2", Session: "adr", Status: booking.SecondPencil, People: []string{"ola", "zed"}, Artistes: []string{"maya"},
			Start: utc(9, 9), End: utc(9, 13), Pieces: []store.Piece{piece(9, 9, 13)}},
		recorded: map[string]string{"ola": "Ola Berg"},
		want: schedule.Booking{ID: "B-2", Name: "adr", Status: booking.SecondPencil, Start: utc(9, 9).In(london), End: utc(9, 13).In(london),
			Pieces: []schedule.Piece{{Start: utc(9, 9).In(london), End: utc(9, 13).In(london)}},
			People: []string{"Ola Berg", "zed"}, Artistes: []string{"Maya Rees"}},
	}} {
		t.Run(tt.name, func(t *testing.T) {
			s := committedSchedule(p, []store.Booking{tt.in}, tt.recorded)
			if s.Production != "Harbour Lights" || s.TimeZone != "Europe/London" || s.Currency != "GBP" || len(s.Bookings) != 1 {
				t.Fatalf("schedule %+v", s)
			}
			got := s.Bookings[0]
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || got.Start.Location() != london || got.Pieces[0].Start.Location() != london {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if !s.Delivery.Equal(tt.in.End) {
				t.Errorf("delivery %v, want %v", s.Delivery, tt.in.End)
			}
		})
	}
}

// drawnBar is a booking's group in a Gantt SVG: its id, status and the
// dates of its segments.
type drawnBar struct {
	status string
	pieces []string // "start/end", RFC 3339
}

// drawnBars reads the bars of a Gantt SVG by booking id.
func drawnBars(t *testing.T, svg []byte) map[string][]drawnBar {
	t.Helper()
	out := map[string][]drawnBar{}
	var cur *drawnBar
	var id string
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed SVG: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "g" {
			continue
		}
		a := map[string]string{}
		for _, at := range el.Attr {
			a[at.Name.Local] = at.Value
		}
		switch a["class"] {
		case "booking":
			if cur != nil {
				out[id] = append(out[id], *cur)
			}
			id, cur = a["data-id"], &drawnBar{status: a["data-status"]}
		case "piece":
			cur.pieces = append(cur.pieces, a["data-start"]+"/"+a["data-end"])
		}
	}
	if cur != nil {
		out[id] = append(out[id], *cur)
	}
	return out
}

// TestCommittedPlanCLI solves the series into a store, confirms a
// booking, and checks that gantt and export xlsx show the store's
// bookings — the confirmed one as confirmed — with their exact pieces,
// that --fresh draws a fresh solve, and that a store without the
// production's bookings is refused with a hint.
func TestCommittedPlanCLI(t *testing.T) {
	const series = "../../testdata/series.yaml"
	dir := t.TempDir()
	db := filepath.Join(dir, "plan.db")
	solve := []string{"solve", series, "--store", db, "--now", "2026-06-01", "--iterations", "200", "--time-limit", "0", "--workers", "1", "--log-level", "error"}
	if code, _, stderr := pencil(t, solve...); code != exitOK {
		t.Fatalf("solve: exit %d\n%s", code, stderr)
	}
	st := openTestStore(t, db)
	all, err := st.Bookings(context.Background(), store.Filter{Production: "Harbour Lights", Statuses: livePlan})
	if err != nil || len(all) == 0 {
		t.Fatalf("bookings: %d, %v", len(all), err)
	}
	i := slices.IndexFunc(all, func(b store.Booking) bool { return b.Status == booking.Pencil })
	if i < 0 {
		t.Fatal("no pencil to confirm")
	}
	confirmed := all[i].ID
	pencilExpect(t, exitOK, confirmed, "confirm", confirmed, "--store", db, "--reason", "agent said yes", "--who", "jo", "--log-level", "error")
	all, err = st.Bookings(context.Background(), store.Filter{Production: "Harbour Lights", Statuses: livePlan})
	if err != nil {
		t.Fatal(err)
	}
	if b := storedBooking(t, st, confirmed); b.Status != booking.Confirmed {
		t.Fatalf("%s is %s after confirm", confirmed, b.Status)
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("gantt", func(t *testing.T) {
		code, out, stderr := pencil(t, "gantt", series, "--store", db, "--svg", "--log-level", "error")
		if code != exitOK {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if !strings.Contains(out, "committed plan, run 1 of 19 Oct 2026 09:00") {
			t.Errorf("the chart does not say it is the committed plan of run 1")
		}
		bars := drawnBars(t, []byte(out))
		for _, b := range all {
			var want []string
			for _, p := range b.Pieces {
				want = append(want, p.Start.In(london).Format(time.RFC3339)+"/"+p.End.In(london).Format(time.RFC3339))
			}
			rows := len(b.People) + len(b.Artistes)
			if b.Suite != "" {
				rows++
			}
			if len(bars[b.ID]) != rows {
				t.Errorf("%s is drawn %d times, want on each of its %d rows", b.ID, len(bars[b.ID]), rows)
			}
			for _, bar := range bars[b.ID] {
				if bar.status != string(b.Status) || !slices.Equal(bar.pieces, want) {
					t.Errorf("%s drawn as %s %q, want %s %q", b.ID, bar.status, bar.pieces, b.Status, want)
				}
			}
		}
		if bars[confirmed][0].status != string(booking.Confirmed) {
			t.Errorf("the confirmed %s is drawn %s", confirmed, bars[confirmed][0].status)
		}
	})

	t.Run("export xlsx", func(t *testing.T) {
		file := filepath.Join(dir, "plan.xlsx")
		pencilExpect(t, exitOK, "", "export", "xlsx", series, "--store", db, "--out", file, "--log-level", "error")
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); !slices.Equal(got, []string{report.SheetBySuite, report.SheetByPerson, report.SheetAbout}) {
			t.Errorf("sheets %q: a committed plan has no Cost sheet", got)
		}
		byID := map[string]store.Booking{}
		for _, b := range all {
			byID[b.ID] = b
		}
		for _, sheet := range []string{report.SheetBySuite, report.SheetByPerson} {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			seen := 0
			for _, r := range rows[1:] {
				b, ok := byID[r[1]]
				var n, of int
				if _, err := fmt.Sscanf(r[5], "%d of %d", &n, &of); !ok || err != nil || of != len(b.Pieces) || n < 1 || n > of {
					t.Errorf("%s row %q is no piece of a live booking", sheet, r)
					continue
				}
				p := b.Pieces[n-1]
				if r[4] != string(b.Status) || r[6] != p.Start.In(london).Format("2006-01-02 15:04") || r[7] != p.End.In(london).Format("2006-01-02 15:04") {
					t.Errorf("%s row %q, want %s %v–%v", sheet, r, b.Status, p.Start.In(london), p.End.In(london))
				}
				if r[1] == confirmed {
					seen++
				}
			}
			if seen == 0 {
				t.Errorf("%s has no row of the confirmed %s", sheet, confirmed)
			}
		}
	})

	t.Run("fresh", func(t *testing.T) {
		code, out, stderr := pencil(t, "gantt", series, "--fresh", "--svg", "--iterations", "50", "--time-limit", "0", "--log-level", "error", "--now", "2026-06-01")
		if code != exitOK || !strings.Contains(out, "fresh solve, not committed") || strings.Contains(out, confirmed) {
			t.Errorf("--fresh: exit %d, fresh %v, store ids %v\n%s", code, strings.Contains(out, "fresh solve, not committed"), strings.Contains(out, confirmed), stderr)
		}
		pencilExpect(t, exitInvalid, "give one or the other", "gantt", series, "--fresh", "--store", db)
	})

	t.Run("no store yet", func(t *testing.T) {
		file := project(t, t.TempDir(), "testdata/short.yaml", "short.yaml")
		want := "fresh solve, not committed (" + noStoreNote + ")"
		pencilExpect(t, exitOK, want, "gantt", file, "--svg", "--iterations", "50", "--time-limit", "0", "--log-level", "error", "--now", "2026-10-19T08:00:00Z")
	})

	t.Run("no bookings of the production", func(t *testing.T) {
		other := filepath.Join(dir, "short.db")
		if code, _, stderr := pencil(t, append([]string{"solve", "testdata/short.yaml", "--store", other}, repencilArgs...)...); code != exitOK {
			t.Fatalf("solve short: exit %d\n%s", code, stderr)
		}
		pencilExpect(t, exitError, `holds no live bookings of "Harbour Lights"`, "gantt", series, "--store", other)
		pencilExpect(t, exitError, "--fresh", "export", "xlsx", series, "--store", other, "--out", filepath.Join(dir, "x.xlsx"))
		pencilExpect(t, exitError, "no booking store there", "gantt", series, "--store", filepath.Join(dir, "missing.db"))
	})
}
