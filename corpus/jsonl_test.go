package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestJSONLFixture(t *testing.T) {
	const p = "../testdata/corpus/mixed.jsonl"
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	fileLines := bytes.Split(data, []byte("\n"))
	type want struct {
		line int
		id   string
		text string
		crlf bool
		rec  bool   // Record is set
		err  string // the whole message, or "" for none
	}
	wants := []want{
		{1, "a1", "The mayor opened the new bridge.", true, true, ""},
		{4, "a2", "Rain is expected on Friday — bring a coat.", false, true, ""},
		{5, p + ":5", "", false, false, "corpus: " + p + ":5: invalid json: unexpected end of input"},
		{6, p + ":6", "", false, false, "corpus: " + p + `:6: invalid json at col 12: invalid character '"' after object key:value pair`},
		{7, p + ":7", "", false, true, "corpus: " + p + `:7: no "text" field`},
		{8, p + ":8", "", false, true, "corpus: " + p + `:8: field "text" is a number, want a string`},
		{9, p + ":9", "", false, false, "corpus: " + p + `:9: json value is an array, want an object`},
		{10, "7", "Numbers can be ids.", true, true, ""},
		{11, p + ":11", "The last line has no newline and no id.", false, true, ""},
	}
	as := readAll(t, []string{p}, nil, Options{})
	if len(as) != len(wants) {
		t.Fatalf("got %d articles, want %d:\n%s", len(as), len(wants), summaries(as))
	}
	for i, w := range wants {
		a := as[i]
		if a.Line != w.line || a.ID != w.id || string(a.Text) != w.text || a.CRLF != w.crlf || (a.Record != nil) != w.rec || a.Kind != KindJSONL || a.Rel != "mixed.jsonl" {
			t.Errorf("article %d:\n got  %s crlf=%v record=%v\n want line=%d id=%s %q crlf=%v record=%v",
				i, summary(a), a.CRLF, a.Record != nil, w.line, w.id, w.text, w.crlf, w.rec)
		}
		// Raw is the line exactly as in the file, less "\r\n" or "\n".
		wantRaw := bytes.TrimSuffix(fileLines[w.line-1], []byte("\r"))
		if !bytes.Equal(a.Raw, wantRaw) {
			t.Errorf("line %d: Raw = %q, want %q", w.line, a.Raw, wantRaw)
		}
		gotErr := ""
		if a.Err != nil {
			gotErr = a.Err.Error()
			var e *Error
			if !errors.As(a.Err, &e) || e.Path != p || e.Line != w.line {
				t.Errorf("line %d: err %#v is not an *Error at %s:%d", w.line, a.Err, p, w.line)
			}
		}
		if gotErr != w.err {
			t.Errorf("line %d: err = %q\n            want %q", w.line, gotErr, w.err)
		}
	}
	// Untouched values keep their bytes.
	if got := string(as[1].Record.AppendJSON(nil)); got != string(as[1].Raw) {
		t.Errorf("round trip:\n got  %s\n want %s", got, as[1].Raw)
	}
}

