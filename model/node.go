package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Limits that keep hostile input from hanging or exhausting the loader.
const (
	// MaxFileSize is the largest project, include or CSV file read.
	MaxFileSize = 10 << 20
	// maxNodeVisits caps how many YAML nodes are walked in one load,
	// counting each alias expansion again (alias bombs).
	maxNodeVisits = 1 << 20
	// maxIncludeDepth caps nested includes.
	maxIncludeDepth = 8
	// maxEpisodes caps an episode template's count.
	maxEpisodes = 200
	// maxSessions caps the sessions of one project, pipelines
	// instantiated.
	maxSessions = 20000
)

// dec decodes the YAML nodes of one file, reporting problems to its loader
// with the file's name.
type dec struct {
	l    *loader
	file string
	// cols names the CSV column of nodes built from a CSV row.
	cols map[*yaml.Node]string
	// lacking holds the required CSV columns the header does not have
	// (reported once there, not once per row).
	lacking map[string]bool
}

// lacks reports whether the CSV this dec reads has no column for key.
func (d *dec) lacks(key string) bool { return d.lacking[key] }

func (d *dec) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.file}
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// errorf reports a problem at node n.
func (d *dec) errorf(n *yaml.Node, field, hint, format string, args ...any) {
	if d.l.full() {
		d.l.dropped++ // not worth formatting
		d.l.reports++
		return
	}
	if col, ok := d.cols[n]; ok {
		field = fmt.Sprintf("%s (column %s)", field, col)
	}
	d.l.report(d.pos(n), field, hint, fmt.Sprintf(format, args...))
}

// deref follows aliases and counts the visit against the alias budget. It
// returns nil once the budget is spent.
func (d *dec) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
		d.l.visits++
	}
	d.l.visits++
	if d.l.visits > maxNodeVisits {
		if !d.l.bombed {
			d.l.bombed = true
			// Kept even when the problem list is full.
			d.l.problems = append(d.l.problems, Problem{File: d.file, Line: n.Line, Col: n.Column,
				Msg: fmt.Sprintf("document expands to more than %d values", maxNodeVisits), Hint: "remove aliases (*name) that repeat large parts"})
		}
		return nil
	}
	return n
}

// field is one key: value pair of a mapping.
type field struct {
	key   string
	kn, v *yaml.Node
}

// fields returns the key-value pairs of mapping n, merging `<<: *anchor`
// keys, and reports keys not in allowed (with a did-you-mean hint) and
// duplicated keys. It returns nil when n is not a mapping.
func (d *dec) fields(n *yaml.Node, path string, allowed []string) []field {
	return d.namedFields(n, path, allowed, "field")
}

// namedFields is fields for mappings whose keys are words of a vocabulary
// (departments, roles): an unknown key is an "unknown <noun>". A nil
// allowed accepts every key.
func (d *dec) namedFields(n *yaml.Node, path string, allowed []string, noun string) []field {
	n = d.deref(n)
	if n == nil || d.l.bombed {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, mappingHint(path, allowed), "want a mapping of key: value, got %s", describe(n))
		return nil
	}
	var out []field
	seen := map[string]bool{}
	var merges []*yaml.Node
	// Explicit keys first, then merged ones they do not override, as
	// YAML's merge key specifies whatever the order written.
	add := func(m *yaml.Node, merged bool) {
		if d.l.visits += len(m.Content) / 2; d.l.visits > maxNodeVisits {
			d.deref(m) // reports the spent budget once
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			kn, v := m.Content[i], m.Content[i+1]
			if kn.Kind == yaml.ScalarNode && kn.Tag == "!!merge" {
				if !merged {
					merges = append(merges, d.mergeSources(v)...)
				}
				continue
			}
			if kn.Kind != yaml.ScalarNode {
				d.errorf(kn, path, "write a plain word before the colon", "keys must be plain words")
				continue
			}
			key := kn.Value
			if seen[key] {
				if !merged {
					d.errorf(kn, joinPath(path, key), "remove one of them", "key %q given twice", key)
				}
				continue
			}
			if allowed != nil && !contains(allowed, key) {
				hint := ""
				if !d.l.full() {
					hint = "allowed here: " + strings.Join(allowed, ", ")
					if path == "" && contains(rootKeys, key) {
						// A key of the main project file in an include.
						hint = fmt.Sprintf("%s: belongs in the project file; an include holds only %s", key, strings.Join(allowed, ", "))
					} else if best, ok := closest(key, allowed); ok {
						hint = fmt.Sprintf("did you mean %q?", best)
						d.l.misspelt(d.file, joinPath(path, best))
					}
				}
				d.errorf(kn, joinPath(path, key), hint, "unknown %s %q", noun, key)
				continue
			}
			seen[key] = true
			out = append(out, field{key, kn, v})
		}
	}
	add(n, false)
	for _, m := range merges {
		add(m, true)
	}
	return out
}

