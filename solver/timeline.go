package solver

import "math/bits"

// openSlot reports whether slot s is open for task t with resources res:
// inside the horizon, in the task's Window and available on every
// resource.
func (p *Problem) openSlot(t *Task, s Slot, res []ResourceID) bool {
	if s < 0 || int(s) >= p.Slots || !t.Window.Has(s) {
		return false
	}
	for _, r := range res {
		if !p.Resources[r].Available.Has(s) {
			return false
		}
	}
	return true
}

// expandError says why a placement has no pieces.
type expandError uint8

const (
	expandOK expandError = iota
	expandClosed
	expandHorizon
	expandShort
)

// openWord returns the open slots of word wi (slots 64wi to 64wi+63) for
// task t with resources res, as a bit mask; with skip, without the
// task's Premium slots.
func (p *Problem) openWord(t *Task, res []ResourceID, wi int, skip bool) uint64 {
	w := ^uint64(0)
	if t.Window != nil {
		if wi >= len(t.Window) {
			return 0
		}
		w &= t.Window[wi]
	}
	if skip && wi < len(t.Premium) {
		w &^= t.Premium[wi]
	}
	for _, r := range res {
		if av := p.Resources[r].Available; av != nil {
			if wi >= len(av) {
				return 0
			}
			w &= av[wi]
		}
	}
	if end := p.Slots - wi*64; end < 64 {
		if end <= 0 {
			return 0
		}
		w &= 1<<uint(end) - 1
	}
	return w
}

// nextOpen returns the first open slot at or after pos (want true) or the
// first closed one (want false); Slots when there is none before the end
// of the horizon; with skip, the task's Premium slots count as closed.
func (p *Problem) nextOpen(t *Task, res []ResourceID, pos Slot, want, skip bool) Slot {
	if pos < 0 {
		pos = 0
	}
	for wi := int(pos) >> 6; wi*64 < p.Slots; wi++ {
		w := p.openWord(t, res, wi, skip)
		if !want {
			w = ^w
		}
		if wi == int(pos)>>6 {
			w &= ^uint64(0) << (uint(pos) & 63)
		}
		if w != 0 {
			return min(Slot(wi*64+bits.TrailingZeros64(w)), Slot(p.Slots))
		}
	}
	return Slot(p.Slots)
}

// expand appends to dst the pieces of task t started at s with resources
// res, per the placement semantics in the package documentation, and
// returns them with the task's end. A milestone has no pieces.
func (p *Problem) expand(dst []Interval, t *Task, s Slot, res []ResourceID) ([]Interval, Slot, expandError) {
	dst = dst[:0]
	if t.Duration == 0 {
		if s < 0 || int(s) > p.Slots {
			return dst, s, expandHorizon
		}
		if !t.Window.Has(s) {
			return dst, s, expandClosed
		}
		return dst, s, expandOK
	}
	if !p.openSlot(t, s, res) {
		return dst, s, expandClosed
	}
	left := Slot(t.Duration)
	if !t.Split {
		e := s + left
		if int(e) > p.Slots {
			return dst, s, expandHorizon
		}
		if p.nextOpen(t, res, s, false, false) < e {
			return dst, s, expandClosed
		}
		return append(dst, Interval{s, e}), e, expandOK
	}
	if t.Premium != nil && !t.Premium.Has(s) {
		// Premium days (weekends) only when the task cannot end by its
		// deadline without them.
		out, end, e := p.walk(dst, t, s, res, true)
		if e == expandOK && end <= p.endLimit(t) {
			return out, end, e
		}
		dst = out[:0]
	}
	return p.walk(dst, t, s, res, false)
}

// walk lays out a split task started at s (expand's split rule); with
// skip, its Premium slots count as closed.
func (p *Problem) walk(dst []Interval, t *Task, s Slot, res []ResourceID, skip bool) ([]Interval, Slot, expandError) {
	dst = dst[:0]
	left := Slot(t.Duration)
	if c := p.pieceCap(res); c > 0 {
		return p.expandCapped(dst, t, s, res, Slot(c), skip)
	}
	minChunk := Slot(max(t.MinChunk, 1))
	pos := s
	for left > 0 {
		pos = p.nextOpen(t, res, pos, true, skip)
		if int(pos) >= p.Slots {
			return dst, s, expandHorizon
		}
		run := p.nextOpen(t, res, pos, false, skip)
		n := min(run-pos, left)
		if n < left && n < minChunk {
			if pos == s {
				return dst, s, expandShort
			}
			pos = run // too short a piece: skip this run
			continue
		}
		dst = append(dst, Interval{pos, pos + n})
		left -= n
		pos = run
	}
	return dst, dst[len(dst)-1].End, expandOK
}

// nextInWindow returns the first start at or after s that the task's
// Window allows: s itself for a task without a window, and Slots when
// the window has no slot left. tryStart turns away a start
// outside the window before anything else, one slot at a time; jumping
// over the nights and weekends here a word at a time gives the same
// starts to try without the calls (nine in ten of an insertion's tries on
// a generated series).
func (p *Problem) nextInWindow(task *Task, s Slot) Slot {
	w := task.Window
	if w == nil || s < 0 {
		return s
	}
	for wi := int(s) >> 6; wi < len(w); wi++ {
		word := w[wi]
		if wi == int(s)>>6 {
			word &= ^uint64(0) << (uint(s) & 63)
		}
		if word != 0 {
			return Slot(wi*64 + bits.TrailingZeros64(word))
		}
	}
	return max(s, Slot(p.Slots))
}

// pieceCap is the most a split task may work in one calendar day with
// resources res: the smallest MaxSlotsPerDay among them, 0 for none (or
// in abstract time).
func (p *Problem) pieceCap(res []ResourceID) int {
	c := 0
	if p.Calendar.SlotsPerDay <= 0 {
		return 0
	}
	for _, r := range res {
		if m := p.Resources[r].Rules.MaxSlotsPerDay; m > 0 && (c == 0 || m < c) {
			c = m
		}
	}
	return c
}

// expandCapped is expand for a split task whose resources may work at
// most c slots a day: each day's pieces stop when the day's c slots are
// worked, a piece never runs past midnight, and a day whose room (or open
// run) is too short for a piece of min(MinChunk, work left) is skipped,
// except the day of the start.
func (p *Problem) expandCapped(dst []Interval, t *Task, s Slot, res []ResourceID, c Slot, skip bool) ([]Interval, Slot, expandError) {
	spd := Slot(p.Calendar.SlotsPerDay)
	minChunk := Slot(max(t.MinChunk, 1))
	left := Slot(t.Duration)
	day, used := Slot(-1), Slot(0)
	pos := s
	for left > 0 {
		pos = p.nextOpen(t, res, pos, true, skip)
		if int(pos) >= p.Slots {
			return dst, s, expandHorizon
		}
		if d := pos / spd; d != day {
			day, used = d, 0
		}
		room := c - used
		if room <= 0 {
			pos = (day + 1) * spd
			continue
		}
		end := min(p.nextOpen(t, res, pos, false, skip), (day+1)*spd, pos+min(left, room))
		n := end - pos
		if n < min(minChunk, left) {
			if pos == s {
				return dst, s, expandShort
			}
			pos = (day + 1) * spd // too short a piece: skip the day
			continue
		}
		dst = append(dst, Interval{pos, end})
		left -= n
		used += n
		pos = end
	}
	return dst, dst[len(dst)-1].End, expandOK
}
