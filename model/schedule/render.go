package schedule

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/pencil-post/pencil/model/booking"
	"github.com/pencil-post/pencil/model/compile"
)

// Formats understood by Write.
const (
	FormatTable = "table"
	FormatJSON  = "json"
	FormatCSV   = "csv"
)

// Formats lists the output formats, in the order help text shows them.
var Formats = []string{FormatTable, FormatJSON, FormatCSV}

// Write renders s in format (FormatTable, FormatJSON or FormatCSV).
func Write(w io.Writer, s *Schedule, format string) error {
	switch format {
	case FormatTable:
		return WriteTable(w, s)
	case FormatJSON:
		return WriteJSON(w, s)
	case FormatCSV:
		return WriteCSV(w, s)
	}
	return fmt.Errorf("schedule: unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// Time layouts of the renderings.
const (
	dayLayout   = "Mon 2 Jan"
	clockLayout = "15:04"
	// wallLayout is RFC 3339 with a numeric zone offset (+00:00, never Z):
	// wall-clock time in the production's zone.
	wallLayout = "2006-01-02T15:04:05-07:00"
)

// WriteTable renders the schedule for people: per suite, per person and per
// artiste, the milestones, the cost breakdown, the delivery date and
// "bound £X, gap Y%".
func WriteTable(w io.Writer, s *Schedule) error {
	// tabwriter writes cell by cell: unbuffered to a terminal or file
	// that is a write call per cell (a 40-episode series: 0.2 s).
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 4, 2, ' ', 0)
	p := func(format string, args ...any) { fmt.Fprintf(tw, format, args...) }
	p("%s — schedule (times %s)\n", s.Production, s.TimeZone)
	sections := []struct {
		title string
		who   func(Booking) []string
		with  func(Booking) []string
	}{
		{"Suites", func(b Booking) []string { return b.Suites }, func(b Booking) []string { return concat(b.People, b.Artistes) }},
		{"People", func(b Booking) []string { return b.People }, func(b Booking) []string { return concat(b.Suites, b.Artistes) }},
		{"Artistes", func(b Booking) []string { return b.Artistes }, func(b Booking) []string { return concat(b.Suites, b.People) }},
	}
	for _, sec := range sections {
		rows := map[string][]Booking{}
		for _, b := range s.Bookings {
			for _, name := range sec.who(b) {
				rows[name] = append(rows[name], b)
			}
		}
		if len(rows) == 0 {
			continue
		}
		p("\n%s\n", sec.title)
		for _, name := range sortedKeys(rows) {
			p("  %s\n", name)
			for _, b := range rows[name] {
				for _, run := range dailyRuns(b.Pieces) {
					p("    %s\t%s\t%s\t%s\n", run, b.Name, strings.Join(sec.with(b), ", "), b.Status)
				}
			}
		}
	}
	if len(s.Milestones) > 0 {
		p("\nMilestones\n")
		for _, m := range s.Milestones {
			p("  %s %s\t%s\n", m.At.Format(dayLayout), m.At.Format(clockLayout), m.Name)
		}
	}
	money := func(a float64) string { return compile.Money(s.Currency, a) }
	p("\nCost (%s)\n", s.Currency)
	for _, a := range s.Cost.Terms {
		if a.Amount != 0 {
			p("  %s\t%s\n", a.Name, money(a.Amount))
		}
	}
	p("  total\t%s\n", money(s.Cost.Total))
	for _, note := range s.Cost.WeightNotes() {
		p("  %s\n", note)
	}
	for _, part := range []struct {
		title string
		list  []Amount
	}{{"By production", s.Cost.Productions}, {"By department", s.Cost.Departments}, {"By suite, person and artiste", s.Cost.Resources}} {
		if nonZero(part.list) {
			p("\n%s\n", part.title)
			for _, a := range part.list {
				if a.Amount != 0 {
					p("  %s\t%s\n", a.Name, money(a.Amount))
				}
			}
		}
	}
	if len(s.Cost.Weeks) > 0 {
		p("\nBy week\n")
		for _, wk := range s.Cost.Weeks {
			p("  w/c %s\t%s\n", wk.Start.Format(dayLayout+" 2006"), money(wk.Amount))
		}
	}
	writeCashText(p, s.Cash, money)
	p("\nDelivery %s\n", s.Delivery.Format(dayLayout+" 2006 15:04"))
	if s.Cost.Objective != s.Cost.Total {
		// The bound is on the objective, spend plus the weights: say so,
		// and give neither in money.
		plain := func(a float64) string { return compile.Money("", a) }
		p("search objective %s (spend plus search weights), bound %s, gap %s\n", plain(s.Cost.Objective), plain(s.Bound), percent(s.Gap))
		writeGapText(p, s, plain)
	} else {
		p("bound %s, gap %s\n", money(s.Bound), percent(s.Gap))
		writeGapText(p, s, money)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// dailyRuns describes pieces for the table, folding consecutive pieces at
// the same hours on different days into one line:
//
//	Mon 2 Mar–Fri 20 Mar 09:00–19:00 (15 days)
func dailyRuns(pieces []Piece) []string {
	var out []string
	for i := 0; i < len(pieces); {
		first, j := pieces[i], i+1
		hours := first.Start.Format(clockLayout) + "–" + endClock(first)
		for j < len(pieces) && pieces[j].Start.Format(clockLayout)+"–"+endClock(pieces[j]) == hours &&
			pieces[j].Start.YearDay() != pieces[j-1].Start.YearDay() {
			j++
		}
		if n := j - i; n == 1 {
			out = append(out, first.Start.Format(dayLayout)+" "+hours)
		} else {
			out = append(out, fmt.Sprintf("%s–%s %s (%d days)", first.Start.Format(dayLayout), pieces[j-1].Start.Format(dayLayout), hours, n))
		}
		i = j
	}
	return out
}

// endClock prints a piece's end, 24:00 for midnight at the end of its
// day, "01:00 next day" for overtime that runs past midnight.
func endClock(pc Piece) string {
	if pc.End.Day() != pc.Start.Day() {
		if pc.End.Hour() == 0 && pc.End.Minute() == 0 {
			return "24:00"
		}
		return pc.End.Format(clockLayout) + " next day"
	}
	return pc.End.Format(clockLayout)
}

func percent(g float64) string { return strconv.FormatFloat(100*g, 'f', 1, 64) + "%" }

func concat(a, b []string) []string { return append(append([]string(nil), a...), b...) }

func nonZero(list []Amount) bool {
	return slices.ContainsFunc(list, func(a Amount) bool { return a.Amount != 0 })
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return keys
}

// The JSON rendering. Field names are stable; times are RFC 3339 wall-clock
// times with the production's offset, money is in Currency rounded to
// cents, dates are 2006-01-02.
type (
	jsonSchedule struct {
		Production string          `json:"production"`
		Currency   string          `json:"currency"`
		TimeZone   string          `json:"time_zone"`
		Delivery   string          `json:"delivery"`
		Bookings   []jsonBooking   `json:"bookings"`
		Milestones []jsonMilestone `json:"milestones"`
		Cost       jsonCost        `json:"cost"`
		Bound      jsonBound       `json:"bound"`
		Gap        float64         `json:"gap"`
		Search     jsonSearch      `json:"search"`
	}
	jsonBooking struct {
		ID       string         `json:"id"`
		Name     string         `json:"name"`
		Episode  string         `json:"episode,omitempty"`
		Status   booking.Status `json:"status"`
		Start    string         `json:"start"`
		End      string         `json:"end"`
		Hours    float64        `json:"hours"`
		Suites   []string       `json:"suites"`
		People   []string       `json:"people"`
		Artistes []string       `json:"artistes"`
		Cost     float64        `json:"cost"`
		Pieces   []jsonPiece    `json:"pieces"`
	}
	jsonPiece struct {
		Start string `json:"start"`
		End   string `json:"end"`
	}
	jsonMilestone struct {
		ID      string `json:"id"`
		Name    string `json:"name"`
		Episode string `json:"episode,omitempty"`
		At      string `json:"at"`
	}
	jsonCost struct {
		Total       float64      `json:"total"`
		Terms       []jsonAmount `json:"terms"`
		Weights     []jsonAmount `json:"search_weights"`
		Objective   float64      `json:"objective"`
		Departments []jsonAmount `json:"departments"`
		Productions []jsonAmount `json:"productions,omitempty"`
		Resources   []jsonAmount `json:"resources"`
		Weeks       []jsonWeek   `json:"weeks"`
		Cash        *jsonCash    `json:"cash,omitempty"`
	}
	jsonAmount struct {
		Name   string  `json:"name"`
		Amount float64 `json:"amount"`
	}
	jsonWeek struct {
		Start  string  `json:"start"`
		Amount float64 `json:"amount"`
	}
	jsonBound struct {
		Cost   float64    `json:"cost"`
		Method string     `json:"method"`
		Pools  []jsonPool `json:"pools,omitempty"`
	}
	jsonPool struct {
		Resources []string `json:"resources"`
		Cost      float64  `json:"cost"`
		Bound     float64  `json:"bound"`
	}
	jsonSearch struct {
		Iterations int    `json:"iterations"`
		Seed       uint64 `json:"seed"`
		Workers    int    `json:"workers"`
	}
)

// WriteJSON renders the schedule as one indented JSON object: production,
// currency, time_zone, delivery, bookings (id, name, episode, status,
// start, end, hours, suites, people, artistes, cost, pieces), milestones
// (id, name, episode, at), cost (total: the spend, the sum of terms;
// search_weights, the re-pencil disruption and makespan weight, not
// spend; objective, what the search minimised: total plus the weights;
// departments, resources, weeks, and cash when deposits are due: weeks of
// week, start, deposits, balances, due, and on_confirmation), bound (cost, a lower bound on the
// objective, method, and pools when the bound is split by pools of
// resources that stand in for each other: each pool's resources, this
// schedule's cost on them and their bound, the largest difference first), gap (a fraction: objective against bound) and
// search (iterations, seed, workers). Timings are left out so that one seed and iteration limit
// give one file.
func WriteJSON(w io.Writer, s *Schedule) error {
	out := jsonSchedule{
		Production: s.Production, Currency: s.Currency, TimeZone: s.TimeZone,
		Delivery:   s.Delivery.Format(wallLayout),
		Bookings:   []jsonBooking{},
		Milestones: []jsonMilestone{},
		Cost: jsonCost{
			Total: cents(s.Cost.Total), Terms: amounts(s.Cost.Terms),
			Weights: amounts(s.Cost.Weights), Objective: cents(s.Cost.Objective),
			Departments: amounts(s.Cost.Departments), Productions: amounts(s.Cost.Productions), Resources: amounts(s.Cost.Resources), Weeks: []jsonWeek{},
		},
		Bound:  jsonBound{Cost: cents(s.Bound), Method: s.BoundMethod},
		Gap:    round(s.Gap, 4),
		Search: jsonSearch{Iterations: s.Stats.Iterations, Seed: s.Stats.Seed, Workers: s.Stats.Workers},
	}
	if s.Cash.HasDeposits() {
		out.Cost.Cash = cashJSON(s.Cash)
	}
	for _, g := range s.Pools {
		out.Bound.Pools = append(out.Bound.Pools, jsonPool{Resources: g.Names, Cost: cents(g.Cost), Bound: cents(g.Bound)})
	}
	for _, b := range s.Bookings {
		jb := jsonBooking{
			ID: b.ID, Name: b.Name, Episode: b.Episode, Status: b.Status,
			Start: b.Start.Format(wallLayout), End: b.End.Format(wallLayout), Hours: round(b.Hours(), 2),
			Suites: nonNil(b.Suites), People: nonNil(b.People), Artistes: nonNil(b.Artistes),
			Cost: cents(b.Cost), Pieces: []jsonPiece{},
		}
		for _, pc := range b.Pieces {
			jb.Pieces = append(jb.Pieces, jsonPiece{Start: pc.Start.Format(wallLayout), End: pc.End.Format(wallLayout)})
		}
		out.Bookings = append(out.Bookings, jb)
	}
	for _, m := range s.Milestones {
		out.Milestones = append(out.Milestones, jsonMilestone{ID: m.ID, Name: m.Name, Episode: m.Episode, At: m.At.Format(wallLayout)})
	}
	for _, wk := range s.Cost.Weeks {
		out.Cost.Weeks = append(out.Cost.Weeks, jsonWeek{Start: wk.Start.Format(time.DateOnly), Amount: cents(wk.Amount)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func amounts(list []Amount) []jsonAmount {
	out := make([]jsonAmount, 0, len(list))
	for _, a := range list {
		out = append(out, jsonAmount{Name: a.Name, Amount: cents(a.Amount)})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func cents(a float64) float64 { return round(a, 2) }

func round(x float64, digits int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', digits, 64), 64)
	return v
}

// csvHeader names the CSV columns.
var csvHeader = []string{"id", "name", "episode", "status", "start", "end", "hours", "suites", "people", "artistes", "cost"}

// WriteCSV renders one row per booking and per milestone (status
// "milestone", start = end) under a header row: id, name, episode, status,
// start, end (RFC 3339 wall-clock), hours, suites, people, artistes (each
// "; "-separated) and cost (in the production's currency).
func WriteCSV(w io.Writer, s *Schedule) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(csvHeader)
	for _, b := range s.Bookings {
		_ = cw.Write([]string{
			b.ID, b.Name, b.Episode, string(b.Status), b.Start.Format(wallLayout), b.End.Format(wallLayout),
			strconv.FormatFloat(b.Hours(), 'f', 2, 64),
			strings.Join(b.Suites, "; "), strings.Join(b.People, "; "), strings.Join(b.Artistes, "; "),
			strconv.FormatFloat(b.Cost, 'f', 2, 64),
		})
	}
	for _, m := range s.Milestones {
		at := m.At.Format(wallLayout)
		_ = cw.Write([]string{m.ID, m.Name, m.Episode, "milestone", at, at, "0.00", "", "", "", "0.00"})
	}
	cw.Flush()
	return cw.Error()
}
