package model

import (
	"bytes"
	"errors"
	"io"

	"go.yaml.in/yaml/v3"
)

// Decoder reads the YAML of a file other than a project file (a what-if
// scenario file) by the project-file reader's own rules, so that every
// file pencil reads is walked one way: positions on every problem, merge
// keys and aliases within the same budget, unknown keys reported with a
// did-you-mean hint, duplicated keys refused, syntax errors placed on
// their line, at most 50 problems kept.
//
// Decode a file by calling Parse, then the readers on the nodes it
// returns; Err gathers every problem in one *ValidationError.
type Decoder struct {
	l *loader
	d *dec
}

// Field is one key: value pair of a mapping.
type Field struct {
	// Key is the key as written; KeyNode and Value are its nodes, for
	// positions.
	Key            string
	KeyNode, Value *yaml.Node
}

// NewDecoder returns a Decoder for the file named file (the name used in
// positions).
func NewDecoder(file string) *Decoder {
	l := &loader{}
	return &Decoder{l: l, d: &dec{l: l, file: file}}
}

// Parse reads data as one YAML document and returns its top node. It
// returns nil, with the problem reported, when data is too large, empty
// (emptyHint says what to write instead; with no hint an empty file is
// allowed and nothing is reported) or not YAML.
func (dc *Decoder) Parse(data []byte, emptyHint string) *yaml.Node {
	top := Pos{File: dc.d.file, Line: 1, Col: 1}
	if len(data) > MaxFileSize {
		dc.l.report(top, "", "split the file", errTooBig.Error())
		return nil
	}
	var doc yaml.Node
	yd := yaml.NewDecoder(bytes.NewReader(data))
	if err := yd.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			if emptyHint != "" {
				dc.l.report(top, "", emptyHint, "empty file")
			}
			return nil
		}
		dc.l.reportYAMLError(dc.d.file, data, err)
		return nil
	}
	var extra yaml.Node
	if err := yd.Decode(&extra); err == nil {
		dc.l.report(dc.d.pos(&extra), "", "keep one YAML document per file", "more than one document (---) in file")
	}
	if len(doc.Content) == 0 {
		if emptyHint != "" {
			dc.l.report(top, "", emptyHint, "empty file")
		}
		return nil
	}
	return doc.Content[0]
}

// Fields returns the key: value pairs of mapping n, merge keys merged.
// Keys not in allowed are reported, with a did-you-mean hint; a nil
// allowed accepts any key (a mapping keyed by ids).
func (dc *Decoder) Fields(n *yaml.Node, path string, allowed []string) []Field {
	fs := dc.d.fields(n, path, allowed)
	out := make([]Field, len(fs))
	for i, f := range fs {
		out[i] = Field{Key: f.key, KeyNode: f.kn, Value: f.v}
	}
	return out
}

// Items returns the elements of sequence n; a single value or mapping is
// a one-element list, and an empty value none.
func (dc *Decoder) Items(n *yaml.Node, path string) []*yaml.Node { return dc.d.items(n, path, true) }

// String reads a single non-empty value, trimmed.
func (dc *Decoder) String(n *yaml.Node, path string) (string, bool) {
	mark := dc.l.reports
	var s string
	dc.d.str(n, path, &s)
	if !dc.l.since(mark) && s == "" {
		dc.d.errorf(n, path, singleHint(n), "want a value, got nothing")
	}
	return s, !dc.l.since(mark)
}

// Amount reads a non-negative amount of money (zero allowed).
func (dc *Decoder) Amount(n *yaml.Node, path string) (float64, bool) {
	mark := dc.l.reports
	var v float64
	dc.d.amount(n, path, &v)
	return v, !dc.l.since(mark)
}

// Date reads a calendar day such as 2026-10-23.
func (dc *Decoder) Date(n *yaml.Node, path string) (Date, bool) {
	mark := dc.l.reports
	var v Date
	dc.d.date(n, path, &v)
	return v, !dc.l.since(mark)
}

// Pos is where node n is written.
func (dc *Decoder) Pos(n *yaml.Node) Pos { return dc.d.pos(n) }

// Errorf reports a problem at node n, field naming where in the file.
func (dc *Decoder) Errorf(n *yaml.Node, field, hint, format string, args ...any) {
	dc.d.errorf(n, field, hint, format, args...)
}

// Report adds a problem found outside the readers.
func (dc *Decoder) Report(p Problem) { dc.l.report(p.Pos(), p.Field, p.Hint, p.Msg) }

// Reported is how many problems have been reported so far, kept or not:
// compare it before and after reading a value to tell whether the value
// was faulty.
func (dc *Decoder) Reported() int { return dc.l.reports }

// Err returns every problem in one *ValidationError, or nil. Call it
// once, when the file has been read.
func (dc *Decoder) Err() error {
	return dc.l.err(dc.d.file)
}
