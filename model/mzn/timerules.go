package mzn

import (
	"strconv"

	"github.com/pencil-post/pencil/solver"
)

// Max lags and same-resource links (continuity). A max lag is exported
// exactly: s[to] <= from + lag, or with a working lag s[to] <=
// advance(from, lag+1) - 1, the last start with at most lag working slots
// since from. A link between two demands that each need one resource is
// exported exactly as "the same option chosen on both sides"; a link on a
// demand needing several resources is left out and noted.

// timeRules works out the max lags' advance rows and the linked option
// pairs.
func (b *builder) timeRules() {
	p := b.p
	for _, m := range p.MaxLags {
		row := 0
		if m.LagWorking && p.Calendar.Working != nil {
			row = b.advanceRow(m.Lag + 1)
		}
		b.maxAdv = append(b.maxAdv, row)
	}
	for _, l := range p.SameResources {
		da, ca := b.demandOfEntry(l.A, l.SlotA)
		db, cb := b.demandOfEntry(l.B, l.SlotB)
		if da == 0 || db == 0 {
			continue
		}
		if ca != 1 || cb != 1 {
			b.note("continuity on demands for several people")
			continue
		}
		res := map[int]bool{}
		for _, o := range b.opts {
			if o.dem == da || o.dem == db {
				res[o.res] = true
			}
		}
		for r := 1; r <= len(p.Resources); r++ {
			if res[r] {
				b.sameA = append(b.sameA, b.optionOf(da, r))
				b.sameB = append(b.sameB, b.optionOf(db, r))
			}
		}
	}
}

// demandOfEntry returns the 1-based demand of task t that flat resource
// entry j serves, and its count; 0 when out of range.
func (b *builder) demandOfEntry(t solver.TaskID, j int) (int, int) {
	dem := b.demFirst[t]
	for _, d := range b.p.Tasks[t].Demands {
		n := max(d.Count, 1)
		if j < n {
			return dem, n
		}
		j -= n
		dem++
	}
	return 0, 0
}

// optionOf returns the 1-based option of demand dem on resource res, or 0.
func (b *builder) optionOf(dem, res int) int {
	for i, o := range b.opts {
		if o.dem == dem && o.res == res {
			return i + 1
		}
	}
	return 0
}

// timeRulesData writes the max lags and links.
func (b *builder) timeRulesData(assign func(name, value string)) {
	ml := b.p.MaxLags
	assign("n_maxlag", strconv.Itoa(len(ml)))
	assign("maxlag_from", ints(len(ml), func(i int) int64 { return int64(ml[i].From) + 1 }))
	assign("maxlag_to", ints(len(ml), func(i int) int64 { return int64(ml[i].To) + 1 }))
	assign("maxlag_ss", bools(len(ml), func(i int) bool { return ml[i].Kind == solver.StartToStart }))
	assign("maxlag_lag", ints(len(ml), func(i int) int64 {
		if b.maxAdv[i] != 0 {
			return 0
		}
		return int64(ml[i].Lag)
	}))
	assign("maxlag_adv", ints(len(ml), func(i int) int64 { return int64(b.maxAdv[i]) }))
	assign("n_same", strconv.Itoa(len(b.sameA)))
	assign("same_a", ints(len(b.sameA), func(i int) int64 { return int64(b.sameA[i]) }))
	assign("same_b", ints(len(b.sameB), func(i int) int64 { return int64(b.sameB[i]) }))
}
