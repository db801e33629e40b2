package generate

import (
	"fmt"
	"slices"
)

// maxDays bounds the reference schedule: about three years of working
// days, the project file's own limit.
const maxDays = 760

// schedule places every session in the reference schedule, in file
// order (each session comes after its predecessors). The reference keeps
// every rule a generated file states: sessions inside the 09:00-19:00 day
// and their windows, one session at a time per suite, person and
// artiste, multi-day sessions on whole consecutive working days, days off,
// precedences and their working-day lags, longest waits and continuity
// (a kept session's people and suite). Working Monday to Friday within
// ten hours a day keeps the default working-time rules.
func (g *generator) schedule() error {
	for _, p := range g.prods {
		for _, s := range p.sessions {
			if s.placed {
				continue // a follower, placed with its predecessor
			}
			if err := g.placeWithFollower(s); err != nil {
				return fmt.Errorf("generate: %s/%s: %w", p.id, s.id, err)
			}
		}
	}
	return nil
}

// placeWithFollower places s and, when a session must start within a
// longest wait of its end, that follower too: a placement of s the
// follower cannot meet is undone and s tried a working day later.
func (g *generator) placeWithFollower(s *session) error {
	f := s.follower
	from := g.ready(s)
	for from < maxDays*dayMinutes {
		undo, err := g.place(s, from)
		if err != nil || f == nil {
			return err
		}
		fundo, err := g.place(f, g.ready(f))
		if err == nil && f.start <= s.end+f.maxLagOn(s)*dayMinutes {
			return nil
		}
		if err == nil {
			fundo()
		}
		undo()
		from = (s.start/dayMinutes + 1) * dayMinutes
	}
	return fmt.Errorf("no day on which %s can start within its longest wait", f.id)
}

// maxLagOn is the longest wait of s after on, in working days.
func (s *session) maxLagOn(on *session) int {
	for _, d := range s.after {
		if d.on == on && d.hasMax {
			return d.maxLagWD
		}
	}
	return maxDays
}

// ready is the earliest start of s in working minutes.
func (g *generator) ready(s *session) int {
	t := 0
	if s.hasRelease {
		t = s.releaseDay * dayMinutes
	}
	for _, d := range s.after {
		t = max(t, d.on.end+d.lagWD*dayMinutes)
	}
	return t
}

// candidates are the pools s may take its resources from: its demands,
// or, when it keeps another session's people and suite, exactly those.
func (g *generator) candidates(s *session) [][]*resource {
	pools := g.demands(s)
	if s.keep != nil {
		for i := range pools {
			pools[i] = []*resource{s.keep.chosen[i]}
		}
	}
	return pools
}

// demands lists the candidate pools of s: suite first, then one pool per
// role, then each artiste alone.
func (g *generator) demands(s *session) [][]*resource {
	var out [][]*resource
	if s.suiteKind != "" {
		out = append(out, g.pools[s.suiteKind])
	}
	for _, role := range s.roles {
		out = append(out, g.pools[role])
	}
	for _, a := range s.artistes {
		out = append(out, []*resource{a})
	}
	return out
}

// place puts s at its earliest start no sooner than t (in working
// minutes) and returns what undoes it.
func (g *generator) place(s *session, t int) (func(), error) {
	if s.milestone {
		// A milestone falls at the start or the end of a working day:
		// one reached mid-day waits for the end of that day (the start
		// of the next, in working minutes).
		t = (t + dayMinutes - 1) / dayMinutes * dayMinutes
		s.start, s.end, s.placed = t, t, true
		return func() { s.placed = false }, nil
	}
	pools := g.candidates(s)
	chosen := make([]*resource, len(pools))
	if s.days > 0 {
		first := (t + dayMinutes - 1) / dayMinutes
		for d := first; d < maxDays; d++ {
			if g.pickFree(pools, chosen, d, s.days) {
				undo := g.saved(s, chosen, d, s.days)
				for _, r := range chosen {
					for k := range s.days {
						r.setUsed(d+k, dayMinutes)
					}
					r.load += s.days * dayMinutes
				}
				s.start, s.end, s.chosen, s.placed = d*dayMinutes, (d+s.days)*dayMinutes, chosen, true
				return undo, nil
			}
		}
		return nil, fmt.Errorf("no run of %d free days for its crew and suite", s.days)
	}
	lo, hi := s.window[0], s.window[1]
	if hi == 0 {
		hi = dayMinutes
	}
	for d := t / dayMinutes; d < maxDays; d++ {
		from := lo
		if d == t/dayMinutes {
			from = max(from, t%dayMinutes)
		}
		at := g.pickEarliest(pools, chosen, d, from)
		if at+s.minutes > hi {
			continue
		}
		undo := g.saved(s, chosen, d, 1)
		for _, r := range chosen {
			r.setUsed(d, at+s.minutes)
			r.load += s.minutes
			if r.artiste {
				r.usedDays = append(r.usedDays, d)
			}
		}
		s.start, s.end, s.chosen, s.placed = d*dayMinutes+at, d*dayMinutes+at+s.minutes, chosen, true
		return undo, nil
	}
	return nil, fmt.Errorf("no day with %d minutes free", s.minutes)
}

