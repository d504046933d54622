package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/unspin/unspin/corpus"
	"github.com/unspin/unspin/pipeline"
)

func restoreCommand() *cli.Command {
	flags := append(detectFlags(), inputFlags()...)
	flags = append(flags,
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Category: catOutput,
			Usage: "write cleaned output under `DIR` mirroring the inputs (or, for one JSONL input, to this file)"},
		&cli.StringFlag{Name: "edits", Category: catOutput,
			Usage: "write one JSON object per article with all its edits to `FILE` (- for stderr)"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Category: catOutput, Usage: "no summary line on stderr"},
		&cli.BoolFlag{Name: "resume", Category: catOutput, Usage: "with --out: skip inputs whose output an earlier run already finished"},
		&cli.BoolFlag{Name: "skip-binary", Category: catInput, Usage: "leave binary files out of the output (default: copy them through unchanged); they are reported either way"},
	)
	return &cli.Command{
		Name:      "restore",
		Usage:     "restore spun articles to their original wording",
		ArgsUsage: "[PATH...]",
		Description: `With no PATH, reads one article on stdin and writes the cleaned article
on stdout, so unspin works as a Unix filter:

   unspin restore < spun.txt > clean.txt

PATHs may be text files (.txt, .md), directories (walked recursively) and
JSONL dumps (.jsonl, .ndjson, optionally .gz) with one article per line in
the field "text". One file goes to stdout; several need --out DIR, which
mirrors the input tree. A JSONL dump keeps every record and field; the text
is replaced and two fields are added: "unspin_spin" (the article's spin
probability) and "unspin_edits" (the number of edits applied). Malformed
lines are reported as path:line and passed through verbatim.

Edits carry byte offsets into the article as given (for JSONL: into the
decoded text field). Edits below --min-confidence are reported in --edits
but not applied.

Exit status: 0 success, 2 if any input or article failed (the others are
still processed).`,
		Flags:  flags,
		Action: restoreAction,
	}
}

// isPattern reports whether arg is a glob pattern rather than a file:
// a quoted 'dump/*.jsonl' is many inputs.
func isPattern(arg string) bool {
	_, err := os.Stat(arg)
	return err != nil && corpus.IsGlob(arg)
}

// maxTextPart is the largest part of a text file restore reads at once:
// with 4·jobs parts in flight and ~2x the text per part (input and
// cleaned), -j2 holds ~64 MB of text at most.
var maxTextPart = 4 * pipeline.MaxChunk

// summary counts what a batch run did.
type summary struct {
	articles, spun, applied, errors, skipped int
	bytes                                    int64
}

func restoreAction(c *cli.Context) error {
	p, _, err := loadPipeline(c)
	if err != nil {
		return err
	}
	paths := c.Args().Slice()
	stdout := c.App.Writer
	stderr := c.App.ErrWriter
	out := c.String("out")

	if len(paths) > 1 && out == "" {
		return fmt.Errorf("restore: %d inputs need --out DIR", len(paths))
	}
	if len(paths) == 1 && out == "" {
		if st, err := os.Stat(paths[0]); err == nil && st.IsDir() {
			return fmt.Errorf("restore: %s is a directory: use --out DIR", paths[0])
		}
		if isPattern(paths[0]) {
			return fmt.Errorf("restore: %s is a pattern: use --out DIR", paths[0])
		}
	}

	// Text files over maxTextPart come in parts, so that a 1 GB file
	// needs no more memory than a 4 MB one; the parts go through the
	// workers like articles and are joined in the output.
	rd := openInputs(c, paths, maxTextPart)
	defer rd.Close()

	w := &restoreWriter{stderr: stderr, textField: c.String("text-field"), skipBinary: c.Bool("skip-binary")}
	switch {
	case out == "":
		w.stdout = bufio.NewWriterSize(stdout, 64<<10)
	case len(paths) == 1 && corpus.KindOf(paths[0]) == corpus.KindJSONL && !isPattern(paths[0]):
		if st, err := os.Stat(out); err == nil && st.IsDir() {
			w.outDir = out
		} else {
			w.outFile = out
		}
	default:
		w.outDir = out
	}
	if e := c.String("edits"); e != "" {
		if e == "-" {
			w.edits = json.NewEncoder(stderr)
		} else {
			f, err := corpus.CreateAtomic(e)
			if err != nil {
				return err
			}
			defer f.Abort()
			bw := bufio.NewWriter(f)
			w.editsFile, w.editsBuf = f, bw
			w.edits = json.NewEncoder(bw)
		}
		w.edits.SetEscapeHTML(false)
	}

	var skip func(*corpus.Article) bool
	if c.Bool("resume") {
		if w.outDir == "" && w.outFile == "" {
			return fmt.Errorf("restore: --resume needs --out")
		}
		skip = w.done
	}
	start := time.Now()
	stopProgress := startProgress(stderr, c.Bool("quiet") || len(paths) == 0, start, &w.progress)
	err = process(c.Context, p, rd, jobs(c), w.edits != nil, skip, w.emit)
	stopProgress()
	if cerr := w.close(err == nil); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	s := w.sum
	if len(paths) > 0 && !c.Bool("quiet") {
		secs := time.Since(start).Seconds()
		fmt.Fprintf(stderr, "unspin: %s, %d spun, %s applied, %s, %.1f MB in %.1f s (%.1f MB/s)",
			plural(s.articles, "article"), s.spun, plural(s.applied, "edit"), plural(s.errors, "error"),
			float64(s.bytes)/1e6, secs, float64(s.bytes)/1e6/max(secs, 1e-9))
		if s.skipped > 0 {
			fmt.Fprintf(stderr, ", %d already done (--resume)", s.skipped)
		}
		fmt.Fprintln(stderr)
	}
	if s.errors > 0 {
		return exitCode(exitError)
	}
	return nil
}

