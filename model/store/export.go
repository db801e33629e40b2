package store

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// bookingsHeader names the columns of WriteBookingsCSV.
var bookingsHeader = []string{"id", "production", "session", "episode", "status", "start", "end", "suite",
	"people", "artistes", "sequence", "run", "note"}

// WriteBookingsCSV writes bookings, such as those Bookings returns, one per
// row for spreadsheets and other tools. People and artistes are ids joined
// by ";"; times are RFC 3339 in o.Location.
func WriteBookingsCSV(w io.Writer, bs []Booking, o RenderOptions) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(bookingsHeader) // errors surface from cw.Error below
	for _, b := range bs {
		_ = cw.Write([]string{b.ID, b.Production, b.Session, b.Episode, string(b.Status),
			b.Start.In(o.loc()).Format(time.RFC3339), b.End.In(o.loc()).Format(time.RFC3339), strings.Join(b.Suites(), ";"),
			strings.Join(b.People, ";"), strings.Join(b.Artistes, ";"), strconv.Itoa(b.Sequence),
			strconv.FormatInt(b.RunID, 10), b.Note})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("store: write bookings CSV: %w", err)
	}
	return nil
}

// WriteBookingsJSON writes bookings as an indented JSON array, times in UTC.
func WriteBookingsJSON(w io.Writer, bs []Booking) error {
	if bs == nil {
		bs = []Booking{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(bs); err != nil {
		return fmt.Errorf("store: write bookings JSON: %w", err)
	}
	return nil
}
