package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// jsonlFile reads one JSONL stream a line at a time. Lines have no
// length limit: bufio.Reader.ReadBytes grows to fit.
type jsonlFile struct {
	it   item
	src  *source
	br   *bufio.Reader
	opts *Options
	line int // the last line read, 1-based
	done bool
}

func newJSONLFile(it item, s *source, opts *Options) *jsonlFile {
	return &jsonlFile{it: it, src: s, br: bufio.NewReaderSize(s.r, bufSize), opts: opts}
}

func (j *jsonlFile) close() { j.src.close() }

// next returns the article for the next non-blank line, or nil at the
// end of the stream. A read error (a corrupt gzip stream, an I/O error)
// ends the stream with an Article that names the line reached and holds
// the part of it that was read.
func (j *jsonlFile) next() *Article {
	for !j.done {
		line, err := j.br.ReadBytes('\n')
		if err != nil {
			j.done = true
			if err != io.EOF {
				j.line++
				a := j.article(nil, false)
				if raw, _ := trimEOL(line); len(raw) > 0 {
					a.Raw = raw
				}
				a.Err = &Error{Path: j.it.path, Line: j.line, Err: ioCause(err, j.src.comp)}
				return a
			}
			if len(line) == 0 {
				return nil
			}
		}
		j.line++
		raw, crlf := trimEOL(line)
		if isBlank(raw) {
			continue
		}
		return j.parse(raw, crlf)
	}
	return nil
}

// ParseLine parses one line of a JSONL file, given without its line
// ending, exactly as a Reader parses the lines it reads: path and rel
// name the file (Article.Path, Article.Rel), line is its 1-based line
// number (a UTF-8 BOM is skipped on line 1). A malformed line comes back
// with Err set and Raw holding the line. A blank line is no article: nil.
//
// ParseLine is for front ends that read lines themselves (the Beam
// pipeline); the Article it returns is the one the Reader would.
func ParseLine(path, rel string, line int, raw []byte, opts Options) *Article {
	if isBlank(raw) {
		return nil
	}
	opts = opts.withDefaults()
	j := &jsonlFile{it: item{path: path, rel: rel}, opts: &opts, line: line}
	return j.parse(raw, false)
}

// trimEOL cuts a trailing "\n", then a "\r" before it.
func trimEOL(line []byte) (raw []byte, crlf bool) {
	raw = bytes.TrimSuffix(line, []byte("\n"))
	if n := len(raw); n > 0 && raw[n-1] == '\r' {
		return raw[:n-1], true
	}
	return raw, false
}

// isBlank reports whether a line holds only JSON whitespace.
func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// article starts the Article for the current line.
func (j *jsonlFile) article(raw []byte, crlf bool) *Article {
	return &Article{
		ID:   j.it.path + ":" + strconv.Itoa(j.line),
		Path: j.it.path,
		Rel:  j.it.rel,
		Line: j.line,
		Kind: KindJSONL,
		Raw:  raw,
		CRLF: crlf,
	}
}

// utf8BOM may start the first line of a file; it is kept in Raw but not
// parsed.
var utf8BOM = []byte("\xef\xbb\xbf")

// parse turns one line into an article: the record, its text and id.
func (j *jsonlFile) parse(raw []byte, crlf bool) *Article {
	a := j.article(raw, crlf)
	fail := func(err error) *Article {
		a.Err = &Error{Path: j.it.path, Line: j.line, Err: err}
		return a
	}
	body := raw
	if j.line == 1 {
		body = bytes.TrimPrefix(body, utf8BOM)
	}
	rec, err := parseRecord(body)
	if err != nil {
		return fail(err)
	}
	a.Record = rec
	field := j.opts.TextField
	tv, ok := rec.Get(field)
	if !ok {
		return fail(fmt.Errorf("no %q field", field))
	}
	if tv[0] != '"' {
		return fail(fmt.Errorf("field %q is %s, want a string", field, jsonKind(tv)))
	}
	if a.Text, err = decodeString(tv); err != nil {
		return fail(fmt.Errorf("field %q: %w", field, err))
	}
	if iv, ok := rec.Get(j.opts.IDField); ok {
		switch k := jsonKind(iv); {
		case k == kindString:
			if s, err := decodeString(iv); err == nil && len(s) > 0 {
				a.ID = string(s)
			}
		case k == kindNumber:
			a.ID = string(iv)
		}
	}
	return a
}
