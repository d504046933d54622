package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

func TestRecordRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // AppendJSON with no changes
		keys string // comma-separated
	}{
		{"empty", `{}`, `{}`, ""},
		{"empty with spaces", " { } ", `{}`, ""},
		{"raw values kept", `{"z":1.0e3,"a":"\u00e9<b>","n":null,"t":true,"neg":-0.50}`,
			`{"z":1.0e3,"a":"\u00e9<b>","n":null,"t":true,"neg":-0.50}`, "z,a,n,t,neg"},
		{"whitespace dropped", "{ \"a\" :\t1 ,\"b\": \"x y\" }",
			`{"a":1,"b":"x y"}`, "a,b"},
		{"nested whitespace compacted", `{"o":{ "k" : [1, 2, {"s":"a b"}] },"l":[ ]}`,
			`{"o":{"k":[1,2,{"s":"a b"}]},"l":[]}`, "o,l"},
		{"nested raw kept", `{"o":{"x":1E+2,"y":"\/"}}`, `{"o":{"x":1E+2,"y":"\/"}}`, "o"},
		{"key escapes kept", `{"\u0074ext":"t","a\"b":1}`, `{"\u0074ext":"t","a\"b":1}`, `text,a"b`},
		{"strings with quotes and backslashes", `{"a":"\\","b":"\\\"","c":"x\\\\"}`,
			`{"a":"\\","b":"\\\"","c":"x\\\\"}`, "a,b,c"},
		{"duplicate: last value, first position", `{"a":1,"b":2,"a":3}`, `{"a":3,"b":2}`, "a,b"},
		{"invalid utf-8 kept", "{\"a\":\"caf\xe9\"}", "{\"a\":\"caf\xe9\"}", "a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRecord([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(r.AppendJSON(nil)); got != tt.want {
				t.Errorf("AppendJSON:\n got  %s\n want %s", got, tt.want)
			}
			if got := strings.Join(r.Keys(), ","); got != tt.keys {
				t.Errorf("Keys = %s, want %s", got, tt.keys)
			}
		})
	}
}