// restoreWriter writes each result where it belongs.
type restoreWriter struct {
	stdout  *bufio.Writer // stdout mode
	outDir  string        // mirror mode
	outFile string        // one JSONL input to one file
	stderr  io.Writer
	// textField is the JSONL field the text was read from.
	textField  string
	skipBinary bool

	edits     *json.Encoder
	editsFile *corpus.AtomicFile
	editsBuf  *bufio.Writer

	progress progress
	cur      *corpus.Output // the JSONL output being written
	curBuf   *bufio.Writer
	curPath  string
	sum      summary
	// spin and words add up the parts of a file read in parts.
	spin  float64
	words int
}

// output returns where an article's output goes in --out mode.
func (w *restoreWriter) output(art *corpus.Article) string {
	if w.outFile != "" {
		return w.outFile
	}
	return corpus.OutPath(w.outDir, art.Rel)
}

// done reports, for --resume, whether an earlier run finished this
// article's output file (outputs are renamed into place only when
// complete, so an existing file is a finished one).
func (w *restoreWriter) done(art *corpus.Article) bool {
	_, err := os.Stat(w.output(art))
	return err == nil
}

func (w *restoreWriter) emit(r *result) error {
	art := r.art
	w.progress.articles.Add(1)
	w.progress.bytes.Add(int64(len(art.Text)))
	if r.skipped {
		if !art.More {
			w.sum.skipped++
		}
		return nil
	}
	if !art.More {
		w.sum.articles++ // a file read in parts counts once, at its last part
	}
	w.sum.bytes += int64(len(art.Text))
	cleaned := art.Text
	if r.err != nil {
		w.sum.errors++
		fmt.Fprintf(w.stderr, "unspin: %v\n", r.err)
	} else if art.Binary {
		if w.skipBinary {
			if art.Part == 0 {
				fmt.Fprintf(w.stderr, "unspin: %s: binary file, skipped\n", art.Path)
			}
			return nil
		}
		if art.Part == 0 {
			fmt.Fprintf(w.stderr, "unspin: %s: binary file, copied unchanged\n", art.Path)
		}
	}
	if r.doc != nil {
		cleaned = r.doc.Cleaned
		w.sum.applied += r.doc.Applied()
		w.spin += r.doc.Spin * float64(r.doc.Words)
		w.words += r.doc.Words
	}
	if !art.More {
		if w.words > 0 && w.spin/float64(w.words) >= 0.5 {
			w.sum.spun++
		}
		w.spin, w.words = 0, 0
	}
	if w.edits != nil && (r.doc != nil || r.err != nil) {
		rec := pipeline.ArticleRecord{ID: art.ID, Path: art.Path, Line: art.Line, Edits: []pipeline.EditRecord{}}
		if r.doc != nil {
			rec = r.doc.Record()
			rec.Line = art.Line
			shiftRecords(rec.Edits, art)
		}
		if r.err != nil {
			rec.Error = r.err.Error()
		}
		if err := w.edits.Encode(rec); err != nil {
			return fmt.Errorf("writing edits: %w", err)
		}
	}
	if art.Kind == corpus.KindJSONL {
		return w.emitJSONL(r)
	}
	switch {
	case w.stdout != nil:
		_, err := w.stdout.Write(cleaned)
		return err
	case art.Part > 0 || art.More:
		return w.emitPart(art, cleaned)
	default:
		if art.Err != nil && art.Text == nil {
			return nil // nothing was read: nothing to mirror
		}
		// A file that cannot be written is that article's error; the
		// other articles go on.
		if err := corpus.WriteOutput(corpus.OutPath(w.outDir, art.Rel), cleaned); err != nil {
			w.sum.errors++
			fmt.Fprintf(w.stderr, "unspin: %v\n", err)
		}
		return nil
	}
}

