package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London for the golden reports, wherever the tests run

	"github.com/pencil-post/pencil/model/booking"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// names are the display names the golden reports use.
var names = map[string]string{
	"maya": "Maya Rees", "ravi": "Ravi Shah", "ines": "Inès Moreau", "tom": "Tom Hale",
	"jo": "Jo Bell", "kit": "Kit Marlowe", "sol": "Sol Adams", "grade-a": "Grade A",
}

// scenario commits three runs that between them produce every kind of
// change and conflict, and returns the store and the three results.
//
//	run 1 (HL): grade G1, ADR A3, mix M1 (confirmed), screening S1, conform C1 (confirmed)
//	run 2 (NS): grade N1 on G1's slot (second pencil)
//	run 3 (HL): A3 moved, G1 dropped (N1 promoted), M1 to another stage with
//	            another mixer, S1 dropped, C1 missing, dialogue edits D1 and D2
//	            double-booking their suite
func scenario(t testing.TB, be backend) (*Store, []RunResult) {
	t.Helper()
	s := be.open(t)
	grade := bk(t, "G1", "Harbour Lights", "Grade/2", "grade-a", "05-12 09:00", 8, "ines")
	adr := bk(t, "A3", "Harbour Lights", "ADR/3", "adr-1", "05-12 09:00", 4, "ravi|maya")
	mix := bk(t, "M1", "Harbour Lights", "Mix/1", "mix-1", "05-13 08:00", 10, "tom")
	mix.Status = booking.Confirmed
	screening := bk(t, "S1", "Harbour Lights", "Screening/1", "theatre", "05-15 15:00", 2, "")
	conform := bk(t, "C1", "Harbour Lights", "Conform/1", "online-1", "05-11 08:00", 8, "jo")
	conform.Status = booking.Confirmed
	r1 := commit(t, s, "Harbour Lights", grade, adr, mix, screening, conform)
	r2 := commit(t, s, "Night Shift", bk(t, "N1", "Night Shift", "Grade/1", "grade-a", "05-12 13:00", 4, "kit"))
	adr.Start, adr.End = at(t, "05-14 09:00"), at(t, "05-14 13:00")
	mix.Suite, mix.People = "mix-2", []string{"jo"}
	r3 := commit(t, s, "Harbour Lights", adr, mix,
		bk(t, "D1", "Harbour Lights", "Dialogue edit/3", "dialogue-1", "05-18 08:00", 8, "sol"),
		bk(t, "D2", "Harbour Lights", "Dialogue edit/4", "dialogue-1", "05-18 12:00", 8, "sol"))
	return s, []RunResult{r1, r2, r3}
}

func TestReportGolden(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		_, res := scenario(t, be)
		london, err := time.LoadLocation("Europe/London")
		if err != nil {
			t.Fatal(err)
		}
		opts := RenderOptions{Location: london, Names: names}
		rep := res[2].Report
		tests := []struct {
			file  string
			write func(*bytes.Buffer) error
		}{
			{"report.txt", func(b *bytes.Buffer) error { return rep.WriteText(b, opts) }},
			{"report.csv", func(b *bytes.Buffer) error { return rep.WriteCSV(b, opts) }},
			{"report.json", func(b *bytes.Buffer) error { return rep.WriteJSON(b) }},
			{"report-run2.txt", func(b *bytes.Buffer) error { return res[1].Report.WriteText(b, opts) }},
		}
		for _, tt := range tests {
			t.Run(tt.file, func(t *testing.T) {
				var got bytes.Buffer
				if err := tt.write(&got); err != nil {
					t.Fatal(err)
				}
				golden(t, tt.file, got.Bytes())
			})
		}
		// Invariants that hold whatever the golden files say.
		if got := counts(rep); got != "moved=1 reassigned=1 new=2 released=2 promoted=1" {
			t.Errorf("changes = %q", got)
		}
		if len(rep.Conflicts) != 2 {
			t.Errorf("conflicts = %+v, want the double-booked dialogue suite and the missing conform", rep.Conflicts)
		}
		var text bytes.Buffer
		if err := rep.WriteText(&text, opts); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"Tell Maya Rees' agent:\n  - ADR Ep 3 moved from Tue 12 May 10:00–14:00 to Thu 14 May 10:00–14:00 in adr-1 [A3]",
			"Tell Tom Hale:\n  - Mix Ep 1 on Wed 13 May 09:00–19:00 reassigned: suite mix-1 → mix-2; people +Jo Bell −Tom Hale [M1]",
			"Tell Kit Marlowe:\n  - Grade Ep 1 on Tue 12 May 14:00–18:00 in Grade A promoted from second pencil to first pencil [N1]",
		} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("text report lacks %q", want)
			}
		}
		var back jsonReport
		var js bytes.Buffer
		if err := rep.WriteJSON(&js); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(js.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		if counts(back.Report) != counts(rep) || len(back.Notices) != len(rep.Notices()) {
			t.Errorf("JSON round trip lost changes: %q", counts(back.Report))
		}
	})
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestBookingsExportGolden(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		s, _ := scenario(t, be)
		bs, err := s.Bookings(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		london, err := time.LoadLocation("Europe/London")
		if err != nil {
			t.Fatal(err)
		}
		var csvOut, jsonOut bytes.Buffer
		if err := WriteBookingsCSV(&csvOut, bs, RenderOptions{Location: london}); err != nil {
			t.Fatal(err)
		}
		golden(t, "bookings.csv", csvOut.Bytes())
		if err := WriteBookingsJSON(&jsonOut, bs); err != nil {
			t.Fatal(err)
		}
		golden(t, "bookings.json", jsonOut.Bytes())
		var back []Booking
		if err := json.Unmarshal(jsonOut.Bytes(), &back); err != nil {
			t.Fatal(err)
		}
		if len(back) != len(bs) {
			t.Fatalf("JSON round trip: %d bookings, want %d", len(back), len(bs))
		}
		for i := range bs {
			if changeKinds(&back[i], bs[i]) != nil || back[i].Sequence != bs[i].Sequence || back[i].RunID != bs[i].RunID {
				t.Errorf("JSON round trip changed %s: %+v", bs[i].ID, back[i])
			}
		}
		if got := strings.Count(csvOut.String(), "\n"); got != len(bs)+1 {
			t.Errorf("CSV has %d lines, want a header and %d bookings", got, len(bs))
		}
	})
}

