package solver

import (
	"hash/maphash"
	"slices"
)

// masker builds the open masks of the critical-path pass. A series has
// thousands of sessions drawing on a few hundred distinct pools (every
// dialogue editor, every grade suite), so the mask of each distinct demand
// is worked out once and kept, and a task's mask is built in one buffer
// reused from task to task: the pass allocates per distinct demand, not
// per task and horizon.
type masker struct {
	p      *Problem
	words  int
	buf    Bitset
	seed   maphash.Seed
	demand map[uint64][]maskedDemand
}

// maskedDemand is a demand's mask, with what it was built from (hash
// collisions are told apart by comparing them).
type maskedDemand struct {
	count int
	cands []ResourceID
	mask  Bitset // nil when every slot qualifies
}

func newMasker(p *Problem) *masker {
	return &masker{p: p, words: (p.Slots + 63) / 64, seed: maphash.MakeSeed(), demand: map[uint64][]maskedDemand{}}
}

// open marks the slots in which task t could possibly run: inside its
// window, with at least Count candidates of every demand available. It
// returns nil when every slot qualifies. The mask is valid until the next
// call.
func (m *masker) open(t TaskID) Bitset {
	task := &m.p.Tasks[t]
	var mask Bitset
	and := func(b Bitset) {
		if b == nil {
			return
		}
		if mask == nil {
			if m.buf == nil {
				m.buf = make(Bitset, m.words)
			}
			mask = m.buf
			for i := range mask {
				mask[i] = ^uint64(0)
			}
			if r := m.p.Slots & 63; r != 0 {
				mask[len(mask)-1] = 1<<uint(r) - 1
			}
		}
		for i := range mask {
			if i < len(b) {
				mask[i] &= b[i]
			} else {
				mask[i] = 0
			}
		}
	}
	and(task.Window)
	for _, d := range task.Demands {
		and(m.demandMask(d))
	}
	return mask
}

// demandMask is demandMask(d), worked out once per distinct demand.
func (m *masker) demandMask(d Demand) Bitset {
	var h maphash.Hash
	h.SetSeed(m.seed)
	var b [4]byte
	put := func(v int32) {
		b[0], b[1], b[2], b[3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
		h.Write(b[:])
	}
	put(int32(d.count()))
	for _, r := range d.Candidates {
		put(int32(r))
	}
	key := h.Sum64()
	for _, e := range m.demand[key] {
		if e.count == d.count() && slices.Equal(e.cands, d.Candidates) {
			return e.mask
		}
	}
	mask := demandMask(m.p, d, m.words)
	m.demand[key] = append(m.demand[key], maskedDemand{count: d.count(), cands: d.Candidates, mask: mask})
	return mask
}

// demandMask marks the slots in which at least Count candidates of d are
// available, or returns nil when that is every slot.
func demandMask(p *Problem, d Demand, words int) Bitset {
	always := 0
	for _, r := range d.Candidates {
		if p.Resources[r].Available == nil {
			always++
		}
	}
	if always >= d.count() {
		return nil
	}
	word := func(r ResourceID, i int) uint64 {
		av := p.Resources[r].Available
		switch {
		case av == nil:
			return ^uint64(0)
		case i < len(av):
			return av[i]
		}
		return 0
	}
	out := make(Bitset, words)
	switch d.count() {
	case 1:
		for _, r := range d.Candidates {
			for i := range out {
				out[i] |= word(r, i)
			}
		}
	case len(d.Candidates):
		for i := range out {
			out[i] = ^uint64(0)
		}
		for _, r := range d.Candidates {
			for i := range out {
				out[i] &= word(r, i)
			}
		}
	default:
		for x := range Slot(p.Slots) {
			n := 0
			for _, r := range d.Candidates {
				if p.Resources[r].Available.Has(x) {
					n++
				}
			}
			if n >= d.count() {
				out.Set(x)
			}
		}
	}
	return out
}

// lastOpen returns one past the last slot set in mask within the horizon
// (the horizon when mask is nil), or 0 when none is.
func lastOpen(p *Problem, mask Bitset) Slot {
	if mask == nil {
		return Slot(p.Slots)
	}
	for x := Slot(p.Slots) - 1; x >= 0; x-- {
		if mask[x>>6] == 0 {
			x &^= 63 // skip the rest of an empty word
			continue
		}
		if mask.Has(x) {
			return x + 1
		}
	}
	return 0
}

// firstFit returns the earliest start ≥ lb at which task t could run given
// its open mask, and a lower bound on its end; ok is false when no start
// fits in the horizon.
func firstFit(p *Problem, t TaskID, mask Bitset, lb Slot) (start, end Slot, ok bool) {
	task := &p.Tasks[t]
	lb = max(lb, 0)
	if task.Duration == 0 {
		return lb, lb, int(lb) <= p.Slots
	}
	open := func(x Slot) bool { return int(x) < p.Slots && mask.Has(x) }
	if !task.Split {
		run := 0
		for x := lb; int(x) < p.Slots; x++ {
			if !open(x) {
				run = 0
				continue
			}
			if run++; run == task.Duration {
				return x + 1 - Slot(run), x + 1, true
			}
		}
		return 0, 0, false
	}
	for s := lb; int(s) < p.Slots; s++ {
		if !open(s) {
			continue
		}
		// Every slot worked is open, so the end is at least one past the
		// Duration-th open slot from s.
		n := 0
		for x := s; int(x) < p.Slots; x++ {
			if open(x) {
				if n++; n == task.Duration {
					return s, x + 1, true
				}
			}
		}
		return 0, 0, false
	}
	return 0, 0, false
}
