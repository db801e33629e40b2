package solver

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

// expand appends to dst the pieces of task t started at s with resources
// res, per the placement semantics in the package documentation, and
// returns them with the task's end. A milestone has no pieces.
func (p *Problem) expand(dst []Interval, t *Task, s Slot, res []ResourceID) ([]Interval, Slot, expandError) {
	dst = dst[:0]
	if t.Duration == 0 {
		if s < 0 || int(s) > p.Slots {
			return dst, s, expandHorizon
		}
		return dst, s, expandOK
	}
	if !p.openSlot(t, s, res) {
		return dst, s, expandClosed
	}
	if !t.Split {
		e := s + Slot(t.Duration)
		if int(e) > p.Slots {
			return dst, s, expandHorizon
		}
		for i := s + 1; i < e; i++ {
			if !p.openSlot(t, i, res) {
				return dst, s, expandClosed
			}
		}
		return append(dst, Interval{s, e}), e, expandOK
	}
	minChunk := max(t.MinChunk, 1)
	left := Slot(t.Duration)
	pos := s
	for left > 0 {
		if int(pos) >= p.Slots {
			return dst, s, expandHorizon
		}
		if !p.openSlot(t, pos, res) {
			pos++
			continue
		}
		run := pos + 1
		for int(run) < p.Slots && run-pos < left && p.openSlot(t, run, res) {
			run++
		}
		n := run - pos
		if pos == s && n < left && n < Slot(minChunk) {
			return dst, s, expandShort
		}
		if n < left && n < Slot(minChunk) {
			// Too short a piece: skip the rest of this run.
			for int(run) < p.Slots && p.openSlot(t, run, res) {
				run++
			}
			pos = run
			continue
		}
		dst = append(dst, Interval{pos, pos + n})
		left -= n
		pos = run
	}
	return dst, dst[len(dst)-1].End, expandOK
}
