package corpus

import (
	"bufio"
	"io"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string literal, byte for byte
// what encoding/json writes for string(s) with HTML escaping off:
// '"' and '\\' escaped, control characters as \b \f \n \r \t or \u00XX,
// U+2028 and U+2029 as \u2028 and \u2029, each byte of invalid UTF-8 as
// \ufffd.
func appendJSONString(dst, s []byte) []byte {
	dst = append(dst, '"')
	dst = appendJSONStringBody(dst, s)
	return append(dst, '"')
}

// appendJSONStringBody is appendJSONString without the quotes.
func appendJSONStringBody(dst, s []byte) []byte {
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRune(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

// writeChunk is how much of a string value WriteTo encodes at a time.
const writeChunk = 64 << 10

// WriteTo writes the record as AppendJSON does, streaming string values
// set with SetString in pieces rather than building the whole line in
// memory.
func (r *Record) WriteTo(w io.Writer) (int64, error) {
	bw, ok := w.(*bufio.Writer)
	if !ok {
		bw = bufio.NewWriter(w)
	}
	cw := &countWriter{w: bw}
	var buf []byte
	cw.writeByte('{')
	for i := range r.fields {
		f := &r.fields[i]
		if i > 0 {
			cw.writeByte(',')
		}
		cw.write(f.rawKey)
		cw.writeByte(':')
		if !f.isStr {
			buf = r.appendValue(buf[:0], i)
			cw.write(buf)
			continue
		}
		cw.writeByte('"')
		for s := f.str; len(s) > 0; {
			n := runeCut(s, writeChunk)
			buf = appendJSONStringBody(buf[:0], s[:n])
			cw.write(buf)
			s = s[n:]
		}
		cw.writeByte('"')
	}
	cw.writeByte('}')
	if !ok && cw.err == nil {
		cw.err = bw.Flush()
	}
	return cw.n, cw.err
}

// runeCut returns where to cut s for a piece of at most about max bytes
// without splitting a UTF-8 sequence: encoding the pieces one after the
// other gives what encoding the whole gives.
func runeCut(s []byte, max int) int {
	if len(s) <= max {
		return len(s)
	}
	for k := 0; k < utf8.UTFMax && max-k > 0; k++ {
		if utf8.RuneStart(s[max-k]) {
			return max - k
		}
	}
	// No sequence starts in reach before max (a tiny max): cut at the
	// next start after it. Past four continuation bytes in a row none of
	// them belongs to a valid sequence, and any cut among them is safe.
	for i := max + 1; i < len(s) && i <= max+utf8.UTFMax; i++ {
		if utf8.RuneStart(s[i]) {
			return i
		}
	}
	return min(len(s), max+utf8.UTFMax)
}

// countWriter counts bytes and keeps the first error.
type countWriter struct {
	w   *bufio.Writer
	n   int64
	err error
}

func (c *countWriter) write(p []byte) {
	if c.err == nil {
		var n int
		n, c.err = c.w.Write(p)
		c.n += int64(n)
	}
}

func (c *countWriter) writeByte(b byte) {
	if c.err == nil {
		if c.err = c.w.WriteByte(b); c.err == nil {
			c.n++
		}
	}
}
