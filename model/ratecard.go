package model

import "time"

// RateCard prices a suite's or a person's time. Zero money fields are not
// offered. Durations are resolved: Day, HalfDay and the overtime bands refer
// to StandardDay and HalfDayLength.
type RateCard struct {
	// Hour, HalfDay, Day and Week are the prices offered (0: not
	// offered); the cheapest offered way to pay for each day applies.
	Hour, HalfDay, Day, Week float64
	// Engagement says Week is paid as an engagement (paid: engagement):
	// for every week from the first day worked to the last, idle weeks
	// included, a part week pro rata by its working days. False (paid:
	// worked, the default): Week only caps what a week's days cost.
	Engagement bool
	// SixthDayX is what a sixth day costs under a weekly rate: each day
	// worked in a week past the working week's days is paid outside the
	// weekly rate, at its whole day price times SixthDayX (0: the weekly
	// rate covers it).
	SixthDayX float64
	// WeekHours and OverWeekX are a weekly hours threshold (week_hours:
	// 50h, over_week_x: 1.5): time worked in a week beyond WeekHours
	// costs OverWeekX - 1 times the standard hourly equivalent on top.
	// Unlike rules: max_per_week it is a price, not a limit.
	WeekHours time.Duration
	OverWeekX float64
	// MinimumCall is the smallest chargeable time on a day the resource is
	// used (e.g. 4h on an ADR stage).
	MinimumCall time.Duration
	// MinimumCallWeekend is the minimum call on weekends and holidays
	// (minimum_call: { weekday: 2h, weekend: 4h }); 0: MinimumCall.
	MinimumCallWeekend time.Duration
	// Unit is the billing unit (unit: 15m): a day's time is charged in
	// whole units, rounded up; 0: by the slot.
	Unit time.Duration
	// FreeHourAfter gives an hour free (not charged) on a day of at least
	// this much work, e.g. a meal hour on days of 7h or more; 0: none.
	FreeHourAfter time.Duration
	// Overtime bands, sorted by After: time worked in a day beyond After
	// is charged at Multiplier times the hourly equivalent of the day
	// rate.
	Overtime []OvertimeBand
	// ClockOvertime are overtime bands by the clock, sorted by From.
	// Outside the calendar's hours, time is paid at the Multiplier of the
	// band in force at its time of day: the latest From at or before it,
	// counting back past midnight to the evening before. Time inside the
	// calendar's hours is never a clock band's. Where a band by hours
	// worked also applies, the higher multiplier is paid.
	ClockOvertime []ClockBand
	// WeekendX and HolidayX multiply a day's cost on weekends and
	// holidays (0 means 1, no premium).
	WeekendX, HolidayX float64
	// Kit is a flat fee per day worked (a person's equipment).
	Kit float64
	// StandardDay and HalfDayLength are what the day and half-day rates
	// cover (default 10h and 5h).
	StandardDay, HalfDayLength time.Duration
	// Cancellation are the card's cancellation terms: releasing or moving
	// a booking inside a term's notice costs its share of the booking's
	// price on this card (the largest share whose notice has begun).
	Cancellation []CancellationTerm
	// Deposit is the share of a booking's price due when it is confirmed
	// (deposit: 0.5), the balance in the weeks it is worked; 0: all of
	// it in the weeks worked.
	Deposit float64
	// Uses are hourly rates for particular uses (uses: { record: { hour:
	// 140 } }), in file order: a session with that use pays the use's
	// rate for its hours in place of the card's hourly rate.
	Uses []UseRate
	// Pos is where the card is written.
	Pos Pos
}

// UseRate is a rate card's hourly rate for one use of the room or
// person (recording rather than post).
type UseRate struct {
	Use  string
	Hour float64
	Pos  Pos
}

// HourlyEquivalent is the card's own hourly rate: Hour, else the day
// rate over the standard day, else the half-day rate over the half day
// (0 when it offers none of them).
func (r RateCard) HourlyEquivalent() float64 {
	switch {
	case r.Hour > 0:
		return r.Hour
	case r.Day > 0 && r.StandardDay > 0:
		return r.Day / r.StandardDay.Hours()
	case r.HalfDay > 0 && r.HalfDayLength > 0:
		return r.HalfDay / r.HalfDayLength.Hours()
	}
	return 0
}

// UseHour is the card's hourly rate for use u, and whether it has one.
func (r RateCard) UseHour(u string) (float64, bool) {
	for _, x := range r.Uses {
		if x.Use == u {
			return x.Hour, true
		}
	}
	return 0, false
}

// IsZero reports whether no price is offered at all.
func (r RateCard) IsZero() bool {
	return r.Hour == 0 && r.HalfDay == 0 && r.Day == 0 && r.Week == 0
}

// OvertimeBand is one overtime tier: time beyond After in a day costs
// Multiplier times the standard hourly equivalent.
type OvertimeBand struct {
	// After is the time worked in a day after which the band applies.
	After time.Duration
	// Multiplier scales the standard hourly equivalent (1.5: time and a
	// half).
	Multiplier float64
}

// ClockBand is one overtime tier by the clock: time worked from From
// (outside the calendar's hours) costs Multiplier times the standard
// hourly equivalent.
type ClockBand struct {
	// From is the time of day the band starts, e.g. 19:00.
	From Clock
	// Multiplier scales the standard hourly equivalent.
	Multiplier float64
	// Pos is where the band is written.
	Pos Pos
}
