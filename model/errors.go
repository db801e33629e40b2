package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrInvalid is the kind of every validation failure: errors.Is(err,
// ErrInvalid) holds for a *ValidationError. I/O errors (a missing file) are
// not ErrInvalid.
var ErrInvalid = errors.New("model: invalid project")

// Problem is one thing wrong with a project file. Line and Col count from
// 1; zero means the problem has no single place (a whole-file issue).
type Problem struct {
	File      string
	Line, Col int
	// Field is the path of the value, like suites[2].rate.day.
	Field string
	Msg   string
	// Hint suggests a fix, or is empty.
	Hint string
}

// Pos returns the problem's position.
func (p Problem) Pos() Pos { return Pos{p.File, p.Line, p.Col} }

// String formats the problem like a compiler message:
//
//	testdata/feature.yaml:12:5: suites[2].rate.day: negative rate -400 (hint: ...)
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Pos().String())
	b.WriteString(": ")
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		fmt.Fprintf(&b, " (hint: %s)", p.Hint)
	}
	return b.String()
}

// ValidationError holds every problem found in a project, sorted by file,
// line and column.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Is makes errors.Is(err, ErrInvalid) hold.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// sortProblems orders problems by file, line, column, then field and message
// so output is stable.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Msg < b.Msg
	})
}
