package callsheet

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// Formats understood by Write.
const (
	FormatText = "text"
	FormatCSV  = "csv"
	FormatJSON = "json"
)

// Formats lists the output formats, the default first.
var Formats = []string{FormatText, FormatCSV, FormatJSON}

// Write renders s in format (FormatText, FormatCSV or FormatJSON).
func Write(w io.Writer, s Sheet, format string) error {
	switch format {
	case FormatText, "":
		return WriteText(w, s)
	case FormatCSV:
		return WriteCSV(w, s)
	case FormatJSON:
		return WriteJSON(w, s)
	}
	return fmt.Errorf("callsheet: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// dateLayout is the day as a heading says it.
const dateLayout = "Mon 2 Jan 2006"

// WriteText renders the sheet for people: a heading with the day and
// zone, then each person, artiste and suite with their call and wrap and
// what they do, hour by hour; "nothing booked" for an empty day.
func WriteText(w io.Writer, s Sheet) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 4, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	item := func(it Item) {
		p("    %s\t%s\t%s\t%s\t%s\n", s.span(it.Start, it.End), it.words(), strings.Join(it.Suites, " + "), it.Booking, statusWords(it.Status))
	}
	p("%s — call sheet for %s (times %s)\n", s.Production, s.Day.Format(dateLayout), s.Day.Location())
	if s.Empty() {
		p("Nothing booked: nobody is called on %s.\n", s.Day.Format(dateLayout))
	}
	titles := map[string]string{KindPerson: "People", KindArtiste: "Artistes", KindSuite: "Suites"}
	kind := ""
	for _, c := range s.Calls {
		if c.Kind != kind {
			kind = c.Kind
			p("\n%s\n", titles[kind])
		}
		p("  %s: call %s, wrap %s\n", c.Who.Label(), s.clock(c.Call, false), s.clock(c.Wrap, true))
		for _, it := range c.Items {
			item(it)
		}
	}
	if len(s.Held) > 0 {
		p("\nHeld, nobody called (second pencils behind another booking)\n")
		for _, it := range s.Held {
			item(it)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Cells left empty (a journey has no suite or status) leave padding
	// at the ends of lines.
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+strings.Repeat("\n", strings.Count(line, "\n"))); err != nil {
			return err
		}
	}
	return nil
}

// wallLayout is RFC 3339 with a numeric offset: wall-clock time in the
// production's zone.
const wallLayout = "2006-01-02T15:04:05-07:00"

// csvHeader names the CSV columns.
var csvHeader = []string{"kind", "id", "name", "call", "wrap", "start", "end", "what", "suites", "booking", "status"}

// WriteCSV writes one row per session piece and journey, with its
// person's, artiste's or suite's call and wrap; second pencils held that
// day are rows of kind "held". Times are RFC 3339 in the production's
// zone. An empty day is the header alone.
func WriteCSV(w io.Writer, s Sheet) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(csvHeader)
	row := func(kind string, who Ref, call, wrap string, it Item) {
		_ = cw.Write([]string{kind, who.ID, who.Name, call, wrap, wall(it.Start), wall(it.End), it.words(),
			strings.Join(it.Suites, "; "), it.Booking, it.Status.String()})
	}
	for _, c := range s.Calls {
		for _, it := range c.Items {
			row(c.Kind, c.Who, wall(c.Call), wall(c.Wrap), it)
		}
	}
	for _, it := range s.Held {
		row("held", Ref{}, "", "", it)
	}
	cw.Flush()
	return cw.Error()
}

// The JSON rendering; field names are stable.
type (
	jsonSheet struct {
		Production string     `json:"production"`
		Day        string     `json:"day"`
		TimeZone   string     `json:"time_zone"`
		From       string     `json:"from"`
		To         string     `json:"to"`
		Calls      []jsonCall `json:"calls"`
		Held       []jsonItem `json:"held"`
	}
	jsonCall struct {
		Kind  string     `json:"kind"`
		ID    string     `json:"id"`
		Name  string     `json:"name,omitempty"`
		Call  string     `json:"call"`
		Wrap  string     `json:"wrap"`
		Items []jsonItem `json:"items"`
	}
	jsonItem struct {
		Start   string   `json:"start"`
		End     string   `json:"end"`
		Journey string   `json:"journey,omitempty"`
		To      string   `json:"to,omitempty"`
		Session string   `json:"session,omitempty"`
		Suites  []string `json:"suites,omitempty"`
		Booking string   `json:"booking"`
		Status  string   `json:"status,omitempty"`
	}
)

// WriteJSON writes the sheet as one JSON object; times are RFC 3339 in
// the production's zone, and an empty day has empty calls.
func WriteJSON(w io.Writer, s Sheet) error {
	item := func(it Item) jsonItem {
		return jsonItem{Start: wall(it.Start), End: wall(it.End), Journey: it.Journey, To: it.To, Session: it.What,
			Suites: it.Suites, Booking: it.Booking, Status: it.Status.String()}
	}
	out := jsonSheet{Production: s.Production, Day: s.Day.Format(time.DateOnly), TimeZone: s.Day.Location().String(),
		From: wall(s.From), To: wall(s.To), Calls: []jsonCall{}, Held: []jsonItem{}}
	for _, c := range s.Calls {
		jc := jsonCall{Kind: c.Kind, ID: c.Who.ID, Name: c.Who.Name, Call: wall(c.Call), Wrap: wall(c.Wrap)}
		for _, it := range c.Items {
			jc.Items = append(jc.Items, item(it))
		}
		out.Calls = append(out.Calls, jc)
	}
	for _, it := range s.Held {
		out.Held = append(out.Held, item(it))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// wall is t as RFC 3339 wall-clock time, "" when zero.
func wall(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(wallLayout)
}
