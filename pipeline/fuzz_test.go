package pipeline_test

import (
	"bytes"
	"testing"

	"github.com/unspin/unspin/pipeline"
)

// FuzzPipeline feeds arbitrary bytes through the whole pipeline and
// checks the invariants: no panic, offsets in bounds, Old ==
// Source[Span], Apply reproduces Cleaned, untouched bytes identical.
func FuzzPipeline(f *testing.F) {
	seeds := []string{
		"",
		"Consultants warned of an extended historical past.",
		"\xff\xfe\x00 worldwide\u00adcourt docket \u201cquote\u201d",
		"A\r\nCHILLY STRUGGLE\r\n\r\nat house",
		"\ufeffMexico Metropolis\u200b's legal\u00a0guidelines",
		"an an an extended extended",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	p := pipeline.Default(testLexicon(f), pipeline.DefaultOptions())
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		doc := process(t, p, src)
		if !bytes.Equal(doc.Source, orig) {
			t.Fatal("Source was modified")
		}
	})
}

func TestDeterministic(t *testing.T) {
	p := pipeline.Default(testLexicon(t), pipeline.DefaultOptions())
	src := []byte("Consultants say the worldwide court docket had an extended historical past at house. However, after which.")
	first := process(t, p, src)
	for i := 0; i < 50; i++ {
		doc := process(t, p, src)
		if !bytes.Equal(doc.Cleaned, first.Cleaned) || len(doc.Edits) != len(first.Edits) {
			t.Fatalf("run %d differs", i)
		}
		for k := range doc.Edits {
			if doc.Edits[k].Rule != first.Edits[k].Rule || doc.Edits[k].Confidence != first.Edits[k].Confidence {
				t.Fatalf("run %d: edit %d differs", i, k)
			}
		}
	}
}
