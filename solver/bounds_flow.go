package solver

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// flowFill prices the work of every unpinned demand the way
// fillCheapest does, but day by day and all candidate lists at once: a
// demand's work may go only to the days its task can run in (from its
// earliest start to its latest end, tb), and on each day a resource
// takes at most its room that day (dayRoomsOf), shared by every list
// that names it. It returns, per resource, the price of the work it
// takes at its slot rate, and false when ctx ended first or the problem
// has no days.
//
// Why it is a bound: a schedule puts each demand's work on its chosen
// resources in slots inside the task's time bounds, at most a day's room
// per resource and day, and pays at least the slot rate for every slot
// worked (the rate is the least a reachable slot can cost). So its work
// is a flow from demands to resource-days, and its resource cost is at
// least that flow's price. The least price of a flow that carries all the
// work is found greedily: with a price per unit on each resource's
// edges to the sink only, the work a set of resources can carry (the max
// flow into them) is a polymatroid rank, so enabling resources cheapest
// first and pricing what each new one adds to the max flow is optimal
// (Edmonds' greedy). Work no flow can carry belongs to an infeasible
// problem and is not priced.
//
// dayRates, when not nil, prices a resource's slots day by day where its
// row is not nil (weekSlotRates): the greedy then enables each
// resource's days of one price together, cheapest first, which is the
// same argument with the prices on the resource-days' edges to the sink.
func flowFill(ctx context.Context, p *Problem, tb timeBounds, dayRooms [][]float64, rates []demandRates, dayRates [][]float64) ([]float64, bool) {
	spd := p.Calendar.SlotsPerDay
	if spd <= 0 || len(tb.es) != len(p.Tasks) {
		return nil, false
	}
	days := (p.Slots + spd - 1) / spd
	lists := map[string]*dayTree{}
	var order []string // lists as met, for a deterministic network
	type windowKey struct {
		list        string
		first, last int
	}
	groups := map[windowKey]int{}
	var groupOrder []windowKey
	supply := map[windowKey]int64{}
	for i, task := range p.Tasks {
		if task.Pin != nil || task.Duration <= 0 {
			continue
		}
		first, last := int(tb.es[i])/spd, (int(tb.le[i])-1)/spd
		if first > last || first < 0 || last >= days {
			continue
		}
		for _, d := range task.Demands {
			if len(d.Candidates) == 0 {
				continue
			}
			key := fmt.Sprint(d.Candidates)
			if lists[key] == nil {
				lists[key] = &dayTree{cands: d.Candidates}
				order = append(order, key)
			}
			w := windowKey{key, first, last}
			if _, ok := groups[w]; !ok {
				groups[w] = -1
				groupOrder = append(groupOrder, w)
			}
			supply[w] += int64(min(d.count(), len(d.Candidates)) * task.Duration * d.units())
		}
	}
	if len(groupOrder) == 0 {
		return nil, false
	}
	// Closed pools share no resource, so each is a network of its own:
	// enabling a resource then searches only its pool's network.
	pool := closedPools(p)
	var roots []int
	listsOf, groupsOf := map[int][]string{}, map[int][]windowKey{}
	for _, key := range order {
		root := pool[lists[key].cands[0]]
		if len(listsOf[root]) == 0 {
			roots = append(roots, root)
		}
		listsOf[root] = append(listsOf[root], key)
	}
	for _, w := range groupOrder {
		root := pool[lists[w.list].cands[0]]
		groupsOf[root] = append(groupsOf[root], w)
	}
	perUnit := func(r ResourceID, d int) float64 {
		if dayRates != nil && dayRates[r] != nil && d < len(dayRates[r]) {
			return dayRates[r][d] / float64(p.Resources[r].Capacity)
		}
		return rates[r].slot / float64(p.Resources[r].Capacity)
	}
	charge := make([]float64, len(p.Resources))
	for _, root := range roots {
		net := newFlowNet()
		source, sink := net.node(), net.node()
		// One node per resource and day it has room, and its edge to
		// the sink, closed until the resource's turn comes.
		resourceDay := make([][]int, len(p.Resources))
		sinkEdges := make([][]sinkEdge, len(p.Resources))
		var byCost []ResourceID
		var steps []flowStep
		for _, key := range listsOf[root] {
			for _, r := range lists[key].cands {
				if resourceDay[r] != nil || dayRooms[r] == nil {
					continue
				}
				resourceDay[r] = make([]int, days)
				for d := range days {
					resourceDay[r][d] = -1
					if d < len(dayRooms[r]) && dayRooms[r][d] > 0 {
						n := net.node()
						resourceDay[r][d] = n
						sinkEdges[r] = append(sinkEdges[r], sinkEdge{net.edge(n, sink, 0), d})
					}
				}
				if len(sinkEdges[r]) > 0 {
					byCost = append(byCost, r)
				}
			}
		}
		for _, key := range listsOf[root] {
			lists[key].build(net, days, resourceDay)
		}
		for _, w := range groupsOf[root] {
			g := net.node()
			net.edge(source, g, supply[w])
			lists[w.list].connect(net, g, w.first, w.last)
		}
		// One step per resource and price: its days at that price.
		for _, r := range byCost {
			from := len(steps)
			for _, e := range sinkEdges[r] {
				price := perUnit(r, e.day)
				i := slices.IndexFunc(steps[from:], func(s flowStep) bool { return s.price == price })
				if i < 0 {
					steps = append(steps, flowStep{r: r, price: price})
					i = len(steps) - 1 - from
				}
				steps[from+i].edges = append(steps[from+i].edges, e)
			}
		}
		slices.SortStableFunc(steps, func(a, b flowStep) int {
			return cmp.Or(cmp.Compare(a.price, b.price), cmp.Compare(a.r, b.r))
		})
		for _, st := range steps {
			if ctx.Err() != nil {
				return nil, false
			}
			for _, e := range st.edges {
				net.edges[e.edge].cap = int64(dayRooms[st.r][e.day])
			}
			charge[st.r] += float64(net.maxFlow(source, sink)) * st.price
		}
	}
	return charge, true
}

