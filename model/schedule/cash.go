package schedule

import (
	"fmt"
	"slices"
	"time"

	"github.com/pencil-post/pencil/model/booking"
)

// Cash is the cost report's cash view: when the money for suites, crew
// and artistes falls due, by ISO week. Its weeks and OnConfirmation add
// up to the cost by resource (Cost.Resources).
type Cash struct {
	// Weeks lists the weeks with money due, in order.
	Weeks []WeekCash
	// OnConfirmation is the pencils' deposits: due when each is
	// confirmed, in a week not known yet.
	OnConfirmation float64
}

// WeekCash is the money due in one ISO week: deposits of the bookings
// confirmed that week, and balances of the bookings worked in it.
type WeekCash struct {
	// Week is the ISO week, "2026-W44"; Start its Monday.
	Week               string
	Start              time.Time
	Deposits, Balances float64
}

// Total is the money due in the week.
func (w WeekCash) Total() float64 { return w.Deposits + w.Balances }

// HasDeposits reports whether any deposit is due, in a week or on
// confirmation: without deposits the cash view is the cost by week.
func (c Cash) HasDeposits() bool {
	if c.OnConfirmation != 0 {
		return true
	}
	for _, w := range c.Weeks {
		if w.Deposits != 0 {
			return true
		}
	}
	return false
}

// WorkOutCash fills in s.Cash. confirmedAt gives, by booking ID, when a
// confirmed booking was confirmed; one without an entry (confirmed by the
// project file, no run has recorded it yet) is taken as confirmed now. A
// confirmed booking's deposit is due in the week of its confirmation, a
// pencil's on confirmation; every booking's balance (Cost less Deposit)
// is due in the weeks it is worked, spread by hours. Resource cost that
// no booking carries (Cost.Weeks less the bookings' costs: none today)
// stays in the week it is billed.
func (s *Schedule) WorkOutCash(confirmedAt map[string]time.Time, now time.Time) {
	weeks := map[string]*WeekCash{}
	loc := s.location()
	week := func(t time.Time) *WeekCash {
		t = t.In(loc)
		y, n := t.ISOWeek()
		key := fmt.Sprintf("%04d-W%02d", y, n)
		if w, ok := weeks[key]; ok {
			return w
		}
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
		d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		weeks[key] = &WeekCash{Week: key, Start: d}
		return weeks[key]
	}
	var cash Cash
	for _, wk := range s.Cost.Weeks {
		week(wk.Start).Balances += wk.Amount
	}
	for _, b := range s.Bookings {
		if b.Deposit != 0 {
			if b.Status == booking.Confirmed {
				at, ok := confirmedAt[b.ID]
				if !ok {
					at = now
				}
				week(at).Deposits += b.Deposit
			} else {
				cash.OnConfirmation += b.Deposit
			}
		}
		// The deposit comes off the balance of the weeks worked, by hours.
		hours := b.Hours()
		for _, pc := range b.Pieces {
			if hours > 0 {
				week(pc.Start).Balances -= b.Deposit * pc.End.Sub(pc.Start).Hours() / hours
			}
		}
	}
	for _, w := range weeks {
		w.Deposits, w.Balances = cents(w.Deposits), cents(w.Balances)
		if w.Deposits != 0 || w.Balances != 0 {
			cash.Weeks = append(cash.Weeks, *w)
		}
	}
	slices.SortFunc(cash.Weeks, func(a, b WeekCash) int { return a.Start.Compare(b.Start) })
	cash.OnConfirmation = cents(cash.OnConfirmation)
	s.Cash = cash
}

// location is the schedule's time zone (UTC when it cannot be loaded).
func (s *Schedule) location() *time.Location {
	if loc, err := time.LoadLocation(s.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}

// jsonCash is the cash view in JSON.
type jsonCash struct {
	Weeks          []jsonCashWeek `json:"weeks"`
	OnConfirmation float64        `json:"on_confirmation"`
}

// jsonCashWeek is one week of the cash view in JSON.
type jsonCashWeek struct {
	Week     string  `json:"week"`
	Start    string  `json:"start"`
	Deposits float64 `json:"deposits"`
	Balances float64 `json:"balances"`
	Due      float64 `json:"due"`
}

// cashJSON is c as JSON.
func cashJSON(c Cash) *jsonCash {
	out := &jsonCash{Weeks: []jsonCashWeek{}, OnConfirmation: c.OnConfirmation}
	for _, w := range c.Weeks {
		out.Weeks = append(out.Weeks, jsonCashWeek{Week: w.Week, Start: w.Start.Format(time.DateOnly),
			Deposits: w.Deposits, Balances: w.Balances, Due: cents(w.Total())})
	}
	return out
}

// writeCashText writes the cash view for people, when any deposit is
// due (without one it is the cost by week):
//
//	Cash by week (deposits on confirmation, balances when worked)
//	  2026-W43 w/c Mon 19 Oct  due £1,400  (deposits £1,400)
func writeCashText(p func(string, ...any), c Cash, money func(float64) string) {
	if !c.HasDeposits() {
		return
	}
	p("\nCash by week (deposits when confirmed, balances when worked)\n")
	for _, w := range c.Weeks {
		p("  %s w/c %s\tdue %s\t(deposits %s, balances %s)\n", w.Week, w.Start.Format(dayLayout), money(w.Total()), money(w.Deposits), money(w.Balances))
	}
	if c.OnConfirmation != 0 {
		p("  pencils' deposits, due on confirmation\t%s\n", money(c.OnConfirmation))
	}
}
