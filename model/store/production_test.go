package store

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	_ "time/tzdata" // the zones below load wherever the tests run

	"pgregory.net/rapid"
)

// zoned is a run of production prod with a time zone and names, and one
// booking so the run is not empty.
type zoned struct {
	prod, tz string
	names    map[string]string
	preview  bool
}

func TestRenderDefaults(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ines := map[string]string{"ines": "Inès Moreau", "grade-a": "Grade 1"}
		tests := []struct {
			name      string
			runs      []zoned
			wantZone  string // "" means Location nil
			wantNames map[string]string
		}{
			{name: "nothing recorded"},
			{name: "run without zone or names records nothing",
				runs: []zoned{{prod: "HL"}}},
			{name: "one production", runs: []zoned{{prod: "HL", tz: "Europe/London", names: ines}},
				wantZone: "Europe/London", wantNames: ines},
			{name: "productions share a zone", runs: []zoned{
				{prod: "HL", tz: "Europe/London", names: ines},
				{prod: "DW", tz: "Europe/London", names: map[string]string{"maya": "Maya Rees"}}},
				wantZone:  "Europe/London",
				wantNames: map[string]string{"ines": "Inès Moreau", "grade-a": "Grade 1", "maya": "Maya Rees"}},
			{name: "productions in different zones fall back to the caller's", runs: []zoned{
				{prod: "HL", tz: "Europe/London", names: ines},
				{prod: "DW", tz: "America/New_York"}},
				wantNames: ines},
			{name: "a later run without zone or names keeps them", runs: []zoned{
				{prod: "HL", tz: "Europe/London", names: ines},
				{prod: "HL"},
				{prod: "HL", tz: "Europe/London"},
				{prod: "HL", names: nil}},
				wantZone: "Europe/London", wantNames: ines},
			{name: "a later run replaces names and zone", runs: []zoned{
				{prod: "HL", tz: "Europe/London", names: ines},
				{prod: "HL", tz: "Europe/Paris", names: map[string]string{"ines": "Inès M."}}},
				wantZone: "Europe/Paris", wantNames: map[string]string{"ines": "Inès M."}},
			{name: "the later production's name wins", runs: []zoned{
				{prod: "HL", names: ines},
				{prod: "DW", names: map[string]string{"grade-a": "Grade A (DW)"}}},
				wantNames: map[string]string{"ines": "Inès Moreau", "grade-a": "Grade A (DW)"}},
			{name: "a preview records nothing", runs: []zoned{
				{prod: "HL", tz: "Europe/London", names: ines, preview: true}}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				s := be.open(t)
				for i, r := range tt.runs {
					in := RunInput{Production: r.prod, Fingerprint: fp, TimeZone: r.tz, Names: r.names,
						Bookings: []Booking{bk(t, "B-"+r.prod, r.prod, "Grade/1", "grade-a", "05-12 10:00", 8, "ines")}}
					run := s.CommitRun
					if r.preview {
						run = s.PreviewRun
					}
					if _, err := run(ctx, in); err != nil {
						t.Fatalf("run %d: %v", i, err)
					}
				}
				ro, err := s.RenderDefaults(ctx)
				if err != nil {
					t.Fatal(err)
				}
				zone := ""
				if ro.Location != nil {
					zone = ro.Location.String()
				}
				if zone != tt.wantZone {
					t.Errorf("zone = %q, want %q", zone, tt.wantZone)
				}
				if !maps.Equal(ro.Names, tt.wantNames) {
					t.Errorf("names = %v, want %v", ro.Names, tt.wantNames)
				}
			})
		}
	})
}