// saved records what placing s on chosen over days d..d+n-1 changes and
// returns what puts it back.
func (g *generator) saved(s *session, chosen []*resource, d, n int) func() {
	type was struct {
		r          *resource
		fill       []int
		load, used int
	}
	ws := make([]was, len(chosen))
	for i, r := range chosen {
		w := was{r: r, load: r.load, used: len(r.usedDays)}
		for k := range n {
			w.fill = append(w.fill, r.used(d+k))
		}
		ws[i] = w
	}
	return func() {
		for _, w := range ws {
			for k, v := range w.fill {
				w.r.setUsed(d+k, v)
			}
			w.r.load, w.r.usedDays = w.load, w.r.usedDays[:w.used]
		}
		s.placed, s.chosen = false, nil
	}
}

// pickEarliest chooses, for each pool, the distinct candidate free
// earliest on day d (least loaded on a tie) and returns when all chosen
// are free, no earlier than from.
func (g *generator) pickEarliest(pools [][]*resource, chosen []*resource, d, from int) int {
	at := from
	for i, pool := range pools {
		var best *resource
		for _, r := range pool {
			if slices.Contains(chosen[:i], r) {
				continue
			}
			if best == nil || r.used(d) < best.used(d) || (r.used(d) == best.used(d) && r.load < best.load) {
				best = r
			}
		}
		if best == nil {
			return dayMinutes + 1
		}
		chosen[i] = best
		at = max(at, best.used(d))
	}
	return at
}

// pickFree chooses, for each pool, the least loaded distinct candidate
// with days d..d+n-1 wholly free, and reports whether every pool had one.
func (g *generator) pickFree(pools [][]*resource, chosen []*resource, d, n int) bool {
	for i, pool := range pools {
		chosen[i] = nil
		for _, r := range pool {
			if slices.Contains(chosen[:i], r) || (chosen[i] != nil && r.load >= chosen[i].load) {
				continue
			}
			free := true
			for k := range n {
				if r.used(d+k) != 0 {
					free = false
					break
				}
			}
			if free {
				chosen[i] = r
			}
		}
		if chosen[i] == nil {
			return false
		}
	}
	return true
}

// deriveFromReference sets what the reference schedule decides: each
// episode's delivery with two to three weeks' slack, the artistes'
// offered windows around their sessions (plus a few more, as agents
// send), and the bookings already made.
func (g *generator) deriveFromReference() {
	for _, p := range g.prods {
		for _, done := range p.delivered {
			end := (done.end + dayMinutes - 1) / dayMinutes // first day after the work
			done.deadline, done.hasDeadline = end+g.between(10, 15), true
			p.deliverDay = max(p.deliverDay, done.deadline)
		}
		p.deliverDay += 5
		g.day(p.deliverDay)
		g.book(p)
	}
	for _, a := range g.cast {
		if len(a.usedDays) == 0 {
			continue
		}
		lo, hi := slices.Min(a.usedDays), slices.Max(a.usedDays)
		for range g.rng.IntN(3) {
			from := max(0, lo-30+g.rng.IntN(hi-lo+60))
			a.extraWindows = append(a.extraWindows, [2]int{from, from + g.between(2, 6)})
		}
	}
}

// book writes the first sessions in the reference as confirmed bookings,
// and the first grade as a pencil.
func (g *generator) book(p *production) {
	var work []*session
	for _, s := range p.sessions {
		if !s.milestone && s.suiteKind != "" {
			work = append(work, s)
		}
	}
	slices.SortStableFunc(work, func(a, b *session) int { return a.start - b.start })
	p.bookings = append(p.bookings, work[:min(len(work), 4)]...)
	if g.opts.Linear {
		return // no pencils: a pencil's move cost is not exported
	}
	for _, s := range p.sessions {
		if s.suiteKind == "grade" {
			p.bookings = append(p.bookings, s)
			break
		}
	}
}

// windows returns an artiste's offered windows in working days: two days
// before to three days after each session, with the extra windows, merged.
func (a *resource) windows() [][2]int {
	var ws [][2]int
	for _, d := range a.usedDays {
		ws = append(ws, [2]int{max(0, d-2), d + 3})
	}
	ws = append(ws, a.extraWindows...)
	slices.SortFunc(ws, func(x, y [2]int) int { return x[0] - y[0] })
	var out [][2]int
	for _, w := range ws {
		if n := len(out); n > 0 && w[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], w[1])
			continue
		}
		out = append(out, w)
	}
	return out
}
