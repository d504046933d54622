package corpus

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// bufSize is the read buffer for every input.
const bufSize = 64 << 10

// source is an open input: the decompressed byte stream and what to
// close when done.
type source struct {
	r    io.Reader
	c    io.Closer // nil for stdin, which the caller owns
	comp string    // "gz" or "zst" when r decompresses, else ""
	size int64     // size hint for a plain regular file; 0 if unknown
}

func (s *source) close() {
	if s.c != nil {
		s.c.Close()
	}
}

// openSource opens path ("-" means stdin). A ".gz" or ".zst" file is
// decompressed; stdin is decompressed when it starts with the gzip or
// zstd magic bytes. The error, if any, is a cause without the path (the
// caller wraps it).
func openSource(path string, stdin io.Reader) (*source, error) {
	s := &source{}
	if path == "-" {
		if stdin == nil {
			stdin = strings.NewReader("")
		}
		br := bufio.NewReaderSize(stdin, bufSize)
		magic, _ := br.Peek(4)
		s.r = br
		switch {
		case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
			s.comp = "gz"
		case len(magic) == 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd:
			s.comp = "zst"
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, ioCause(err, "")
		}
		s.r, s.c, s.comp = f, f, Compression(path)
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && s.comp == "" {
			s.size = st.Size()
		}
	}
	switch s.comp {
	case "gz":
		zr, err := gzip.NewReader(s.r)
		if err != nil {
			s.close()
			return nil, ioCause(err, s.comp)
		}
		s.r = zr
	case "zst":
		zr, err := zstd.NewReader(s.r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true))
		if err != nil {
			s.close()
			return nil, ioCause(err, s.comp)
		}
		s.r = zr.IOReadCloser()
	}
	return s, nil
}

// ioCause turns an I/O error into a cause for *Error:
// an *fs.PathError loses the path and operation (Error names the path),
// and an error from a decoder (comp "gz" or "zst") says the stream is
// corrupt.
func ioCause(err error, comp string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	if comp != "" {
		return &gzipError{err, comp}
	}
	return err
}

// gzipError is a decoding error from a compressed stream.
type gzipError struct {
	err  error
	comp string // "gz" or "zst"
}

func (e *gzipError) Error() string {
	name := "gzip"
	if e.comp == "zst" {
		name = "zstd"
	}
	if e.err == io.EOF || errors.Is(e.err, io.ErrUnexpectedEOF) {
		return "truncated " + name + " stream"
	}
	return "corrupt " + name + " stream: " + strings.TrimPrefix(strings.TrimPrefix(e.err.Error(), "gzip: "), "zstd: ")
}

func (e *gzipError) Unwrap() error { return e.err }
