package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readAll(t *testing.T, inputs []string, stdin string, opts Options) []*Article {
	t.Helper()
	r := NewReader(context.Background(), inputs, strings.NewReader(stdin), opts)
	defer r.Close()
	var out []*Article
	for {
		a, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
}

func TestWalkOrderAndExtensions(t *testing.T) {
	as := readAll(t, []string{"../testdata/corpus/tree"}, "", Options{})
	var got []string
	for _, a := range as {
		if a.Err != nil {
			t.Fatalf("%s: %v", a.Path, a.Err)
		}
		got = append(got, a.Rel+"|"+a.ID+"|"+strings.TrimSpace(string(a.Text)))
	}
	want := []string{
		"a.txt|a.txt|The first article.",
		"sub/b.md|sub/b.md|# A note\nIn markdown.",
		"sub/c.jsonl|x1|One line.",
		"sub/c.jsonl|2|Two.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestExplicitFileAnyExtension(t *testing.T) {
	as := readAll(t, []string{"../testdata/corpus/tree/sub/skip.csv"}, "", Options{})
	if len(as) != 1 || string(as[0].Text) != "not picked up\n" || as[0].Rel != "skip.csv" {
		t.Fatalf("got %+v", as)
	}
}

func TestStdinTextAndGzip(t *testing.T) {
	as := readAll(t, nil, "hello \xff world", Options{})
	if len(as) != 1 || string(as[0].Text) != "hello \xff world" || as[0].ID != "-" {
		t.Fatalf("got %+v", as[0])
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("zipped text"))
	zw.Close()
	as = readAll(t, []string{"-"}, buf.String(), Options{})
	if string(as[0].Text) != "zipped text" {
		t.Fatalf("gzip stdin = %q", as[0].Text)
	}
}

func TestJSONLLines(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "d.jsonl")
	data := "{\"id\":\"a\",\"text\":\"first\"}\r\n" +
		"\n" +
		"{\"id\":\"b\",\"text\":\n" +
		"{\"id\":\"c\",\"body\":\"x\"}\n" +
		"{\"id\":\"d\",\"text\":42}\n" +
		"{\"text\":\"last, no newline\",\"n\":7}"
	os.WriteFile(p, []byte(data), 0o644)
	as := readAll(t, []string{p}, "", Options{})
	if len(as) != 5 {
		t.Fatalf("%d articles, want 5", len(as))
	}
	if as[0].ID != "a" || !as[0].CRLF || string(as[0].Raw) != `{"id":"a","text":"first"}` || as[0].Line != 1 {
		t.Errorf("line 1: %+v", as[0])
	}
	wantErrs := map[int]string{
		1: "corpus: " + p + ":3: invalid json: unexpected end of line",
		2: "corpus: " + p + `:4: no "text" field`,
		3: "corpus: " + p + `:5: field "text" is a number, want a string`,
	}
	for i, msg := range wantErrs {
		var e *Error
		if !errors.As(as[i].Err, &e) || as[i].Err.Error() != msg {
			t.Errorf("article %d: err %v, want %q", i, as[i].Err, msg)
		}
		if as[i].Raw == nil {
			t.Errorf("article %d: Raw is nil: a bad line must be kept for pass-through", i)
		}
	}
	last := as[4]
	if last.Err != nil || string(last.Text) != "last, no newline" || last.ID != p+":6" || last.Line != 6 {
		t.Errorf("last line: %+v", last)
	}
}

func TestCustomFields(t *testing.T) {
	as := readAll(t, nil, `{"key":17,"body":"b"}`+"\n", Options{ForceJSONL: true, TextField: "body", IDField: "key"})
	if len(as) != 1 || as[0].ID != "17" || string(as[0].Text) != "b" {
		t.Fatalf("got %+v", as)
	}
}

func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	text := strings.Repeat("word ", 8<<20) // 40 MiB
	line := `{"text":"` + text + `"}`
	as := readAll(t, nil, line, Options{ForceJSONL: true})
	if len(as) != 1 || len(as[0].Text) != len(text) {
		t.Fatalf("huge line not read whole")
	}
}