func TestRecordGet(t *testing.T) {
	r, err := ParseRecord([]byte(`{"a":1.0e3, "b" : "x\u0041", "c":{ "d":[1, 2] }, "a":"last"}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key  string
		want string
		ok   bool
	}{
		{"a", `"last"`, true},
		{"b", `"x\u0041"`, true},
		{"c", `{ "d":[1, 2] }`, true},
		{"d", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			v, ok := r.Get(tt.key)
			if string(v) != tt.want || ok != tt.ok {
				t.Errorf("Get(%q) = %s, %v; want %s, %v", tt.key, v, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestRecordSet(t *testing.T) {
	const in = `{"id":"x","text":"The <old> text.","n":1.0e3}`
	tests := []struct {
		name string
		key  string
		val  any
		want string
	}{
		{"replace in place", "text", "The new text.", `{"id":"x","text":"The new text.","n":1.0e3}`},
		{"no html escaping", "text", "a < b && c > d", `{"id":"x","text":"a < b && c > d","n":1.0e3}`},
		{"append", "unspin_edits", 3, `{"id":"x","text":"The <old> text.","n":1.0e3,"unspin_edits":3}`},
		{"append float", "spin", 0.25, `{"id":"x","text":"The <old> text.","n":1.0e3,"spin":0.25}`},
		{"append key needing escapes", `a"<b>`, true, `{"id":"x","text":"The <old> text.","n":1.0e3,"a\"<b>":true}`},
		{"raw message compacted", "n", json.RawMessage(`[1, 2]`), `{"id":"x","text":"The <old> text.","n":[1,2]}`},
		{"nil", "id", nil, `{"id":null,"text":"The <old> text.","n":1.0e3}`},
		{"struct", "meta", struct {
			A string `json:"a"`
		}{"<&>"}, `{"id":"x","text":"The <old> text.","n":1.0e3,"meta":{"a":"<&>"}}`},
		{"invalid utf-8 replaced", "text", "caf\xe9", `{"id":"x","text":"caf\ufffd","n":1.0e3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRecord([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Set(tt.key, tt.val); err != nil {
				t.Fatal(err)
			}
			if got := string(r.AppendJSON(nil)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}

	t.Run("unencodable", func(t *testing.T) {
		r, _ := ParseRecord([]byte(in))
		for _, v := range []any{math.NaN(), func() {}, make(chan int)} {
			if err := r.Set("text", v); err == nil || !strings.HasPrefix(err.Error(), `corpus: set "text": `) {
				t.Errorf("Set(%T): err = %v", v, err)
			}
		}
		if got := string(r.AppendJSON(nil)); got != in {
			t.Errorf("a failed Set changed the record: %s", got)
		}
	})

	t.Run("zero record", func(t *testing.T) {
		var r Record
		if got := string(r.AppendJSON(nil)); got != "{}" {
			t.Errorf("empty: %s", got)
		}
		r.Set("b", 1)
		r.Set("a", "x")
		r.Set("b", 2)
		if got := string(r.AppendJSON([]byte("prefix "))); got != `prefix {"b":2,"a":"x"}` {
			t.Errorf("got %s", got)
		}
	})

	t.Run("many keys", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < 30; i++ {
			fmt.Fprintf(&b, `"k%d":%d,`, i%20, i)
		}
		b.WriteString(`"end":0}`)
		r, err := ParseRecord([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(r.Keys()); n != 21 {
			t.Errorf("%d keys, want 21", n)
		}
		if v, _ := r.Get("k5"); string(v) != "25" {
			t.Errorf("k5 = %s, want the last value 25", v)
		}
		r.Set("k0", "zero")
		r.Set("new", 1)
		keys := r.Keys()
		if keys[0] != "k0" || keys[len(keys)-1] != "new" {
			t.Errorf("keys = %v", keys)
		}
		if v, _ := r.Get("k0"); string(v) != `"zero"` {
			t.Errorf("k0 = %s", v)
		}
	})
}

// TestParseRecordCopies checks that a Record does not alias the caller's
// buffer.
func TestParseRecordCopies(t *testing.T) {
	line := []byte(`{"a":"xyz"}`)
	r, err := ParseRecord(line)
	if err != nil {
		t.Fatal(err)
	}
	copy(line, `{"a":"XXX"}`)
	if got := string(r.AppendJSON(nil)); got != `{"a":"xyz"}` {
		t.Errorf("record changed with its input: %s", got)
	}
}

func TestParseRecordErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", ``, "corpus: invalid json: unexpected end of input"},
		{"spaces", `  `, "corpus: invalid json: unexpected end of input"},
		{"truncated", `{"a":"b`, "corpus: invalid json: unexpected end of input"},
		{"truncated after colon", `{"a":`, "corpus: invalid json: unexpected end of input"},
		{"missing value", `{"a":}`, "corpus: invalid json at col 6: invalid character '}' looking for beginning of value"},
		{"bare word", `{"a":x}`, "corpus: invalid json at col 6: invalid character 'x' looking for beginning of value"},
		{"single quotes", `{'a':1}`, "corpus: invalid json at col 2: invalid character '\\'' looking for beginning of object key string"},
		{"trailing comma", `{"a":1,}`, "corpus: invalid json at col 8: invalid character '}' looking for beginning of object key string"},
		{"data after", `{"a":1} x`, "corpus: invalid json at col 9: invalid character 'x' after top-level value"},
		{"array", `[1]`, "corpus: json value is an array, want an object"},
		{"number", ` 12`, "corpus: json value is a number, want an object"},
		{"null", `null`, "corpus: json value is null, want an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRecord([]byte(tt.in))
			if err == nil {
				t.Fatalf("accepted: %s", r.AppendJSON(nil))
			}
			if err.Error() != tt.want {
				t.Errorf("err = %q\nwant  %q", err, tt.want)
			}
		})
	}
	var se *json.SyntaxError
	if _, err := ParseRecord([]byte(`{"a":x}`)); !errors.As(err, &se) {
		t.Errorf("a syntax error does not wrap *json.SyntaxError: %#v", err)
	}
}

func FuzzParseRecord(f *testing.F) {
	for _, s := range []string{
		`{}`,
		`{"text":"a"}`,
		`{"id":7,"text":"Some words.","tags":["a", "b"]}`,
		`{"a":[1,{"b":2}],"a":3}`,
		`{"x":"\ud800","y":"\u00e9<&>\\\""}`,
		` { "n" : 1.0e3 , "o" : { } } `,
		`{"a":"b"`,
		`[1,2]`,
		"{\"k\xff\":\"v\xfe\"}",
	} {
		f.Add([]byte(s))
	}
	// Every line of the JSONL fixture is a seed too.
	if data, err := os.ReadFile("../testdata/corpus/mixed.jsonl"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			f.Add(append([]byte(nil), sc.Bytes()...))
		}
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := ParseRecord(line)
		isObject := json.Valid(line) && bytes.TrimLeft(line, " \t\r\n")[0] == '{'
		if (err == nil) != isObject {
			t.Fatalf("ParseRecord err = %v, but json.Valid and object = %v", err, isObject)
		}
		if err != nil {
			return
		}
		out := r.AppendJSON(nil)
		if bytes.ContainsAny(out, "\n\r") {
			t.Fatalf("output is not one line: %q", out)
		}
		again, err := ParseRecord(out)
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
		if a, b := strings.Join(r.Keys(), "\x00"), strings.Join(again.Keys(), "\x00"); a != b {
			t.Fatalf("keys changed: %q -> %q", a, b)
		}
		// Each value means what encoding/json says it means.
		var m map[string]json.RawMessage
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("encoding/json rejects an accepted object: %v", err)
		}
		if len(m) != len(r.Keys()) {
			t.Fatalf("%d keys, encoding/json finds %d", len(r.Keys()), len(m))
		}
		for k, want := range m {
			got, ok := again.Get(k)
			if !ok {
				t.Fatalf("key %q lost", k)
			}
			var cw, cg bytes.Buffer
			json.Compact(&cw, want)
			json.Compact(&cg, got)
			if !bytes.Equal(cw.Bytes(), cg.Bytes()) {
				t.Fatalf("key %q: value %s, encoding/json says %s", k, cg.Bytes(), cw.Bytes())
			}
		}
	})
}
