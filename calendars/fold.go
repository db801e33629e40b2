package calendars

import "io"

// maxLineOctets is the longest content line RFC 5545 section 3.1 allows,
// excluding the line break.
const maxLineOctets = 75

// foldWriter folds content lines longer than 75 octets by inserting CRLF
// and a space (RFC 5545 section 3.1), never inside a UTF-8 sequence.
// go-ical's encoder does not fold, and Outlook and some Android clients
// reject long lines.
type foldWriter struct {
	w   io.Writer
	col int // octets on the current physical line, CR not counted
	buf []byte
	err error
}

// Write folds p onto the underlying writer. It expects CRLF line endings,
// as go-ical writes them.
func (fw *foldWriter) Write(p []byte) (int, error) {
	if fw.err != nil {
		return 0, fw.err
	}
	fw.buf = fw.buf[:0]
	for _, c := range p {
		switch {
		case c == '\n':
			fw.col = 0
		case c == '\r':
		case c&0xC0 == 0x80: // UTF-8 continuation: stays with its lead byte
			fw.col++
		default:
			if fw.col+utf8Len(c) > maxLineOctets {
				fw.buf = append(fw.buf, '\r', '\n', ' ')
				fw.col = 1
			}
			fw.col++
		}
		fw.buf = append(fw.buf, c)
	}
	if _, err := fw.w.Write(fw.buf); err != nil {
		fw.err = err
		return 0, err
	}
	return len(p), nil
}

// utf8Len is the length of the UTF-8 sequence that lead byte c starts; a
// stray byte counts as one.
func utf8Len(c byte) int {
	switch {
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}
