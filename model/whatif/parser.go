package whatif

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pencil-post/pencil/model"
)

// maxProblems caps the problems reported from one file.
const maxProblems = 50

// parser reads the YAML nodes of one scenario file, collecting every
// problem with its position.
type parser struct {
	file     string
	problems []model.Problem
}

// kv is one key: value pair of a mapping.
type kv struct {
	key   string
	kn, v *yaml.Node
}

// at is where an overlay is written, for the problems applying it finds.
type at struct {
	pos   model.Pos
	field string
}

// problem builds a positioned problem.
func (a at) problem(hint, format string, args ...any) model.Problem {
	return model.Problem{File: a.pos.File, Line: a.pos.Line, Col: a.pos.Col, Field: a.field,
		Msg: fmt.Sprintf(format, args...), Hint: hint}
}

func (ps *parser) pos(n *yaml.Node) model.Pos {
	return model.Pos{File: ps.file, Line: n.Line, Col: n.Column}
}

func (ps *parser) at(n *yaml.Node, field string) at { return at{pos: ps.pos(n), field: field} }

// errorf reports a problem at node n.
func (ps *parser) errorf(n *yaml.Node, field, hint, format string, args ...any) {
	if len(ps.problems) >= maxProblems {
		return
	}
	ps.problems = append(ps.problems, ps.at(n, field).problem(hint, format, args...))
}

// err returns the problems as a *model.ValidationError, or nil.
func (ps *parser) err() error {
	if len(ps.problems) == 0 {
		return nil
	}
	return &model.ValidationError{Problems: ps.problems}
}

// plain refuses aliases and anchors' merges: a scenario file is short,
// and refusing them rules out alias bombs.
func (ps *parser) plain(n *yaml.Node, path string) bool {
	if n.Kind == yaml.AliasNode {
		ps.errorf(n, path, "write the value out", "aliases (*name) are not allowed in a scenario file")
		return false
	}
	return true
}

// mapping returns the pairs of mapping n. When allowed is not nil, other
// keys are reported with the allowed ones as a hint; duplicated keys are
// always reported.
func (ps *parser) mapping(n *yaml.Node, path string, allowed []string) []kv {
	if !ps.plain(n, path) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		ps.errorf(n, path, "", "want a mapping of key: value, got %s", describe(n))
		return nil
	}
	var out []kv
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, v := n.Content[i], n.Content[i+1]
		field := strings.TrimPrefix(path+"."+kn.Value, ".")
		if kn.Kind != yaml.ScalarNode {
			ps.errorf(kn, path, "", "keys must be plain words")
			continue
		}
		if allowed != nil && !slices.Contains(allowed, kn.Value) {
			ps.errorf(kn, field, "allowed here: "+strings.Join(allowed, ", "), "unknown field %q", kn.Value)
			continue
		}
		if seen[kn.Value] {
			ps.errorf(kn, field, "remove one of them", "key %q given twice", kn.Value)
			continue
		}
		seen[kn.Value] = true
		out = append(out, kv{kn.Value, kn, v})
	}
	return out
}

// list returns the items of sequence n; a single scalar or mapping is a
// one-item list.
func (ps *parser) list(n *yaml.Node, path string) []*yaml.Node {
	if !ps.plain(n, path) {
		return nil
	}
	switch n.Kind {
	case yaml.SequenceNode:
		out := make([]*yaml.Node, 0, len(n.Content))
		for _, c := range n.Content {
			if ps.plain(c, path) {
				out = append(out, c)
			}
		}
		return out
	case yaml.ScalarNode, yaml.MappingNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []*yaml.Node{n}
	}
	ps.errorf(n, path, "", "want a list, got %s", describe(n))
	return nil
}

// str reads a non-empty scalar.
func (ps *parser) str(n *yaml.Node, path string) (string, bool) {
	if !ps.plain(n, path) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
		ps.errorf(n, path, "", "want a value, got %s", describe(n))
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

// money reads a non-negative amount.
func (ps *parser) money(n *yaml.Node, path string) (float64, bool) {
	s, ok := ps.str(n, path)
	if !ok {
		return 0, false
	}
	v, err := model.ParseMoney(s)
	if err != nil {
		ps.errorf(n, path, "a plain amount such as 35000 (the currency is the production's)", "%v", err)
		return 0, false
	}
	if v < 0 {
		ps.errorf(n, path, "", "negative amount %s", s)
		return 0, false
	}
	return v, true
}

// date reads a calendar day 2026-10-23.
func (ps *parser) date(n *yaml.Node, path string) (model.Date, bool) {
	s, ok := ps.str(n, path)
	if !ok {
		return model.Date{}, false
	}
	d, err := model.ParseDate(s)
	if err != nil {
		ps.errorf(n, path, "a day such as 2026-10-23", "%v", err)
		return model.Date{}, false
	}
	return d, true
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" || n.Value == "" {
		return "nothing"
	}
	return fmt.Sprintf("%q", n.Value)
}
