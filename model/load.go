package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads the project file at path, following its includes and CSV
// imports (paths relative to the file that names them), applies defaults
// and validates it. Problems with the content come back together as a
// *ValidationError (errors.Is(err, ErrInvalid) holds) — a missing or
// unreadable include or CSV import among them, at the line that names it;
// only a project file that cannot be read at all is a plain I/O error.
func Load(path string) (*Project, error) {
	data, err := readLimited(path)
	if errors.Is(err, errTooBig) {
		return nil, &ValidationError{Problems: []Problem{{File: path, Line: 1, Col: 1,
			Msg: fmt.Sprintf("file larger than %d MB", MaxFileSize>>20), Hint: "split it with include:, or check it is the right file"}}}
	}
	var nr notRegularError
	if errors.As(err, &nr) {
		return nil, &ValidationError{Problems: []Problem{{File: path, Line: 1, Col: 1,
			Msg: "the project file is " + nr.Error(), Hint: "name the project file itself; save piped input to a file first"}}}
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse is Load for a project file already in memory; name is used in
// positions and to resolve includes and CSV imports relative to
// filepath.Dir(name).
func Parse(name string, data []byte) (*Project, error) {
	l := &loader{
		proj:   &Project{File: name},
		active: map[string]bool{},
	}
	l.addSource(name, data)
	if err := l.run(name, data); err != nil {
		return nil, err
	}
	if err := l.err(name); err != nil {
		return nil, err
	}
	return l.proj, nil
}

// err returns the problems found in file name and what it pulled in, in
// file order, as one *ValidationError; nil when there are none.
func (l *loader) err(name string) error {
	if len(l.problems) == 0 {
		return nil
	}
	sortProblems(l.problems)
	if l.dropped > 0 {
		// At 1:1, so that every line has the same file:line:col form.
		l.problems = append(l.problems, Problem{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("more problems not shown (%d more reports)", l.dropped), Hint: "fix the ones above first"})
	}
	return &ValidationError{Problems: l.problems}
}

// readLimited reads a file, refusing files over MaxFileSize and anything
// but a regular file. It looks before it opens: opening a named pipe waits
// for a writer, and a device may never end, so either would hang the load.
// (A file swapped for a pipe between the two calls is not caught; that
// race is accepted.)
func readLimited(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("model: %s: %w", path, notRegular(st.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("model: read %s: %w", path, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("model: %s: %w", path, errTooBig)
	}
	return data, nil
}

// notRegularError says what a path names instead of a regular file.
// errors.Is(err, errNotRegular) holds for it.
type notRegularError struct{ what string }

func (e notRegularError) Error() string        { return e.what + ", not a regular file" }
func (e notRegularError) Is(target error) bool { return target == errNotRegular }

// notRegular describes a file of mode m that is not a regular file.
func notRegular(m fs.FileMode) notRegularError {
	switch {
	case m.IsDir():
		return notRegularError{"a folder"}
	case m&fs.ModeNamedPipe != 0:
		return notRegularError{"a named pipe (FIFO)"}
	case m&fs.ModeDevice != 0:
		return notRegularError{"a device"}
	case m&fs.ModeSocket != 0:
		return notRegularError{"a socket"}
	}
	return notRegularError{"a special file"}
}

// unwrapModel says why readLimited failed, for a problem message that
// already names the file: the bare cause ("no such file or directory").
func unwrapModel(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var nr notRegularError
	if errors.As(err, &nr) {
		return nr.Error()
	}
	return strings.TrimPrefix(err.Error(), "model: ")
}

// readHint is the hint for a file named in the project that could not be
// read.
func readHint(err error) string {
	if errors.Is(err, errNotRegular) {
		return "name a saved file, not a folder, pipe or device"
	}
	return "the path is relative to this file"
}

var (
	errTooBig     = fmt.Errorf("file larger than %d MB", MaxFileSize>>20)
	errNotRegular = errors.New("not a regular file")
)

// loader holds the state of one Load: problems found so far and the
// project being built.
type loader struct {
	problems []Problem
	seen     map[Problem]bool
	// hints and lists memoise did-you-mean work (see loader.hint).
	hints   map[[2]string]string
	lists   map[string][]string
	dropped int
	visits  int
	bombed  bool
	proj    *Project
	// dayStartsAt is proj.DayStart once every file is read (validate).
	dayStartsAt Clock
	// active holds the files on the include stack, to catch include
	// cycles.
	active map[string]bool
	// files are the root and every included file, root first.
	files []*fileFields
	// pending are sessions whose references are resolved once every
	// session exists; bookings likewise.
	pending  []*pendingSession
	bookings []*pendingBooking
	// ties are the productions: lists of people and suites, resolved
	// once the productions are read.
	ties []pendingTie
	// continuity holds each production's continuity: chains, resolved
	// with the sessions.
	continuity []pendingContinuity
	// hours are the calendars' hours as written, checked against the
	// project's day start once every file is read (checkDayStart).
	hours []writtenHours
	// known declarations, in the order the lists in Project take.
	kinds, roles, depts []string
	// reports counts every problem reported, kept or dropped, so that a
	// decoder can tell whether the value it just read was faulty (see
	// since).
	reports int
	// Values found faulty: the checks that depend on them are skipped, so
	// that one mistake gives one problem, not a cascade. badDates holds
	// productions whose start or delivery is wrong; badAvailability
	// artistes whose offered windows are; badSuites, badPeople and
	// badArtistes say an entry of that list (or its spreadsheet) could
	// not be read, or has no id.
	badDates                          map[*Production]bool
	badAvailability                   map[*Artiste]bool
	badSuites, badPeople, badArtistes bool
	// badEpisodeDates holds productions whose episode starts or
	// deliveries are wrong: the checks of episode sessions against them
	// are skipped.
	badEpisodeDates map[*Production]bool
	// unsure holds the suite kinds and roles ("kind:mix", "role:" for
	// any) that a misread entry may have meant.
	unsure map[string]bool
	// listFaulty is set by eachEntry: the list it read had problems of
	// its own, so entries may be missing.
	listFaulty bool
	// typos holds the fields written misspelt (file NUL path), so that
	// they are not reported missing as well.
	typos map[string]bool
}

// since reports whether a problem was reported after mark, a value of
// l.reports taken earlier.
func (l *loader) since(mark int) bool { return l.reports > mark }

// fileFields are the top-level fields of one YAML file.
type fileFields struct {
	d      *dec
	fields map[string]field
	order  []field
}

// full reports whether the problem list is full, so callers can skip
// working out hints that would be dropped.
func (l *loader) full() bool { return len(l.problems) >= maxProblems }

// maxProblems caps the problems kept from one load; the rest are counted.
const maxProblems = 500

func (l *loader) report(pos Pos, fieldPath, hint, msg string) {
	l.reports++
	p := Problem{File: pos.File, Line: pos.Line, Col: pos.Col, Field: fieldPath, Msg: msg, Hint: hint}
	if l.seen[p] {
		return // an episode pipeline decodes the same nodes once per episode
	}
	if len(l.problems) >= maxProblems {
		l.dropped++
		return
	}
	if l.seen == nil {
		l.seen = map[Problem]bool{}
	}
	l.seen[p] = true
	l.problems = append(l.problems, p)
}

// run decodes the root file and everything it pulls in. It returns an
// error only for I/O failures; content problems are collected.
func (l *loader) run(name string, data []byte) error {
	if err := l.readYAML(name, data, rootKeys, 0, Pos{}); err != nil {
		return err
	}
	if len(l.files) == 0 {
		return nil
	}
	root := l.files[0]
	l.decodeDeclarations()
	l.decodeProjectCalendar(root)
	if err := l.decodeResources(); err != nil {
		return err
	}
	if err := l.decodeProductions(root); err != nil {
		return err
	}
	l.resolveTies()
	l.resolveSessions()
	l.resolveBookings()
	l.index()
	l.validate()
	return nil
}

// readYAML parses one YAML file and, recursively, the files it includes.
func (l *loader) readYAML(name string, data []byte, allowed []string, depth int, from Pos) error {
	d := &dec{l: l, file: name}
	if len(data) > MaxFileSize {
		l.report(Pos{File: name, Line: 1, Col: 1}, "", "split the project with include:", errTooBig.Error())
		return nil
	}
	var doc yaml.Node
	dcd := yaml.NewDecoder(bytes.NewReader(data))
	if err := dcd.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			l.report(Pos{File: name, Line: 1, Col: 1}, "", "start from docs/project-file.md or testdata/feature.yaml", "empty project file")
			return nil
		}
		l.reportYAMLError(name, data, err)
		return nil
	}
	var extra yaml.Node
	if err := dcd.Decode(&extra); err == nil {
		l.report(d.pos(&extra), "", "keep one YAML document per file", "more than one document (---) in file")
	}
	if len(doc.Content) == 0 {
		return nil
	}
	if top := d.deref(doc.Content[0]); top == nil || top.Kind != yaml.MappingNode {
		// Not key: value lines at all (a pasted list, a lone word):
		// reporting each missing field too would bury the one mistake.
		d.fields(doc.Content[0], "", allowed)
		return nil
	}
	ff := &fileFields{d: d, fields: map[string]field{}}
	for _, f := range d.fields(doc.Content[0], "", allowed) {
		ff.fields[f.key] = f
		ff.order = append(ff.order, f)
	}
	l.files = append(l.files, ff)
	inc, ok := ff.fields["include"]
	if !ok {
		return nil
	}
	abs, _ := filepath.Abs(name)
	l.active[abs] = true
	defer delete(l.active, abs)
	for i, it := range d.items(inc.v, "include", true) {
		path := fmt.Sprintf("include[%d]", i)
		var rel string
		d.str(it, path, &rel)
		if rel == "" {
			continue
		}
		target := filepath.Join(filepath.Dir(name), rel)
		tabs, _ := filepath.Abs(target)
		switch {
		case depth+1 > maxIncludeDepth:
			d.errorf(it, path, "flatten the includes", "includes nested more than %d deep", maxIncludeDepth)
			continue
		case l.active[tabs]:
			d.errorf(it, path, "a file cannot include itself, directly or through others", "include cycle through %s", target)
			continue
		}
		sub, err := readLimited(target)
		if err != nil {
			if errors.Is(err, errTooBig) {
				d.errorf(it, path, "split it into smaller files", "%s is larger than %d MB", target, MaxFileSize>>20)
				continue
			}
			// The file names the include, so a missing or unreadable one
			// is a problem at that line, not an I/O failure of pencil's.
			d.errorf(it, path, readHint(err), "cannot include %s: %v", rel, unwrapModel(err))
			continue
		}
		l.addSource(target, sub)
		if err := l.readYAML(target, sub, includeKeys, depth+1, d.pos(it)); err != nil {
			return err
		}
	}
	return nil
}

// yamlParserErrors begin the messages of yaml.v3's parser (as opposed to
// its scanner).
var yamlParserErrors = []string{
	"did not find expected key", "did not find expected node content", "did not find expected ',' or",
	"did not find expected '-' indicator", "did not find expected <document start>",
}

// reportYAMLError turns a yaml.v3 syntax error ("yaml: line N: message")
// into a positioned problem.
func (l *loader) reportYAMLError(name string, data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	// yaml.v3 gives no line for some errors: an unknown anchor is found by
	// its alias in the text; anything else (binary junk, control
	// characters) is pinned to the top of the file.
	pos := Pos{File: name, Line: 1, Col: 1}
	if rest, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		anchor, _, _ := strings.Cut(rest, "'")
		if line, col := findAlias(data, anchor); line > 0 {
			pos.Line, pos.Col = line, col
		}
	}
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil && line > 0 {
		_, msg, _ = strings.Cut(msg, ":")
		msg = strings.TrimSpace(msg)
		// yaml.v3 counts lines from 0 for parser errors (it names the
		// line where the unfinished mapping or list began) and from 1 for
		// scanner errors.
		for _, p := range yamlParserErrors {
			if strings.HasPrefix(msg, p) {
				line++
				break
			}
		}
		pos.Line, pos.Col = line, 1
	}
	msg, hint := yamlWords(strings.TrimSpace(msg), lineOf(data, pos.Line))
	l.report(pos, "", hint, "YAML syntax: "+msg)
}

// yamlWords puts a yaml.v3 syntax message at a line whose text is given
// in a coordinator's words where it can, with a hint at the likely
// mistake.
func yamlWords(msg, text string) (string, string) {
	switch {
	case strings.Contains(msg, "UTF-8"):
		return "the file is not UTF-8 text", "is it the right file? save project files as UTF-8 text"
	case strings.Contains(msg, "control characters"):
		return "invisible control characters in the file", "remove them (they are often pasted in from another program)"
	case strings.Contains(msg, "max depth"):
		return "lists or mappings nested more than 10000 deep", "brackets nested this deep are a runaway paste: remove them"
	case strings.HasPrefix(msg, "unknown anchor '"):
		name, _, _ := strings.Cut(strings.TrimPrefix(msg, "unknown anchor '"), "'")
		return fmt.Sprintf("*%s names no anchor &%s", name, name), "define the anchor (&name) before using it (*name), or write the value out"
	case strings.HasPrefix(strings.TrimLeft(text, " "), "\t"):
		return "a tab in the indentation", "indent with spaces, not tabs"
	}
	return msg, "check indentation and quoting around this line"
}

// lineOf returns line n (from 1) of data, or "".
func lineOf(data []byte, n int) string {
	for i, text := range bytes.Split(data, []byte("\n")) {
		if i+1 == n {
			return string(text)
		}
	}
	return ""
}

// findAlias returns the line and column of the first use of alias *name
// outside a comment, or 0, 0.
func findAlias(data []byte, name string) (line, col int) {
	for i, text := range bytes.Split(data, []byte("\n")) {
		if hash := bytes.IndexByte(text, '#'); hash >= 0 {
			text = text[:hash]
		}
		if j := bytes.Index(text, []byte("*"+name)); j >= 0 {
			return i + 1, j + 1
		}
	}
	return 0, 0
}
