package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// This file splits one JSON object into its members without decoding
// the values, so that each value keeps its exact bytes. The input is
// checked with json.Valid first; the splitter then only has to find
// where each key and value ends, which it can do without re-checking
// the grammar.

// parseRecord parses one JSON object. The Record refers to b's memory.
// Errors are causes without a "corpus:" prefix.
func parseRecord(b []byte) (*Record, error) {
	if !json.Valid(b) {
		return nil, syntaxError(b)
	}
	i := skipSpace(b, 0)
	if b[i] != '{' {
		return nil, fmt.Errorf("json value is %s, want an object", jsonKind(b[i:]))
	}
	r := &Record{}
	i = skipSpace(b, i+1)
	if b[i] == '}' {
		return r, nil
	}
	for {
		ks := i
		i = endString(b, i)
		rawKey := b[ks:i]
		i = skipSpace(b, i)   // at ':'
		i = skipSpace(b, i+1) // at the value
		vs := i
		var ws bool
		i, ws = endValue(b, i)
		r.add(decodeKey(rawKey), rawKey, b[vs:i], ws)
		i = skipSpace(b, i) // at ',' or '}'
		if b[i] == '}' {
			return r, nil
		}
		i = skipSpace(b, i+1)
	}
}

// syntaxError describes why b is not valid JSON.
func syntaxError(b []byte) error {
	var v json.RawMessage
	err := json.NewDecoder(bytes.NewReader(b)).Decode(&v)
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("invalid json: unexpected end of input")
	}
	if err == nil { // a valid value followed by more data
		err = json.Unmarshal(b, &v)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read up to and including the bad
		// one: it is the 1-based column of the error.
		return fmt.Errorf("invalid json at col %d: %w", se.Offset, err)
	}
	return fmt.Errorf("invalid json: %w", err)
}

// isSpace reports whether c is JSON whitespace.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// endString returns the index just past the string literal starting at
// b[i] == '"'.
func endString(b []byte, i int) int {
	j := i + 1
	for {
		q := j + bytes.IndexByte(b[j:], '"')
		n := 0 // backslashes right before the quote
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
}

// endValue returns the index just past the value starting at b[i], and
// whether an object or array has whitespace between its tokens (and so
// needs compacting to fit on one line).
func endValue(b []byte, i int) (end int, ws bool) {
	switch b[i] {
	case '"':
		return endString(b, i), false
	case '{', '[':
		depth := 0
		for j := i; ; j++ {
			switch b[j] {
			case '"':
				j = endString(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, ws
				}
			case ' ', '\t', '\n', '\r':
				ws = true
			}
		}
	}
	j := i // a number, true, false or null
	for j < len(b) && !isSpace(b[j]) && b[j] != ',' && b[j] != '}' && b[j] != ']' {
		j++
	}
	return j, false
}

// decodeKey decodes a valid string literal used as an object key.
func decodeKey(raw []byte) string {
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner)
	}
	var s string
	json.Unmarshal(raw, &s) // valid: checked by parseRecord
	return s
}

// decodeString decodes a string literal into a new slice. As with
// encoding/json, invalid UTF-8 becomes U+FFFD.
func decodeString(raw []byte) ([]byte, error) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return nil, errors.New("not a json string")
	}
	inner := raw[1 : len(raw)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return append([]byte{}, inner...), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	return []byte(s), nil
}

// Names of JSON value types, as used in messages.
const (
	kindString  = "a string"
	kindNumber  = "a number"
	kindObject  = "an object"
	kindArray   = "an array"
	kindBoolean = "a boolean"
	kindNull    = "null"
)

// jsonKind names the type of a valid JSON value.
func jsonKind(v []byte) string {
	v = v[skipSpace(v, 0):]
	if len(v) == 0 {
		return "empty"
	}
	switch v[0] {
	case '"':
		return kindString
	case '{':
		return kindObject
	case '[':
		return kindArray
	case 't', 'f':
		return kindBoolean
	case 'n':
		return kindNull
	}
	return kindNumber
}
