package corpus

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Kind says how an input is read.
type Kind int

const (
	KindText  Kind = iota // one article per file (.txt, .md, anything else given explicitly)
	KindJSONL             // one article per line (.jsonl, .ndjson), a JSON object per line
)

// String returns "text" or "jsonl".
func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindJSONL:
		return "jsonl"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// KindOf returns the Kind a path is read as, judged by its extension
// after a trailing ".gz" or ".zst" is stripped: ".jsonl" and ".ndjson"
// are KindJSONL, everything else is KindText. Case is ignored.
func KindOf(path string) Kind {
	ext := strings.ToLower(filepath.Ext(trimCompression(path)))
	if ext == ".jsonl" || ext == ".ndjson" {
		return KindJSONL
	}
	return KindText
}

// Compression names the compression a path's suffix says: "gz" for
// ".gz", "zst" for ".zst" (any case), "" for none.
func Compression(path string) string {
	switch {
	case hasSuffixFold(path, ".gz"):
		return "gz"
	case hasSuffixFold(path, ".zst"):
		return "zst"
	}
	return ""
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

func trimCompression(path string) string {
	switch Compression(path) {
	case "gz":
		return path[:len(path)-3]
	case "zst":
		return path[:len(path)-4]
	}
	return path
}

// Article is one unit of input: a whole text file, or one line of a
// JSONL file.
//
// An Article with Err set is still an item of the stream, in its place:
// Text (text files) or Raw (JSONL) hold whatever was read, so a caller
// that mirrors its input can pass the item through verbatim. Both are
// nil when nothing could be read at all (a missing file).
//
// Text, Raw and Record may share memory; treat them as read-only.
type Article struct {
	// ID names the article in reports. JSONL: the value of the id
	// field when it is a non-empty string (decoded) or a number (as
	// written), else "path:line". Files: the path relative to the
	// walked root (slash-separated), or the path as given; "-" for
	// stdin.
	ID string
	// Path is the input file as given or walked ("-" for stdin).
	Path string
	// Rel is the path relative to the root it was found under,
	// slash-separated, for mirroring into an output directory (see
	// OutPath). For a file given directly: its base name. For stdin: "-".
	Rel string
	// Line is the 1-based line number within a JSONL file (blank lines
	// count); 0 for text files.
	Line int
	Kind Kind
	// Text is the article text. Text files: the exact file bytes (after
	// gunzip for .gz). JSONL: the decoded string value of the text field.
	Text []byte
	// Record is the whole JSONL record, fields in their original order;
	// nil for text files and for lines that are not a JSON object.
	Record *Record
	// Raw is the JSONL line exactly as read, without the trailing "\n"
	// and without a "\r" before it (see CRLF); nil for text files.
	Raw []byte
	// CRLF reports that the JSONL line ended in "\r\n" (or in a lone "\r"
	// at the end of the file).
	CRLF bool
	// Part, Offset and More describe a text file read in parts (see
	// Options.MaxText): Part is the 0-based part number, Offset the byte
	// offset of Text in the file, More reports that more parts follow.
	// LineOffset counts the line breaks ("\n") in the file before Offset
	// and ColOffset the bytes between the last of them and Offset, so
	// that a position in Text maps to the file's line and column. All
	// are zero for an article read whole.
	Part       int
	Offset     int64
	More       bool
	LineOffset int
	ColOffset  int
	// Binary reports that a text file looks binary: a NUL byte in the
	// first 8 KiB, or more than 30% of the first 8 KiB invalid UTF-8.
	// Text still holds the bytes.
	Binary bool
	// Err is non-nil when this item is bad: malformed JSON, no text
	// field, a text field that is not a string, an unreadable file, a
	// corrupt gzip stream. It is always an *Error.
	Err error
}

// Error is an input or output error at a position. Its message reads
// "corpus: path:line: cause", or "corpus: path: cause" when Line is 0.
// Check for it with errors.As.
type Error struct {
	Path string // file as given or walked; "-" for stdin
	Line int    // 1-based line number; 0 when the error is about the whole file
	Err  error  // the cause
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("corpus: %s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("corpus: %s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }
