package corpus

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/klauspost/compress/zstd"
)

// AtomicFile is an output file written under a temporary name in its
// target directory and renamed into place by Commit. Until Commit
// succeeds the target is untouched; Abort (or a failed Commit) removes
// the temporary file. Output wraps it with the compression a file name
// asks for.
type AtomicFile struct {
	f      *os.File
	target string
	err    error // the first write error; Commit fails with it
	done   bool  // committed or aborted
}

// errFinished is the cause when an AtomicFile is used after Commit or
// Abort.
var errFinished = errors.New("file already committed or aborted")

// CreateAtomic starts writing path, creating its parent directories
// (mode 0o755). Errors are *Error values naming path.
func CreateAtomic(path string) (*AtomicFile, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &Error{Path: path, Err: ioCause(err, "")}
	}
	if len(base) > 200 { // leave room for the temp suffix within NAME_MAX
		base = base[:200]
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, &Error{Path: path, Err: ioCause(err, "")}
	}
	return &AtomicFile{f: f, target: path}, nil
}

// Write writes to the temporary file. After an error every later Write
// and Commit fails.
func (a *AtomicFile) Write(p []byte) (int, error) {
	if a.done {
		return 0, &Error{Path: a.target, Err: errFinished}
	}
	if a.err != nil {
		return 0, a.err
	}
	n, err := a.f.Write(p)
	if err != nil {
		a.err = &Error{Path: a.target, Err: ioCause(err, "")}
	}
	return n, a.err
}

// Commit flushes the file to disk, gives it mode 0o644 and renames it to
// the target path. On failure the temporary file is removed and the
// target is left as it was.
func (a *AtomicFile) Commit() error {
	if a.done {
		return &Error{Path: a.target, Err: errFinished}
	}
	a.done = true
	tmp := a.f.Name()
	err := a.err
	if err == nil {
		err = a.f.Chmod(0o644)
	}
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, a.target)
	}
	if err != nil {
		os.Remove(tmp)
		var ce *Error
		if errors.As(err, &ce) {
			return err
		}
		return &Error{Path: a.target, Err: ioCause(err, "")}
	}
	syncDir(filepath.Dir(a.target))
	return nil
}

// Abort removes the temporary file. It does nothing after Commit or a
// first Abort, so it can be deferred.
func (a *AtomicFile) Abort() error {
	if a.done {
		return nil
	}
	a.done = true
	a.f.Close()
	if err := os.Remove(a.f.Name()); err != nil {
		return &Error{Path: a.target, Err: ioCause(err, "")}
	}
	return nil
}

// syncDir makes a rename in dir durable, where the platform allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// WriteFileAtomic writes data to path through a temporary file in the
// same directory, fsync and rename, creating parent directories (mode
// 0o755). The file gets mode 0o644. On any error no temporary file is
// left behind and the error, an *Error, names path.
func WriteFileAtomic(path string, data []byte) error {
	f, err := CreateAtomic(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// OutPath maps an article's Rel (slash-separated) onto an output
// directory: filepath.Join(dir, filepath.FromSlash(rel)).
func OutPath(dir, rel string) string {
	return filepath.Join(dir, filepath.FromSlash(rel))
}

// Output is an atomic output file that compresses what is written to it
// the way its name says (.gz, .zst), so a mirrored tree keeps the
// compression of its input.
type Output struct {
	f   *AtomicFile
	w   io.Writer
	enc io.Closer // the compressor, if any
}

// CreateOutput starts writing path atomically, compressed by its suffix.
func CreateOutput(path string) (*Output, error) {
	f, err := CreateAtomic(path)
	if err != nil {
		return nil, err
	}
	w, enc, err := Compressor(f, path)
	if err != nil {
		f.Abort()
		return nil, err
	}
	return &Output{f: f, w: w, enc: enc}, nil
}

// Compressor returns a writer that compresses into w the way path's name
// says (.gz, .zst), and the compressor to Close when done (nil: w itself,
// for a name without such a suffix).
func Compressor(w io.Writer, path string) (io.Writer, io.Closer, error) {
	switch Compression(path) {
	case "gz":
		zw := gzip.NewWriter(w)
		return zw, zw, nil
	case "zst":
		zw, err := zstd.NewWriter(w, zstd.WithEncoderConcurrency(1))
		if err != nil {
			return nil, nil, fmt.Errorf("corpus: %s: %w", path, err)
		}
		return zw, zw, nil
	}
	return w, nil, nil
}

// Write implements io.Writer.
func (o *Output) Write(p []byte) (int, error) { return o.w.Write(p) }

// Commit finishes the compressed stream and renames the file into place.
func (o *Output) Commit() error {
	if o.enc != nil {
		if err := o.enc.Close(); err != nil {
			o.f.Abort()
			return fmt.Errorf("corpus: %s: %w", o.f.target, err)
		}
	}
	return o.f.Commit()
}

// Abort removes the temporary file.
func (o *Output) Abort() error { return o.f.Abort() }

// WriteOutput writes data to path through an Output.
func WriteOutput(path string, data []byte) error {
	o, err := CreateOutput(path)
	if err != nil {
		return err
	}
	if _, err := o.Write(data); err != nil {
		o.Abort()
		return err
	}
	return o.Commit()
}
