package corpus

import (
	"bytes"
	"strings"
	"testing"
)

var jsonStringSeeds = []string{
	"", "plain", `quote " and \ back`, "tab\tnl\nCR\rbs\bff\f", "\x00\x01\x1f\x7f",
	"<html> & </html>", "line\u2028sep\u2029", "caf\xc3\xa9", "bad \xff\xfe utf8",
	"cut \xe2\x80", "\xe2\x80\x80\x80\x80\x80", "emoji 😀", "\u00a0nbsp",
}

// appendJSONString must write what encoding/json writes.
func FuzzJSONString(f *testing.F) {
	for _, s := range jsonStringSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		want, err := marshal(string(s))
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q:\ngot  %s\nwant %s", s, got, want)
		}
		// Encoding in pieces cut by runeCut gives the same bytes.
		for _, max := range []int{1, 2, 3, 5} {
			var pieces []byte
			for rest := s; len(rest) > 0; {
				n := runeCut(rest, max)
				if n == 0 {
					t.Fatalf("runeCut(%q, %d) = 0", rest, max)
				}
				pieces = appendJSONStringBody(pieces, rest[:n])
				rest = rest[n:]
			}
			if w := want[1 : len(want)-1]; !bytes.Equal(pieces, w) {
				t.Fatalf("%q in pieces of %d:\ngot  %s\nwant %s", s, max, pieces, w)
			}
		}
	})
}

func TestRecordSetStringWriteTo(t *testing.T) {
	rec, err := ParseRecord([]byte(`{"id": 1.0e3, "text":"old \u0041", "tags" : [1, 2]}`))
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("caf\xc3\xa9 \"x\"\n", writeChunk/4) // spans several chunks
	rec.SetString("text", []byte(long))
	rec.SetString("new", []byte("a\u2028b"))
	if err := rec.Set("n", 3); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	n, err := rec.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo: n=%d len=%d err=%v", n, buf.Len(), err)
	}
	want := rec.AppendJSON(nil)
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("WriteTo and AppendJSON differ")
	}
	text, _ := marshal(long)
	wantStart := `{"id":1.0e3,"text":` + string(text) + `,"tags":[1,2],"new":"a\u2028b","n":3}`
	if string(want) != wantStart {
		t.Errorf("AppendJSON = %.200s...", want)
	}
	if v, ok := rec.Get("new"); !ok || string(v) != `"a\u2028b"` {
		t.Errorf("Get(new) = %s %v", v, ok)
	}
	// Set after SetString replaces the string.
	rec.Set("text", "short")
	if got := string(rec.AppendJSON(nil)); !strings.HasPrefix(got, `{"id":1.0e3,"text":"short",`) {
		t.Errorf("after Set: %s", got)
	}
}