// shiftRecords turns the positions of edits in one part of a file read
// in parts into positions in the file.
func shiftRecords(recs []pipeline.EditRecord, art *corpus.Article) {
	if art.Part == 0 {
		return
	}
	for i := range recs {
		e := &recs[i]
		e.Start += int(art.Offset)
		e.End += int(art.Offset)
		if e.Line == 1 {
			e.Col += art.ColOffset
		}
		e.Line += art.LineOffset
	}
}

// emitPart writes one part of a text file read in parts to the file's
// output, which is committed after the last part.
func (w *restoreWriter) emitPart(art *corpus.Article, cleaned []byte) error {
	if art.Part == 0 {
		if err := w.commitCur(true); err != nil {
			return err
		}
		f, err := corpus.CreateOutput(corpus.OutPath(w.outDir, art.Rel))
		if err != nil {
			w.sum.errors++
			fmt.Fprintf(w.stderr, "unspin: %v\n", err)
			return nil // this file's other parts are dropped with it; the run goes on
		}
		w.cur, w.curBuf, w.curPath = f, bufio.NewWriterSize(f, 64<<10), art.Path
	}
	if w.cur == nil || w.curPath != art.Path {
		return nil // the output could not be created
	}
	w.curBuf.Write(cleaned)
	if art.More {
		return nil
	}
	if err := w.commitCur(true); err != nil {
		w.sum.errors++
		fmt.Fprintf(w.stderr, "unspin: %v\n", err)
	}
	return nil
}

func (w *restoreWriter) emitJSONL(r *result) error {
	art := r.art
	var dst *bufio.Writer
	switch {
	case w.stdout != nil:
		dst = w.stdout
	default:
		if art.Path != w.curPath || w.cur == nil {
			if err := w.commitCur(true); err != nil {
				return err
			}
			f, err := corpus.CreateOutput(w.output(art))
			if err != nil {
				return err
			}
			w.cur, w.curBuf, w.curPath = f, bufio.NewWriterSize(f, 64<<10), art.Path
		}
		dst = w.curBuf
	}
	if art.Record == nil || r.doc == nil {
		// A bad line (or one not processed) goes out exactly as read.
		if art.Raw == nil {
			return nil // an unreadable file: reported, nothing to copy
		}
		dst.Write(art.Raw)
	} else {
		if err := r.doc.SetJSONL(art.Record, w.textField); err != nil {
			return err
		}
		art.Record.WriteTo(dst) // streamed: a 40 MB text is not copied again
	}
	if art.CRLF {
		dst.WriteByte('\r')
	}
	return dst.WriteByte('\n')
}

func (w *restoreWriter) commitCur(ok bool) error {
	if w.cur == nil {
		return nil
	}
	f, buf := w.cur, w.curBuf
	w.cur, w.curBuf = nil, nil
	if !ok {
		return f.Abort()
	}
	if err := buf.Flush(); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// close flushes and commits every output; when ok is false (the run was
// interrupted) half-written files are removed instead.
func (w *restoreWriter) close(ok bool) error {
	var first error
	keep := func(err error) {
		if first == nil && err != nil {
			first = err
		}
	}
	if w.stdout != nil {
		keep(w.stdout.Flush())
	}
	keep(w.commitCur(ok))
	if w.editsFile != nil {
		if ok {
			keep(w.editsBuf.Flush())
			keep(w.editsFile.Commit())
		} else {
			keep(w.editsFile.Abort())
		}
	}
	return first
}
