package whatif

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/pencil-post/pencil/model"
)

// parser reads the YAML nodes of one scenario file with the project
// file's walker (model.Decoder): the same positions, merge keys, alias
// budget, did-you-mean hints and problem limit as a project file. Its
// methods are the few readers a scenario needs.
type parser struct {
	*model.Decoder
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

func (ps *parser) pos(n *yaml.Node) model.Pos { return ps.Pos(n) }

func (ps *parser) at(n *yaml.Node, field string) at { return at{pos: ps.pos(n), field: field} }

// errorf reports a problem at node n.
func (ps *parser) errorf(n *yaml.Node, field, hint, format string, args ...any) {
	ps.Errorf(n, field, hint, format, args...)
}

// mapping returns the pairs of mapping n. When allowed is not nil, other
// keys are reported with the allowed ones (or the closest) as a hint;
// duplicated keys are always reported.
func (ps *parser) mapping(n *yaml.Node, path string, allowed []string) []kv {
	fs := ps.Fields(n, path, allowed)
	out := make([]kv, len(fs))
	for i, f := range fs {
		out[i] = kv{f.Key, f.KeyNode, f.Value}
	}
	return out
}

// list returns the items of sequence n; a single scalar or mapping is a
// one-item list.
func (ps *parser) list(n *yaml.Node, path string) []*yaml.Node { return ps.Items(n, path) }

// str reads a non-empty scalar.
func (ps *parser) str(n *yaml.Node, path string) (string, bool) { return ps.String(n, path) }

// money reads a non-negative amount.
func (ps *parser) money(n *yaml.Node, path string) (float64, bool) { return ps.Amount(n, path) }

// date reads a calendar day 2026-10-23.
func (ps *parser) date(n *yaml.Node, path string) (model.Date, bool) { return ps.Date(n, path) }

// words reads a mapping of single values with the given keys, such as
// { copy: sam, id: sam-2, name: Second editor }; a key not written is "".
func (ps *parser) words(n *yaml.Node, path string, keys ...string) map[string]string {
	out := map[string]string{}
	for _, f := range ps.mapping(n, path, keys) {
		out[f.key], _ = ps.str(f.v, path+"."+f.key)
	}
	return out
}
