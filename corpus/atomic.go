package corpus

import (
	"fmt"
	"os"
	"path/filepath"
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
