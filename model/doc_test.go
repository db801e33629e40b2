package model

import (
	"os"
	"strings"
	"testing"
)

// TestDocMentionsEveryKey keeps docs/project-file.md true to the decoder:
// every YAML key and CSV column the loader knows is written there in
// backquotes.
func TestDocMentionsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../docs/project-file.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	lists := map[string][]string{
		"root": rootKeys, "include": includeKeys, "production": productionKeys, "calendar": calendarKeys,
		"budget": budgetKeys, "episodes": episodeKeys, "suite": suiteKeys, "person": personKeys,
		"artiste": artisteKeys, "rate": rateKeys, "overtime": overtimeKeys, "minimum call": minimumCallKeys, "rules": rulesKeys,
		"agent": agentKeys, "availability": availabilityKeys, "fee": feeKeys, "travel": travelKeys,
		"csv": csvKeys, "availability import": availabilityImportKeys, "session": sessionKeys,
		"after": afterKeys, "split": splitKeys, "override": overrideKeys, "booking": bookingKeys,
		"booking status": bookingStatusWords(), "suite kinds": builtinSuiteKinds, "roles": builtinRoles,
		"departments": builtinDepartments,
	}
	for name, table := range map[string]csvTable{"suites": suiteCSV, "people": personCSV, "artistes": artisteCSV, "availability": availabilityCSV, "sessions": sessionCSV} {
		lists[name+" columns"] = table.names()
	}
	for list, keys := range lists {
		for _, k := range keys {
			if !strings.Contains(doc, "`"+k+"`") {
				t.Errorf("docs/project-file.md does not mention %s key `%s`", list, k)
			}
		}
	}
}

// TestDocExamplesParse loads every complete project shown in the doc
// (a yaml block starting with "production:").
func TestDocExamplesParse(t *testing.T) {
	data, err := os.ReadFile("../docs/project-file.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(data), "```yaml\n")
	n := 0
	for _, b := range blocks[1:] {
		block, _, _ := strings.Cut(b, "```")
		if !strings.HasPrefix(block, "production:") {
			continue
		}
		n++
		if _, err := Parse("doc.yaml", []byte(block)); err != nil {
			t.Errorf("example in the doc does not load:\n%s\n%v", block, err)
		}
	}
	if n == 0 {
		t.Error("no complete example in the doc")
	}
}
