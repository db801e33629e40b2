package model

import (
	"fmt"
)

// writtenHours are a calendar's hours and where they are written.
type writtenHours struct {
	at at
	r  ClockRange
}

// dayStart is the time of day every working day starts
// (Project.DayStart), worked out when validation begins.
func (l *loader) dayStart() Clock {
	return l.dayStartsAt
}

// checkDayStart refuses calendar hours that start before the working
// day does. A night's work past midnight, overtime or hours written
// across it ("22:00-02:00"), belongs to the day it starts on, so every
// working day runs from the latest such end to the same time the next
// morning; hours starting earlier would fall in two working days.
// Suites' and agents' hours may: they only say when a room or an
// artiste can be had.
func (l *loader) checkDayStart() {
	start := l.dayStart()
	if start == 0 {
		return
	}
	for _, h := range l.hours {
		if h.r.Start < start {
			h.at.errorf(l.dayStartHint(), "hours %s start at %s, before the working day starts at %s", h.r, h.r.Start, start)
		}
	}
}

// dayStartHint says why the working day starts where it does, for hours
// that start before it.
func (l *loader) dayStartHint() string {
	start := l.dayStart()
	return fmt.Sprintf("work past midnight in this file runs to %s, so each working day runs from %s to %s the next morning: start these hours at %s or later, or end the night earlier",
		start, start, start, start)
}
