package report

import (
	"bytes"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/pencil-post/pencil/model/whatif"
)

func TestCharts(t *testing.T) {
	c := fixtureComparison()
	for _, tt := range []struct {
		name  string
		chart func(io.Writer, *whatif.Comparison, string) error
		texts []string
	}{
		{"cost-delivery", WriteCostDeliveryChart, []string{"Cost against delivery", "base", "Cheaper colourist", "Second mixer", "no schedule: Grade capped at £1k"}},
		{"departments", WriteDepartmentChart, []string{"Cost by department", "picture", "grade", "sound", "Cheaper colourist", "Second mixer"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var svg, pic bytes.Buffer
			if err := tt.chart(&svg, c, SVG); err != nil {
				t.Fatal(err)
			}
			_, texts := xmlDoc(t, svg.Bytes())
			all := strings.Join(texts, "\n")
			for _, want := range tt.texts {
				if !strings.Contains(all, want) {
					t.Errorf("the SVG chart has no text %q", want)
				}
			}
			if err := tt.chart(&pic, c, PNG); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&pic)
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if b := img.Bounds(); b.Dx() < 500 || b.Dy() < 300 {
				t.Errorf("PNG is %v, too small to read", b)
			}
			if err := tt.chart(io.Discard, c, "gif"); err == nil {
				t.Error("an unknown format was accepted")
			}
		})
	}
}

func TestComparisonHTML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteComparisonHTML(&b, fixtureComparison()); err != nil {
		t.Fatal(err)
	}
	elements, texts := xmlDoc(t, b.Bytes())
	// Three tables, two charts and one Gantt per feasible result.
	if elements["table"] != 3 || elements["svg"] != 2+3 {
		t.Errorf("%d tables and %d svg, want 3 and 5", elements["table"], elements["svg"])
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"What if — Harbour & Sons", "Cheaper colourist", "-£880", "NO SCHEDULE",
		"No schedule for Grade capped at £1k", "budget cap: grade budget capped at £1,000", "Schedule: Second mixer"} {
		if !strings.Contains(all, want) {
			t.Errorf("the page has no text %q", want)
		}
	}
}
