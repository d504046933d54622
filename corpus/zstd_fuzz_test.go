package corpus

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func TestZstdInputs(t *testing.T) {
	dir := t.TempDir()
	enc, _ := zstd.NewWriter(nil)
	os.WriteFile(filepath.Join(dir, "a.jsonl.zst"), enc.EncodeAll([]byte("{\"text\":\"one\"}\n{\"text\":\"two\"}\n"), nil), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt.zst"), enc.EncodeAll([]byte("plain text"), nil), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt.zst"), []byte("\x28\xb5\x2f\xfdgarbage"), 0o644)
	r := NewReader(context.Background(), []string{dir}, nil, Options{})
	defer r.Close()
	var got []string
	for {
		a, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if a.Err != nil {
			got = append(got, "ERR "+a.Err.Error())
			continue
		}
		got = append(got, string(a.Text))
	}
	if len(got) != 4 || got[0] != "one" || got[1] != "two" || got[2] != "plain text" || !bytes.Contains([]byte(got[3]), []byte("c.txt.zst: corrupt zstd stream")) {
		t.Fatalf("got %q", got)
	}
	// zstd on stdin is recognised by its magic bytes
	r = NewReader(context.Background(), nil, bytes.NewReader(enc.EncodeAll([]byte("from stdin"), nil)), Options{})
	a, err := r.Next()
	if err != nil || string(a.Text) != "from stdin" {
		t.Fatalf("stdin zstd: %q, %v", a.Text, err)
	}
}

func TestOutputCompressesByName(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"x.txt", "x.txt.gz", "x.txt.zst"} {
		p := filepath.Join(dir, name)
		if err := WriteOutput(p, []byte("payload")); err != nil {
			t.Fatal(err)
		}
		r := NewReader(context.Background(), []string{p}, nil, Options{})
		a, err := r.Next()
		r.Close()
		if err != nil || a.Err != nil || string(a.Text) != "payload" {
			t.Fatalf("%s: %q %v %v", name, a.Text, err, a.Err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "x.txt.gz"))
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatal(".gz output is not gzip")
	}
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
			// blank: ASCII spaces, tabs and \r only; any other byte,
			// U+3000 included, makes a (malformed) record of its own
			if len(bytes.Trim(l, " \t\r")) > 0 {
				lines++
			}
		}
		if n != lines {
			t.Fatalf("%d articles from %d non-blank lines", n, lines)
		}
	})
}
