package corpus

import (
	"errors"
	"fmt"
)

// Kind says how an input is read.
type Kind int

const (
	KindText  Kind = iota // one article per file
	KindJSONL             // one article per line
)

// Article is one unit of input.
type Article struct {
	ID     string  // JSONL: the id field if present, else "path:line"; files: Rel; stdin: "-"
	Path   string  // input file as given or walked ("-" for stdin)
	Rel    string  // path relative to the walked root (slash-separated), for mirroring; the base name for a file given directly
	Line   int     // 1-based line number in a JSONL file; 0 for text files
	Kind   Kind    // how it was read
	Text   []byte  // text files: the exact bytes; JSONL: the decoded text field
	Record *Record // JSONL: the whole record, fields in order; nil otherwise
	Raw    []byte  // JSONL: the line exactly as read, without "\n" (and "\r")
	CRLF   bool    // JSONL: the line ended in "\r\n"
	Binary bool    // the text file looks binary (NUL bytes or mostly invalid UTF-8)
	Err    error   // a *Error when the item is bad; Raw/Text hold what was read
}

// Error is a positioned input error.
type Error struct {
	Path string
	Line int // 0 when the error is about the whole file
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("corpus: %s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("corpus: %s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrBinary marks a binary file in a text position (it is still passed
// through).
var ErrBinary = errors.New("binary file")