// typoOf reports whether the mapping at path lacks key because it was
// misspelt: an unknown key there was reported as a slip for it, so a
// "missing" problem would only repeat that one.
func (d *dec) typoOf(path, key string) bool {
	return d.l.typos[d.file+"\x00"+joinPath(path, key)]
}

// misspelt records that the field at path of file was written misspelt.
func (l *loader) misspelt(file, path string) {
	if l.typos == nil {
		l.typos = map[string]bool{}
	}
	l.typos[file+"\x00"+path] = true
}

func (d *dec) mergeSources(v *yaml.Node) []*yaml.Node {
	v = d.deref(v)
	if v == nil {
		return nil
	}
	switch v.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range v.Content {
			if c = d.deref(c); c != nil && c.Kind == yaml.MappingNode {
				out = append(out, c)
			}
		}
		return out
	}
	d.errorf(v, "<<", "merge an anchored mapping: <<: *defaults", "merge key needs a mapping")
	return nil
}

// items returns the elements of sequence n. A single scalar or mapping is
// taken as a one-element list when single is true.
func (d *dec) items(n *yaml.Node, path string, single bool) []*yaml.Node {
	n = d.deref(n)
	if n == nil {
		return nil
	}
	if isNull(n) {
		return nil // an empty section: "bookings:" with nothing under it
	}
	if n.Kind == yaml.SequenceNode {
		out := make([]*yaml.Node, 0, len(n.Content))
		for _, c := range n.Content {
			if c = d.deref(c); c != nil {
				out = append(out, c)
			}
		}
		return out
	}
	if single && (n.Kind == yaml.ScalarNode || n.Kind == yaml.MappingNode) {
		return []*yaml.Node{n}
	}
	d.errorf(n, path, "write the items as [a, b] or one per line after -", "want a list, got %s", describe(n))
	return nil
}

// mappingHint says how to write the mapping expected at path, naming the
// first keys allowed there.
func mappingHint(path string, allowed []string) string {
	switch {
	case path == "":
		return "a project file is key: value lines (production:, timezone:, start:, ...), not a list or a single value"
	case len(allowed) >= 2:
		return fmt.Sprintf("write key: value pairs, such as { %s: ..., %s: ... }", allowed[0], allowed[1])
	case len(allowed) == 1:
		return fmt.Sprintf("write key: value pairs, such as { %s: ... }", allowed[0])
	}
	return "write key: value pairs"
}

// singleHint says how to write a single value where n is something else.
func singleHint(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.SequenceNode:
		return "write one value here, not a list"
	case n.Kind == yaml.MappingNode:
		return "write one value here, not key: value pairs"
	case isNull(n):
		return "fill in a value, or leave the key out"
	}
	return "write one plain value here"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return strconv.Quote(clip(n.Value))
	}
	return "something else"
}

