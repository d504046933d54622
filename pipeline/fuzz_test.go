package pipeline_test

import (
	"bytes"
	"context"
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
		"The U.S. legal professional’s U.S.. magistrates’ courtroom U.S legal professional magistrates'",
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

// TestProcessLargeMatchesWhole: cutting an article into pieces gives the
// same edits and output as processing it whole (the lexicon's phrases do
// not span paragraph breaks), and the joined document keeps the
// invariants.
func TestProcessLargeMatchesWhole(t *testing.T) {
	p := pipeline.Default(testLexicon(t), pipeline.DefaultOptions())
	para := "Consultants say the worldwide court docket had an extended historical past of legal guidelines.\n"
	var src []byte
	for i := 0; i < 200; i++ {
		src = append(src, para...)
	}
	whole := process(t, p, src)
	large, err := p.ProcessLarge(context.Background(), "t", "", src, 1000, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(large.Cleaned, whole.Cleaned) || len(large.Edits) != len(whole.Edits) {
		t.Fatalf("pieces differ from whole: %d vs %d edits", len(large.Edits), len(whole.Edits))
	}
	CheckInvariants(t, large)
	// one long line without breaks is cut at sentence ends or spaces
	line := bytes.ReplaceAll(src, []byte("\n"), []byte(" "))
	l2, err := p.ProcessLarge(context.Background(), "t", "", line, 1000, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(l2.Edits) != 0 || l2.Applied() != large.Applied() {
		t.Fatalf("without keepEdits: %d edits kept, %d applied (want 0 and %d)", len(l2.Edits), l2.Applied(), large.Applied())
	}
	if bytes.Contains(l2.Cleaned, []byte("legal guidelines")) {
		t.Fatal("a phrase was left unrestored at a cut")
	}
}
