package corpus

import (
	"context"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Options control reading. The zero value reads the defaults.
type Options struct {
	TextField  string   // JSONL field holding the article text; default "text"
	IDField    string   // JSONL field holding the id; default "id"
	Exts       []string // extensions a directory walk picks up, matched as name suffixes ignoring case; default DefaultExts()
	ForceJSONL bool     // read stdin and every file as JSONL, whatever the extension
	// MaxText, when > 0, bounds memory on huge text files: a text file
	// longer than MaxText bytes comes as several Articles (parts) of at
	// most MaxText bytes each, cut as Cut cuts (at a line break when
	// there is one in the second half of the window). 0 reads every file
	// whole.
	MaxText int
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	if o.TextField == "" {
		o.TextField = "text"
	}
	if o.IDField == "" {
		o.IDField = "id"
	}
	o.Exts = normExts(o.Exts)
	return o
}

// Reader streams articles from a list of inputs in a deterministic
// order: the inputs in the order given; a directory is walked
// recursively in filepath.WalkDir order (lexical, depth first), and
// symlinked directories inside it are not followed. A walk picks up only
// the files whose name ends in one of Options.Exts; a file named
// explicitly is always read.
//
// A Reader holds at most one file open and one JSONL line in memory. It
// is not safe for concurrent use.
type Reader struct {
	ctx    context.Context
	opts   Options
	stdin  io.Reader
	inputs []string // inputs not yet started
	walk   *walker  // the directory being walked, if any
	cur    stream   // the file being read in items, if any
	closed bool
}

// NewReader returns a Reader over inputs. No inputs, or an input "-",
// means stdin; a nil stdin reads as empty. Nothing is opened until Next
// is called.
func NewReader(ctx context.Context, inputs []string, stdin io.Reader, opts Options) *Reader {
	if ctx == nil {
		ctx = context.Background()
	}
	opts = opts.withDefaults()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	return &Reader{ctx: ctx, opts: opts, stdin: stdin, inputs: append([]string(nil), inputs...)}
}

// Next returns the next article, or io.EOF after the last one.
//
// Bad input does not stop the stream: a missing or unreadable input, a
// corrupt gzip stream and a malformed JSONL line each come back as an
// Article with Err set, and the following call goes on with what comes
// next. Next returns another error only when the context is done (the
// context's error).
func (r *Reader) Next() (*Article, error) {
	for {
		if r.closed {
			return nil, io.EOF
		}
		if err := r.ctx.Err(); err != nil {
			return nil, err
		}
		switch {
		case r.cur != nil:
			if a := r.cur.next(); a != nil {
				return a, nil
			}
			r.cur.close()
			r.cur = nil
		case r.walk != nil:
			it, ok := r.walk.next()
			if !ok {
				r.walk = nil
				continue
			}
			if a := r.open(it); a != nil {
				return a, nil
			}
		case len(r.inputs) > 0:
			in := r.inputs[0]
			r.inputs = r.inputs[1:]
			if a := r.start(in); a != nil {
				return a, nil
			}
		default:
			return nil, io.EOF
		}
	}
}

// Close releases the open file, if any. Next returns io.EOF afterwards.
func (r *Reader) Close() error {
	if r.cur != nil {
		r.cur.close()
		r.cur = nil
	}
	r.walk = nil
	r.closed = true
	return nil
}

// start begins one input as given: stdin, a file, a directory, or a
// glob pattern that no file is named after (quoted on the command line,
// or from a shell that does not expand it): its matches, in lexical
// order, are read as if given one by one.
func (r *Reader) start(in string) *Article {
	if in == "-" {
		return r.open(item{path: "-", rel: "-", id: "-"})
	}
	it := item{path: in, rel: path.Base(filepath.ToSlash(in)), id: in}
	st, err := os.Stat(in)
	if err != nil && IsGlob(in) {
		matches, gerr := filepath.Glob(in)
		switch {
		case gerr != nil:
			it.err = gerr
		case len(matches) == 0:
			it.err = errors.New("no file matches the pattern")
		default:
			r.inputs = append(matches, r.inputs...) // Glob sorts
			return nil
		}
		return r.open(it)
	}
	switch {
	case err != nil:
		it.err = ioCause(err, "")
	case st.IsDir():
		r.walk = newWalker(in, r.opts.Exts)
		return nil
	}
	return r.open(it)
}

// open reads a text file whole, or makes a JSONL file the current
// stream (and returns nil). Failures come back as an Article with Err.
func (r *Reader) open(it item) *Article {
	kind := KindText
	if r.opts.ForceJSONL || (it.path != "-" && KindOf(it.path) == KindJSONL) {
		kind = KindJSONL
	}
	if it.err != nil {
		return it.fail(kind, it.err)
	}
	s, err := openSource(it.path, r.stdin)
	if err != nil {
		return it.fail(kind, err)
	}
	if kind == KindJSONL {
		r.cur = newJSONLFile(it, s, &r.opts)
		return nil
	}
	if r.opts.MaxText > 0 {
		r.cur = &textFile{it: it, src: s, max: r.opts.MaxText}
		return nil
	}
	defer s.close()
	return readText(it, s)
}

// IsGlob reports whether path holds glob metacharacters (* ? [).
func IsGlob(path string) bool { return strings.ContainsAny(path, "*?[") }

// stream is a file that yields its articles one at a time.
type stream interface {
	next() *Article // nil at the end
	close()
}

// item is one input file to read.
type item struct {
	path string // as given or walked; "-" for stdin
	rel  string // Article.Rel
	id   string // Article.ID for a text file
	err  error  // set when the walk or stat already failed
}

// article starts the Article for it.
func (it item) article(k Kind) *Article {
	return &Article{ID: it.id, Path: it.path, Rel: it.rel, Kind: k}
}

// fail returns an Article for an input that could not be read at all.
func (it item) fail(k Kind, cause error) *Article {
	a := it.article(k)
	a.Err = &Error{Path: it.path, Err: cause}
	return a
}
