package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Record is a JSON object whose fields keep their original order and raw
// bytes: a record written back differs from the one read only in the
// fields that were Set.
type Record struct {
	keys []string
	vals []json.RawMessage
	idx  map[string]int
}

// ParseRecord parses one JSON object. For a duplicate key the last value
// wins and the first position is kept.
func ParseRecord(line []byte) (*Record, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	r := &Record{idx: map[string]int{}}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, jsonError(err)
		}
		key, ok := kt.(string)
		if !ok {
			return nil, errors.New("invalid json: object key is not a string")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, jsonError(err)
		}
		if i, dup := r.idx[key]; dup {
			r.vals[i] = raw
			continue
		}
		r.idx[key] = len(r.keys)
		r.keys = append(r.keys, key)
		r.vals = append(r.vals, raw)
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(err)
	}
	if rest := bytes.TrimSpace(line[dec.InputOffset():]); len(rest) > 0 {
		return nil, errors.New("invalid json: data after the object")
	}
	return r, nil
}

// Get returns the raw value of key.
func (r *Record) Get(key string) (json.RawMessage, bool) {
	i, ok := r.idx[key]
	if !ok {
		return nil, false
	}
	return r.vals[i], true
}

// Keys returns the keys in order.
func (r *Record) Keys() []string { return append([]string(nil), r.keys...) }

// Set replaces the value of key in place, or appends key at the end. v is
// marshalled without HTML escaping.
func (r *Record) Set(key string, v any) error {
	raw, err := marshal(v)
	if err != nil {
		return fmt.Errorf("corpus: set %q: %w", key, err)
	}
	if i, ok := r.idx[key]; ok {
		r.vals[i] = raw
		return nil
	}
	if r.idx == nil {
		r.idx = map[string]int{}
	}
	r.idx[key] = len(r.keys)
	r.keys = append(r.keys, key)
	r.vals = append(r.vals, raw)
	return nil
}

// AppendJSON appends the record as one compact line. Values keep their
// raw bytes (whitespace inside them compacted), so unchanged numbers and
// strings are written as they were read.
func (r *Record) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	for i, k := range r.keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		kb, _ := marshal(k)
		dst = append(dst, kb...)
		dst = append(dst, ':')
		var c bytes.Buffer
		if err := json.Compact(&c, r.vals[i]); err != nil {
			dst = append(dst, r.vals[i]...)
		} else {
			dst = append(dst, c.Bytes()...)
		}
	}
	return append(dst, '}')
}

// marshal encodes v as JSON without HTML escaping.
func marshal(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return json.RawMessage(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// jsonError words a decoding error for a message that names the line.
func jsonError(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("invalid json: unexpected end of line")
	}
	return fmt.Errorf("invalid json: %w", err)
}
