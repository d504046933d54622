package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Record is a JSON object whose fields keep their original order and
// their raw bytes. Written back with AppendJSON, a record differs from
// the one read only in the fields that were Set (and in whitespace
// between tokens, which is dropped): numbers such as 1.0e3 and strings
// with \u escapes stay exactly as written.
//
// The zero Record is an empty object, ready to use.
type Record struct {
	fields []field
	index  map[string]int // key → position in fields; built once there are many fields
}

// field is one member of a Record.
type field struct {
	key    string // decoded
	rawKey []byte // the key's string literal as written
	val    []byte // the value as written
	ws     bool   // val has whitespace between tokens
	// str, when isStr, is the value: a string set with SetString, encoded
	// only when the record is written (no copy of a 40 MB text).
	str   []byte
	isStr bool
}

// indexAfter is the number of fields above which a Record keeps a map
// from key to position; below it a linear scan is cheaper.
const indexAfter = 8

// ParseRecord parses one JSON object. The top level must be an object.
// For a duplicate key the last value wins and the first position is
// kept. The Record keeps a copy of line.
func ParseRecord(line []byte) (*Record, error) {
	r, err := parseRecord(append([]byte(nil), line...))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return r, nil
}

// Get returns the raw value of key, as written. The bytes must not be
// modified.
func (r *Record) Get(key string) (json.RawMessage, bool) {
	i := r.lookup(key)
	if i < 0 {
		return nil, false
	}
	if f := &r.fields[i]; f.isStr {
		return appendJSONString(nil, f.str), true
	}
	return r.fields[i].val, true
}

// Keys returns the keys in order.
func (r *Record) Keys() []string {
	keys := make([]string, len(r.fields))
	for i, f := range r.fields {
		keys[i] = f.key
	}
	return keys
}

// Set replaces the value of key in place, or appends key at the end. v
// is marshalled with encoding/json, without HTML escaping: <, > and &
// stay as they are.
func (r *Record) Set(key string, v any) error {
	raw, err := marshal(v)
	if err != nil {
		return fmt.Errorf("corpus: set %q: %w", key, err)
	}
	r.set(key, field{val: raw})
	return nil
}

// SetString sets key to the string s, like Set(key, string(s)) but
// without copying s: the record keeps s, which must not change until the
// record is written, and encodes it when it is. Invalid UTF-8 in s is
// written as \ufffd, as encoding/json does.
func (r *Record) SetString(key string, s []byte) {
	r.set(key, field{str: s, isStr: true})
}

// set replaces the value of key with v's, or appends key with v's value.
func (r *Record) set(key string, v field) {
	if i := r.lookup(key); i >= 0 {
		f := &r.fields[i]
		f.val, f.ws, f.str, f.isStr = v.val, v.ws, v.str, v.isStr
		return
	}
	v.key = key
	if v.rawKey == nil {
		v.rawKey = appendJSONString(nil, []byte(key))
	}
	r.fields = append(r.fields, v)
	switch n := len(r.fields); {
	case r.index != nil:
		r.index[key] = n - 1
	case n > indexAfter:
		r.index = make(map[string]int, 2*n)
		for i, f := range r.fields {
			r.index[f.key] = i
		}
	}
}

// AppendJSON appends the record to dst as one compact line of JSON,
// without a newline: {"k":value,...}. Keys and unchanged values are
// written as they were read, whitespace between tokens aside.
func (r *Record) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	for i, f := range r.fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, f.rawKey...)
		dst = append(dst, ':')
		dst = r.appendValue(dst, i)
	}
	return append(dst, '}')
}

// appendValue appends the value of field i, compacted.
func (r *Record) appendValue(dst []byte, i int) []byte {
	f := &r.fields[i]
	switch {
	case f.isStr:
		return appendJSONString(dst, f.str)
	case !f.ws:
		return append(dst, f.val...)
	}
	buf := bytes.NewBuffer(dst)
	if err := json.Compact(buf, f.val); err != nil {
		panic("corpus: record holds invalid json: " + err.Error())
	}
	return buf.Bytes()
}

// lookup returns the position of key, or -1.
func (r *Record) lookup(key string) int {
	if r.index != nil {
		if i, ok := r.index[key]; ok {
			return i
		}
		return -1
	}
	for i := range r.fields {
		if r.fields[i].key == key {
			return i
		}
	}
	return -1
}

// add sets key as parsed, with its key literal as written: a duplicate
// takes the new value at the old position.
func (r *Record) add(key string, rawKey, val []byte, ws bool) {
	r.set(key, field{rawKey: rawKey, val: val, ws: ws})
}

// marshal encodes v as compact JSON without HTML escaping.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
