package model

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// csvImport is a {csv: file, encoding: name} entry of a list section.
type csvImport struct {
	// file is the spreadsheet's path relative to the working folder, or
	// "" when the entry names none (already reported).
	file string
	// cp1252 is set by encoding: windows-1252 (or one of its names);
	// otherwise the file must be UTF-8.
	cp1252 bool
	// encNode is the encoding: value, or nil.
	encNode *yaml.Node
	// path is the entry's field path, like people[0].
	path string
}

// csvEncodings are the names encoding: accepts, lower case. latin-1 and
// iso-8859-1 are read as windows-1252, their superset, as browsers do:
// the bytes 0x80-0x9F that differ are control codes in ISO 8859-1, never
// meant in a spreadsheet, and curly quotes or € in what Windows saves.
var csvEncodings = map[string]bool{ // name → windows-1252
	"utf-8": false, "latin-1": true, "iso-8859-1": true, "windows-1252": true, "cp1252": true,
}

// encodingNames lists csvEncodings for hints, UTF-8 first.
var encodingNames = []string{"utf-8", "windows-1252", "cp1252", "latin-1", "iso-8859-1"}

// csvImport reports whether n is a CSV import (a mapping with a csv key)
// and reads it, reporting unknown keys and a bad encoding at path.
func (d *dec) csvImport(n *yaml.Node, path string) (csvImport, bool) {
	imp := csvImport{path: path}
	if n.Kind != yaml.MappingNode || !hasKey(n, csvKeys[0]) {
		return imp, false
	}
	fm := fieldMap(d.fields(n, path, csvKeys))
	if f, ok := fm["csv"]; ok {
		var rel string
		d.str(f.v, path+".csv", &rel)
		if rel != "" {
			imp.file = filepath.Join(filepath.Dir(d.file), rel)
		}
	}
	f, ok := fm["encoding"]
	if !ok {
		return imp, true
	}
	imp.encNode = f.v
	s, ok := d.scalar(f.v, path+".encoding")
	name := strings.ToLower(strings.TrimSpace(s))
	cp, known := csvEncodings[name]
	if ok && !known {
		d.errorf(f.v, path+".encoding", suggest(name, encodingNames, "one of: "+strings.Join(encodingNames, ", ")),
			"unknown encoding %q", clip(s))
	}
	if !ok || !known {
		imp.file = "" // read as UTF-8, it would only add a second problem
	}
	imp.cp1252 = cp
	return imp, true
}

// hasKey reports whether mapping n has the plain key.
func hasKey(n *yaml.Node, key string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// utf8BOM starts text that Excel and Notepad save as UTF-8.
var utf8BOM = []byte("\xef\xbb\xbf")

// csvText returns the CSV bytes of file data as UTF-8 without a byte
// order mark: decoded from windows-1252 when imp says so, else checked.
// Text that is not what imp says is reported (in the CSV at the first
// byte that is not UTF-8, or at the encoding: that is wrong) and ok is
// false.
//
// A UTF-8 byte order mark means UTF-8 whatever encoding: says; so does
// text that is valid UTF-8 and not plain ASCII, under encoding:
// windows-1252 (where it would be read as Ã© for é), which is refused.
func (cd *dec) csvText(d *dec, data []byte, imp csvImport) (text []byte, ok bool) {
	bom := bytes.HasPrefix(data, utf8BOM)
	if imp.cp1252 {
		if bom || (utf8.Valid(data) && !isASCII(data)) {
			d.errorf(imp.encNode, imp.path+".encoding", "remove encoding: (UTF-8 is the default)",
				"%s is UTF-8 text, not windows-1252", filepath.Base(cd.file))
			return nil, false
		}
		return decodeWindows1252(data), true
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, true
	}
	off := firstInvalidUTF8(data)
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	if line == 1 && bom {
		col += len(utf8BOM)
	}
	cd.errorf(&yaml.Node{Line: line, Column: col}, "",
		`save it as UTF-8 ("CSV UTF-8" in Excel), or add encoding: windows-1252 beside csv: in the project file`,
		"byte %#02x is not UTF-8 text: the spreadsheet was saved in another encoding", data[off])
	return nil, false
}

// isASCII reports whether b holds only 7-bit bytes.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// firstInvalidUTF8 returns the offset of the first byte of b that does
// not start a valid UTF-8 sequence, or len(b).
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// windows1252High maps bytes 0x80-0x9F of windows-1252 to Unicode (the
// WHATWG Encoding Standard's index). The five bytes Microsoft leaves
// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the control code of the
// same number, as in that standard; 0xA0-0xFF are Unicode's own Latin-1.
var windows1252High = [32]rune{
	'\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
	'\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
	'\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
	'\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
}

// decodeWindows1252 converts windows-1252 text to UTF-8.
func decodeWindows1252(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < utf8.RuneSelf:
			out = append(out, c)
		case c < 0xa0:
			out = utf8.AppendRune(out, windows1252High[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}
