package solver

import "slices"

// The neighbourhood indexes let a ruin find the tasks near a seed without
// walking every task of the schedule: on a long series a walk per removed
// task made ruining grow with the whole production (10x from the 1x to the
// 8x generated series), while the tasks it looks for share a resource or
// a few days with the seed.

// bucketWidthAbstract is the width of a start bucket in abstract time, in
// slots; with days a bucket is one calendar day.
const bucketWidthAbstract = 64

// neighbours indexes the placed tasks by the resources they hold and by
// the bucket (day) they start in. place and unplace keep it current.
type neighbours struct {
	onRes  [][]TaskID // placed tasks holding each resource, in no order
	resPos [][]int32  // per task and flat resource entry: index in onRes
	byDay  [][]TaskID // placed tasks by start bucket, in no order
	dayPos []int32    // per task: index in its bucket
	width  Slot
	near   []nearTask // scratch of nearest
}

// nearTask is a candidate for a ruin with its distance from the seed.
type nearTask struct {
	d Slot
	t TaskID
}

// init sizes the index for p. Each resource's list gets room for every
// demand entry that could choose it, so that the search never grows it;
// the start buckets get room for twice the average and grow past that
// only on a crowded day.
func (nb *neighbours) init(p *Problem, nRes []int) {
	nb.width = Slot(bucketWidthAbstract)
	if spd := p.Calendar.SlotsPerDay; spd > 0 {
		nb.width = Slot(spd)
	}
	room := make([]int, len(p.Resources))
	total := 0
	for t := range p.Tasks {
		for _, d := range p.Tasks[t].Demands {
			for _, r := range d.Candidates {
				if int(r) < len(room) {
					room[r] += d.count()
					total += d.count()
				}
			}
		}
	}
	slab := make([]TaskID, total)
	nb.onRes = make([][]TaskID, len(p.Resources))
	for r, n := range room {
		nb.onRes[r], slab = slab[:0:n], slab[n:]
	}
	nb.resPos = make([][]int32, len(p.Tasks))
	for t := range nb.resPos {
		nb.resPos[t] = make([]int32, nRes[t])
	}
	nb.byDay = make([][]TaskID, p.Slots/int(nb.width)+2)
	per := 2*len(p.Tasks)/len(nb.byDay) + 4
	slab = make([]TaskID, per*len(nb.byDay))
	for b := range nb.byDay {
		nb.byDay[b], slab = slab[:0:per], slab[per:]
	}
	nb.dayPos = make([]int32, len(p.Tasks))
}

// bucket is the start bucket of slot s.
func (nb *neighbours) bucket(s Slot) int {
	return min(max(int(s/nb.width), 0), len(nb.byDay)-1)
}

// add indexes task t, placed at start with resources res.
func (nb *neighbours) add(t TaskID, start Slot, res []ResourceID) {
	for i, r := range res {
		nb.resPos[t][i] = int32(len(nb.onRes[r]))
		nb.onRes[r] = append(nb.onRes[r], t)
	}
	b := nb.bucket(start)
	nb.dayPos[t] = int32(len(nb.byDay[b]))
	nb.byDay[b] = append(nb.byDay[b], t)
}

// remove takes task t, placed at start with resources res, out of the
// index; resOf gives the resources of the other placed tasks.
func (nb *neighbours) remove(t TaskID, start Slot, res []ResourceID, resOf [][]ResourceID) {
	for i, r := range res {
		list := nb.onRes[r]
		pos := nb.resPos[t][i]
		last := list[len(list)-1]
		list[pos] = last
		// The entry that was last moves to pos. Match it by position as
		// well as by resource, so that the index stays right even for a
		// task that holds one resource twice.
		for j, x := range resOf[last] {
			if x == r && nb.resPos[last][j] == int32(len(list)-1) {
				nb.resPos[last][j] = pos
				break
			}
		}
		nb.onRes[r] = list[:len(list)-1]
	}
	b := nb.bucket(start)
	list := nb.byDay[b]
	pos := nb.dayPos[t]
	last := list[len(list)-1]
	list[pos] = last
	nb.dayPos[last] = pos
	nb.byDay[b] = list[:len(list)-1]
}

// nearest appends to dst the need tasks nearest in start to the seed's
// start among the placed tasks ok accepts (only those holding r when r is
// not -1), nearest first, ties to the lower task index: the tasks that
// repeated scans of every task for the nearest one would pick, in the
// same order.
func (st *state) nearest(dst []TaskID, seed TaskID, r ResourceID, need int, ok func(TaskID) bool) []TaskID {
	nb := &st.nb
	s0 := st.start[seed]
	cands := nb.near[:0]
	collect := func(list []TaskID) {
		for _, t := range list {
			if ok(t) {
				d := st.start[t] - s0
				if d < 0 {
					d = -d
				}
				cands = append(cands, nearTask{d, t})
			}
		}
	}
	if r >= 0 {
		collect(nb.onRes[r])
		sortNear(cands)
	} else {
		// Rings of buckets around the seed's: a task outside rings 0..j
		// is more than j*width slots away, so once need candidates lie
		// within that distance the rest cannot displace them.
		b0 := nb.bucket(s0)
		for j := 0; ; j++ {
			lo, hi := b0-j, b0+j
			if lo < 0 && hi >= len(nb.byDay) {
				sortNear(cands)
				break
			}
			if lo >= 0 {
				collect(nb.byDay[lo])
			}
			if hi != lo && hi < len(nb.byDay) {
				collect(nb.byDay[hi])
			}
			if len(cands) >= need {
				sortNear(cands)
				if cands[need-1].d <= Slot(j)*nb.width {
					break
				}
			}
		}
	}
	nb.near = cands
	for _, c := range cands[:min(need, len(cands))] {
		dst = append(dst, c.t)
	}
	return dst
}

func sortNear(c []nearTask) {
	slices.SortFunc(c, func(a, b nearTask) int {
		if a.d != b.d {
			return int(a.d - b.d)
		}
		return int(a.t - b.t)
	})
}

// holding appends to dst the placed tasks that hold resource r, in task
// order.
func (st *state) holding(dst []TaskID, r ResourceID) []TaskID {
	n := len(dst)
	dst = append(dst, st.nb.onRes[r]...)
	slices.Sort(dst[n:])
	return dst
}
