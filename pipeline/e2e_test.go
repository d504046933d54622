package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/e2e")

// testLexicon is the fixed lexicon of the golden cases.
func testLexicon(t testing.TB) *lexicon.Lexicon {
	t.Helper()
	f, err := os.Open("../testdata/e2e/lexicon.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, err := lexicon.Parse(f, "lexicon.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return lexicon.New(es)
}

func process(t testing.TB, p *pipeline.Pipeline, src []byte) *pipeline.Document {
	t.Helper()
	doc, err := p.Process(context.Background(), "t", "", src)
	if err != nil {
		t.Fatal(err)
	}
	CheckInvariants(t, doc)
	return doc
}

// CheckInvariants verifies what every output must satisfy: Old ==
// Source[Span]; edits sorted and not overlapping; confidence in [0,1]
// and equal to the logistic of its terms; Apply(Source, edits) ==
// Cleaned; Source itself untouched; bytes outside applied edits equal.
func CheckInvariants(t testing.TB, doc *pipeline.Document) {
	t.Helper()
	last := 0
	for i, e := range doc.Edits {
		if e.Start < 0 || e.End > len(doc.Source) || e.Start > e.End {
			t.Fatalf("edit %d %v out of bounds (%d bytes)", i, e.Span, len(doc.Source))
		}
		if got := string(doc.Source[e.Start:e.End]); got != e.Old {
			t.Fatalf("edit %d: Old = %q but Source%v = %q", i, e.Old, e.Span, got)
		}
		if e.Start < last {
			t.Fatalf("edit %d %v overlaps or precedes the previous edit (ends %d)", i, e.Span, last)
		}
		last = e.End
		if e.Confidence < 0 || e.Confidence > 1 {
			t.Fatalf("edit %d: confidence %v", i, e.Confidence)
		}
		z := 0.0
		for _, term := range e.Score {
			z += term.Value
		}
		if want := 1 / (1 + exp(-z)); abs(want-e.Confidence) > 1e-9 {
			t.Fatalf("edit %d: confidence %v is not logistic(sum of terms) = %v", i, e.Confidence, want)
		}
	}
	out, err := pipeline.Apply(doc.Source, doc.Edits)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, doc.Cleaned) {
		t.Fatalf("Apply(Source, Edits) != Cleaned:\n%q\n%q", out, doc.Cleaned)
	}
	// Untouched bytes: walk Source and Cleaned in step.
	si, ci := 0, 0
	for _, e := range doc.Edits {
		if !e.Applied {
			continue
		}
		n := e.Start - si
		if !bytes.Equal(doc.Source[si:e.Start], doc.Cleaned[ci:ci+n]) {
			t.Fatalf("bytes before edit %v changed", e.Span)
		}
		si, ci = e.End, ci+n+len(e.New)
	}
	if !bytes.Equal(doc.Source[si:], doc.Cleaned[ci:]) {
		t.Fatalf("bytes after the last edit changed")
	}
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../testdata/e2e/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	p := pipeline.Default(testLexicon(t), pipeline.DefaultOptions())
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sec := map[string]*txtar.File{}
			for i := range ar.Files {
				sec[ar.Files[i].Name] = &ar.Files[i]
			}
			in := sec["input"]
			if in == nil {
				t.Fatal("no input section")
			}
			doc := process(t, p, in.Data)
			var edits bytes.Buffer
			enc := json.NewEncoder(&edits)
			enc.SetEscapeHTML(false)
			for _, r := range doc.Records() {
				if err := enc.Encode(r); err != nil {
					t.Fatal(err)
				}
			}
			got := map[string][]byte{"cleaned": doc.Cleaned, "edits.jsonl": edits.Bytes()}
			if *update {
				for name, data := range got {
					if f := sec[name]; f != nil {
						f.Data = data
					} else {
						ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"cleaned", "edits.jsonl"} {
				f := sec[name]
				if f == nil {
					t.Fatalf("no %s section (run go test -update)", name)
				}
				if !bytes.Equal(f.Data, got[name]) {
					t.Errorf("%s differs (run go test ./pipeline -update and review the diff)\n--- got ---\n%s\n--- want ---\n%s", name, got[name], f.Data)
				}
			}
			// Idempotence: cleaning the cleaned text changes nothing more.
			again := process(t, p, doc.Cleaned)
			if !bytes.Equal(again.Cleaned, doc.Cleaned) {
				t.Errorf("not idempotent: a second run changed\n%s\ninto\n%s", doc.Cleaned, again.Cleaned)
			}
		})
	}
}
