package corpus

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

const tree = "../testdata/corpus/tree"

// readAll drains a Reader.
func readAll(t *testing.T, inputs []string, stdin io.Reader, opts Options) []*Article {
	t.Helper()
	r := NewReader(context.Background(), inputs, stdin, opts)
	defer r.Close()
	var out []*Article
	for {
		a, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		out = append(out, a)
	}
}

// summary renders an article on one line for comparisons.
func summary(a *Article) string {
	s := fmt.Sprintf("%s %s rel=%s id=%s line=%d %q", a.Kind, filepath.ToSlash(a.Path), a.Rel, a.ID, a.Line, a.Text)
	if a.Err != nil {
		s += " err=" + a.Err.Error()
	}
	return s
}

func summaries(as []*Article) string {
	var b strings.Builder
	for _, a := range as {
		b.WriteString(summary(a))
		b.WriteByte('\n')
	}
	return b.String()
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWalkTree(t *testing.T) {
	got := summaries(readAll(t, []string{tree}, nil, Options{}))
	const p = "../testdata/corpus/tree/"
	want := "" +
		"text " + p + `Z.TXT rel=Z.TXT id=Z.TXT line=0 "Upper-case names are picked up too.\n"` + "\n" +
		"text " + p + `a.txt rel=a.txt id=a.txt line=0 "The first article.\n"` + "\n" +
		"text " + p + `sub/b.md rel=sub/b.md id=sub/b.md line=0 "# A note\nIn markdown.\n"` + "\n" +
		"jsonl " + p + `sub/c.jsonl rel=sub/c.jsonl id=x1 line=1 "One line."` + "\n" +
		"jsonl " + p + `sub/c.jsonl rel=sub/c.jsonl id=2 line=2 "Two."` + "\n" +
		"text " + p + `sub/deep/d.txt.gz rel=sub/deep/d.txt.gz id=sub/deep/d.txt.gz line=0 "A small boat left the harbour early.\n"` + "\n" +
		"jsonl " + p + `sub/deep/e.jsonl.gz rel=sub/deep/e.jsonl.gz id=e1 line=1 "The bakery opens at six."` + "\n" +
		"jsonl " + p + `sub/deep/e.jsonl.gz rel=sub/deep/e.jsonl.gz id=e2 line=2 "Fresh bread sells out by noon."` + "\n" +
		"text " + p + `sub.txt rel=sub.txt id=sub.txt line=0 "This file sorts after everything under sub/.\n"` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestWalkMatchesWalkDir checks the order against filepath.WalkDir on
// names that sort differently as whole paths ("a.txt" < "a/b.txt" as
// strings, but the directory "a" comes first in a walk).
func TestWalkMatchesWalkDir(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{
		"a.txt", "a-b.txt", "a/b.txt", "a/a/a.md", "a.b/c.md", "B.md", "é.txt",
		"z/y/x.jsonl", "z/y.txt", "z/skip.csv", "_.ndjson.gz", ".hidden/h.txt",
	} {
		data := []byte("A line of text.\n")
		switch {
		case strings.HasSuffix(name, ".gz"):
			data = gzipBytes(t, []byte(`{"text":"zipped"}`))
		case KindOf(name) == KindJSONL:
			data = []byte(`{"text":"one"}`)
		}
		writeFile(t, filepath.Join(root, filepath.FromSlash(name)), data)
	}
	var want []string
	exts := normExts(nil)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && hasExt(d.Name(), exts) {
			want = append(want, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range readAll(t, []string{root}, nil, Options{}) {
		if a.Err != nil {
			t.Fatal(a.Err)
		}
		got = append(got, a.Path)
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("got\n%s\nwant (filepath.WalkDir)\n%s", g, w)
	}
}

func TestWalkSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on windows")
	}
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	writeFile(t, filepath.Join(root, "real", "a.txt"), []byte("Inside the real directory.\n"))
	writeFile(t, filepath.Join(dir, "outside.txt"), []byte("Outside the walked root.\n"))
	for link, target := range map[string]string{
		"link":       "real",
		"file.txt":   "../outside.txt",
		"broken.txt": "nowhere.txt",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, a := range readAll(t, []string{root}, nil, Options{}) {
		s := a.Rel + " " + strings.TrimSpace(string(a.Text))
		if a.Err != nil {
			s = a.Rel + " error"
			if !errors.Is(a.Err, fs.ErrNotExist) {
				t.Errorf("%s: err = %v, want not-exist", a.Rel, a.Err)
			}
		}
		got = append(got, s)
	}
	want := "broken.txt error|file.txt Outside the walked root.|real/a.txt Inside the real directory."
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}

	// A symlinked directory named as an input is walked.
	as := readAll(t, []string{filepath.Join(root, "link")}, nil, Options{})
	if len(as) != 1 || as[0].Rel != "a.txt" || as[0].Err != nil {
		t.Errorf("walk through a named link: %s", summaries(as))
	}
}

func TestExts(t *testing.T) {
	tests := []struct {
		name string
		exts []string
		want string // Rels, space-separated
	}{
		{"default", nil, "Z.TXT a.txt sub/b.md sub/c.jsonl sub/c.jsonl sub/deep/d.txt.gz sub/deep/e.jsonl.gz sub/deep/e.jsonl.gz sub.txt"},
		{"markdown only", []string{".md"}, "sub/b.md"},
		{"no dot, any case", []string{"md", ".TXT"}, "Z.TXT a.txt sub/b.md sub.txt"},
		{"gzipped text only", []string{".txt.gz"}, "sub/deep/d.txt.gz"},
		{"csv and log", []string{".csv", ".log"}, "notes.csv sub/deep/f.log sub/skip.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rels []string
			for _, a := range readAll(t, []string{tree}, nil, Options{Exts: tt.exts}) {
				rels = append(rels, a.Rel)
			}
			if got := strings.Join(rels, " "); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestExplicitFiles(t *testing.T) {
	tests := []struct {
		name   string
		inputs []string
		want   string
	}{
		{
			"unknown extension is read",
			[]string{tree + "/sub/skip.csv"},
			`text ../testdata/corpus/tree/sub/skip.csv rel=skip.csv id=../testdata/corpus/tree/sub/skip.csv line=0 "not picked up\n"`,
		},
		{
			"extension not in Exts is read",
			[]string{tree + "/sub/deep/f.log"},
			`text ../testdata/corpus/tree/sub/deep/f.log rel=f.log id=../testdata/corpus/tree/sub/deep/f.log line=0 "not an article\n"`,
		},
		{
			"gzipped text",
			[]string{tree + "/sub/deep/d.txt.gz"},
			`text ../testdata/corpus/tree/sub/deep/d.txt.gz rel=d.txt.gz id=../testdata/corpus/tree/sub/deep/d.txt.gz line=0 "A small boat left the harbour early.\n"`,
		},
		{
			"order as given",
			[]string{tree + "/sub.txt", tree + "/a.txt"},
			`text ../testdata/corpus/tree/sub.txt rel=sub.txt id=../testdata/corpus/tree/sub.txt line=0 "This file sorts after everything under sub/.\n"` + "\n" +
				`text ../testdata/corpus/tree/a.txt rel=a.txt id=../testdata/corpus/tree/a.txt line=0 "The first article.\n"`,
		},
		{
			"jsonl",
			[]string{tree + "/sub/c.jsonl"},
			`jsonl ../testdata/corpus/tree/sub/c.jsonl rel=c.jsonl id=x1 line=1 "One line."` + "\n" +
				`jsonl ../testdata/corpus/tree/sub/c.jsonl rel=c.jsonl id=2 line=2 "Two."`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSuffix(summaries(readAll(t, tt.inputs, nil, Options{})), "\n")
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	zipped := gzipBytes(t, []byte("A zipped article.\n"))
	zippedJSONL := gzipBytes(t, []byte("{\"text\":\"first\"}\n\n{\"id\":\"b\",\"text\":\"second\"}\n"))
	tests := []struct {
		name   string
		inputs []string
		stdin  []byte
		opts   Options
		want   string
	}{
		{"no inputs", nil, []byte("Plain text on stdin.\n"), Options{},
			`text - rel=- id=- line=0 "Plain text on stdin.\n"`},
		{"dash", []string{"-"}, []byte("Dash means stdin."), Options{},
			`text - rel=- id=- line=0 "Dash means stdin."`},
		{"bytes kept exactly", nil, []byte("caf\xe9 \r\n\ttabs\r\n"), Options{},
			`text - rel=- id=- line=0 "caf\xe9 \r\n\ttabs\r\n"`},
		{"empty", nil, nil, Options{},
			`text - rel=- id=- line=0 ""`},
		{"gzip", nil, zipped, Options{},
			`text - rel=- id=- line=0 "A zipped article.\n"`},
		{"jsonl looks like text without ForceJSONL", nil, []byte(`{"text":"x"}`), Options{},
			`text - rel=- id=- line=0 "{\"text\":\"x\"}"`},
		{"gzip jsonl", nil, zippedJSONL, Options{ForceJSONL: true},
			`jsonl - rel=- id=-:1 line=1 "first"` + "\n" + `jsonl - rel=- id=b line=3 "second"`},
		{"stdin between files", []string{tree + "/a.txt", "-", tree + "/sub.txt"}, []byte("Middle."), Options{},
			`text ../testdata/corpus/tree/a.txt rel=a.txt id=../testdata/corpus/tree/a.txt line=0 "The first article.\n"` + "\n" +
				`text - rel=- id=- line=0 "Middle."` + "\n" +
				`text ../testdata/corpus/tree/sub.txt rel=sub.txt id=../testdata/corpus/tree/sub.txt line=0 "This file sorts after everything under sub/.\n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.TrimSuffix(summaries(readAll(t, tt.inputs, bytes.NewReader(tt.stdin), tt.opts)), "\n")
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMissingInput(t *testing.T) {
	missing := "../testdata/corpus/nope.txt"
	missingJSONL := "../testdata/corpus/nope.jsonl"
	as := readAll(t, []string{missing, tree + "/a.txt", missingJSONL, "-"}, strings.NewReader("after"), Options{})
	if len(as) != 4 {
		t.Fatalf("got %d articles, want 4:\n%s", len(as), summaries(as))
	}
	for i, tt := range []struct {
		a    *Article
		path string
		kind Kind
	}{{as[0], missing, KindText}, {as[2], missingJSONL, KindJSONL}} {
		var e *Error
		if !errors.As(tt.a.Err, &e) {
			t.Fatalf("missing input %d: err = %#v, want *Error", i, tt.a.Err)
		}
		if e.Path != tt.path || e.Line != 0 || !errors.Is(tt.a.Err, fs.ErrNotExist) {
			t.Errorf("missing input %d: %+v", i, e)
		}
		if want := "corpus: " + tt.path + ": "; !strings.HasPrefix(tt.a.Err.Error(), want) {
			t.Errorf("message %q does not start with %q", tt.a.Err, want)
		}
		if tt.a.Path != tt.path || tt.a.ID != tt.path || tt.a.Kind != tt.kind || tt.a.Text != nil || tt.a.Raw != nil {
			t.Errorf("missing input %d: %s", i, summary(tt.a))
		}
	}
	if as[1].Err != nil || string(as[1].Text) != "The first article.\n" {
		t.Errorf("input after a missing one: %s", summary(as[1]))
	}
	if string(as[3].Text) != "after" {
		t.Errorf("stdin after a missing input: %s", summary(as[3]))
	}
}

func TestLooksBinary(t *testing.T) {
	long := bytes.Repeat([]byte("plain words "), 1000) // > 8 KiB
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"empty", nil, false},
		{"ascii", []byte("Just a sentence.\n"), false},
		{"utf-8", []byte("Café, naïve, 東京, and emoji 🙂.\n"), false},
		{"nul byte", []byte("PK\x03\x04\x00\x00zip"), true},
		{"nul after 8 KiB", append(append([]byte{}, long...), 0), false},
		{"latin-1, a few accents", []byte("caf\xe9 and na\xefve words in a longer sentence"), false},
		{"mostly invalid utf-8", bytes.Repeat([]byte("\xff\xfea"), 100), true},
		{"25% invalid", bytes.Repeat([]byte("\xffabc"), 100), false},
		{"30% invalid", bytes.Repeat([]byte("\xff\xfe\xfdabcdefg"), 100), false},
		{"36% invalid", bytes.Repeat([]byte("\xff\xfe\xfd\xfcabcdefg"), 100), true},
		{"rune cut at 8 KiB", append(bytes.Repeat([]byte("a"), binarySniff-1), "€ and more"...), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := looksBinary(tt.data); got != tt.want {
				t.Errorf("looksBinary = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBinaryFile(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "photo.txt")
	data := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	writeFile(t, bin, data)
	as := readAll(t, []string{bin, tree + "/a.txt"}, nil, Options{})
	if len(as) != 2 || !as[0].Binary || as[0].Err != nil || !bytes.Equal(as[0].Text, data) {
		t.Errorf("binary file: %s", summaries(as))
	}
	if as[1].Binary {
		t.Errorf("text file flagged binary")
	}
}

func TestCorruptGzip(t *testing.T) {
	dir := t.TempDir()
	var lines bytes.Buffer
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&lines, "{\"id\":\"n%d\",\"text\":\"Line %d of a long zipped dump, with some words.\"}\n", i, i)
	}
	good := gzipBytes(t, lines.Bytes())
	badCRC := append([]byte{}, good...)
	badCRC[len(badCRC)-8] ^= 0xff // the CRC-32 in the trailer

	tests := []struct {
		name      string
		file      string
		data      []byte
		wantGood  int    // articles before the error
		wantLine  bool   // the error names a line
		wantCause string // the end of the message
	}{
		{"text bad header", "bad.txt.gz", []byte("\x1f\x8bnot really gzip"), 0, false, ": corrupt gzip stream: invalid header"},
		{"text empty", "empty.txt.gz", nil, 0, false, ": truncated gzip stream"},
		{"text truncated", "cut.txt.gz", good[:len(good)/2], 0, false, ": truncated gzip stream"},
		{"jsonl truncated", "cut.jsonl.gz", good[:len(good)/2], -1, true, ": truncated gzip stream"},
		{"jsonl bad checksum", "crc.jsonl.gz", badCRC, 2000, true, ": corrupt gzip stream: invalid checksum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.file)
			writeFile(t, p, tt.data)
			as := readAll(t, []string{p, tree + "/a.txt"}, nil, Options{})
			if len(as) < 2 {
				t.Fatalf("got %d articles", len(as))
			}
			next, bad, goods := as[len(as)-1], as[len(as)-2], as[:len(as)-2]
			if string(next.Text) != "The first article.\n" {
				t.Errorf("the next input was not read: %s", summary(next))
			}
			if tt.wantGood >= 0 && len(goods) != tt.wantGood {
				t.Errorf("%d good articles before the error, want %d", len(goods), tt.wantGood)
			}
			for i, a := range goods {
				if a.Err != nil || a.Line != i+1 {
					t.Fatalf("article %d: %s", i, summary(a))
				}
			}
			var e *Error
			if !errors.As(bad.Err, &e) {
				t.Fatalf("err = %v, want *Error", bad.Err)
			}
			wantMsg := "corpus: " + p
			if tt.wantLine {
				// The line reached: one past the last whole line.
				wantMsg += fmt.Sprintf(":%d", len(goods)+1)
				if bad.Line != len(goods)+1 || len(goods) == 0 {
					t.Errorf("line = %d after %d good lines", bad.Line, len(goods))
				}
			}
			if wantMsg += tt.wantCause; bad.Err.Error() != wantMsg {
				t.Errorf("err = %q\nwant  %q", bad.Err, wantMsg)
			}
			if tt.name == "text truncated" && (len(bad.Text) == 0 || !bytes.HasPrefix(lines.Bytes(), bad.Text)) {
				t.Errorf("a truncated text file keeps what was read: got %d bytes", len(bad.Text))
			}
		})
	}

	t.Run("stdin", func(t *testing.T) {
		as := readAll(t, nil, strings.NewReader("\x1f\x8b\x08garbage"), Options{})
		if len(as) != 1 || as[0].Err == nil || !strings.HasPrefix(as[0].Err.Error(), "corpus: -: ") {
			t.Errorf("got %s", summaries(as))
		}
	})
}

func TestContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := NewReader(ctx, []string{tree}, nil, Options{})
	defer r.Close()
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	cancel()
	if _, err := r.Next(); !errors.Is(err, context.Canceled) {
		t.Errorf("after cancel: err = %v, want context.Canceled", err)
	}
}

func TestClose(t *testing.T) {
	r := NewReader(context.Background(), []string{tree + "/sub/c.jsonl"}, nil, Options{})
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if a, err := r.Next(); err != io.EOF {
		t.Errorf("after Close: %v, %v; want io.EOF", a, err)
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		path string
		want Kind
	}{
		{"a.txt", KindText},
		{"a.md", KindText},
		{"a", KindText},
		{"a.gz", KindText},
		{"a.csv", KindText},
		{"a.jsonl", KindJSONL},
		{"dir/a.ndjson", KindJSONL},
		{"a.jsonl.gz", KindJSONL},
		{"A.JSONL.GZ", KindJSONL},
		{"a.jsonl.txt", KindText},
		{"jsonl", KindText},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if got := KindOf(tt.path); got != tt.want {
				t.Errorf("KindOf(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

// A text file over Options.MaxText comes in parts that join to the file,
// each with its offset, line and column, and no part over MaxText.
func TestTextInParts(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := 0; b.Len() < 5000; i++ {
		fmt.Fprintf(&b, "Sentence %d of a paragraph, caf\u00e9 and more. ", i)
		if i%7 == 6 {
			b.WriteString("\n\n")
		}
	}
	b.WriteString(strings.Repeat("x", 300)) // a long run with no break at the end
	data := []byte(b.String())
	plain := filepath.Join(dir, "big.txt")
	writeFile(t, plain, data)
	zipped := filepath.Join(dir, "big.txt.gz")
	writeFile(t, zipped, gzipBytes(t, data))
	small := filepath.Join(dir, "small.txt")
	writeFile(t, small, data[:50])

	for _, max := range []int{64, 100, 101, 333, 4096, len(data) - 1, len(data), len(data) + 1} {
		for _, p := range []string{plain, zipped} {
			as := readAll(t, []string{p, small}, nil, Options{MaxText: max})
			last := as[len(as)-1]
			if string(last.Text) != string(data[:50]) || last.Part != 0 || last.More || last.Offset != 0 {
				t.Fatalf("max %d: the small file after it: %+v", max, last)
			}
			parts := as[:len(as)-1]
			if want := len(data) > max; (len(parts) > 1) != want {
				t.Fatalf("max %d %s: %d parts", max, p, len(parts))
			}
			var joined []byte
			for i, a := range parts {
				if a.Err != nil || a.Part != i || a.More != (i < len(parts)-1) || a.Offset != int64(len(joined)) || a.ID != p || a.Binary {
					t.Fatalf("max %d part %d: %+v", max, i, a)
				}
				if len(a.Text) > max || len(a.Text) == 0 {
					t.Fatalf("max %d part %d: %d bytes", max, i, len(a.Text))
				}
				if !utf8.Valid(a.Text) {
					t.Fatalf("max %d part %d: a character cut in two", max, i)
				}
				before := string(joined)
				if lines := strings.Count(before, "\n"); a.LineOffset != lines {
					t.Fatalf("max %d part %d: LineOffset %d, want %d", max, i, a.LineOffset, lines)
				}
				if col := len(before) - strings.LastIndex(before, "\n") - 1; a.ColOffset != col {
					t.Fatalf("max %d part %d: ColOffset %d, want %d", max, i, a.ColOffset, col)
				}
				joined = append(joined, a.Text...)
			}
			if !bytes.Equal(joined, data) {
				t.Fatalf("max %d %s: the parts do not join to the file", max, p)
			}
		}
	}
}

// Binary is decided on the first part and kept for the others.
func TestTextInPartsBinary(t *testing.T) {
	p := filepath.Join(t.TempDir(), "blob.txt")
	writeFile(t, p, append([]byte("\x00\x01binary head "), bytes.Repeat([]byte("plain words "), 50)...))
	as := readAll(t, []string{p}, nil, Options{MaxText: 64})
	if len(as) < 2 {
		t.Fatalf("%d parts", len(as))
	}
	for _, a := range as {
		if !a.Binary {
			t.Fatalf("part %d not flagged binary", a.Part)
		}
	}
}

// A pattern no file is named after is expanded: its matches in lexical
// order, each read as if given; no match is that input's error.
func TestGlobPattern(t *testing.T) {
	as := readAll(t, []string{tree + "/*.txt", tree + "/nothing-*.txt", tree + "/a.txt"}, nil, Options{})
	var got []string
	for _, a := range as {
		s := a.Rel
		if a.Err != nil {
			s += " ERR " + a.Err.Error()
		}
		got = append(got, s)
	}
	want := []string{"a.txt", "sub.txt", "nothing-*.txt ERR corpus: " + tree + "/nothing-*.txt: no file matches the pattern", "a.txt"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if !IsGlob("d/*.jsonl") || IsGlob("d/plain.jsonl") {
		t.Error("IsGlob")
	}
}
