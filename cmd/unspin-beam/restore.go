package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/textio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/unspin/unspin/corpus"
	"github.com/unspin/unspin/pipeline"
)

// Config is what the Beam pipeline does; the zero values of the fields
// mean what they mean to `unspin restore`.
type Config struct {
	Inputs        []string // glob patterns of JSONL shards (plain, .gz, .zst)
	Out           string   // directory for the cleaned shards (one per input shard, same name)
	Edits         string   // file for the edits, one article record a line ("" for none)
	DeadLetter    string   // file for the malformed records ("" for none)
	TextField     string
	IDField       string
	Lexicon       []string // lexicon and gazetteer files laid over the embedded lexicon
	MinConfidence *float64 // nil: the default (pipeline.DefaultOptions)
	Jobs          int      // goroutines restoring the records of a shard on a worker; 0: its NumCPU
}

// Build adds the unspin transforms to s: match the shards, restore every
// record of each shard with the same pipeline the unspin command runs,
// write each cleaned shard to Out, and return the edits (JSON article
// records) and the dead letters (JSON: path, line, reason, record).
func Build(s beam.Scope, cfg Config) (edits, dead beam.PCollection) {
	var files []beam.PCollection
	for _, glob := range cfg.Inputs {
		files = append(files, fileio.MatchFiles(s, glob))
	}
	matched := beam.Flatten(s, files...)
	editsDir := isDir(cfg.Edits)
	fn := &restoreShardFn{
		Out: cfg.Out, WithEdits: cfg.Edits != "" && !editsDir, TextField: cfg.TextField, IDField: cfg.IDField,
		Lexicon: cfg.Lexicon, MinConfidence: pipeline.DefaultOptions().MinConfidence, Jobs: cfg.Jobs,
	}
	if editsDir {
		fn.EditsDir = cfg.Edits
	}
	if cfg.MinConfidence != nil {
		fn.MinConfidence = *cfg.MinConfidence
	}
	edits, dead = beam.ParDo2(s.Scope("unspin.Restore"), fn, matched)
	if fn.WithEdits {
		textio.Write(s.Scope("unspin.WriteEdits"), cfg.Edits, edits)
	}
	if cfg.DeadLetter != "" {
		textio.Write(s.Scope("unspin.WriteDeadLetter"), cfg.DeadLetter, dead)
	}
	if !fn.WithEdits && cfg.DeadLetter == "" {
		// NOTE(#9): prism v2.77.0 busy-waits while it runs a bundle of a
		// stage that sends nothing to another stage (worker.B.Init closes
		// DataWait at once, and stage.Execute's select loop spins on it),
		// which took a whole core from the workers. A consumer across a
		// GroupByKey gives the restore stage an output (prism drops a
		// Reshuffle); it sees only the dead letters, usually none.
		ks := s.Scope("unspin.KeepStageOutput")
		beam.GroupByKey(ks, beam.AddFixedKey(ks, dead))
	}
	return edits, dead
}

// Metrics, namespace "unspin".
var (
	articlesCounter  = beam.NewCounter("unspin", "articles")
	spunCounter      = beam.NewCounter("unspin", "spun_articles")
	errorsCounter    = beam.NewCounter("unspin", "errors")
	malformedCounter = beam.NewCounter("unspin", "malformed_records")
	bytesCounter     = beam.NewCounter("unspin", "bytes")
)

// editsCounter counts applied edits of one rule kind (word, phrase,
// entity, ...).
func editsCounter(kind string) beam.Counter { return beam.NewCounter("unspin", "edits_"+kind) }

func init() {
	register.DoFn4x1[context.Context, fileio.FileMetadata, func(string), func(string), error](&restoreShardFn{})
	register.Emitter1[string]()
	beam.RegisterType(reflect.TypeOf((*restoreShardFn)(nil)).Elem())
}

// restoreShardFn restores one JSONL shard. The pipeline (lexicon,
// gazetteer, n-gram counts) is loaded once per worker, in Setup.
type restoreShardFn struct {
	Out           string   `json:"out"`
	WithEdits     bool     `json:"with_edits"` // emit the edits (else the side output stays empty)
	EditsDir      string   `json:"edits_dir"`  // write each shard's edits to EditsDir/<shard>.edits.jsonl instead
	TextField     string   `json:"text_field"`
	IDField       string   `json:"id_field"`
	Lexicon       []string `json:"lexicon"`
	MinConfidence float64  `json:"min_confidence"`
	Jobs          int      `json:"jobs"` // goroutines restoring the records of a shard; 0: the worker's NumCPU

	p *pipeline.Pipeline
}

func (fn *restoreShardFn) Setup() error {
	opts := pipeline.DefaultOptions()
	opts.MinConfidence = fn.MinConfidence
	p, _, err := pipeline.Load(opts, fn.Lexicon...)
	if err != nil {
		return err
	}
	fn.p = p
	return nil
}