func TestRecordRoundTrip(t *testing.T) {
	in := `{"z":1.0e3, "a":"\u00e9<b>", "text":"old", "n":null}`
	r, err := ParseRecord([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Set("text", "new <&> text"); err != nil {
		t.Fatal(err)
	}
	r.Set("added", 0.5)
	got := string(r.AppendJSON(nil))
	want := `{"z":1.0e3,"a":"\u00e9<b>","text":"new <&> text","n":null,"added":0.5}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if strings.Join(r.Keys(), ",") != "z,a,text,n,added" {
		t.Fatalf("keys = %v", r.Keys())
	}
	for _, bad := range []string{`[1]`, `{"a":1} x`, `{"a":}`, ``} {
		if _, err := ParseRecord([]byte(bad)); err == nil {
			t.Errorf("ParseRecord(%q) accepted", bad)
		}
	}
}

func TestMissingInputContinues(t *testing.T) {
	as := readAll(t, []string{"../testdata/corpus/nope.txt", "../testdata/corpus/tree/a.txt"}, "", Options{})
	if len(as) != 2 {
		t.Fatalf("%d articles", len(as))
	}
	if as[0].Err == nil || !strings.Contains(as[0].Err.Error(), "nope.txt") {
		t.Fatalf("missing input error = %v", as[0].Err)
	}
	if as[1].Err != nil || string(as[1].Text) != "The first article.\n" {
		t.Fatalf("second input = %+v", as[1])
	}
}

func TestBinaryAndCorruptGzip(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "x.txt")
	os.WriteFile(bin, []byte("PK\x03\x04\x00\x00binary"), 0o644)
	gz := filepath.Join(dir, "y.txt.gz")
	os.WriteFile(gz, []byte("\x1f\x8bnot really gzip"), 0o644)
	as := readAll(t, []string{bin, gz}, "", Options{})
	if !as[0].Binary || as[0].Err != nil {
		t.Errorf("binary file: %+v", as[0])
	}
	if as[1].Err == nil || !strings.Contains(as[1].Err.Error(), "y.txt.gz") {
		t.Errorf("corrupt gzip: %v", as[1].Err)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a", "b.txt")
	if err := WriteFileAtomic(p, []byte("ok")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "ok" {
		t.Fatalf("content %q", b)
	}
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o644)
	err := WriteFileAtomic(filepath.Join(blocker, "x.txt"), []byte("no"))
	if err == nil || !strings.Contains(err.Error(), blocker) {
		t.Fatalf("err = %v", err)
	}
	ents, _ := os.ReadDir(filepath.Join(dir, "a"))
	if len(ents) != 1 {
		t.Fatalf("temp files left behind: %v", ents)
	}
	f, _ := CreateAtomic(filepath.Join(dir, "c.txt"))
	f.Write([]byte("partial"))
	f.Abort()
	if _, err := os.Stat(filepath.Join(dir, "c.txt")); !os.IsNotExist(err) {
		t.Fatal("aborted file exists")
	}
}

func FuzzParseRecord(f *testing.F) {
	for _, s := range []string{`{"text":"a"}`, `{"a":[1,{"b":2}],"a":3}`, `{}`, `{"x":"\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := ParseRecord(line)
		if err != nil {
			return
		}
		again, err := ParseRecord(r.AppendJSON(nil))
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, r.AppendJSON(nil))
		}
		if strings.Join(again.Keys(), "\x00") != strings.Join(r.Keys(), "\x00") {
			t.Fatalf("keys changed")
		}
	})
}

// FuzzJSONLReader: any byte stream read as JSONL yields articles, never
// a panic, and no line is lost: the raw bytes of every article plus the
// blank lines add up to the input's lines.
func FuzzJSONLReader(f *testing.F) {
	for _, s := range []string{"{\"text\":\"a\"}\n{\"text\":\n\n", "\r\n{}\r\n", "{\"text\":\"x\",\"id\":[1]}", "\x1f\x8b"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(context.Background(), nil, bytes.NewReader(data), Options{ForceJSONL: true})
		n := 0
		for {
			a, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Err == nil && a.Record == nil {
				t.Fatal("article without record or error")
			}
			n++
		}
		if len(data) > 1 && data[0] == 0x1f && data[1] == 0x8b {
			return // gzip: lines are not the input's
		}
		lines := 0
		for _, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				lines++
			}
		}
		if n != lines {
			t.Fatalf("%d articles from %d non-blank lines", n, lines)
		}
	})
}
