package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// csvColumn says where a CSV column goes in the YAML shape of an entry:
// a key path (rate.day) and whether the cell is a list written with '|'
// or spaces between items (roles: editor|assistant-editor).
type csvColumn struct {
	path string
	list bool
	// required columns are reported once, at the header, when missing
	// (not once per row).
	required bool
}

// csvTable maps the column names a spreadsheet may have to entry fields.
type csvTable map[string]csvColumn

func (t csvTable) names() []string {
	out := make([]string, 0, len(t))
	for k := range t {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// rateColumns are the rate-card columns shared by suites and people.
var rateColumns = csvTable{
	"hour_rate": {path: "rate.hour"}, "half_day_rate": {path: "rate.half_day"},
	"day_rate": {path: "rate.day"}, "week_rate": {path: "rate.week"},
	"minimum_call": {path: "rate.minimum_call"}, "overtime_after": {path: "rate.overtime_after"},
	"overtime_x": {path: "rate.overtime_x"}, "weekend_x": {path: "rate.weekend_x"},
	"holiday_x": {path: "rate.holiday_x"}, "kit": {path: "rate.kit"},
	"paid": {path: "rate.paid"}, "sixth_day_x": {path: "rate.sixth_day_x"},
	"unit": {path: "rate.unit"}, "free_hour_after": {path: "rate.free_hour_after"},
	"week_hours": {path: "rate.week_hours"}, "over_week_x": {path: "rate.over_week_x"},
	"deposit": {path: "rate.deposit"},
}

func withRates(t csvTable) csvTable {
	for k, v := range rateColumns {
		t[k] = v
	}
	return t
}

// CSV layouts for each import.
var (
	suiteCSV = withRates(csvTable{
		"id": {path: "id", required: true}, "name": {path: "name"}, "kind": {path: "kind", required: true}, "facility": {path: "facility"},
		"hours": {path: "hours"}, "closed": {path: "closed", list: true}, "department": {path: "department"},
		"productions": {path: "productions", list: true},
	})
	personCSV = withRates(csvTable{
		"id": {path: "id", required: true}, "name": {path: "name"}, "roles": {path: "roles", list: true, required: true},
		"off": {path: "off", list: true}, "department": {path: "department"}, "email": {path: "email"},
		"productions": {path: "productions", list: true},
		"max_per_day": {path: "rules.max_per_day"}, "min_rest": {path: "rules.min_rest"},
		"max_days_per_week": {path: "rules.max_days_per_week"},
		"max_per_week":      {path: "rules.max_per_week"}, "oncost": {path: "oncost"},
	})
	artisteCSV = csvTable{
		"id": {path: "id", required: true}, "name": {path: "name"}, "agent": {path: "agent.name"}, "agent_email": {path: "agent.email"},
		"home_city": {path: "home_city"}, "available": {path: "available", list: true},
		"fee_session": {path: "fee.session"}, "fee_day": {path: "fee.day"},
		"travel_per_visit": {path: "travel.per_visit"}, "travel_time": {path: "travel.time"},
		"hold_per_day": {path: "hold_per_day"}, "department": {path: "department"},
		"recall_within": {path: "recall.within"}, "recall_fee": {path: "recall.fee"},
	}
	availabilityCSV = csvTable{
		"artiste": {path: "artiste", required: true}, "from": {path: "from", required: true}, "to": {path: "to"},
		"hours": {path: "hours"}, "note": {path: "note"},
	}
	sessionCSV = csvTable{
		"id": {path: "id", required: true}, "name": {path: "name"}, "kind": {path: "kind"}, "milestone": {path: "milestone"},
		"duration": {path: "duration"}, "suite": {path: "suite"}, "suites": {path: "suites", list: true},
		"roles":  {path: "roles", list: true},
		"people": {path: "people", list: true}, "artistes": {path: "artistes", list: true},
		"after": {path: "after", list: true}, "lag": {path: "lag"}, "release": {path: "release"},
		"deadline": {path: "deadline"}, "due": {path: "due"}, "lateness_per_day": {path: "lateness_per_day"},
		"window": {path: "window"}, "split": {path: "split"}, "department": {path: "department"}, "use": {path: "use"},
		"weekends": {path: "weekends"}, "overtime_until": {path: "overtime_until"}, "note": {path: "note"},
		"closed": {path: "closed", list: true}, "at": {path: "at"},
	}
)

// readCSV reads a CSV import named at node at, in the encoding it
// declares, and returns one mapping node per data row, built in the YAML shape of an entry, with every value at
// its CSV line and column; and a dec that reports problems in the CSV
// file, naming the column. An unreadable file is a problem at the import line.
func (d *dec) readCSV(imp csvImport, at *yaml.Node, fieldPath string, table csvTable) ([]*yaml.Node, *dec, error) {
	path := imp.file
	data, err := readLimited(path)
	if err != nil {
		if errors.Is(err, errTooBig) {
			d.errorf(at, fieldPath, "split the spreadsheet", "%s is larger than %d MB", path, MaxFileSize>>20)
			return nil, d, nil
		}
		d.errorf(at, fieldPath, readHint(err), "cannot import %s: %v", path, unwrapModel(err))
		return nil, d, nil
	}
	d.l.addSource(path, data)
	cd := &dec{l: d.l, file: path, cols: map[*yaml.Node]string{}}
	text, ok := cd.csvText(d, data, imp)
	if !ok {
		return nil, cd, nil
	}
	return cd.csvRows(text, table), cd, nil
}

// csvRows parses CSV data: a header row naming columns (any order, any
// case, spaces as underscores), then data rows. The delimiter is ';' when
// the header has more semicolons than commas, else ','. Blank rows and rows
// starting with '#' are skipped.
func (cd *dec) csvRows(data []byte, table csvTable) []*yaml.Node {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.Comment = '#'
	header, err := r.Read()
	if err != nil {
		cd.csvError(err, "header")
		return nil
	}
	if len(header) == 1 && strings.Contains(header[0], "\t") {
		cd.errorf(&yaml.Node{Line: 1, Column: 1}, "header", "save the spreadsheet as CSV (comma-separated), not tab-separated text",
			"columns are separated by tabs, not commas")
		return nil
	}
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		name := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(h)), " ", "_")
		line, col := r.FieldPos(i)
		at := &yaml.Node{Line: line, Column: col}
		switch {
		case name == "":
			cd.errorf(at, "header", "name every column", "column %d has no name", i+1)
		case seen[name]:
			cd.errorf(at, name, "keep one column of each name", "column %q twice", name)
		case table[name] == (csvColumn{}):
			cd.errorf(at, name, suggest(name, table.names(), "columns: "+strings.Join(table.names(), ", ")), "unknown column %q", clip(name))
		default:
			cols[i] = name
		}
		seen[name] = true
	}
	for _, name := range table.names() {
		if table[name].required && !seen[name] {
			cd.errorf(&yaml.Node{Line: 1, Column: 1}, "header", "add a "+name+" column", "no %s column", name)
			if cd.lacking == nil {
				cd.lacking = map[string]bool{}
			}
			cd.lacking[table[name].path] = true
		}
	}
	other := ","
	if r.Comma == ',' {
		other = ";"
	}
	var rows []*yaml.Node
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			cd.csvError(err, "row")
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				continue
			}
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && len(header) > 1 && strings.Contains(rec[0], other) {
			cd.errorf(&yaml.Node{Line: line, Column: 1}, "row", "use one separator throughout: save the spreadsheet again as CSV",
				"row is separated by %q, the header by %q", other, string(r.Comma))
			continue
		}
		row := &yaml.Node{Kind: yaml.MappingNode, Line: line, Column: 1}
		if len(rec) > len(cols) {
			_, col := r.FieldPos(len(cols))
			cd.errorf(&yaml.Node{Line: line, Column: col}, "row", "remove the extra cells or name the column", "row has %d cells, header has %d", len(rec), len(cols))
		}
		empty := true
		for i, cell := range rec {
			cell = strings.TrimSpace(cell)
			if i >= len(cols) || cols[i] == "" || cell == "" {
				continue
			}
			empty = false
			l, c := r.FieldPos(i)
			cd.setCSVCell(row, table[cols[i]], cols[i], cell, l, c)
		}
		if !empty {
			rows = append(rows, row)
		}
	}
	return rows
}

