package solver

// checkTravel checks the travel time of resource ri, whose busy slots
// are busy and days its use by day, visit by visit: the visits are found afresh from the days worked (a
// run of days, a gap held over when Hold*gap < Travel), and the travel
// before each visit's first busy slot and after its last must be
// available, not worked, and clear of the travel of the visit before.
func (v *verifier) checkTravel(ri ResourceID, busy Bitset, days []dayUsage) {
	p := v.p
	res := &p.Resources[ri]
	n := Slot(res.Rules.TravelSlots)
	type visit struct{ first, last Slot }
	var visits []visit
	lastDay := -1
	for d, u := range days {
		if u.slots == 0 {
			continue
		}
		gap := d - lastDay - 1
		held := res.Rate.Hold > 0 && res.Rate.Hold*float64(gap) < res.Rate.Travel
		if lastDay < 0 || gap > 0 && !held {
			visits = append(visits, visit{u.first, u.last})
		} else {
			visits[len(visits)-1].last = u.last
		}
		lastDay = d
	}
	free := func(a, b Slot) bool {
		if a < 0 || int(b) > p.Slots {
			return false
		}
		for s := a; s < b; s++ {
			if busy.Has(s) || !res.Available.Has(s) {
				return false
			}
		}
		return true
	}
	for i, vi := range visits {
		if !free(vi.first-n, vi.first) {
			v.add(ViolationTravel, -1, ri, vi.first, "%q starts a visit at %d without %d slots of travel before it", res.Name, vi.first, n)
		}
		if !free(vi.last+1, vi.last+1+n) {
			v.add(ViolationTravel, -1, ri, vi.last, "%q ends a visit at %d without %d slots of travel after it", res.Name, vi.last+1, n)
		}
		if i > 0 && visits[i-1].last+1+n > vi.first-n {
			v.add(ViolationTravel, -1, ri, vi.first, "%q travels home from one visit into the travel to the next at %d", res.Name, vi.first-n)
		}
	}
}