func TestRunRefusesMachineOrUnknownZone(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		for _, tz := range []string{"Local", "Mars/Olympus_Mons", "../etc/passwd"} {
			t.Run(tz, func(t *testing.T) {
				s := be.open(t)
				_, err := s.CommitRun(context.Background(), RunInput{Production: "HL", Fingerprint: fp, TimeZone: tz,
					Bookings: []Booking{bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")}})
				if !errors.Is(err, ErrInvalidInput) {
					t.Fatalf("err = %v, want ErrInvalidInput", err)
				}
				if len(current(t, s)) != 0 {
					t.Errorf("a refused run wrote bookings")
				}
			})
		}
	})
}

// TestMigrationAddsProductions builds a store at the schema before
// productions were recorded, reopens it with this build and checks that its
// bookings and subscribers are kept and that runs now record zone and names.
func TestMigrationAddsProductions(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pencil.db")
	old := &Store{db: rawDB(t, path), dialect: sqliteDialect{}, path: path, now: newClock().now}
	if err := old.migrateTo(ctx, 2); err != nil {
		t.Fatal(err)
	}
	runID := commitOld(t, old, bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines"))
	if _, _, err := old.AddSubscriber(ctx, FeedPerson, "ines"); err != nil {
		t.Fatal(err)
	}
	var tables int
	if err := old.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'productions'").Scan(&tables); err != nil || tables != 0 {
		t.Fatalf("old schema already has productions: %d, %v", tables, err)
	}
	old.db.Close()

	s := openAt(t, path, Options{Now: newClock().now})
	if v, _ := s.schemaVersion(ctx, s.db); v != SchemaVersion {
		t.Fatalf("version after Open = %d, want %d", v, SchemaVersion)
	}
	if b := current(t, s)["G1"]; b.RunID != runID || b.Suite != "grade-a" {
		t.Errorf("booking lost in migration: %+v", b)
	}
	if subs, err := s.Subscribers(ctx); err != nil || len(subs) != 1 || subs[0].Key != "ines" {
		t.Errorf("subscribers after migration = %+v, %v", subs, err)
	}
	if ro, err := s.RenderDefaults(ctx); err != nil || ro.Location != nil || ro.Names != nil {
		t.Errorf("RenderDefaults of a migrated store = %+v, %v; want nothing recorded", ro, err)
	}
	_, err := s.CommitRun(ctx, RunInput{Production: "HL", Fingerprint: fp, TimeZone: "Europe/London",
		Names:    map[string]string{"ines": "Inès Moreau"},
		Bookings: []Booking{bk(t, "G1", "HL", "Grade/1", "grade-a", "05-12 10:00", 8, "ines")}})
	if err != nil {
		t.Fatal(err)
	}
	ro, err := s.RenderDefaults(ctx)
	if err != nil || ro.Location == nil || ro.Location.String() != "Europe/London" || ro.Names["ines"] != "Inès Moreau" {
		t.Errorf("RenderDefaults after a run = %+v, %v", ro, err)
	}
}

// TestRenderDefaultsFollowRuns drives a store with random runs that give or
// leave out a zone and names, and checks RenderDefaults against a model:
// each production keeps the last zone and the last names given it; the
// zone shown is the one all productions share; a later recording wins a
// clash of names.
func TestRenderDefaultsFollowRuns(t *testing.T) {
	eachBackend(t, func(t *testing.T, be backend) {
		ctx := context.Background()
		zones := []string{"", "Europe/London", "Europe/Paris"}
		// One store for every check, its productions forgotten between checks:
		// opening a store each time would make the test slow under -race.
		s := be.open(t)
		rapid.Check(t, func(rt *rapid.T) {
			if _, err := s.db.ExecContext(ctx, "DELETE FROM productions"); err != nil {
				rt.Fatal(err)
			}
			type kept struct {
				tz    string
				names map[string]string
				seq   int
			}
			model := map[string]*kept{}
			for step := range rapid.IntRange(1, 2*propSteps).Draw(rt, "runs") {
				prod := rapid.SampledFrom(propProductions).Draw(rt, "production")
				tz := rapid.SampledFrom(zones).Draw(rt, "zone")
				var names map[string]string
				if rapid.Bool().Draw(rt, "names") {
					names = rapid.MapOf(rapid.SampledFrom([]string{"ines", "maya", "grade-a"}),
						rapid.StringMatching(`[A-Z][a-zè]{1,6}`)).Draw(rt, "map")
				}
				in := RunInput{Production: prod, Fingerprint: fp, TimeZone: tz, Names: names,
					Bookings: []Booking{bk(t, "B-"+prod, prod, "Grade/1", "grade-a", "05-12 10:00", 4, "ines")}}
				if _, err := s.CommitRun(ctx, in); err != nil {
					rt.Fatalf("run %d: %v", step, err)
				}
				if tz == "" && names == nil {
					continue
				}
				k := model[prod]
				if k == nil {
					k = &kept{}
					model[prod] = k
				}
				if tz != "" {
					k.tz = tz
				}
				if names != nil {
					k.names = names
				}
				k.seq = step
			}
			wantZones := map[string]bool{}
			wantNames := map[string]string{}
			for _, k := range slices.SortedFunc(maps.Values(model), func(a, b *kept) int { return a.seq - b.seq }) {
				maps.Copy(wantNames, k.names)
				if k.tz != "" {
					wantZones[k.tz] = true
				}
			}
			ro, err := s.RenderDefaults(ctx)
			if err != nil {
				rt.Fatal(err)
			}
			got := ""
			if ro.Location != nil {
				got = ro.Location.String()
			}
			if want := slices.Collect(maps.Keys(wantZones)); (len(want) == 1 && got != want[0]) || (len(want) != 1 && got != "") {
				rt.Errorf("zone = %q, recorded zones %v", got, want)
			}
			if !maps.Equal(ro.Names, wantNames) {
				rt.Errorf("names = %v, want %v", ro.Names, wantNames)
			}
		})
	})
}