func TestJSONLFields(t *testing.T) {
	tests := []struct {
		name string
		line string
		opts Options
		id   string // want
		text string // want
		err  string // want, after "corpus: -:1: "
	}{
		{"string id", `{"id":"abc","text":"t"}`, Options{}, "abc", "t", ""},
		{"escaped id", `{"id":"a\u0062c","text":"t"}`, Options{}, "abc", "t", ""},
		{"numeric id", `{"id":17,"text":"t"}`, Options{}, "17", "t", ""},
		{"numeric id as written", `{"id":1.50e2,"text":"t"}`, Options{}, "1.50e2", "t", ""},
		{"negative id", `{"id":-3,"text":"t"}`, Options{}, "-3", "t", ""},
		{"empty id", `{"id":"","text":"t"}`, Options{}, "-:1", "t", ""},
		{"null id", `{"id":null,"text":"t"}`, Options{}, "-:1", "t", ""},
		{"object id", `{"id":{"n":1},"text":"t"}`, Options{}, "-:1", "t", ""},
		{"no id", `{"text":"t"}`, Options{}, "-:1", "t", ""},
		{"custom fields", `{"key":"k9","body":"In the body.","text":"not this"}`, Options{TextField: "body", IDField: "key"}, "k9", "In the body.", ""},
		{"custom text field missing", `{"text":"t"}`, Options{TextField: "body"}, "-:1", "", `no "body" field`},
		{"text escapes decoded", `{"text":"a\"b\\c\nd \u00e9 \ud83d\ude42 <&>"}`, Options{}, "-:1", "a\"b\\c\nd é 🙂 <&>", ""},
		{"text invalid utf-8", "{\"text\":\"caf\xe9\"}", Options{}, "-:1", "caf\ufffd", ""},
		{"empty text", `{"text":""}`, Options{}, "-:1", "", ""},
		{"duplicate text: last wins", `{"text":"first","text":"second"}`, Options{}, "-:1", "second", ""},
		{"text null", `{"text":null}`, Options{}, "-:1", "", `field "text" is null, want a string`},
		{"text array", `{"text":["a"]}`, Options{}, "-:1", "", `field "text" is an array, want a string`},
		{"text object", `{"text":{}}`, Options{}, "-:1", "", `field "text" is an object, want a string`},
		{"text boolean", `{"text":true}`, Options{}, "-:1", "", `field "text" is a boolean, want a string`},
		{"byte order mark", "\xef\xbb\xbf{\"text\":\"t\"}", Options{}, "-:1", "t", ""},
		{"a string", `"text"`, Options{}, "-:1", "", `json value is a string, want an object`},
		{"trailing garbage", `{"text":"t"} x`, Options{}, "-:1", "", `invalid json at col 14: invalid character 'x' after top-level value`},
		{"bad escape", `{"text":"\x"}`, Options{}, "-:1", "", `invalid json at col 11: invalid character 'x' in string escape code`},
		{"two objects", `{"text":"a"}{"text":"b"}`, Options{}, "-:1", "", `invalid json at col 13: invalid character '{' after top-level value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.ForceJSONL = true
			as := readAll(t, nil, strings.NewReader(tt.line+"\n"), tt.opts)
			if len(as) != 1 {
				t.Fatalf("got %d articles", len(as))
			}
			a := as[0]
			gotErr := ""
			if a.Err != nil {
				gotErr = strings.TrimPrefix(a.Err.Error(), "corpus: -:1: ")
			}
			if a.ID != tt.id || string(a.Text) != tt.text || gotErr != tt.err {
				t.Errorf("got id=%q text=%q err=%q\nwant id=%q text=%q err=%q", a.ID, a.Text, gotErr, tt.id, tt.text, tt.err)
			}
			if string(a.Raw) != tt.line {
				t.Errorf("Raw = %q, want %q", a.Raw, tt.line)
			}
		})
	}
}

func TestJSONLLineEnds(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string // per article: line, crlf, raw
	}{
		{"lf", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n", `1 false {"text":"a"}|2 false {"text":"b"}`},
		{"crlf", "{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n", `1 true {"text":"a"}|2 true {"text":"b"}`},
		{"mixed", "{\"text\":\"a\"}\r\n{\"text\":\"b\"}\n", `1 true {"text":"a"}|2 false {"text":"b"}`},
		{"no final newline", "{\"text\":\"a\"}\n{\"text\":\"b\"}", `1 false {"text":"a"}|2 false {"text":"b"}`},
		{"final lone cr", "{\"text\":\"a\"}\r", `1 true {"text":"a"}`},
		{"blank lines counted", "\n\r\n \t \n{\"text\":\"a\"}\n\n", `4 false {"text":"a"}`},
		{"spaces around the object", "  {\"text\":\"a\"}\t\n", "1 false   {\"text\":\"a\"}\t"},
		{"only blank lines", "\n\n\r\n", ``},
		{"empty", "", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range readAll(t, nil, strings.NewReader(tt.input), Options{ForceJSONL: true}) {
				if a.Err != nil {
					t.Fatal(a.Err)
				}
				got = append(got, fmt.Sprintf("%d %v %s", a.Line, a.CRLF, a.Raw))
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("got  %q\nwant %q", g, tt.want)
			}
		})
	}
}

// TestHugeLine reads a 40 MB one-line record, then the line after it.
func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("40 MB record skipped in -short mode")
	}
	text := bytes.Repeat([]byte("spun word "), 4<<20) // 40 MiB
	var in bytes.Buffer
	in.WriteString(`{"id":"big","text":"`)
	in.Write(text)
	in.WriteString("\"}\n{\"id\":\"next\",\"text\":\"after\"}")
	as := readAll(t, nil, &in, Options{ForceJSONL: true})
	if len(as) != 2 {
		t.Fatalf("got %d articles, want 2", len(as))
	}
	big := as[0]
	if big.Err != nil || big.ID != "big" || !bytes.Equal(big.Text, text) || len(big.Raw) != len(text)+len(`{"id":"big","text":""}`) {
		t.Fatalf("huge line: err=%v id=%s len(Text)=%d len(Raw)=%d", big.Err, big.ID, len(big.Text), len(big.Raw))
	}
	if out := big.Record.AppendJSON(nil); !bytes.Equal(out, big.Raw) {
		t.Errorf("huge record does not round-trip")
	}
	if as[1].ID != "next" || as[1].Line != 2 || string(as[1].Text) != "after" {
		t.Errorf("line after the huge one: %s", summary(as[1]))
	}
}

// ParseLine must give the Article a Reader gives for the same line.
func TestParseLineMatchesReader(t *testing.T) {
	lines := []string{
		"\xef\xbb\xbf{\"id\":\"a\",\"text\":\"one\"}",
		`{"id":7,"text":"two \u00e9"}`,
		`  `,
		`{"text":3}`,
		`not json`,
		`{"id":"","text":"x","z":[1, 2]}`,
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rd := NewReader(context.Background(), []string{path}, nil, Options{})
	defer rd.Close()
	for i, l := range lines {
		got := ParseLine(path, "in.jsonl", i+1, []byte(l), Options{})
		if strings.TrimSpace(l) == "" {
			if got != nil {
				t.Errorf("line %d: blank line parsed as %+v", i+1, got)
			}
			continue
		}
		want, err := rd.Next()
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != want.ID || got.Line != want.Line || string(got.Text) != string(want.Text) ||
			string(got.Raw) != string(want.Raw) || (got.Err == nil) != (want.Err == nil) ||
			(got.Err != nil && got.Err.Error() != want.Err.Error()) {
			t.Errorf("line %d:\nParseLine %+v\nReader    %+v", i+1, got, want)
		}
	}
}
