package corpus

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/klauspost/compress/zstd"
)

// AtomicFile is a file written under a temporary name in its target
// directory and renamed into place by Commit. Abort (or a crash) leaves
// no file at the target path.
type AtomicFile struct {
	f      *os.File
	target string
	done   bool
}

// CreateAtomic starts writing path, creating its parent directories.
func CreateAtomic(path string) (*AtomicFile, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, unwrapPathError(err))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, unwrapPathError(err))
	}
	return &AtomicFile{f: f, target: path}, nil
}

// Write implements io.Writer.
func (a *AtomicFile) Write(p []byte) (int, error) {
	n, err := a.f.Write(p)
	if err != nil {
		err = fmt.Errorf("corpus: %s: %w", a.target, unwrapPathError(err))
	}
	return n, err
}

// Commit flushes the file to disk and renames it into place.
func (a *AtomicFile) Commit() error {
	if a.done {
		return nil
	}
	a.done = true
	tmp := a.f.Name()
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, a.target)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("corpus: %s: %w", a.target, unwrapPathError(err))
	}
	return nil
}

// Abort removes the temporary file; the target is left as it was.
func (a *AtomicFile) Abort() error {
	if a.done {
		return nil
	}
	a.done = true
	a.f.Close()
	return os.Remove(a.f.Name())
}

// WriteFileAtomic writes data to path through an AtomicFile.
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

// OutPath maps an article's Rel onto an output directory.
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
	o := &Output{f: f, w: f}
	switch Compression(path) {
	case "gz":
		zw := gzip.NewWriter(f)
		o.w, o.enc = zw, zw
	case "zst":
		zw, err := zstd.NewWriter(f, zstd.WithEncoderConcurrency(1))
		if err != nil {
			f.Abort()
			return nil, fmt.Errorf("corpus: %s: %w", path, err)
		}
		o.w, o.enc = zw, zw
	}
	return o, nil
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
