package report

import (
	"fmt"
	"time"
)

// Origin says where a drawn schedule comes from, so that nobody mistakes
// a proposal for what people have been told. Every Gantt chart and
// workbook prints it. The zero Origin is a fresh solve.
type Origin struct {
	// Committed is set for the plan in the booking store: the bookings
	// people were told about, with the confirms and releases made by hand
	// since. Unset, the schedule is a fresh solve that nobody was told.
	Committed bool
	// Run is the last committed run the plan comes from, and At its time
	// in the production's time zone; 0 and zero when unknown.
	Run int64
	At  time.Time
	// Note is added after the origin, e.g. why there is no store.
	Note string
}

// originAtFormat is how a run's time is written: 3 Jun 2026 10:02.
const originAtFormat = "2 Jan 2006 15:04"

// String is the origin in a few words: "committed plan, run 7 of 3 Jun
// 2026 10:02" or "fresh solve, not committed".
func (o Origin) String() string {
	s := "fresh solve, not committed"
	switch {
	case o.Committed && o.Run > 0 && !o.At.IsZero():
		s = fmt.Sprintf("committed plan, run %d of %s", o.Run, o.At.Format(originAtFormat))
	case o.Committed && o.Run > 0:
		s = fmt.Sprintf("committed plan, run %d", o.Run)
	case o.Committed:
		s = "committed plan"
	}
	if o.Note != "" {
		s += " (" + o.Note + ")"
	}
	return s
}

// costNote says why a committed plan has no costs.
const costNote = "costs are not kept with bookings: pencil export xlsx --fresh prices a solve"
