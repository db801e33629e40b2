package model

import "time"

// dayHours returns the hours a session may use in a day before its own
// window: the named suite's hours, else the production's day up to the
// session's overtime limit; and how to name them.
func dayHours(s *Session) (ClockRange, string) {
	if s.Suite != nil && !s.Suite.Hours.IsZero() {
		return s.Suite.Hours, "the hours of " + s.Suite.ID
	}
	cal := s.Production.Calendar
	return ClockRange{cal.Hours.Start, max(cal.Hours.End, s.OvertimeUntil)}, "the production's hours"
}

// sessionSpan is the part of a day a session may run in: its window, or
// dayHours.
func sessionSpan(s *Session) ClockRange {
	if !s.Window.IsZero() {
		return s.Window
	}
	h, _ := dayHours(s)
	return h
}

// needOnOneDay is the work a session must find in one day: all of it
// unless it splits, else its minimum piece.
func needOnOneDay(s *Session) time.Duration {
	if !s.Split {
		return s.Duration
	}
	return min(max(s.MinChunk, s.Production.Calendar.Slot), s.Duration)
}

// artisteFits reports whether the artiste has offered a day, between the
// session's earliest start and deadline and on which the session may
// work, with enough offered hours inside the session's span; with a
// travel time, enough of them after the journey there or before the
// journey home (the other side may be a day of the same visit).
func artisteFits(a *Artiste, s *Session, travel time.Duration) bool {
	cal := s.Production.Calendar
	first := DateOf(s.Release.In(cal.Location))
	last := DateOf(s.Deadline.In(cal.Location).Add(-time.Minute))
	span, need := sessionSpan(s), needOnOneDay(s)
	for _, av := range a.Available {
		offered := span
		if h := av.OfferedHours(cal); travel > 0 {
			t := Clock(travel / time.Minute)
			there := ClockRange{max(span.Start, h.Start+t), min(span.End, h.End)}
			home := ClockRange{max(span.Start, h.Start), min(span.End, h.End-t)}
			if there.Length() < need && home.Length() < need {
				continue
			}
		} else if !av.Hours.IsZero() {
			offered = ClockRange{max(span.Start, av.Hours.Start), min(span.End, av.Hours.End)}
			if offered.End <= offered.Start || offered.Length() < need {
				continue
			}
		}
		from, to := av.Dates.From, av.Dates.To
		if from.Before(first) {
			from = first
		}
		if to.After(last) {
			to = last
		}
		for d := from; !d.After(to); d = d.AddDays(1) {
			if s.Weekends == WeekendsPremium || cal.IsWorkday(d) {
				return true
			}
		}
	}
	return false
}
