package model

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCSVImports(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		// want is a problem part, or "" for a clean import; check then
		// looks at the imported people.
		want  string
		check func(t *testing.T, p *Project)
	}{
		{name: "comma, any column order, any case", csv: "Name,ID,Day Rate,roles\nJo Patel,jo,400,assistant-editor|editor\n",
			check: func(t *testing.T, p *Project) {
				jo := p.Person("jo")
				if jo == nil || jo.Name != "Jo Patel" || jo.Rate.Day != 400 || len(jo.Roles) != 2 {
					t.Fatalf("jo = %+v", jo)
				}
				if jo.Pos.File != filepath.Join(filepath.Dir(jo.Pos.File), "crew.csv") || jo.Pos.Line != 2 {
					t.Errorf("jo at %v, want crew.csv line 2", jo.Pos)
				}
			}},
		{name: "semicolons with commas in cells", csv: "id;name;roles;day_rate\njo;Patel, Jo;editor;400\n",
			check: func(t *testing.T, p *Project) {
				if jo := p.Person("jo"); jo == nil || jo.Name != "Patel, Jo" {
					t.Fatalf("jo = %+v", jo)
				}
			}},
		{name: "BOM, comments and blank rows", csv: "\xef\xbb\xbfid,roles\n# freelancers\n\njo,editor\n,\n",
			check: func(t *testing.T, p *Project) {
				if p.Person("jo") == nil || len(p.People) != 3 {
					t.Fatalf("people = %d", len(p.People))
				}
			}},
		{name: "deposit column", csv: "id,roles,day_rate,deposit\njo,editor,400,0.25\n",
			check: func(t *testing.T, p *Project) {
				if jo := p.Person("jo"); jo == nil || jo.Rate.Deposit != 0.25 {
					t.Fatalf("jo = %+v", jo)
				}
			}},
		{name: "bad deposit names the column", csv: "id,roles,day_rate,deposit\njo,editor,400,25%\n",
			want: `crew.csv:2:15: crew[0].rate.deposit (column deposit): bad deposit "25%"`},
		{name: "bad value names the column", csv: "id,roles,day_rate\njo,editor,-400\n",
			want: "crew.csv:2:11: crew[0].rate.day (column day_rate): negative rate -400"},
		{name: "unknown column", csv: "id,roles,dayrate\njo,editor,400\n",
			want: `crew.csv:1:10: dayrate: unknown column "dayrate" (hint: did you mean "day_rate"?)`},
		{name: "unknown role in a list cell", csv: "id,roles\njo,editor|colorist\n",
			want: `crew.csv:2:4: crew[0].roles[1] (column roles): unknown value "colorist"`},
		{name: "bad quotes", csv: "id,roles\n\"jo,editor\n",
			want: "crew.csv:2:12: row: a quote (\") is not closed"},
		{name: "extra cells", csv: "id,roles\njo,editor,400\n",
			want: "crew.csv:2:11: row: row has 3 cells, header has 2"},
		{name: "no id column", csv: "name,roles\nJo,editor\n",
			want: "crew.csv:1:1: header: no id column"},
		{name: "productions column outside a facility", csv: "id,roles,productions\njo,editor,harbour|crest\n",
			want: "crew.csv:2:11: crew[0].productions (column productions): productions: in a single-production file (hint: only a facility file"},
		{name: "empty file", csv: "",
			want: "crew.csv:1:1: header: empty CSV file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"p.yaml":   base + "crew: { csv: crew.csv }\n",
				"crew.csv": tt.csv,
			})
			p, err := Load(filepath.Join(dir, "p.yaml"))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				tt.check(t, p)
				return
			}
			if got := problems(t, err); !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", got, tt.want)
			}
		})
	}
}

func TestCSVSessionsAndAvailability(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"p.yaml": withSection("sessions", `sessions:
  - { id: lock, milestone: true }
  - { csv: sessions.csv }`) + "artiste_availability: { csv: dates.csv }\n",
		"sessions.csv": "id,after,roles,suite,duration,split,artistes,window,closed,milestone,at\n" +
			"grade,lock,colourist,grade,3d,1d,,,2026-07-06|2026-07-08..2026-07-09,,\n" +
			"adr,lock|grade,adr-mixer,adr,4h,,maya,10:00-18:00,,,\n" +
			"viewing,adr,,,,,,,,true,14:00\n",
		"dates.csv": "artiste,from,to,hours\nmaya,2026-07-01,2026-07-03,10:00-14:00\nmaya,2026-07-20,,\n",
	})
	p, err := Load(filepath.Join(dir, "p.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	adr := p.Session("adr")
	if adr == nil || len(adr.After) != 2 || adr.After[1].Session != p.Session("grade") || adr.Window.String() != "10:00-18:00" {
		t.Fatalf("adr = %+v", adr)
	}
	if g := p.Session("grade"); !g.Split || g.MinChunk.Hours() != 10 || len(g.Closed) != 2 || g.Closed[1].String() != "2026-07-08..2026-07-09" {
		t.Errorf("grade split %v min %v closed %v", g.Split, g.MinChunk, g.Closed)
	}
	if v := p.Session("viewing"); !v.HasAt || v.At.String() != "14:00" {
		t.Errorf("viewing at %v (%v)", v.At, v.HasAt)
	}
	av := p.Artiste("maya").Available
	if len(av) != 3 || av[1].Hours.String() != "10:00-14:00" || av[2].Dates.String() != "2026-07-20" {
		t.Errorf("maya windows = %+v", av)
	}
}

func TestCSVMissingFileIsAProblem(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p.yaml": base + "crew: { csv: gone.csv }\n"})
	_, err := Load(filepath.Join(dir, "p.yaml"))
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "p.yaml:27:7: crew[0].csv: cannot import") || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("got %v, want a positioned problem at the csv import", err)
	}
}

func TestCSVArtisteRecall(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"p.yaml": withSection("artistes", "artistes: { csv: cast.csv }"),
		"cast.csv": "id,fee_session,travel_per_visit,recall_within,recall_fee,available\n" +
			"maya,600,220,10d,300,2026-06-01..2026-06-05\n",
	})
	p, err := Load(filepath.Join(dir, "p.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Artiste("maya").Recall; r.Within != 10 || r.Fee != 300 {
		t.Errorf("maya's recall = %+v, want 10 days, 300", r)
	}
}

// TestCSVArtisteTravelTime: the travel_time column flows into the
// artiste's travel, and a journey too long for the agent's hours is
// refused at the CSV cell.
func TestCSVArtisteTravelTime(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"3h", ""},
		{"6h", "cast.csv:2:14: artistes[0].travel.time: artiste maya travels 6h each way, more than half of the longest day offered"},
	}
	for _, tt := range tests {
		dir := writeFiles(t, map[string]string{
			"p.yaml": withSection("artistes", "artistes: { csv: cast.csv }"),
			"cast.csv": "id,fee_session,travel_per_visit,travel_time,available\n" +
				"maya,600,220," + tt.cell + ",2026-06-01..2026-06-05\n",
		})
		p, err := Load(filepath.Join(dir, "p.yaml"))
		if tt.want != "" {
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: got %v, want %q", tt.cell, err, tt.want)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Artiste("maya").Travel.Time; got != 3*time.Hour {
			t.Errorf("maya travels %v, want 3h", got)
		}
	}
}
