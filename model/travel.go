package model

import "fmt"

// OfferedHours are the hours an artiste is offered on each day of av:
// its own, else the working day of cal to its latest overtime.
func (av Availability) OfferedHours(cal Calendar) ClockRange {
	if !av.Hours.IsZero() {
		return av.Hours
	}
	return ClockRange{cal.Hours.Start, max(cal.Hours.End, cal.OvertimeUntil)}
}

// longestDay is the longest of the days the artiste is offered.
func (a *Artiste) longestDay(cal Calendar) ClockRange {
	var longest ClockRange
	for _, av := range a.Available {
		if h := av.OfferedHours(cal); h.Length() > longest.Length() {
			longest = h
		}
	}
	return longest
}

// travelFits reports whether a visit of one day leaves the artiste time
// to work between the journeys on the longest day offered.
func (a *Artiste) travelFits(cal Calendar) bool {
	return 2*a.Travel.Time <= a.longestDay(cal).Length()
}

// checkTravel refuses an artiste's travel time that leaves no time to
// work: longer than half of the longest day the agent offers, so a visit
// of one day has no room between the journey there and the journey
// home. Sessions that find no room in their window are reported with
// the session (checkSession).
func (l *loader) checkTravel(a *Artiste) {
	t := a.Travel.Time
	if t <= 0 || len(a.Available) == 0 || l.badAvailability[a] {
		return
	}
	if a.travelFits(l.proj.Calendar) {
		return
	}
	longest := a.longestDay(l.proj.Calendar)
	l.report(a.TravelTimePos, l.travelPath(a),
		fmt.Sprintf("check the travel time (each way, not the round trip), or ask %s for longer days", agentOf(a)),
		fmt.Sprintf("artiste %s travels %s each way, more than half of the longest day offered (%s, %s-%s): a visit of one day leaves no time to work",
			a.ID, fmtDuration(t), fmtDuration(longest.Length()), longest.Start, longest.End))
}

// travelPath is the field path of artiste a's travel time.
func (l *loader) travelPath(a *Artiste) string {
	for i, b := range l.proj.Artistes {
		if b == a {
			return fmt.Sprintf("artistes[%d].travel.time", i)
		}
	}
	return "travel.time"
}
