package solver

// windowLatestStarts returns, per task, a latest start that also respects
// availability windows: a backward pass over the precedences like the one
// that gives lst, but where each task's bound is moved down to the latest
// start at which it could run if every demand had the union of its
// candidates' availability to itself (and the task its Window). An
// artiste's agent window a few days wide thus pulls the whole chain
// before it (picture lock, the cuts, the assembly) early, where the plain
// latest start sees only the delivery date.
//
// The bound ignores capacity, so it is still a relaxation: no feasible
// schedule starts a task later. A task with no start that fits keeps the
// bound its successors give it. The result is a priority key, never a
// constraint.
func (p *Problem) windowLatestStarts() []Slot {
	n := len(p.Tasks)
	wlst := make([]Slot, n)
	mask := NewBitset(p.Slots)
	union := NewBitset(p.Slots)
	for i := n - 1; i >= 0; i-- {
		t := p.topo[i]
		task := &p.Tasks[t]
		end := p.endLimit(task)
		for _, ei := range p.succ[t] {
			pr := &p.Precedences[ei]
			switch pr.Kind {
			case FinishToStart:
				end = min(end, p.backSlots(wlst[pr.To], pr))
			case FinishToFinish:
				end = min(end, p.backSlots(p.endLimit(&p.Tasks[pr.To]), pr))
			}
		}
		l := end - Slot(task.Duration)
		for _, ei := range p.succ[t] {
			if pr := &p.Precedences[ei]; pr.Kind == StartToStart {
				l = min(l, p.backSlots(wlst[pr.To], pr))
			}
		}
		switch {
		case task.Pin != nil:
			l = task.Pin.Start
		case task.Duration > 0 && p.openMask(mask, union, task):
			if s, ok := latestFit(mask, task, l, end); ok {
				l = s
			}
		}
		wlst[t] = l
	}
	return wlst
}

// backSlots is derived.back for a precedence: the latest anchor of pr's
// From that can reach target.
func (p *Problem) backSlots(target Slot, pr *Precedence) Slot {
	return p.drv.back(target, pr.Lag, pr.LagWorking)
}

// openMask fills mask with the slots in which task could run were every
// demand served by any of its candidates: the task's Window, and for each
// demand the union of its candidates' availability (union is scratch
// space). It reports false, leaving mask as it was, when nothing restricts
// the task: no Window and a candidate always available in every demand.
func (p *Problem) openMask(mask, union Bitset, task *Task) bool {
	restricted := task.Window != nil
	for _, dem := range task.Demands {
		restricted = restricted || !p.anyAlwaysAvailable(dem.Candidates)
	}
	if !restricted {
		return false
	}
	fill(mask, task.Window)
	for _, dem := range task.Demands {
		if p.anyAlwaysAvailable(dem.Candidates) {
			continue
		}
		clear(union)
		for _, r := range dem.Candidates {
			av := p.Resources[r].Available
			for k := range min(len(union), len(av)) {
				union[k] |= av[k]
			}
		}
		for k := range mask {
			mask[k] &= union[k]
		}
	}
	return true
}

// anyAlwaysAvailable reports whether one of rs has no availability limit.
func (p *Problem) anyAlwaysAvailable(rs []ResourceID) bool {
	for _, r := range rs {
		if p.Resources[r].Available == nil {
			return true
		}
	}
	return false
}

// fill sets dst to src, or to every slot when src is nil.
func fill(dst, src Bitset) {
	for k := range dst {
		switch {
		case src == nil:
			dst[k] = ^uint64(0)
		case k < len(src):
			dst[k] = src[k]
		default:
			dst[k] = 0
		}
	}
}

// latestFit returns the latest start s ≤ hi at which task fits in mask
// and ends by end: all of [s, s+Duration) open, or for a split task s open
// and at least Duration open slots in [s, end) (MinChunk aside, which only
// makes a start later than this impossible too). A split task's pieces may
// run past hi+Duration, so only end bounds them.
func latestFit(mask Bitset, task *Task, hi, end Slot) (Slot, bool) {
	d := Slot(task.Duration)
	if !task.Split {
		for s := hi; s >= 0; {
			c, bad := lastClosed(mask, s, s+d)
			if !bad {
				return s, true
			}
			s = c - d
		}
		return 0, false
	}
	// Split: walk back from the end, counting open slots.
	open := Slot(0)
	for s := end - 1; s >= 0; s-- {
		if !mask.Has(s) {
			continue
		}
		open++
		if s <= hi && open >= d {
			return s, true
		}
	}
	return 0, false
}

// lastClosed returns the last slot of [a, b) not in mask.
func lastClosed(mask Bitset, a, b Slot) (Slot, bool) {
	for s := b - 1; s >= a; s-- {
		k := int(s) >> 6
		if k >= len(mask) {
			return s, true
		}
		// Skip whole open words.
		if mask[k] == ^uint64(0) && Slot(k<<6) >= a {
			s = Slot(k << 6)
			continue
		}
		if mask[k]&(1<<(uint(s)&63)) == 0 {
			return s, true
		}
	}
	return 0, false
}