// sinkEdge is a resource-day's edge to the sink.
type sinkEdge struct{ edge, day int }

// flowStep is one step of flowFill's greedy: the days of resource r
// priced at price per unit.
type flowStep struct {
	r     ResourceID
	price float64
	edges []sinkEdge
}

// dayTree routes one candidate list's work to its resources' days: a
// segment tree over the days whose leaves lead to the list's
// resource-day nodes, so a demand that may run on any of a range of days
// needs only a few edges.
type dayTree struct {
	cands []ResourceID
	nodes []int // segment tree, 1-based; nodes[1] covers every day
	days  int
}

func (t *dayTree) build(net *flowNet, days int, resourceDay [][]int) {
	t.days = days
	t.nodes = make([]int, 4*days)
	var build func(i, lo, hi int)
	build = func(i, lo, hi int) {
		t.nodes[i] = net.node()
		if hi-lo == 1 {
			for _, r := range t.cands {
				if resourceDay[r] != nil && resourceDay[r][lo] >= 0 {
					net.edge(t.nodes[i], resourceDay[r][lo], math.MaxInt64/4)
				}
			}
			return
		}
		mid := (lo + hi) / 2
		build(2*i, lo, mid)
		build(2*i+1, mid, hi)
		net.edge(t.nodes[i], t.nodes[2*i], math.MaxInt64/4)
		net.edge(t.nodes[i], t.nodes[2*i+1], math.MaxInt64/4)
	}
	build(1, 0, days)
}

// connect joins g to the tree nodes that cover days first..last.
func (t *dayTree) connect(net *flowNet, g, first, last int) {
	var walk func(i, lo, hi int)
	walk = func(i, lo, hi int) {
		if hi <= first || lo > last {
			return
		}
		if first <= lo && hi-1 <= last {
			net.edge(g, t.nodes[i], math.MaxInt64/4)
			return
		}
		mid := (lo + hi) / 2
		walk(2*i, lo, mid)
		walk(2*i+1, mid, hi)
	}
	walk(1, 0, t.days)
}
