package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// xmlDoc decodes a document with encoding/xml and returns its elements'
// names and every text node, failing on malformed XML.
func xmlDoc(t *testing.T, data []byte) (elements map[string]int, texts []string) {
	t.Helper()
	elements = map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return elements, texts
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elements[tok.Name.Local]++
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				texts = append(texts, s)
			}
		}
	}
}

func TestGanttSVG(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGanttSVG(&b, fixtureSchedule(), Origin{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "gantt.svg", b.Bytes())
	elements, texts := xmlDoc(t, b.Bytes())
	all := strings.Join(texts, "\n")
	for _, want := range []string{
		"Cutting Room 1", "Grade 1", "ADR Stage", "Dubbing Theatre", // a row per suite
		"Sam Okafor", "Inès Moreau", "Mo Harris", "Maya Rees", "Lena Berg", // per person and artiste
		"Milestones", "Suites", "Crew and artistes", "Picture lock 3 Jun", "Delivered 16 Jun", // labelled milestones
		"week of (2026)", "1 Jun", "8 Jun", "15 Jun", // week axis
		"confirmed", "pencil", "milestone", "ep1", "ep2", // legend
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the chart has no text %q", want)
		}
	}
	for _, want := range []string{"assembly, Ep 1", "adr, Ep 2", "fresh solve, not committed · times in Europe/London"} {
		if !strings.Contains(all, want) {
			t.Errorf("the chart has no text %q", want)
		}
	}
	if strings.Contains(all, "second pencil") {
		t.Error("the legend explains second pencils on a chart without any")
	}
	if got := elements["path"]; got != 3 { // two milestones and the legend's diamond
		t.Errorf("%d diamonds, want 3", got)
	}
	// Pencils are hatched: one overlay per pencilled piece on each of its
	// rows (grade 2 pieces x 2 rows, ADR 1 x 3, mix 2 x 2) and the
	// legend's; the confirmed assembly is solid.
	if got := strings.Count(b.String(), `fill="url(#pencil-hatch)"`); got != 12 {
		t.Errorf("%d hatched pieces, want 12", got)
	}
}

func TestGanttHTML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGanttHTML(&b, fixtureSchedule(), Origin{}); err != nil {
		t.Fatal(err)
	}
	elements, texts := xmlDoc(t, b.Bytes())
	if elements["html"] != 1 || elements["svg"] != 1 || elements["style"] != 1 || elements["script"] != 0 {
		t.Errorf("elements %v: want one html page with one inline svg and no script", elements)
	}
	if !strings.Contains(strings.Join(texts, "\n"), "Harbour & Sons — schedule") {
		t.Errorf("no escaped title in %q", texts[:3])
	}
}
