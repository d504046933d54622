package corpus

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
)

// Options control reading.
type Options struct {
	TextField  string   // JSONL field holding the article text; default "text"
	IDField    string   // JSONL field holding the id; default "id"
	Exts       []string // extensions a directory walk picks up (also with .gz); default .txt .md .jsonl .ndjson
	ForceJSONL bool     // read stdin and every file as JSONL
}

func (o *Options) defaults() {
	if o.TextField == "" {
		o.TextField = "text"
	}
	if o.IDField == "" {
		o.IDField = "id"
	}
	if len(o.Exts) == 0 {
		o.Exts = []string{".txt", ".md", ".jsonl", ".ndjson"}
	}
}

// input is one file to read: its path and the root it was found under.
type input struct {
	path, rel string
	err       error // the walk failed here
}

// Reader streams articles from a list of inputs, in order.
type Reader struct {
	ctx    context.Context
	opts   Options
	stdin  io.Reader
	inputs []string // inputs not yet expanded
	queue  []input  // files to read
	cur    *jsonlFile
}

// NewReader returns a Reader over inputs; no inputs, or "-", means stdin.
func NewReader(ctx context.Context, inputs []string, stdin io.Reader, opts Options) *Reader {
	opts.defaults()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	return &Reader{ctx: ctx, opts: opts, stdin: stdin, inputs: append([]string(nil), inputs...)}
}

// Next returns the next article, or io.EOF after the last one. Bad input
// comes back as an Article with Err set; Next itself fails only when the
// context is cancelled.
func (r *Reader) Next() (*Article, error) {
	for {
		if err := r.ctx.Err(); err != nil {
			return nil, err
		}
		if r.cur != nil {
			a, ok := r.cur.next()
			if ok {
				return a, nil
			}
			r.cur.close()
			r.cur = nil
			continue
		}
		if len(r.queue) == 0 {
			if len(r.inputs) == 0 {
				return nil, io.EOF
			}
			in := r.inputs[0]
			r.inputs = r.inputs[1:]
			r.queue = r.expand(in)
			continue
		}
		in := r.queue[0]
		r.queue = r.queue[1:]
		if a := r.open(in); a != nil {
			return a, nil
		}
	}
}

// Close releases the open file, if any.
func (r *Reader) Close() error {
	if r.cur != nil {
		r.cur.close()
		r.cur = nil
	}
	return nil
}

// expand turns one input into the files to read.
func (r *Reader) expand(in string) []input {
	if in == "-" {
		return []input{{path: "-", rel: "-"}}
	}
	st, err := os.Stat(in)
	if err != nil {
		return []input{{path: in, rel: filepath.Base(in), err: err}}
	}
	if !st.IsDir() {
		return []input{{path: in, rel: filepath.Base(in)}}
	}
	var out []input
	filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, input{path: p, rel: relTo(in, p), err: err})
			if d != nil && d.IsDir() && p != in {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !r.wanted(p) {
			return nil
		}
		out = append(out, input{path: p, rel: relTo(in, p)})
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

func relTo(root, p string) string {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return filepath.ToSlash(filepath.Base(p))
	}
	return filepath.ToSlash(rel)
}

func (r *Reader) wanted(p string) bool {
	ext := strings.ToLower(filepath.Ext(trimCompression(p)))
	for _, e := range r.opts.Exts {
		if ext == e {
			return true
		}
	}
	return false
}

// IsJSONL reports whether a path names a JSONL file (.jsonl, .ndjson,
// optionally .gz or .zst).
func IsJSONL(p string) bool {
	ext := strings.ToLower(filepath.Ext(trimCompression(p)))
	return ext == ".jsonl" || ext == ".ndjson"
}

// trimCompression drops a .gz or .zst suffix.
func trimCompression(p string) string {
	return strings.TrimSuffix(strings.TrimSuffix(p, ".gz"), ".zst")
}

// Compression names the compression of a path by its suffix: "gz",
// "zst" or "".
func Compression(p string) string {
	switch {
	case strings.HasSuffix(p, ".gz"):
		return "gz"
	case strings.HasSuffix(p, ".zst"):
		return "zst"
	}
	return ""
}

// decompress wraps br in a gzip or zstd reader when the path's suffix or
// the stream's magic bytes say so.
func decompress(br *bufio.Reader, path string) (io.Reader, error) {
	kind := Compression(path)
	if kind == "" {
		magic, _ := br.Peek(4)
		switch {
		case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
			kind = "gz"
		case len(magic) == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd:
			kind = "zst"
		}
	}
	switch kind {
	case "gz":
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return zr, nil
	case "zst":
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, fmt.Errorf("zstd: %w", err)
		}
		return zr.IOReadCloser(), nil
	}
	return br, nil
}

