package mzn

import "github.com/pencil-post/pencil/solver"

// usage is, per day, the slots a resource could possibly work: its
// availability inside the windows of the tasks that may use it.
type usage struct {
	perDay      []int // possible slots per day
	first, last []int // first and last possible slot of each day, -1 when none
}

// possibleUse works out r's possible slots day by day.
func (b *builder) possibleUse(r solver.ResourceID) usage {
	p := b.p
	spd := p.Calendar.SlotsPerDay
	windows := solver.NewBitset(p.Slots)
	used := false
	for _, t := range p.Tasks {
		for _, d := range t.Demands {
			if indexOf(d.Candidates, r) < 0 {
				continue
			}
			used = true
			for i := range windows {
				if t.Window == nil {
					windows[i] = ^uint64(0)
				} else {
					windows[i] |= t.Window[i]
				}
			}
		}
	}
	days := (p.Slots + spd - 1) / spd
	u := usage{perDay: make([]int, days), first: make([]int, days), last: make([]int, days)}
	for d := range days {
		u.first[d], u.last[d] = -1, -1
	}
	if !used {
		return u
	}
	avail := p.Resources[r].Available
	for x := 0; x < p.Slots; x++ {
		if !windows.Has(solver.Slot(x)) || !avail.Has(solver.Slot(x)) {
			continue
		}
		d := x / spd
		u.perDay[d]++
		if u.first[d] < 0 {
			u.first[d] = x
		}
		u.last[d] = x
	}
	return u
}

// rulesMayBind reports whether r's working-time rules could ever cut a
// schedule: hours per day against the most it could work in a day, rest
// against the shortest possible night, days per week against the days it
// could work in a week.
func (b *builder) rulesMayBind(r solver.ResourceID, u usage) bool {
	rules := b.p.Resources[r].Rules
	cal := &b.p.Calendar
	for d, n := range u.perDay {
		if rules.MaxSlotsPerDay > 0 && n > rules.MaxSlotsPerDay {
			return true
		}
		if rules.MinRestSlots > 0 && d > 0 && n > 0 && u.perDay[d-1] > 0 && u.first[d]-u.last[d-1]-1 < rules.MinRestSlots {
			return true
		}
	}
	if rules.MaxSlotsPerWeek > 0 {
		weeks := map[int]int{}
		for d, n := range u.perDay {
			w := (d + cal.WeekOffset) / 7
			weeks[w] += n
			if weeks[w] > rules.MaxSlotsPerWeek {
				return true
			}
		}
	}
	if rules.MaxDaysPerWeek > 0 {
		weeks := map[int]int{}
		for d, n := range u.perDay {
			if n > 0 {
				w := (d + cal.WeekOffset) / 7
				weeks[w]++
				if weeks[w] > rules.MaxDaysPerWeek {
					return true
				}
			}
		}
	}
	return false
}

// overtimeMayApply reports whether r could work past its first overtime
// band on some day.
func overtimeMayApply(card *solver.RateCard, u usage) bool {
	if len(card.Overtime) == 0 {
		return false
	}
	after := card.Overtime[0].AfterSlots
	for _, n := range u.perDay {
		if n > after {
			return true
		}
	}
	return false
}