// clip shortens long values quoted in messages.
func clip(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// scalar returns the text of scalar n, reporting anything else.
func (d *dec) scalar(n *yaml.Node, path string) (string, bool) {
	n = d.deref(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.errorf(n, path, singleHint(n), "want a single value, got %s", describe(n))
		return "", false
	}
	return n.Value, true
}

func (d *dec) str(n *yaml.Node, path string, dst *string) {
	if s, ok := d.scalar(n, path); ok {
		*dst = strings.TrimSpace(s)
	}
}

// id reads an identifier: letters, digits, '-', '_' and '.'.
func (d *dec) id(n *yaml.Node, path string, dst *string) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	if msg := badID(s); msg != "" {
		d.errorf(n, path, idHint(s), "%s", msg)
		return
	}
	*dst = s
}

func badID(s string) string {
	if s == "" {
		return "empty id"
	}
	if len(s) > 64 {
		return "id longer than 64 characters"
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return fmt.Sprintf("id %q has %q; use letters, digits, '-', '_' or '.'", clip(s), c)
		}
	}
	return ""
}

func (d *dec) boolean(n *yaml.Node, path string, dst *bool) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	switch strings.ToLower(s) {
	case "true", "yes", "on":
		*dst = true
	case "false", "no", "off":
		*dst = false
	default:
		d.errorf(n, path, "write true or false", "want true or false, got %q", clip(s))
	}
}

// money reads a non-negative amount; zero is reported unless allowZero.
func (d *dec) money(n *yaml.Node, path string, allowZero bool, dst *float64) {
	v, ok := d.nonNegative(n, path, "rates are money per unit, e.g. day: 650", "negative rate")
	if !ok {
		return
	}
	if v == 0 && !allowZero {
		d.errorf(n, path, "leave out a rate that is not offered", "zero rate")
		return
	}
	*dst = v
}

// amount reads a non-negative amount of money where zero is allowed (fees,
// costs), with its own wording.
func (d *dec) amount(n *yaml.Node, path string, dst *float64) {
	if v, ok := d.nonNegative(n, path, "amounts are zero or more", "negative amount"); ok {
		*dst = v
	}
}

// nonNegative reads an amount of money, reporting a bad number or, with
// negHint and negWhat ("negative rate"), a negative one.
func (d *dec) nonNegative(n *yaml.Node, path, negHint, negWhat string) (float64, bool) {
	s, ok := d.scalar(n, path)
	if !ok {
		return 0, false
	}
	v, err := ParseMoney(s)
	if err != nil {
		d.errorf(n, path, "money is a plain number in the production's currency, e.g. 650", "%v", err)
		return 0, false
	}
	if v < 0 {
		d.errorf(n, path, negHint, "%s %s", negWhat, s)
		return 0, false
	}
	return v, true
}

// multiplier reads a factor of at least 1 (overtime, premiums).
func (d *dec) multiplier(n *yaml.Node, path string, dst *float64) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 1 || v > 10 {
		d.errorf(n, path, "a multiplier such as 1.5 (time and a half) or 2 (double time)", "bad multiplier %q", clip(s))
		return
	}
	*dst = v
}

// count reads a whole number in [min, max].
func (d *dec) count(n *yaml.Node, path string, min, max int, dst *int) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < min || v > max {
		d.errorf(n, path, fmt.Sprintf("a whole number from %d to %d", min, max), "bad number %q", clip(s))
		return
	}
	*dst = v
}

// parseScalar reads a scalar with parse into dst, or reports the parse
// error at the node with hint (dst is then left as it was).
func parseScalar[T any](d *dec, n *yaml.Node, path, hint string, parse func(string) (T, error), dst *T) {
	if s, ok := d.scalar(n, path); ok {
		v, err := parse(s)
		if err != nil {
			d.errorf(n, path, clockHint(err, hint), "%v", err)
			return
		}
		*dst = v
	}
}

