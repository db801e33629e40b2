package benchmarks

import (
	"errors"
	"fmt"
)

// Kinds of parse error, found with errors.Is inside a *ParseError.
var (
	// ErrSyntax means a line does not have the shape its section needs:
	// a missing field, or text where a number belongs.
	ErrSyntax = errors.New("malformed line")
	// ErrMismatch means the file contradicts itself: a header count that
	// the body does not match, or a reference to a job or task that is not
	// defined.
	ErrMismatch = errors.New("inconsistent with the rest of the file")
	// ErrUnsupported means a well-formed file asks for something the
	// loader does not model (several modes, non-renewable resources).
	ErrUnsupported = errors.New("not supported")
	// ErrMissing means a section or header field the loader needs never
	// appeared.
	ErrMissing = errors.New("missing")
)

// ParseError locates a problem in an instance or reference file. It prints
// as "file:line: field: error", the order the Go compiler uses.
type ParseError struct {
	// File is the name given to the loader (usually the file's base name).
	File string
	// Line counts from 1; 0 means the problem concerns the whole file
	// (a section that never appeared, say).
	Line int
	// Field names what was being read, such as "successors" or "salary".
	Field string
	// Err is one of the sentinels above, possibly wrapped with detail.
	Err error
}

// Error names the file, line and field, then what is wrong there.
func (e *ParseError) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Field == "" {
		return fmt.Sprintf("benchmarks: %s: %v", pos, e.Err)
	}
	return fmt.Sprintf("benchmarks: %s: %s: %v", pos, e.Field, e.Err)
}

// Unwrap gives the kind of the error to errors.Is.
func (e *ParseError) Unwrap() error { return e.Err }