// deadLetter is one malformed record.
type deadLetter struct {
	Path   string `json:"path"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
	Record string `json:"record"`
}

// task is one record on its way through the workers of a shard.
type task struct {
	art  *corpus.Article
	doc  *pipeline.Document
	err  error         // the pipeline's error (art.Err is the reader's)
	done chan struct{} // closed when doc and err are set
}

// ProcessElement reads the shard as `unspin restore` reads a JSONL file
// and writes its cleaned copy to Out/<shard name>: every record restored
// (the text field replaced, unspin_spin and unspin_edits set), a bad line
// copied verbatim and sent to the dead letters too. Jobs goroutines
// restore the records; they are written in the order they were read.
func (fn *restoreShardFn) ProcessElement(ctx context.Context, file fileio.FileMetadata, edits, dead func(string)) error {
	in, closeIn, err := openShard(ctx, file.Path)
	if err != nil {
		return err
	}
	defer closeIn()
	out, err := createShard(ctx, outPath(fn.Out, file.Path))
	if err != nil {
		return err
	}
	defer out.abort()
	var editsErr error
	var eout *output
	if fn.EditsDir != "" {
		if eout, err = createShard(ctx, outPath(fn.EditsDir, editsName(file.Path))); err != nil {
			return err
		}
		defer eout.abort()
		edits = func(rec string) {
			if _, err := io.WriteString(eout.w, rec+"\n"); err != nil && editsErr == nil {
				editsErr = fmt.Errorf("%s: %w", eout.path, err)
			}
		}
	}
	rd := corpus.NewReader(ctx, []string{in.path}, in.r, corpus.Options{TextField: fn.TextField, IDField: fn.IDField, ForceJSONL: true})
	defer rd.Close()

	wctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait() // before rd.Close: the reader goroutine uses rd
	defer cancel()
	n := fn.workers()
	jobs, order := make(chan *task, 2*n), make(chan *task, 2*n)
	var readErr error // set by the reader goroutine before it closes order
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		for {
			art, err := rd.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			if in.path == "-" { // a stream opened through Beam's file system: name it
				art.Path, art.ID = file.Path, strings.Replace(art.ID, "-:", file.Path+":", 1)
			}
			t := &task{art: art, done: make(chan struct{})}
			if art.Err != nil {
				close(t.done)
			} else {
				select {
				case jobs <- t:
				case <-wctx.Done():
					return
				}
			}
			select {
			case order <- t:
			case <-wctx.Done():
				return
			}
		}
	}()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range jobs {
				t.doc, t.err = restoreOne(wctx, fn.p, t.art)
				close(t.done)
			}
		}()
	}

	var buf []byte
	for t := range order {
		<-t.done
		if buf, err = fn.emit(ctx, buf[:0], file.Path, t, edits, dead); err != nil {
			return err
		}
		if buf == nil {
			continue
		}
		if _, err := out.w.Write(buf); err != nil {
			return fmt.Errorf("%s: %w", out.path, err)
		}
	}
	if readErr != nil {
		return readErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if editsErr != nil {
		return editsErr
	}
	if err := out.commit(); err != nil {
		return err
	}
	if eout != nil {
		return eout.commit()
	}
	return nil
}

// isDir reports whether an --edits path names a directory (it ends in a
// separator): then each shard's edits go to a file of their own there.
func isDir(p string) bool {
	return strings.HasSuffix(p, "/") || strings.HasSuffix(p, string(filepath.Separator))
}

// editsName names the edits file of a shard: the shard's name without
// .jsonl, then .edits.jsonl, compressed like the shard ("a.jsonl.gz" →
// "a.edits.jsonl.gz").
func editsName(shard string) string {
	base := path.Base(strings.ReplaceAll(shard, "\\", "/"))
	ext := ""
	for _, z := range []string{".gz", ".zst"} {
		if strings.HasSuffix(base, z) {
			base, ext = strings.TrimSuffix(base, z), z
		}
	}
	return strings.TrimSuffix(base, ".jsonl") + ".edits.jsonl" + ext
}

// workers is the number of goroutines restoring the records of a shard.
func (fn *restoreShardFn) workers() int {
	if fn.Jobs > 0 {
		return fn.Jobs
	}
	return runtime.NumCPU()
}

// emit counts one restored record, sends its edits or its dead letter,
// and returns buf with its cleaned line appended (nil: no line, as for a
// line the reader could not read at all).
func (fn *restoreShardFn) emit(ctx context.Context, buf []byte, shard string, t *task, edits, dead func(string)) ([]byte, error) {
	art, doc := t.art, t.doc
	articlesCounter.Inc(ctx, 1)
	bytesCounter.Inc(ctx, int64(len(art.Raw)))
	switch {
	case art.Err != nil:
		malformedCounter.Inc(ctx, 1)
		errorsCounter.Inc(ctx, 1)
		var ce *corpus.Error
		reason := art.Err.Error()
		if errors.As(art.Err, &ce) {
			reason = ce.Err.Error()
		}
		dead(encodeDeadLetter(deadLetter{Path: shard, Line: art.Line, Reason: reason, Record: string(art.Raw)}))
		if art.Raw == nil {
			return nil, nil // nothing was read of this line (an I/O error): nothing to copy
		}
		buf = append(buf, art.Raw...)
	case t.err != nil:
		errorsCounter.Inc(ctx, 1)
		dead(encodeDeadLetter(deadLetter{Path: shard, Line: art.Line, Reason: t.err.Error(), Record: string(art.Raw)}))
		buf = append(buf, art.Raw...)
	default:
		if doc.Spin >= 0.5 {
			spunCounter.Inc(ctx, 1)
		}
		for _, e := range doc.Edits {
			if e.Applied {
				editsCounter(e.Kind).Inc(ctx, 1)
			}
		}
		var err error
		if buf, err = doc.AppendJSONL(buf, art.Record, textField(fn.TextField)); err != nil {
			return nil, err
		}
		if fn.WithEdits || fn.EditsDir != "" {
			rec := doc.Record()
			rec.Line = art.Line
			edits(encodeRecord(rec))
		}
	}
	if art.CRLF {
		buf = append(buf, '\r')
	}
	return append(buf, '\n'), nil
}

func textField(f string) string {
	if f == "" {
		return "text"
	}
	return f
}

// restoreOne runs the pipeline on one good record, as the unspin command
// does (a panic in a stage is that record's error).
func restoreOne(ctx context.Context, p *pipeline.Pipeline, art *corpus.Article) (doc *pipeline.Document, err error) {
	if art.Err != nil {
		return nil, nil
	}
	defer func() {
		if v := recover(); v != nil {
			doc, err = nil, fmt.Errorf("%s: internal error: %v", art.ID, v)
		}
	}()
	return p.ProcessLarge(ctx, art.ID, art.Path, art.Text, pipeline.MaxChunk, true)
}

// encodeDeadLetter writes a dead letter as one JSON line (without the
// newline).
func encodeDeadLetter(d deadLetter) string {
	b, _ := json.Marshal(d) // strings and an int: cannot fail
	return string(b)
}

// encodeRecord writes an article record as `unspin restore --edits` does.
func encodeRecord(rec pipeline.ArticleRecord) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(rec)
	return strings.TrimSuffix(b.String(), "\n")
}

// outPath names the cleaned copy of shard in dir: the shard's own name.
func outPath(dir, shard string) string {
	base := path.Base(strings.ReplaceAll(shard, "\\", "/"))
	if strings.Contains(dir, "://") {
		return strings.TrimSuffix(dir, "/") + "/" + base
	}
	return corpus.OutPath(dir, base)
}

// input is an open shard: a local path for corpus.NewReader, or "-" and
// the stream read through Beam's file system (gs://, s3://, ...).
type input struct {
	path string
	r    io.Reader
}

func openShard(ctx context.Context, p string) (input, func(), error) {
	if !strings.Contains(p, "://") {
		return input{path: p}, func() {}, nil
	}
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return input{}, nil, err
	}
	rc, err := fs.OpenRead(ctx, p)
	if err != nil {
		fs.Close()
		return input{}, nil, err
	}
	// corpus decompresses gzip and zstd streams by their magic bytes.
	return input{path: "-", r: bufio.NewReaderSize(rc, 1<<20)}, func() { rc.Close(); fs.Close() }, nil
}

// output is a cleaned shard being written, compressed like its name says
// (.gz, .zst), as the unspin command writes it: locally to a temporary
// file renamed into place by commit (corpus.CreateOutput); elsewhere
// straight through Beam's file system.
type output struct {
	path   string
	w      io.Writer
	commit func() error
	abort  func()
}

func createShard(ctx context.Context, p string) (*output, error) {
	if !strings.Contains(p, "://") {
		f, err := corpus.CreateOutput(p)
		if err != nil {
			return nil, err
		}
		return bufferedOutput(p, f, f.Commit, func() { f.Abort() }), nil
	}
	fs, err := filesystem.New(ctx, p)
	if err != nil {
		return nil, err
	}
	wc, err := fs.OpenWrite(ctx, p)
	if err != nil {
		fs.Close()
		return nil, err
	}
	w, enc, err := corpus.Compressor(wc, p)
	if err != nil {
		wc.Close()
		fs.Close()
		return nil, err
	}
	return bufferedOutput(p, w,
		func() error {
			defer fs.Close()
			if enc != nil {
				if err := enc.Close(); err != nil {
					wc.Close()
					return err
				}
			}
			return wc.Close()
		},
		func() { wc.Close(); fs.Close() }), nil
}

// bufferedOutput writes to w through a buffer. commit flushes it and
// calls finish (on a failed flush, drop); abort calls drop unless commit
// was called.
func bufferedOutput(p string, w io.Writer, finish func() error, drop func()) *output {
	bw := bufio.NewWriterSize(w, 1<<20)
	done := false
	return &output{path: p, w: bw,
		commit: func() error {
			done = true
			if err := bw.Flush(); err != nil {
				drop()
				return err
			}
			return finish()
		},
		abort: func() {
			if !done {
				drop()
			}
		}}
}
