package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pencil-post/pencil/model/report"
	"github.com/pencil-post/pencil/model/whatif"
)

// quick are search flags that make a solve repeatable and short.
var quick = []string{"--time-limit", "0", "--iterations", "100", "--log-level", "error", "--now", "2026-03-02"}

// featureScenarios are two what-ifs on testdata/feature.yaml.
const featureScenarios = `scenarios:
  - name: Dearer colourist
    rates: { ines: { day: 950 } }
  - name: Delivery two weeks earlier
    move_deliveries: -2w
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// wellFormed fails unless data decodes as XML.
func wellFormed(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
}

func TestWhatif(t *testing.T) {
	scen := writeFile(t, "s.yaml", featureScenarios)
	dir := t.TempDir()
	page := filepath.Join(dir, "whatif.html")
	args := append([]string{"whatif", "../../testdata/feature.yaml", scen, "--format", "md", "--html", page}, quick...)
	code, out, stderr := pencil(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"# What if — The Long Field (GBP; seed 1, 100 iterations; search noise ", " over 3 seeds)", "| base | feasible |",
		"| Dearer colourist | feasible |", "| Delivery two weeks earlier | feasible |", "## Cost by department"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, data)
	if n := bytes.Count(data, []byte("<svg")); n != 2+3 {
		t.Errorf("page has %d SVG pictures, want two charts and three Gantt charts", n)
	}

	// --out writes every rendering and both charts.
	outDir := filepath.Join(dir, "out")
	code, out, stderr = pencil(t, append([]string{"whatif", "../../testdata/feature.yaml", scen, "--out", outDir}, quick...)...)
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, out, stderr)
	}
	for _, name := range []string{"comparison.txt", "comparison.csv", "comparison.md", "comparison.xlsx",
		"cost-delivery.png", "cost-delivery.svg", "departments.png", "departments.svg"} {
		if fi, err := os.Stat(filepath.Join(outDir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	text, _ := os.ReadFile(filepath.Join(outDir, "comparison.txt"))
	_, again, _ := pencil(t, append([]string{"whatif", "../../testdata/feature.yaml", scen}, quick...)...)
	if again != string(text) {
		t.Errorf("two runs with one seed differ:\n%s\n---\n%s", text, again)
	}
}

func TestWhatifRefuses(t *testing.T) {
	good := writeFile(t, "s.yaml", featureScenarios)
	bad := writeFile(t, "bad.yaml", "scenarios:\n  - name: x\n    rates: { nobody: { day: 1 } }\n")
	for _, tt := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"one argument", []string{"whatif", "../../testdata/feature.yaml"}, exitInvalid, "want a project file and a scenario file"},
		{"bad format", []string{"whatif", "../../testdata/feature.yaml", good, "--format", "pdf"}, exitInvalid, `format "pdf": want text, csv, md, xlsx`},
		{"never stops", []string{"whatif", "../../testdata/feature.yaml", good, "--time-limit", "0", "--iterations", "0"}, exitInvalid, "set --time-limit or --iterations"},
		{"unknown id", append([]string{"whatif", "../../testdata/feature.yaml", bad}, quick...), exitInvalid, `bad.yaml:3:14: scenarios[0].rates.nobody: no person, suite or artiste "nobody"`},
		{"missing scenarios", append([]string{"whatif", "../../testdata/feature.yaml", "nope.yaml"}, quick...), exitError, "nope.yaml"},
		{"infeasible base", append([]string{"whatif", "testdata/infeasible.yaml", good}, quick...), exitInfeasible, "ADR needs artiste Maya Rees after picture-lock"},
		{"delivered before now", []string{"whatif", "../../testdata/feature.yaml", good, "--time-limit", "0", "--iterations", "100"}, exitInvalid, "before now"},
		{"fresh gantt before now", []string{"gantt", "../../testdata/feature.yaml", "--fresh", "--time-limit", "0", "--iterations", "100"}, exitInvalid, "give --now 2026-03-02"},
		{"export xlsx without --out", []string{"export", "xlsx", "../../testdata/feature.yaml"}, exitInvalid, "give --out FILE.xlsx"},
		{"gantt of an invalid project", append([]string{"gantt", "testdata/broken.yaml"}, quick...), exitInvalid, "testdata/broken.yaml:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := pencil(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}

func TestGantt(t *testing.T) {
	page := filepath.Join(t.TempDir(), "g.html")
	code, out, stderr := pencil(t, append([]string{"gantt", "../../testdata/feature.yaml", "--out", page}, quick...)...)
	if code != exitOK || out != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, out, stderr)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	wellFormed(t, data)
	for _, want := range []string{"The Long Field — schedule", "Cutting Room 1", "Dubbing Theatre 1", "Sam Okafor", "Maya Rees", "Picture lock",
		">directors-cut</text>"} { // a five-week bar carries its name
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	code, out, _ = pencil(t, append([]string{"gantt", "../../testdata/feature.yaml", "--svg"}, quick...)...)
	if code != exitOK || !strings.HasPrefix(out, "<svg") {
		t.Errorf("--svg: exit %d, output starts %.20q", code, out)
	}
}

func TestExportXLSX(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f.xlsx")
	code, _, stderr := pencil(t, append([]string{"export", "xlsx", "../../testdata/feature.yaml", "--out", file}, quick...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != strings.Join([]string{report.SheetBySuite, report.SheetByPerson, report.SheetCost, report.SheetAbout}, ",") {
		t.Errorf("sheets %s", got)
	}
	// The confirmed assembly is Sam's first booking; its first piece
	// starts on 2 March.
	rows, err := f.GetRows(report.SheetByPerson)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if len(r) > 6 && r[0] == "Sam Okafor" && r[1] == "assembly" && strings.HasPrefix(r[5], "1 of ") {
			found = r[4] == "confirmed" && r[6] == "2026-03-02 09:00"
		}
	}
	if !found {
		t.Errorf("no confirmed assembly for Sam Okafor at 2026-03-02 09:00 in %q", rows[:min(len(rows), 4)])
	}
}

// TestWhatifProgress: --progress writes one line per solve off a
// terminal, counting up to every solve of the comparison (the base, its
// noise runs and each scenario); --quiet writes none.
func TestWhatifProgress(t *testing.T) {
	scen := writeFile(t, "s.yaml", featureScenarios)
	scenarios, err := whatif.ParseFile(scen)
	if err != nil {
		t.Fatal(err)
	}
	total := 1 + 2 + len(scenarios) // base, --noise-runs 2, scenarios
	code, _, stderr := pencil(t, append([]string{"whatif", "../../testdata/feature.yaml", scen, "--progress"}, quick...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var lines []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "comparing ") {
			lines = append(lines, l)
		}
	}
	if len(lines) != total || !strings.Contains(lines[0], " 1/"+strconv.Itoa(total)+" solved  base: £") ||
		!strings.Contains(lines[total-1], fmt.Sprintf(" %d/%d solved", total, total)) {
		t.Errorf("progress lines (want %d, the first the base):\n%s", total, strings.Join(lines, "\n"))
	}
	_, _, quiet := pencil(t, append([]string{"whatif", "../../testdata/feature.yaml", scen, "--quiet"}, quick...)...)
	if strings.Contains(quiet, "comparing ") {
		t.Errorf("--quiet still shows progress:\n%s", quiet)
	}
	pencilExpect(t, exitInvalid, "give --progress or --quiet, not both", append([]string{"whatif", "../../testdata/feature.yaml", scen, "--progress", "--quiet"}, quick...)...)
}