func TestNoticesReachEveryoneBeforeAndAfter(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		_, res := scenario(t, be)
		got := map[string]int{}
		for _, n := range res[2].Report.Notices() {
			got[string(n.Audience)+":"+n.ID] = len(n.Changes)
		}
		want := map[string]int{
			"person:ravi": 1, "artiste:maya": 1, // A3 moved
			"person:ines": 1,                 // G1 released
			"person:kit":  1,                 // N1 promoted
			"person:tom":  1, "person:jo": 1, // M1 reassigned from Tom to Jo
			"person:sol":    2, // D1 and D2 new
			"suite:theatre": 1, // S1 released, no one on it
		}
		if len(got) != len(want) {
			t.Errorf("notices = %v, want %v", got, want)
		}
		for k, n := range want {
			if got[k] != n {
				t.Errorf("%s: %d changes, want %d", k, got[k], n)
			}
		}
	})
}

func TestDiff(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		s, res := scenario(t, be)
		if _, err := s.Release(ctx, []string{"A3"}, "artiste unavailable", "jo"); err != nil {
			t.Fatal(err)
		}
		r4 := commit(t, s, "Night Shift", bk(t, "N1", "Night Shift", "Grade/1", "grade-a", "05-12 13:00", 4, "kit"))
		tests := []struct {
			name string
			a, b int64
			want string
		}{
			{"a run against itself", res[0].RunID, res[0].RunID, ""},
			{"one run to the next is that run's report", res[1].RunID, res[2].RunID, counts(res[2].Report)},
			{"backwards undoes it", res[2].RunID, res[1].RunID, "moved=1 reassigned=1 new=2 released=2 status=1"},
			{"changes by hand between runs count", res[2].RunID, r4.RunID, "released=1"},
			{"across several runs", res[0].RunID, r4.RunID, "reassigned=1 new=3 released=3"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rep, err := s.Diff(ctx, tt.a, tt.b)
				if err != nil {
					t.Fatal(err)
				}
				if got := counts(rep); got != tt.want {
					t.Errorf("Diff(%d, %d) = %q, want %q", tt.a, tt.b, got, tt.want)
				}
			})
		}
		if _, err := s.Diff(ctx, 1, 99); !errors.Is(err, ErrUnknownRun) {
			t.Errorf("Diff to an unknown run: err = %v, want ErrUnknownRun", err)
		}
		if _, err := s.RunReport(ctx, 99); !errors.Is(err, ErrUnknownRun) {
			t.Errorf("RunReport(99): err = %v, want ErrUnknownRun", err)
		}
		runs, err := s.Runs(ctx)
		if err != nil || len(runs) != 4 || runs[3].Production != "Night Shift" || runs[0].Fingerprint != fp {
			t.Errorf("Runs = %+v, %v", runs, err)
		}
	})
}

func TestBookingsFilter(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		s, _ := scenario(t, be)
		tests := []struct {
			name string
			f    Filter
			want string
		}{
			{"everything", Filter{}, "C1 G1 N1 M1 A3 S1 D1 D2"},
			{"one production", Filter{Production: "Night Shift"}, "N1"},
			{"one suite", Filter{Suite: "grade-a"}, "G1 N1"},
			{"one person", Filter{Person: "sol"}, "D1 D2"},
			{"one artiste", Filter{Artiste: "maya"}, "A3"},
			{"live bookings", Filter{Statuses: []booking.Status{booking.Pencil, booking.Confirmed}}, "C1 N1 M1 A3 D1 D2"},
			{"a window", Filter{From: at(t, "05-13 00:00"), To: at(t, "05-15 00:00")}, "M1 A3"},
			{"nothing matches", Filter{Person: "nobody"}, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				bs, err := s.Bookings(context.Background(), tt.f)
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for _, b := range bs {
					ids = append(ids, b.ID)
				}
				if got := strings.Join(ids, " "); got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			})
		}
	})
}
