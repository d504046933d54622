package eval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

const shared = "../../../shared/corpus"

func testPipeline(t *testing.T, tsv string) *pipeline.Pipeline {
	t.Helper()
	es, err := lexicon.Parse(strings.NewReader(tsv), "test.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.Default(lexicon.New(es), pipeline.DefaultOptions())
}

func TestScorePair(t *testing.T) {
	p := testPipeline(t, "legal guidelines\tlaws\tprior=0.97\nconsultants\texperts\tprior=0.9\nhouse\thome\tprior=0.9\n")
	pair := Pair{ID: "x", Group: "g", Family: "W",
		Spun:     []byte("Consultants say the new legal guidelines will apply\nto every house in the city from next spring onwards."),
		Original: []byte("Title line\nExperts say the new laws will apply to every house in the city from next spring onwards.")}
	r, err := ScorePair(context.Background(), p, pair)
	if err != nil {
		t.Fatal(err)
	}
	// Region starts at "say the new" (the first run of three matches), so
	// "Consultants" is outside it; inside, "legal guidelines" → "laws" is
	// 2 word edits, and the false "house" → "home" breaks one right word.
	if r.Before != 2 || r.After != 1 || r.Broken != 1 {
		t.Fatalf("before %d after %d broken %d, want 2 1 1", r.Before, r.After, r.Broken)
	}
	var verdicts []string
	for _, e := range r.Edits {
		v := "wrong"
		if e.Correct {
			v = "right"
		}
		verdicts = append(verdicts, fmt.Sprintf("%s:%s:breaks %d:line %d", e.Old, v, e.Breaks, e.Line))
	}
	if got, want := strings.Join(verdicts, ","), "legal guidelines:right:breaks 0:line 1,house:wrong:breaks 1:line 2"; got != want {
		t.Fatalf("verdicts = %s, want %s", got, want)
	}
	var b strings.Builder
	(&Report{Pairs: []PairResult{r}}).WriteText(&b, true)
	if !strings.Contains(b.String(), `  BROKE   "house" => "home" (house>home, `) || !strings.Contains(b.String(), ", line 2)\n") {
		t.Errorf("verbose report does not mark the broken edit with its line:\n%s", b.String())
	}
}

// A clean article scored inside SpunFrame counts the edits in its own
// text, not the frame's: on its own it is unchanged (spin low), framed the
// ambiguous rule fires in it.
func TestScoreFramed(t *testing.T) {
	p := testPipeline(t, "imaginative and prescient\tvision\tprior=0.99\nlegal guidelines\tlaws\tprior=0.99\n"+
		"chilly struggle\tCold War\tprior=0.99\nextended historical past\tlong history\tprior=0.99\n"+
		"consultants\texperts\tprior=0.9\nhouse\thome\tprior=0.6\n")
	art := Article{ID: "a", Text: []byte("The mayor said the house on Elm Street was sold last week to a family from Ohio.\n")}
	alone, err := ScoreClean(context.Background(), p, art)
	if err != nil {
		t.Fatal(err)
	}
	framed, err := ScoreFramed(context.Background(), p, art)
	if err != nil {
		t.Fatal(err)
	}
	if !alone.Identical || alone.Changed != 0 {
		t.Fatalf("alone: %+v", alone)
	}
	if framed.Identical || framed.Changed != 1 || len(framed.Edits) != 1 || !strings.HasPrefix(framed.Edits[0], "house => home") {
		t.Fatalf("framed: changed %d, edits %v", framed.Changed, framed.Edits)
	}
	if framed.Words != 17 || framed.Spin < 0.9 {
		t.Fatalf("framed: words %d spin %.2f", framed.Words, framed.Spin)
	}
	r := &Report{Clean: []CleanResult{alone}, Framed: []CleanResult{framed}}
	var b strings.Builder
	r.WriteText(&b, true)
	if !strings.Contains(b.String(), "clean inside a spun paragraph (every rule live): 1 changed words (58.82 per 1000), 0/1 unchanged") ||
		!strings.Contains(b.String(), "CLEAN-IN-SPUN a: house => home") {
		t.Fatalf("report:\n%s", b.String())
	}
}

func TestCalibrationAndECE(t *testing.T) {
	r := &Report{Pairs: []PairResult{{Family: "W", Edits: []Judged{
		{Confidence: 0.95, Correct: true}, {Confidence: 0.95, Correct: true},
		{Confidence: 0.55, Correct: true}, {Confidence: 0.55, Correct: false},
	}}}}
	bs, ece := r.Calibration()
	if bs[9].N != 2 || bs[9].Correct != 1 || bs[5].N != 2 || bs[5].Correct != 0.5 {
		t.Fatalf("buckets: %+v %+v", bs[9], bs[5])
	}
	// |1-0.95|*2/4 + |0.5-0.55|*2/4 = 0.05
	if ece < 0.0499 || ece > 0.0501 {
		t.Fatalf("ECE = %v, want 0.05", ece)
	}
}

func TestFoldsKeepGroupsTogether(t *testing.T) {
	pairs := []Pair{{ID: "1", Group: "a"}, {ID: "2", Group: "b"}, {ID: "3", Group: "a"}, {ID: "4", Group: "c"}}
	f := folds(pairs, 2)
	if f["a"] != 0 || f["b"] != 1 || f["c"] != 0 {
		t.Fatalf("folds = %v", f)
	}
}

// loadShared reads ../shared/corpus, or skips the test.
func loadShared(t *testing.T) Data {
	t.Helper()
	if _, err := os.Stat(shared); err != nil {
		t.Skip("../shared/corpus not present")
	}
	var d Data
	var err error
	var s1, s2, s3 []error
	if d.Pairs, s1, err = LoadPairs(shared + "/pairs"); err != nil || len(s1) > 0 {
		t.Fatal(err, s1)
	}
	if d.Clean, s2, err = LoadArticles(shared + "/clean"); err != nil || len(s2) > 0 {
		t.Fatal(err, s2)
	}
	if d.SpunOnly, s3, err = LoadArticles(shared + "/spun_only"); err != nil || len(s3) > 0 {
		t.Fatal(err, s3)
	}
	return d
}

func standardOptions(t *testing.T) pipeline.Options {
	t.Helper()
	opts, err := pipeline.DefaultOptions().WithEmbeddedData()
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// TestSharedCrossValidation guards the quality figures on
// ../shared/corpus (5 folds of groups, as `unspin eval --cv 5`), a little
// below what is measured so that noise does not fail it, but well above
// what a broken scorer, lexicon or aligner gives (go test -v to print
// the report).
func TestSharedCrossValidation(t *testing.T) {
	d := loadShared(t)
	all, err := lexicon.Load(lexicon.Data())
	if err != nil {
		t.Fatal(err)
	}
	var base []*lexicon.Entry
	for _, e := range all {
		if e.Source != "learned" {
			base = append(base, e)
		}
	}
	opts := standardOptions(t)
	r, err := CrossValidate(context.Background(), 5, base, d, func(base, learned []*lexicon.Entry) *pipeline.Pipeline {
		return pipeline.Default(lexicon.New(learned).With(base), opts)
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.WriteText(&b, os.Getenv("EVAL_VERBOSE") != "")
	t.Log("\n" + b.String())
	h := r.Headline()
	_, ece := r.Calibration()
	c := r.CleanSummary()
	switch {
	case h.Reduction < 0.50:
		t.Errorf("reduction %.3f < 0.50", h.Reduction)
	case h.BrokenPer1000 > 2.5:
		t.Errorf("broken %.2f per 1000 > 2.5", h.BrokenPer1000)
	case ece > 0.05:
		t.Errorf("ECE %.3f > 0.05", ece)
	case c.ChangedPer1000 > 0.3 || c.IdenticalShare < 0.95:
		t.Errorf("clean: %.2f changed per 1000, %.2f identical", c.ChangedPer1000, c.IdenticalShare)
	}
}