func (cd *dec) csvError(err error, what string) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := "CSV: " + pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			msg = `a quote (") is not closed, or a quoted cell has a stray one`
		case errors.Is(pe.Err, csv.ErrBareQuote):
			msg = `a quote (") inside a cell that does not start with one`
		}
		cd.errorf(&yaml.Node{Line: pe.Line, Column: pe.Column}, what, `check the quotes in this row: a quote inside a quoted cell is written twice ("")`, "%s", msg)
		return
	}
	if errors.Is(err, io.EOF) {
		cd.errorf(&yaml.Node{Line: 1, Column: 1}, what, "the first row names the columns", "empty CSV file")
		return
	}
	cd.errorf(&yaml.Node{Line: 1, Column: 1}, what, "save the spreadsheet again as CSV", "CSV: %v", err)
}

// setCSVCell stores one cell into row at the column's key path.
func (cd *dec) setCSVCell(row *yaml.Node, col csvColumn, name, cell string, line, column int) {
	m := row
	keys := strings.Split(col.path, ".")
	for _, k := range keys[:len(keys)-1] {
		m = childMapping(m, k, line, column)
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: keys[len(keys)-1], Line: line, Column: column}
	var val *yaml.Node
	if col.list {
		val = &yaml.Node{Kind: yaml.SequenceNode, Line: line, Column: column}
		for _, item := range strings.FieldsFunc(cell, func(r rune) bool { return r == '|' || r == ' ' }) {
			it := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: item, Line: line, Column: column}
			cd.cols[it] = name
			val.Content = append(val.Content, it)
		}
	} else {
		val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: cell, Line: line, Column: column}
	}
	cd.cols[val] = name
	cd.cols[key] = name
	m.Content = append(m.Content, key, val)
}

// childMapping returns the mapping under key in m, adding it if needed.
func childMapping(m *yaml.Node, key string, line, column int) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: line, Column: column}
	v := &yaml.Node{Kind: yaml.MappingNode, Line: line, Column: column}
	m.Content = append(m.Content, k, v)
	return v
}
