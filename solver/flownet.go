package solver

// flowNet is a flow network with integer capacities, grown a node and
// an edge at a time, whose max flow is found by Dinic's algorithm. The
// flow it holds stays between calls, so raising capacities and calling
// maxFlow again adds only what the raise lets through.
type flowNet struct {
	adj   [][]int // per node, its edges' indexes (residual twins included)
	edges []flowEdge
	level []int
	next  []int
}

// flowEdge is one direction of an edge; its twin is edges[i^1].
type flowEdge struct {
	to  int
	cap int64 // residual capacity
}

func newFlowNet() *flowNet { return &flowNet{} }

// node adds a node and returns it.
func (n *flowNet) node() int {
	n.adj = append(n.adj, nil)
	return len(n.adj) - 1
}

// edge adds an edge from a to b of capacity c and returns its index;
// its residual twin follows it.
func (n *flowNet) edge(a, b int, c int64) int {
	i := len(n.edges)
	n.edges = append(n.edges, flowEdge{b, c}, flowEdge{a, 0})
	n.adj[a] = append(n.adj[a], i)
	n.adj[b] = append(n.adj[b], i+1)
	return i
}

// maxFlow pushes as much more flow from s to t as the residual network
// carries and returns how much.
func (n *flowNet) maxFlow(s, t int) int64 {
	total := int64(0)
	for n.levels(s, t) {
		n.next = n.next[:0]
		n.next = append(n.next, make([]int, len(n.adj))...)
		for {
			f := n.push(s, t, 1<<62)
			if f == 0 {
				break
			}
			total += f
		}
	}
	return total
}

// levels labels nodes by their distance from s in the residual network
// and reports whether t is reached.
func (n *flowNet) levels(s, t int) bool {
	if cap(n.level) < len(n.adj) {
		n.level = make([]int, len(n.adj))
	}
	n.level = n.level[:len(n.adj)]
	for i := range n.level {
		n.level[i] = -1
	}
	n.level[s] = 0
	queue := []int{s}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, e := range n.adj[v] {
			if to := n.edges[e].to; n.edges[e].cap > 0 && n.level[to] < 0 {
				n.level[to] = n.level[v] + 1
				queue = append(queue, to)
			}
		}
	}
	return n.level[t] >= 0
}

// push sends up to limit along shortest residual paths from v to t.
func (n *flowNet) push(v, t int, limit int64) int64 {
	if v == t {
		return limit
	}
	for ; n.next[v] < len(n.adj[v]); n.next[v]++ {
		e := n.adj[v][n.next[v]]
		to := n.edges[e].to
		if n.edges[e].cap <= 0 || n.level[to] != n.level[v]+1 {
			continue
		}
		if f := n.push(to, t, min(limit, n.edges[e].cap)); f > 0 {
			n.edges[e].cap -= f
			n.edges[e^1].cap += f
			return f
		}
	}
	return 0
}
