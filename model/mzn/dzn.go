package mzn

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pencil-post/pencil/solver"
)

// data writes the .dzn file.
func (b *builder) data() []byte {
	p := b.p
	var w bytes.Buffer
	fmt.Fprintf(&w, "%% %s: %d tasks, %d resources, %d precedences, horizon %d slots\n", p.Name, len(p.Tasks), len(p.Resources), len(p.Precedences), p.Slots)
	h := p.Slots
	assign := func(name, value string) { fmt.Fprintf(&w, "%s = %s;\n", name, value) }
	assign("scale", strconv.Itoa(Scale))
	assign("H", strconv.Itoa(h))
	assign("n_tasks", strconv.Itoa(len(p.Tasks)))
	assign("dur", ints(len(p.Tasks), func(i int) int64 { return int64(p.Tasks[i].Duration) }))
	assign("work", bools(len(p.Tasks), func(i int) bool { return p.Tasks[i].Duration > 0 }))
	assign("start_dom", sets(b.startDom))
	assign("split_row", ints(len(b.splitRow), func(i int) int64 { return int64(b.splitRow[i]) }))
	assign("n_split", strconv.Itoa(len(b.endOf)))
	assign("end_of", table(b.endOf, h))
	assign("n_res", strconv.Itoa(len(p.Resources)))
	assign("cap", ints(len(p.Resources), func(i int) int64 { return int64(p.Resources[i].Capacity) }))
	assign("n_dem", strconv.Itoa(len(b.demTask)))
	assign("dem_task", ints(len(b.demTask), func(i int) int64 { return int64(b.demTask[i]) }))
	assign("dem_count", ints(len(b.demCount), func(i int) int64 { return int64(b.demCount[i]) }))
	assign("dem_units", ints(len(b.demUnits), func(i int) int64 { return int64(b.demUnits[i]) }))
	assign("n_opt", strconv.Itoa(len(b.opts)))
	assign("opt_dem", ints(len(b.opts), func(i int) int64 { return int64(b.opts[i].dem) }))
	assign("opt_res", ints(len(b.opts), func(i int) int64 { return int64(b.opts[i].res) }))
	starts := make([][]solver.Interval, len(b.opts))
	for i, o := range b.opts {
		starts[i] = o.starts
	}
	assign("opt_starts", sets(starts))
	assign("opt_cost", ints(len(b.opts), func(i int) int64 { return b.opts[i].cost }))
	assign("opt_dept", ints(len(b.opts), func(i int) int64 { return int64(b.opts[i].dept) }))
	assign("opt_pinned", bools(len(b.opts), func(i int) bool { return b.opts[i].pinned }))
	assign("n_excl", strconv.Itoa(len(b.excl)))
	excl := make([]string, len(b.excl))
	for i, e := range b.excl {
		excl[i] = "{" + joinInts(e) + "}"
	}
	assign("excl", "["+strings.Join(excl, ", ")+"]")
	prec := p.Precedences
	assign("n_prec", strconv.Itoa(len(prec)))
	assign("prec_from", ints(len(prec), func(i int) int64 { return int64(prec[i].From) + 1 }))
	assign("prec_to", ints(len(prec), func(i int) int64 { return int64(prec[i].To) + 1 }))
	assign("prec_ss", bools(len(prec), func(i int) bool { return prec[i].Kind == solver.StartToStart }))
	assign("prec_ff", bools(len(prec), func(i int) bool { return prec[i].Kind == solver.FinishToFinish }))
	assign("prec_lag", ints(len(prec), func(i int) int64 {
		if b.precAdv[i] != 0 {
			return 0
		}
		return int64(prec[i].Lag)
	}))
	assign("prec_adv", ints(len(prec), func(i int) int64 { return int64(b.precAdv[i]) }))
	b.timeRulesData(assign)
	assign("n_adv", strconv.Itoa(len(b.advance)))
	assign("advance", table(b.advance, h))
	assign("spd", strconv.Itoa(p.Calendar.SlotsPerDay))
	assign("makespan_weight", strconv.FormatInt(money(p.Objective.MakespanWeight), 10))
	assign("overhead_per_day", strconv.FormatInt(money(p.Objective.OverheadPerDay), 10))
	assign("due", ints(len(p.Tasks), func(i int) int64 { return int64(p.Tasks[i].Due) }))
	assign("lateness", ints(len(p.Tasks), func(i int) int64 { return money(p.Tasks[i].LatenessPerDay) }))
	assign("target", ints(len(p.Tasks), func(i int) int64 { return int64(p.Tasks[i].Target) }))
	assign("earliness", ints(len(p.Tasks), func(i int) int64 { return money(p.Tasks[i].EarlinessPerDay) }))
	assign("n_dept", strconv.Itoa(len(b.deptCap)))
	assign("dept_cap", ints(len(b.deptCap), func(i int) int64 { return b.deptCap[i] }))
	assign("total_cap", strconv.FormatInt(b.totalCap, 10))
	assign("opt_prod", ints(len(b.opts), func(i int) int64 { return int64(b.opts[i].prod) }))
	assign("n_pcap", strconv.Itoa(len(b.prodCaps)))
	assign("pcap_prod", ints(len(b.prodCaps), func(i int) int64 { return int64(b.prodCaps[i].prod) }))
	assign("pcap_dept", ints(len(b.prodCaps), func(i int) int64 { return int64(b.prodCaps[i].dept) }))
	assign("pcap_limit", ints(len(b.prodCaps), func(i int) int64 { return b.prodCaps[i].limit }))
	return w.Bytes()
}

// noteList is the notes, sorted, each with its count.
func (b *builder) noteList() []string {
	var out []string
	for what, n := range b.notes {
		out = append(out, fmt.Sprintf("%s (%d)", what, n))
	}
	slices.Sort(out)
	return out
}

func ints(n int, at func(int) int64) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = strconv.FormatInt(at(i), 10)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func bools(n int, at func(int) bool) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = strconv.FormatBool(at(i))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func joinInts(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}

// set writes half-open runs as a MiniZinc set of int.
func set(ivs []solver.Interval) string {
	if len(ivs) == 0 {
		return "{}"
	}
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = fmt.Sprintf("%d..%d", iv.Start, iv.End-1)
	}
	return strings.Join(parts, " union ")
}

func sets(all [][]solver.Interval) string {
	parts := make([]string, len(all))
	for i, ivs := range all {
		parts[i] = set(ivs)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// table writes rows indexed 0..h as a 2-d array.
func table(rows [][]int32, h int) string {
	var w strings.Builder
	fmt.Fprintf(&w, "array2d(1..%d, 0..%d, [", len(rows), h)
	for i, row := range rows {
		for j, v := range row {
			if i+j > 0 {
				w.WriteString(", ")
			}
			w.WriteString(strconv.Itoa(int(v)))
		}
	}
	w.WriteString("])")
	return w.String()
}
