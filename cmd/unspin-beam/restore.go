package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"reflect"
	"strings"

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
	fn := &restoreShardFn{
		Out: cfg.Out, WithEdits: cfg.Edits != "", TextField: cfg.TextField, IDField: cfg.IDField,
		Lexicon: cfg.Lexicon, MinConfidence: pipeline.DefaultOptions().MinConfidence,
	}
	if cfg.MinConfidence != nil {
		fn.MinConfidence = *cfg.MinConfidence
	}
	edits, dead = beam.ParDo2(s.Scope("unspin.Restore"), fn, matched)
	if cfg.Edits != "" {
		textio.Write(s.Scope("unspin.WriteEdits"), cfg.Edits, edits)
	}
	if cfg.DeadLetter != "" {
		textio.Write(s.Scope("unspin.WriteDeadLetter"), cfg.DeadLetter, dead)
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
	TextField     string   `json:"text_field"`
	IDField       string   `json:"id_field"`
	Lexicon       []string `json:"lexicon"`
	MinConfidence float64  `json:"min_confidence"`

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

// ProcessElement reads the shard as `unspin restore` reads a JSONL file
// and writes its cleaned copy to Out/<shard name>: every record restored
// (the text field replaced, unspin_spin and unspin_edits set), a bad line
// copied verbatim and sent to the dead letters too.
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
	rd := corpus.NewReader(ctx, []string{in.path}, in.r, corpus.Options{TextField: fn.TextField, IDField: fn.IDField, ForceJSONL: true})
	defer rd.Close()
	var buf []byte
	for {
		art, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if in.path == "-" { // a stream opened through Beam's file system: name it
			art.Path, art.ID = file.Path, strings.Replace(art.ID, "-:", file.Path+":", 1)
		}
		articlesCounter.Inc(ctx, 1)
		bytesCounter.Inc(ctx, int64(len(art.Raw)))
		doc, perr := restoreOne(ctx, fn.p, art)
		buf = buf[:0]
		switch {
		case art.Err != nil:
			malformedCounter.Inc(ctx, 1)
			errorsCounter.Inc(ctx, 1)
			var ce *corpus.Error
			reason := art.Err.Error()
			if errors.As(art.Err, &ce) {
				reason = ce.Err.Error()
			}
			b, _ := json.Marshal(deadLetter{Path: file.Path, Line: art.Line, Reason: reason, Record: string(art.Raw)})
			dead(string(b))
			buf = append(buf, art.Raw...)
		case perr != nil:
			errorsCounter.Inc(ctx, 1)
			b, _ := json.Marshal(deadLetter{Path: file.Path, Line: art.Line, Reason: perr.Error(), Record: string(art.Raw)})
			dead(string(b))
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
			if buf, err = doc.AppendJSONL(buf, art.Record, textField(fn.TextField)); err != nil {
				return err
			}
			if fn.WithEdits {
				rec := doc.Record()
				rec.Line = art.Line
				edits(encodeRecord(rec))
			}
		}
		if art.Raw == nil && art.Err != nil {
			continue // nothing was read of this line (an I/O error): nothing to copy
		}
		if art.CRLF {
			buf = append(buf, '\r')
		}
		buf = append(buf, '\n')
		if _, err := out.w.Write(buf); err != nil {
			return fmt.Errorf("%s: %w", out.path, err)
		}
	}
	return out.commit()
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

// output is a cleaned shard being written: locally to a temporary file
// renamed into place by commit (corpus.CreateOutput, compressed like its
// name says, as the unspin command writes); elsewhere straight through
// Beam's file system (plain only).
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
		bw := bufio.NewWriterSize(f, 1<<20)
		done := false
		return &output{path: p, w: bw,
			commit: func() error {
				done = true
				if err := bw.Flush(); err != nil {
					f.Abort()
					return err
				}
				return f.Commit()
			},
			abort: func() {
				if !done {
					f.Abort()
				}
			}}, nil
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
	bw := bufio.NewWriterSize(wc, 1<<20)
	done := false
	return &output{path: p, w: bw,
		commit: func() error {
			done = true
			defer fs.Close()
			if err := bw.Flush(); err != nil {
				wc.Close()
				return err
			}
			return wc.Close()
		},
		abort: func() {
			if !done {
				wc.Close()
				fs.Close()
			}
		}}, nil
}
