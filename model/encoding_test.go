package model

import (
	"path/filepath"
	"strings"
	"testing"
)

// crewLatin1 is a crew spreadsheet as Excel's plain "CSV" saves it on
// Windows: windows-1252, with è (0xE8) in Inès and ’ (0x92) in O’Neil.
const crewLatin1 = "id,name,roles,day_rate\njo,Jo,editor,400\nines,In\xe8s Moreau,colourist,750\nsi,Si\xe2n O\x92Neil,editor,500\nmo,Mo,adr-mixer,550\n"

// crewUTF8 is the same spreadsheet saved as "CSV UTF-8".
const crewUTF8 = "id,name,roles,day_rate\njo,Jo,editor,400\nines,Inès Moreau,colourist,750\nsi,Siân O’Neil,editor,500\nmo,Mo,adr-mixer,550\n"

func TestCSVEncoding(t *testing.T) {
	tests := []struct {
		name   string
		people string // the people: line
		csv    string
		// want is a problem, or "" when the import loads and its names
		// read Inès Moreau and Siân O’Neil.
		want string
	}{
		{"utf-8", "{ csv: crew.csv }", crewUTF8, ""},
		{"utf-8 with byte order mark", "{ csv: crew.csv }", "\xef\xbb\xbf" + crewUTF8, ""},
		{"utf-8 declared", "{ csv: crew.csv, encoding: UTF-8 }", crewUTF8, ""},
		{"windows-1252 undeclared", "{ csv: crew.csv }", crewLatin1,
			`crew.csv:3:8: byte 0xe8 is not UTF-8 text: the spreadsheet was saved in another encoding (hint: save it as UTF-8 ("CSV UTF-8" in Excel), or add encoding: windows-1252 beside csv: in the project file)`},
		{"windows-1252 undeclared after a byte order mark", "{ csv: crew.csv }", "\xef\xbb\xbfid,name\nines,In\xe8s\n", "crew.csv:2:8: byte 0xe8"},
		{"windows-1252 on line 1", "{ csv: crew.csv }", "id,n\xe4me\n", "crew.csv:1:5: byte 0xe4"},
		{"windows-1252", "{ csv: crew.csv, encoding: windows-1252 }", crewLatin1, ""},
		{"cp1252", "{ csv: crew.csv, encoding: cp1252 }", crewLatin1, ""},
		{"latin-1", "{ encoding: Latin-1, csv: crew.csv }", crewLatin1, ""},
		{"iso-8859-1", "[{ csv: crew.csv, encoding: iso-8859-1 }]", crewLatin1, ""},
		{"utf-8 declared windows-1252", "{ csv: crew.csv, encoding: windows-1252 }", crewUTF8,
			"p.yaml:12:36: people[0].encoding: crew.csv is UTF-8 text, not windows-1252 (hint: remove encoding: (UTF-8 is the default))"},
		{"byte order mark declared windows-1252", "{ csv: crew.csv, encoding: cp1252 }", "\xef\xbb\xbfid,roles\njo,editor\n",
			"p.yaml:12:36: people[0].encoding: crew.csv is UTF-8 text, not windows-1252"},
		{"unknown encoding", "{ csv: crew.csv, encoding: latin1 }", crewLatin1,
			`p.yaml:12:36: people[0].encoding: unknown encoding "latin1" (hint: did you mean "latin-1"?)`},
		{"unknown encoding far off", "{ csv: crew.csv, encoding: ebcdic }", crewLatin1,
			`people[0].encoding: unknown encoding "ebcdic" (hint: one of: utf-8, windows-1252, cp1252, latin-1, iso-8859-1)`},
		{"encoding misspelt", "{ csv: crew.csv, encodng: latin-1 }", crewUTF8,
			`p.yaml:12:26: people[0].encodng: unknown field "encodng" (hint: did you mean "encoding"?)`},
		{"encoding a list", "{ csv: crew.csv, encoding: [latin-1] }", crewLatin1,
			`p.yaml:12:36: people[0].encoding: want a single value, got a list`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"p.yaml":   withSection("people", "people: "+tt.people+"\n"),
				"crew.csv": tt.csv,
			})
			p, err := Load(filepath.Join(dir, "p.yaml"))
			if tt.want != "" {
				if got := strings.ReplaceAll(problems(t, err), dir+"/", ""); !strings.Contains(got, tt.want) {
					t.Errorf("got\n%s\nwant a problem containing\n%s", got, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.csv == crewUTF8 || tt.csv == crewLatin1 || strings.HasSuffix(tt.csv, crewUTF8) {
				if ines, si := p.Person("ines"), p.Person("si"); ines == nil || ines.Name != "Inès Moreau" || si == nil || si.Name != "Siân O’Neil" {
					t.Errorf("ines = %+v, si = %+v; want names Inès Moreau, Siân O’Neil", ines, si)
				}
			}
		})
	}
}

func TestDecodeWindows1252(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"plain", "plain"},
		{"\x80 \x85 \x91quoted\x92 \x93twice\x94 \x96 \x97 \x99", "€ … ‘quoted’ “twice” – — ™"},
		{"\x8a\x8c\x8e\x9a\x9c\x9e\x9f\x83", "ŠŒŽšœžŸƒ"},
		{"\xa0\xa3\xa9\xc0\xe8\xe9\xff", "\u00a0£©Àèéÿ"},
		{"\x81\x8d\x8f\x90\x9d", "\u0081\u008d\u008f\u0090\u009d"}, // undefined: the control code
	}
	for _, tt := range tests {
		if got := string(decodeWindows1252([]byte(tt.in))); got != tt.want {
			t.Errorf("decodeWindows1252(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
