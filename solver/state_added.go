package solver

// addedMaxDays is the most calendar days an insertion priced by
// addedCost may touch; a longer one is priced by a trial addRes.
const addedMaxDays = 4

// addedCost is what adding units of resource r over pieces would add to
// r's cost, worked out as addRes works it out (the same sums in the same
// order, so to the same bits) but without changing the state. Trying a
// candidate used to add its work and take it out again: 18 % of a
// one-worker profile on the 10-episode series, though the measured
// speed-up was a few per cent. It reports false, for a trial
// addRes to price instead, in abstract time, for a resource whose card
// has clock-time premiums, sixth days, weekly hours or an engagement,
// and for work over more than addedMaxDays days.
func (st *state) addedCost(r ResourceID, pieces []Interval, units int32) (float64, bool) {
	dv := st.dv
	if dv.spd == 0 || units <= 0 {
		return 0, false
	}
	if !dv.priced[r] {
		return 0, true // addRes leaves the cost of an unpriced resource as it is
	}
	rc := &st.p.Resources[r].Rate
	tl := &st.tl[r]
	if len(rc.ClockX) > 0 || rc.SixthDayX != 0 || rc.WeekSlots > 0 || rc.Engaged || rc.Travel != 0 && tl.usedDay == nil {
		return 0, false
	}
	// The days the work touches, in order, with the slots that turn busy.
	var touched [addedMaxDays]struct {
		day     int
		toggles int32
		opens   bool // an idle day the work makes a used one
	}
	n := 0
	for _, iv := range pieces {
		for a := iv.Start; a < iv.End; {
			d := dv.dayOf(a)
			b := min(iv.End, Slot((d+1)*dv.spd))
			toggles := int32(0)
			for _, u := range tl.use[a:b] {
				if u == 0 {
					toggles++
				}
			}
			a = b
			if n > 0 && touched[n-1].day == d {
				touched[n-1].toggles += toggles
				continue
			}
			if n == addedMaxDays {
				return 0, false
			}
			touched[n].day, touched[n].toggles = d, toggles
			n++
		}
	}
	// Each day's new price, and the weeks whose price moves, in the order
	// addRes re-sums them.
	var newCost [addedMaxDays]float64
	var weeks [addedMaxDays]int
	nWeeks, newDays := 0, 0
	for i := range n {
		t := &touched[i]
		newCost[i] = tl.dayCost[t.day]
		if t.toggles == 0 {
			continue
		}
		busy := tl.busyDay[t.day] + t.toggles
		if t.opens = tl.busyDay[t.day] == 0; t.opens {
			newDays++
		}
		c := dv.dayPrice[r][int(dv.kinds[t.day])*(dv.spd+1)+int(busy)]
		if c == tl.dayCost[t.day] {
			continue
		}
		newCost[i] = c
		if w := dv.weekOf(t.day); nWeeks == 0 || weeks[nWeeks-1] != w {
			weeks[nWeeks] = w
			nWeeks++
		}
	}
	rule := rateCardRule{}
	rate := tl.rate
	for _, w := range weeks[:nWeeks] {
		lo := max(7*w-dv.weekOffset, 0)
		hi := min(7*w-dv.weekOffset+7, dv.nDays)
		sum := 0.0
		for d := lo; d < hi; d++ {
			c := tl.dayCost[d]
			for i := range n {
				if touched[i].day == d {
					c = newCost[i]
				}
			}
			sum += c
		}
		// resumWeek's price, with no sixth days (later is 0) and no weekly
		// hours (overWeek is 0): adding those zeros changes no bit.
		rate += rule.week(rc, sum) - tl.weekCost[w]
	}
	if tl.busy == 0 && newDays == 0 {
		rate = 0 // addRes snaps an idle resource's rate back to 0
	}
	travel := tl.travel
	if newDays > 0 && rc.Travel != 0 {
		// The journeys and holds with the new days among the used ones:
		// set them for a moment, as addRes would for good.
		for _, t := range touched[:n] {
			if t.opens {
				tl.usedDay.Set(Slot(t.day))
			}
		}
		travel = travelCostDays(rc, tl.usedDay)
		for _, t := range touched[:n] {
			if t.opens {
				tl.usedDay.Clear(Slot(t.day))
			}
		}
	}
	kit := kitRule{}.day(rc) * float64(tl.usedDays+newDays)
	cost := rule.oncost(rc, rate+tl.engaged) + kit + feeRule{}.task(rc)*float64(tl.tasks+1) + travel + tl.uses
	return cost - tl.cost, true
}
