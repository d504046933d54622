package corpus

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// readText reads a whole text article from s. On a read error the
// article keeps the bytes read so far.
func readText(it item, s *source) *Article {
	a := it.article(KindText)
	var buf bytes.Buffer
	if s.size > 0 && s.size < 1<<40 {
		buf.Grow(int(s.size) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(s.r)
	a.Text = buf.Bytes()
	if a.Text == nil {
		a.Text = []byte{}
	}
	if err != nil {
		a.Err = &Error{Path: it.path, Err: ioCause(err, s.comp)}
	}
	a.Binary = looksBinary(a.Text)
	return a
}

// binarySniff is how much of a text file looksBinary inspects.
const binarySniff = 8 << 10

// looksBinary reports whether data looks like a binary file rather than
// text: a NUL byte in the first 8 KiB, or more than 30% of the first
// 8 KiB invalid UTF-8 (counted in bytes). A rune cut in two by the 8 KiB
// limit does not count as invalid.
func looksBinary(data []byte) bool {
	head := data
	cut := len(head) > binarySniff
	if cut {
		head = head[:binarySniff]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	n, bad := len(head), 0
	for len(head) > 0 {
		if head[0] < utf8.RuneSelf {
			head = head[1:]
			continue
		}
		if cut && !utf8.FullRune(head) {
			n -= len(head)
			break
		}
		r, size := utf8.DecodeRune(head)
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		head = head[size:]
	}
	return bad*10 > n*3
}

// textFile reads a text file in parts of at most max bytes.
type textFile struct {
	it     item
	src    *source
	max    int
	carry  []byte // bytes read past the last cut
	part   int
	offset int64
	lines  int // line breaks before offset
	col    int // bytes after the last of them
	binary bool
	done   bool
}

func (t *textFile) close() { t.src.close() }

func (t *textFile) next() *Article {
	if t.done {
		return nil
	}
	buf := make([]byte, t.max+1)
	n := copy(buf, t.carry)
	m, err := io.ReadFull(t.src.r, buf[n:])
	buf = buf[:n+m]
	a := t.it.article(KindText)
	if err != nil {
		t.done = true
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			a.Err = &Error{Path: t.it.path, Err: ioCause(err, t.src.comp)}
		}
	}
	a.Text, t.carry = buf, nil
	if !t.done {
		c := Cut(buf, 0, t.max)
		a.Text, t.carry = buf[:c:c], append([]byte(nil), buf[c:]...)
	}
	if t.part == 0 {
		t.binary = looksBinary(a.Text)
	}
	a.Binary = t.binary
	a.Part, a.Offset, a.More = t.part, t.offset, !t.done
	a.LineOffset, a.ColOffset = t.lines, t.col
	t.part++
	t.offset += int64(len(a.Text))
	if i := bytes.LastIndexByte(a.Text, '\n'); i >= 0 {
		t.lines += bytes.Count(a.Text, []byte{'\n'})
		t.col = len(a.Text) - i - 1
	} else {
		t.col += len(a.Text)
	}
	return a
}
