package report

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/pencil-post/pencil/model/whatif"
)

// Chart image formats.
const (
	PNG = "png"
	SVG = "svg"
)

// Chart size: wide enough for scenario names, small enough to print two
// to a page.
const (
	chartWidth  = 18 * vg.Centimeter
	chartHeight = 11 * vg.Centimeter
)

// scenarioColours colour scenarios in both charts alike (the base is
// black).
var scenarioColours = []color.RGBA{
	{0, 0, 0, 255}, {0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255},
	{204, 121, 167, 255}, {86, 180, 233, 255}, {213, 94, 0, 255}, {136, 34, 85, 255},
}

func scenarioColour(i int) color.RGBA { return scenarioColours[i%len(scenarioColours)] }

// WriteCostDeliveryChart draws each scenario with a schedule as a point:
// its delivery date across, its total cost up, labelled with its name.
// Down and to the left is cheaper and sooner. Scenarios with no schedule
// are listed under the title. format is PNG or SVG.
func WriteCostDeliveryChart(w io.Writer, c *whatif.Comparison, format string) error {
	p := plot.New()
	p.Title.Text = "Cost against delivery — " + c.Production
	p.X.Label.Text = "delivery (last session ends)"
	p.Y.Label.Text = "total cost (" + c.Currency + " thousands)"
	p.X.Tick.Marker = plot.TimeTicks{Format: "2 Jan"}
	p.Add(plotter.NewGrid())
	var missing []string
	var xmin, xmax, ymin, ymax float64
	var placed plotter.XYs
	first := true
	for _, r := range c.All() {
		if r.Feasible {
			x, y := float64(r.Delivery.Unix()), r.Cost/1000
			if first {
				xmin, xmax, ymin, ymax, first = x, x, y, y, false
			}
			xmin, xmax, ymin, ymax = min(xmin, x), max(xmax, x), min(ymin, y), max(ymax, y)
		}
	}
	// Room for the labels on the right, and a little air around.
	dx, dy := max((xmax-xmin)*0.1, 3*86400), max((ymax-ymin)*0.15, 2)
	for i, r := range c.All() {
		if !r.Feasible {
			missing = append(missing, r.Name)
			continue
		}
		x, y := float64(r.Delivery.Unix()), r.Cost/1000
		// Scenarios that land on the same spot stack their labels under
		// the first one's.
		near, anchor := 0, plotter.XY{X: x, Y: y}
		for _, q := range placed {
			if math.Abs(q.X-x) < dx/3 && math.Abs(q.Y-y) < dy/3 {
				if near == 0 {
					anchor = q
				}
				near++
			}
		}
		placed = append(placed, plotter.XY{X: x, Y: y})
		pts := plotter.XYs{{X: x, Y: y}}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return fmt.Errorf("report: chart: %w", err)
		}
		sc.GlyphStyle.Color = scenarioColour(i)
		sc.GlyphStyle.Radius = vg.Points(5)
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		if i == 0 {
			sc.GlyphStyle.Shape = draw.BoxGlyph{}
		}
		labels, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{anchor}, Labels: []string{r.Name}})
		if err != nil {
			return fmt.Errorf("report: chart: %w", err)
		}
		labels.Offset = vg.Point{X: vg.Points(8), Y: vg.Points(-3 - 12*float64(near))}
		for j := range labels.TextStyle {
			labels.TextStyle[j].Font.Size = vg.Points(9)
			labels.TextStyle[j].Color = scenarioColour(i) // which label is which dot, when dots coincide
		}
		p.Add(sc, labels)
	}
	if len(missing) > 0 {
		p.Title.Text += "\nno schedule: " + strings.Join(missing, ", ")
	}
	p.X.Min, p.X.Max = xmin-dx, xmax+4*dx
	p.Y.Min, p.Y.Max = ymin-dy, ymax+dy
	return save(w, p, format)
}

// WriteDepartmentChart draws the cost of each department as a group of
// bars, one bar per scenario with a schedule, in the same colours as the
// cost-against-delivery chart. format is PNG or SVG.
func WriteDepartmentChart(w io.Writer, c *whatif.Comparison, format string) error {
	depts := c.Departments()
	p := plot.New()
	p.Title.Text = "Cost by department — " + c.Production
	p.Y.Label.Text = c.Currency + " thousands"
	p.Add(plotter.NewGrid())
	all := c.All()
	n := 0
	for _, r := range all {
		if r.Feasible {
			n++
		}
	}
	barWidth := vg.Points(max(40/float64(max(n, 1)), 4))
	k := 0
	for i, r := range all {
		if !r.Feasible {
			continue
		}
		vals := make(plotter.Values, len(depts))
		for j, d := range depts {
			for _, a := range r.Departments {
				if a.Name == d {
					vals[j] = a.Amount / 1000
				}
			}
		}
		bars, err := plotter.NewBarChart(vals, barWidth)
		if err != nil {
			return fmt.Errorf("report: chart: %w", err)
		}
		bars.Color = scenarioColour(i)
		bars.LineStyle.Width = 0
		bars.Offset = vg.Length(float64(k)-float64(n-1)/2) * barWidth
		p.Add(bars)
		p.Legend.Add(r.Name, bars)
		k++
	}
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.NominalX(depts...)
	p.Y.Min = 0
	top := 0.0
	for _, r := range all {
		for _, a := range r.Departments {
			top = max(top, a.Amount/1000)
		}
	}
	p.Y.Max = top * 1.3 // headroom for the legend
	return save(w, p, format)
}

// save renders p as PNG or SVG.
func save(w io.Writer, p *plot.Plot, format string) error {
	if format != PNG && format != SVG {
		return fmt.Errorf("report: chart format %q: want png or svg", format)
	}
	wt, err := p.WriterTo(chartWidth, chartHeight, format)
	if err != nil {
		return fmt.Errorf("report: chart: %w", err)
	}
	_, err = wt.WriteTo(w)
	return err
}

// inlineSVG renders a chart as SVG without its XML declaration, for
// inlining in an HTML page.
func inlineSVG(c *whatif.Comparison, chart func(io.Writer, *whatif.Comparison, string) error) (string, error) {
	var b bytes.Buffer
	if err := chart(&b, c, SVG); err != nil {
		return "", err
	}
	s := b.String()
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return s, nil
}