func (d *dec) date(n *yaml.Node, path string, dst *Date) {
	if s, ok := d.scalar(n, path); ok {
		v, err := ParseDate(s)
		if err != nil {
			d.errorf(n, path, dateHint(s, err), "%v", err)
			return
		}
		*dst = v
	}
}

func (d *dec) clock(n *yaml.Node, path string, dst *Clock) {
	parseScalar(d, n, path, "times are written 09:30", ParseClock, dst)
}

func (d *dec) clockRange(n *yaml.Node, path string, dst *ClockRange) {
	parseScalar(d, n, path, `hours are written "09:00-19:00" (quoted)`, ParseClockRange, dst)
}

// idHint says how to write an id that failed badID: with its spaces made
// dashes when that is all that is wrong.
func idHint(s string) string {
	const forms = "ids are short words like grade-a, sam or ep1-mix"
	if dashed := strings.Join(strings.Fields(s), "-"); dashed != s && badID(dashed) == "" {
		return fmt.Sprintf("write it %s (%s)", dashed, forms)
	}
	return forms
}

// dateRanges reads a list of days and day ranges.
func (d *dec) dateRanges(n *yaml.Node, path string) []DateRange {
	var out []DateRange
	for i, it := range d.items(n, path, true) {
		p := fmt.Sprintf("%s[%d]", path, i)
		if it.Kind == yaml.SequenceNode {
			// A list in the list (an alias of one, often): one problem
			// for the list, not one per item.
			d.errorf(n, path, "write the days in one list, e.g. [2026-12-25, 2026-12-28..2026-12-31]", "want days, got a list inside the list")
			return out
		}
		if s, ok := d.scalar(it, p); ok {
			r, err := ParseDateRange(s)
			if err != nil {
				d.errorf(it, p, dateHint(s, err), "%v", err)
				continue
			}
			r.Pos = d.pos(it)
			out = append(out, r)
		}
	}
	return out
}

// duration reads a length of working time; dayLength 0 allows only m and h.
func (d *dec) duration(n *yaml.Node, path string, dayLength time.Duration, weekDays int, allowZero bool, dst *time.Duration) {
	s, ok := d.scalar(n, path)
	if !ok {
		return
	}
	v, err := ParseDuration(s, dayLength, weekDays)
	if err != nil {
		d.errorf(n, path, "durations are written 30m, 6h, 4d (working days) or 2w (working weeks)", "%v", err)
		return
	}
	if v <= 0 && !allowZero {
		d.errorf(n, path, "durations must be more than zero", "zero duration %q", s)
		return
	}
	*dst = v
}

func (d *dec) lag(n *yaml.Node, path string, dayLength time.Duration, dst *Lag) {
	parseScalar(d, n, path, "lags are written 2wd (working days), or 4h, 3d, 1w elapsed",
		func(s string) (Lag, error) { return ParseLag(s, dayLength) }, dst)
}

// word reads one of a fixed set of words.
func (d *dec) word(n *yaml.Node, path string, words []string) (string, bool) {
	s, ok := d.scalar(n, path)
	if !ok {
		return "", false
	}
	s = strings.TrimSpace(s)
	if !contains(words, s) {
		d.errorf(n, path, suggest(s, words, "one of: "+strings.Join(words, ", ")), "unknown value %q", clip(s))
		return "", false
	}
	return s, true
}

// ref is an id written in the file, to be resolved later.
type ref struct {
	id    string
	node  *yaml.Node
	d     *dec
	field string
}

// refs reads a list of ids (or a single id, named by path alone).
func (d *dec) refs(n *yaml.Node, path string) []ref {
	var out []ref
	single := n != nil && n.Kind == yaml.ScalarNode
	for i, it := range d.items(n, path, true) {
		p := fmt.Sprintf("%s[%d]", path, i)
		if single {
			p = path
		}
		var id string
		d.id(it, p, &id)
		if id != "" {
			out = append(out, ref{id, it, d, p})
		}
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