// open starts reading one file. A text file is returned whole; a JSONL
// file becomes the current file and nil is returned.
func (r *Reader) open(in input) *Article {
	if in.err != nil {
		return &Article{ID: in.rel, Path: in.path, Rel: in.rel, Err: &Error{Path: in.path, Err: unwrapPathError(in.err)}}
	}
	var rc io.ReadCloser
	if in.path == "-" {
		rc = io.NopCloser(r.stdin)
	} else {
		f, err := os.Open(in.path)
		if err != nil {
			return &Article{ID: in.rel, Path: in.path, Rel: in.rel, Err: &Error{Path: in.path, Err: unwrapPathError(err)}}
		}
		rc = f
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	src, err := decompress(br, in.path)
	if err != nil {
		rc.Close()
		return &Article{ID: in.rel, Path: in.path, Rel: in.rel, Err: &Error{Path: in.path, Err: err}}
	}
	if r.opts.ForceJSONL || IsJSONL(in.path) {
		r.cur = &jsonlFile{r: bufio.NewReaderSize(src, 64<<10), closer: rc, path: in.path, rel: in.rel, opts: &r.opts}
		return nil
	}
	defer rc.Close()
	data, err := io.ReadAll(src)
	a := &Article{ID: in.rel, Path: in.path, Rel: in.rel, Kind: KindText, Text: data}
	if in.path == "-" {
		a.ID = "-"
	}
	if err != nil {
		a.Err = &Error{Path: in.path, Err: unwrapPathError(err)}
		return a
	}
	a.Binary = looksBinary(data)
	return a
}

// unwrapPathError drops the *fs.PathError wrapper, whose message repeats
// the path that Error already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

// looksBinary: a NUL byte in the first 8 KiB, or more than 30% of it
// invalid UTF-8.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 && len(head)-i >= utf8.UTFMax {
			bad++
		}
		i += size
	}
	return len(head) > 0 && bad*10 > len(head)*3
}

// jsonlFile reads one JSONL stream line by line.
type jsonlFile struct {
	r         *bufio.Reader
	closer    io.Closer
	path, rel string
	line      int
	opts      *Options
	done      bool
}

func (j *jsonlFile) close() { j.closer.Close() }

// next returns the next non-blank line as an article.
func (j *jsonlFile) next() (*Article, bool) {
	for !j.done {
		line, err := j.r.ReadBytes('\n')
		if err != nil {
			j.done = true
			if err != io.EOF {
				j.line++
				return &Article{ID: fmt.Sprintf("%s:%d", j.path, j.line), Path: j.path, Rel: j.rel, Line: j.line, Kind: KindJSONL,
					Err: &Error{Path: j.path, Line: j.line, Err: unwrapPathError(err)}, Raw: nil}, true
			}
			if len(line) == 0 {
				return nil, false
			}
		}
		j.line++
		raw := bytes.TrimSuffix(line, []byte("\n"))
		crlf := false
		if bytes.HasSuffix(raw, []byte("\r")) {
			raw, crlf = raw[:len(raw)-1], true
		}
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		return j.article(raw, crlf), true
	}
	return nil, false
}

func (j *jsonlFile) article(raw []byte, crlf bool) *Article {
	a := &Article{ID: fmt.Sprintf("%s:%d", j.path, j.line), Path: j.path, Rel: j.rel, Line: j.line, Kind: KindJSONL, Raw: raw, CRLF: crlf}
	fail := func(format string, args ...any) *Article {
		a.Err = &Error{Path: j.path, Line: j.line, Err: fmt.Errorf(format, args...)}
		return a
	}
	rec, err := ParseRecord(raw)
	if err != nil {
		return fail("%v", err)
	}
	a.Record = rec
	tv, ok := rec.Get(j.opts.TextField)
	if !ok {
		return fail("no %q field", j.opts.TextField)
	}
	var text string
	if err := json.Unmarshal(tv, &text); err != nil {
		return fail("field %q is %s, want a string", j.opts.TextField, jsonKind(tv))
	}
	a.Text = []byte(text)
	if idv, ok := rec.Get(j.opts.IDField); ok {
		var s string
		if json.Unmarshal(idv, &s) == nil {
			a.ID = s
		} else if k := jsonKind(idv); k == "a number" {
			a.ID = string(idv)
		}
	}
	return a
}

// jsonKind names the type of a raw JSON value.
func jsonKind(v json.RawMessage) string {
	t := bytes.TrimSpace(v)
	if len(t) == 0 {
		return "empty"
	}
	switch t[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
