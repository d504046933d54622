package pipeline_test

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

// Tests for issue 8 (opt-in repair of scraping damage):
// https://github.com/unspin/unspin/issues/8

// repairCounts is a fixed word list for dehyphenation tests.
type repairCounts map[string]int

func (c repairCounts) Count(w string) int { return c[w] }

func logistic(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// runRepair runs a Repair stage alone on src and checks its invariants.
func runRepair(t testing.TB, r *pipeline.Repair, src string) *pipeline.Document {
	t.Helper()
	doc := pipeline.NewDocument("t", "", []byte(src))
	if err := r.Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if string(doc.Source) != src {
		t.Fatal("Repair modified Source")
	}
	checkRepairs(t, doc, r.MinConfidence)
	return doc
}

// checkRepairs verifies the contract of Document.Repairs: Old ==
// Source[Start:End], sorted by Start and not overlapping, on rune
// boundaries, confidence the logistic of the terms and at least
// ReportFloor, Applied exactly when the confidence reaches the threshold,
// and Rule == Kind, one of the three repair kinds.
func checkRepairs(t testing.TB, doc *pipeline.Document, minConfidence float64) {
	t.Helper()
	// bounds marks where runes (or single invalid bytes) start, and the end.
	bounds := make([]bool, len(doc.Source)+1)
	for i := 0; i < len(doc.Source); {
		bounds[i] = true
		_, size := utf8.DecodeRune(doc.Source[i:])
		i += size
	}
	bounds[len(doc.Source)] = true
	last := 0
	for i, e := range doc.Repairs {
		if e.Start < last || e.Start >= e.End || e.End > len(doc.Source) {
			t.Fatalf("repair %d %v: out of order, empty or out of bounds (previous ends %d, %d bytes)", i, e.Span, last, len(doc.Source))
		}
		last = e.End
		if got := string(doc.Source[e.Start:e.End]); got != e.Old {
			t.Fatalf("repair %d: Old = %q but Source%v = %q", i, e.Old, e.Span, got)
		}
		if !bounds[e.Start] || !bounds[e.End] {
			t.Fatalf("repair %d %v: not on rune boundaries", i, e.Span)
		}
		if e.New == e.Old {
			t.Fatalf("repair %d %v: New == Old", i, e.Span)
		}
		switch e.Kind {
		case "reflow", "mojibake", "dehyphenate":
		default:
			t.Fatalf("repair %d: kind %q", i, e.Kind)
		}
		if e.Rule != e.Kind {
			t.Fatalf("repair %d: rule %q, kind %q", i, e.Rule, e.Kind)
		}
		z := 0.0
		for _, term := range e.Score {
			z += term.Value
		}
		if want := logistic(z); math.Abs(want-e.Confidence) > 1e-12 {
			t.Fatalf("repair %d: confidence %v is not logistic(sum of terms) = %v", i, e.Confidence, want)
		}
		if e.Confidence < pipeline.ReportFloor {
			t.Fatalf("repair %d: confidence %v below the report floor", i, e.Confidence)
		}
		if e.Applied != (e.Confidence >= minConfidence) {
			t.Fatalf("repair %d: applied = %v at confidence %v, threshold %v", i, e.Applied, e.Confidence, minConfidence)
		}
	}
}

// repaired applies the applied repairs of doc.
func repaired(t testing.TB, doc *pipeline.Document) string {
	t.Helper()
	out, err := pipeline.Apply(doc.Source, doc.Repairs)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../testdata/repair", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// repairPipelines returns the full pipeline (empty lexicon) with and
// without Repair.
func repairPipelines() (on, off *pipeline.Pipeline) {
	opts := pipeline.DefaultOptions()
	opts.Repair = true
	on = pipeline.Default(lexicon.New(nil), opts)
	opts.Repair = false
	off = pipeline.Default(lexicon.New(nil), opts)
	return on, off
}

// TestRepairFixtures runs the full pipeline on each fixture: with Repair
// the output is the hand-written .want.txt, every applied repair is an
// edit and nothing else changes (CheckInvariants: bytes outside applied
// edits are equal); without Repair the output is the input, byte for
// byte; and repairing the repaired text changes nothing more.
func TestRepairFixtures(t *testing.T) {
	on, off := repairPipelines()
	cases := []struct {
		name    string
		applied map[string]int // applied repairs by kind
	}{
		{"cut-paragraphs", map[string]int{"reflow": 3}},
		{"mojibake", map[string]int{"mojibake": 14}},
		{"hyphens", map[string]int{"dehyphenate": 6}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := readFixture(t, tc.name+".txt")
			want := readFixture(t, tc.name+".want.txt")
			doc := process(t, on, bytes.Clone(src))
			checkRepairs(t, doc, pipeline.DefaultOptions().MinConfidence)
			if !bytes.Equal(doc.Cleaned, want) {
				t.Errorf("with Repair:\n--- got ---\n%s\n--- want ---\n%s", doc.Cleaned, want)
			}
			got := map[string]int{}
			for _, e := range doc.Edits {
				if e.Applied {
					got[e.Kind]++
				}
			}
			if len(got) != len(tc.applied) {
				t.Errorf("applied edits by kind = %v, want %v", got, tc.applied)
			}
			for k, n := range tc.applied {
				if got[k] != n {
					t.Errorf("applied edits by kind = %v, want %v", got, tc.applied)
				}
			}
			plain := process(t, off, bytes.Clone(src))
			if !bytes.Equal(plain.Cleaned, src) || len(plain.Edits) != 0 {
				t.Errorf("without Repair the output changed (%d edits)", len(plain.Edits))
			}
			again := process(t, on, doc.Cleaned)
			if again.Applied() != 0 || !bytes.Equal(again.Cleaned, doc.Cleaned) {
				t.Errorf("not idempotent: %d more edits on the repaired text", again.Applied())
			}
		})
	}
}

// TestRepairCutParagraphs: the text modelled on the seed's damage gets
// exactly its three joins, each a blank line replaced by one space, and
// nothing else is even reported (headings, byline, dateline, list items,
// a quotation, a paragraph ending without punctuation before a Title
// Case line, a caption).
func TestRepairCutParagraphs(t *testing.T) {
	src := string(readFixture(t, "cut-paragraphs.txt"))
	doc := runRepair(t, pipeline.NewRepair(0.85), src)
	want := []string{"several visiting lawyers", "chief sponsor the regional government", "the working class and rural toilers"}
	if len(doc.Repairs) != len(want) {
		t.Fatalf("%d repairs, want %d: %+v", len(doc.Repairs), len(want), doc.Repairs)
	}
	for i, e := range doc.Repairs {
		if e.Kind != "reflow" || e.Old != "\n\n" || e.New != " " || !e.Applied {
			t.Errorf("repair %d = %+v", i, e)
		}
		joined := src[:e.Start] + " " + src[e.End:]
		if !strings.Contains(joined[max(0, e.Start-40):min(len(joined), e.Start+40)], want[i]) {
			t.Errorf("repair %d at %v does not join %q", i, e.Span, want[i])
		}
	}
}

// TestRepairSeedArticle checks the seed article of issue 8, when the
// team's shared folder is beside the repository.
func TestRepairSeedArticle(t *testing.T) {
	src, err := os.ReadFile("../../shared/seeds/clean-article-with-artifacts.txt")
	if err != nil {
		t.Skip("../shared/seeds not present")
	}
	want := string(src)
	for _, cut := range []string{"several diplomatic\n\nofficials", "main supporter\n\nthe Biden administration", "the working class and\n\nrural toilers"} {
		if strings.Count(want, cut) != 1 {
			t.Fatalf("the seed does not contain %q once", cut)
		}
		want = strings.Replace(want, cut, strings.Replace(cut, "\n\n", " ", 1), 1)
	}
	on, off := repairPipelines()
	doc := process(t, on, bytes.Clone(src))
	checkRepairs(t, doc, pipeline.DefaultOptions().MinConfidence)
	if len(doc.Repairs) != 3 || len(doc.Edits) != 3 || doc.Applied() != 3 {
		t.Errorf("%d repairs, %d edits, %d applied; want 3 of each: %+v", len(doc.Repairs), len(doc.Edits), doc.Applied(), doc.Repairs)
	}
	if string(doc.Cleaned) != want {
		t.Errorf("with Repair the seed changed beyond the three joins:\n%s", doc.Cleaned)
	}
	plain := process(t, off, bytes.Clone(src))
	if !bytes.Equal(plain.Cleaned, src) {
		t.Error("without Repair the seed changed")
	}
}

// TestRepairReflow: paragraph breaks inside a sentence are joined; real
// ones stay. reported counts every repair, applied or not.
func TestRepairReflow(t *testing.T) {
	long := "The committee that met on Sunday in the old harbour office agreed with"
	cases := []struct {
		name     string
		in, want string
		reported int
	}{
		{"lowercase after", "Private guards stormed the hall and roughed up several visiting\n\nlawyers to seize him.", "Private guards stormed the hall and roughed up several visiting lawyers to seize him.", 1},
		{"conjunction and lowercase", "The target is the working class and\n\nrural toilers.", "The target is the working class and rural toilers.", 1},
		{"function word, capital after", long + " the\n\nEuropean Commission on Monday.", long + " the European Commission on Monday.", 1},
		{"comma, capital after", "The ministers who met on Sunday in Lisbon,\n\nMadrid and Rome agreed.", "The ministers who met on Sunday in Lisbon, Madrid and Rome agreed.", 1},
		{"CRLF, spaces and several blank lines", "the working class and \r\n  \r\n\r\n  rural toilers.", "the working class and rural toilers.", 1},
		{"possessive is not a quote", "The offer was rejected by a spokesman for the dock workers’\n\nunion on Monday.", "The offer was rejected by a spokesman for the dock workers’ union on Monday.", 1},
		{"full stop", "The talks ended.\n\nthey resume on Monday.", "", 0},
		{"question, exclamation, colon", "Why now?\n\nwe asked. Stop!\n\nthey said. Demands:\n\nthe first is pay.", "", 0},
		{"ellipsis", "And then…\n\nthe lights went out.", "", 0},
		{"quote after terminal punctuation", "He said: “We will win.”\n\nthe crowd cheered.", "", 0},
		{"quote ending a paragraph, capital after", "She called the offer “a disgrace”\n\nThe company did not reply.", "", 0},
		{"quote ending a paragraph, lowercase after", "She called the offer “a disgrace”\n\nand left the room.", "", 1},
		{"capital after, no evidence", "The union did not comment\n\nRegional Elections Commission", "", 0},
		{"ATX heading", "# Strike spreads along the coast\n\nthe port is closed.", "", 0},
		{"Title Case heading", "Regional Elections Commission\n\nofficials met on Monday.", "", 0},
		{"dateline", "12 March 2025\n\nofficials met on Monday.", "", 0},
		{"bold line", "**Related coverage**\n\nand more.", "", 0},
		{"list item before", "- a return to the old shifts\n- no dismissals for the walkout\n\nand an inquiry.", "", 0},
		{"list item after", "They want an inquiry into the raid on\n\n1. the union hall\n2. the office", "", 0},
		{"star list item", "* no dismissals for the\n\nwalkout", "", 0},
		{"quotation block", "> the crowd said that\n\nthe police had left", "", 0},
		{"indented code after", "Run the command with\n\n    go test ./...", "", 0},
		{"table", "| port | status\n\nthe rest", "", 0},
		{"lowercase brand name", "Sales rose in every region\n\niPhone sales fell.", "", 0},
		{"short salutation", "Dear colleagues,\n\nWe write to you.", "", 1},
		{"sentence-case heading", "Sales by product\n\nrevenue rose.", "", 1},
		{"single line break", "the working class and\nrural toilers.", "", 0},
		{"break at the start or end", "\n\nofficials met\n\n", "", 0},
		{"paragraph ending in a symbol", "The full text of the agreement is at https://example.org/\n\nand in print.", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := runRepair(t, pipeline.NewRepair(0.85), tc.in)
			want := tc.want
			if want == "" {
				want = tc.in
			}
			if got := repaired(t, doc); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
			if len(doc.Repairs) != tc.reported {
				t.Errorf("%d repairs reported, want %d: %+v", len(doc.Repairs), tc.reported, doc.Repairs)
			}
			for _, e := range doc.Repairs {
				if e.Kind != "reflow" || e.New != " " || strings.Trim(e.Old, " \t\r\n") != "" {
					t.Errorf("unexpected repair %+v", e)
				}
			}
		})
	}
}

// TestRepairMojibake: runs that re-encode to valid UTF-8 are decoded,
// one or two layers deep; correct text is left alone.
func TestRepairMojibake(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"apostrophe", "Mexicoâ€™s", "Mexico’s"},
		{"double quotes with a C1 control", "â€œquotedâ€\u009d", "“quoted”"},
		{"latin letter", "cafÃ©", "café"},
		{"em dash", "a â€” b", "a — b"},
		{"euro and pound", "â‚¬5 and Â£3", "€5 and £3"},
		{"no-break space", "12Â\u00a0km", "12\u00a0km"},
		{"double encoding", "MexicoÃ¢â‚¬â„¢s", "Mexico’s"},
		{"double-encoded letters", "JosÃƒÂ© NÃƒÂºÃƒÂ±ez", "José Núñez"},
		{"Cyrillic", "Ð¡Ð¾Ð²ÐµÑ‚ said", "Совет said"},
		{"emoji", "nice ðŸ˜€", "nice 😀"},
		{"correct accents", "café, naïve, Ñandú, São Paulo, Zürich, Kraków, Gruß", ""},
		{"correct symbols", "€5, 5 °C, 12 % — “curly” ‘single’ – … ™ ©", ""},
		{"CJK", "北京 and 東京", ""},
		{"capital letter before a quote", "CAFÉ’S and “GRUß”", ""},
		{"mojibake next to correct text", "Ã©—", ""},
		{"lone lead", "SÃO PAULO Ã", ""},
		{"invalid UTF-8", "a\xff\xfe\xc3 b\xe2\x80", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := runRepair(t, pipeline.NewRepair(0.85), tc.in)
			want := tc.want
			if want == "" {
				want = tc.in
			}
			if got := repaired(t, doc); got != want {
				t.Errorf("got %q, want %q (%+v)", got, want, doc.Repairs)
			}
			for _, e := range doc.Repairs {
				if e.Kind != "mojibake" || !utf8.ValidString(e.New) {
					t.Errorf("unexpected repair %+v", e)
				}
			}
			if tc.want == "" {
				for _, e := range doc.Repairs {
					if e.Applied {
						t.Errorf("correct text changed: %+v", e)
					}
				}
			}
		})
	}
}

// TestRepairDehyphen: a word split at a line end becomes the joined word
// or the compound, whichever the document or the word counts support.
func TestRepairDehyphen(t *testing.T) {
	brown := repairCounts{
		"government": 498, "gov": 21,
		"well-known": 19, "well": 943, "known": 258,
		"something": 464, "some": 1764, "thing": 347,
		"cooperate": 11, "co-operate": 4, "operate": 30,
		"anti-american": 3,
	}
	cases := []struct {
		name     string
		words    pipeline.WordCounts
		in, want string
		reported int
	}{
		{"joined word known", brown, "the gov-\nernment said", "the government said", 1},
		{"spaces and CRLF", brown, "the gov- \r\n  ernment said", "the government said", 1},
		{"compound known", brown, "the well-\nknown dispute", "the well-known dispute", 1},
		{"halves are words, joined more common", brown, "some-\nthing else", "something else", 1},
		{"both forms known: not applied", brown, "Co-\noperate now", "", 1},
		{"capital after: never joined", brown, "an anti-\nAmerican slogan", "", 1},
		{"document evidence only", nil, "The gov-\nernment and the government", "The government and the government", 1},
		{"document evidence for the compound", nil, "a cross-\nborder deal on cross-border freight", "a cross-border deal on cross-border freight", 1},
		{"no evidence", nil, "the gov-\nernment said", "", 0},
		{"unknown word", brown, "the disinfor-\nmation", "", 0},
		{"blank line between", brown, "the gov-\n\nernment", "", 0},
		{"dash after a space", brown, "a dash -\nlike this", "", 0},
		{"double dash", brown, "a dash--\nlike this", "", 0},
		{"number range", brown, "from 1990-\n2000", "", 0},
		{"digits after", brown, "the gov-\nernment2", "", 0},
		{"hyphen inside a line", brown, "the well-known and gov-ernment", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := runRepair(t, &pipeline.Repair{MinConfidence: 0.85, Words: tc.words}, tc.in)
			want := tc.want
			if want == "" {
				want = tc.in
			}
			if got := repaired(t, doc); got != want {
				t.Errorf("got %q, want %q (%+v)", got, want, doc.Repairs)
			}
			if len(doc.Repairs) != tc.reported {
				t.Errorf("%d repairs reported, want %d: %+v", len(doc.Repairs), tc.reported, doc.Repairs)
			}
		})
	}
}

// TestRepairDefaultWords: NewRepair uses the embedded Brown counts.
func TestRepairDefaultWords(t *testing.T) {
	doc := runRepair(t, pipeline.NewRepair(0.85), "the gov-\nernment and a well-\nknown critic")
	if got, want := repaired(t, doc), "the government and a well-known critic"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestRepairTerms spells out the arithmetic of each kind's confidence
// (see "Repair confidence" in repair.go).
func TestRepairTerms(t *testing.T) {
	brown := repairCounts{"government": 498, "gov": 21, "well-known": 19, "well": 943, "known": 258}
	cases := []struct {
		name  string
		words pipeline.WordCounts
		in    string
		score []pipeline.Term
	}{
		{"reflow, lowercase", nil, "Guards stormed the hall and roughed up several visiting\n\nlawyers",
			[]pipeline.Term{{Name: "bias", Value: -1.5}, {Name: "lower", Value: 4}}}, // 2.5 → 0.924
		{"reflow, conjunction", nil, "The only force that can stop it is the working class and\n\nrural toilers",
			[]pipeline.Term{{Name: "bias", Value: -1.5}, {Name: "lower", Value: 4}, {Name: "function", Value: 4}}}, // 6.5 → 0.998
		{"reflow, quote", nil, "The union leader called the latest offer “a disgrace”\n\nand left",
			[]pipeline.Term{{Name: "bias", Value: -1.5}, {Name: "lower", Value: 4}, {Name: "quote", Value: -2}}}, // 0.5 → 0.62
		{"reflow, short paragraph", nil, "Sales by product\n\nrevenue rose",
			[]pipeline.Term{{Name: "bias", Value: -1.5}, {Name: "lower", Value: 4}, {Name: "short", Value: -2.5}}}, // 0 → 0.5
		{"mojibake", nil, "Mexicoâ€™s",
			[]pipeline.Term{{Name: "valid", Value: 1}, {Name: "marker", Value: 3}}}, // 4 → 0.982
		{"mojibake, double", nil, "MexicoÃ¢â‚¬â„¢s",
			[]pipeline.Term{{Name: "valid", Value: 1}, {Name: "marker", Value: 3}, {Name: "sequences", Value: 2}, {Name: "layers", Value: 1}}}, // 7 → 0.999
		{"mojibake, no marker", nil, "Å¾ilina",
			[]pipeline.Term{{Name: "valid", Value: 1}}}, // 1 → 0.73, not applied
		{"mojibake, glued", nil, "the café’” end",
			[]pipeline.Term{{Name: "valid", Value: 1}, {Name: "glued", Value: -4}}}, // −3 → 0.05, not applied
		{"mojibake, Cyrillic word", nil, "Ð´Ð° said",
			[]pipeline.Term{{Name: "valid", Value: 1}, {Name: "sequences", Value: 1}}}, // 2 → 0.88
		{"mojibake, document", nil, "Å¾ilina and Mexicoâ€™s",
			[]pipeline.Term{{Name: "valid", Value: 1}, {Name: "document", Value: 2}}}, // 3 → 0.95 (the first of two repairs)
		{"dehyphenate, joined", brown, "gov-\nernment",
			[]pipeline.Term{{Name: "bias", Value: -1}, {Name: "freq", Value: 1.5 * math.Log10(499.0/1)}, {Name: "fragment", Value: 1}}}, // 4.05 → 0.983
		{"dehyphenate, compound", brown, "well-\nknown",
			[]pipeline.Term{{Name: "bias", Value: -1}, {Name: "freq", Value: 1.5 * math.Log10(20.0/1)}, {Name: "keep", Value: 1.5}}}, // 2.45 → 0.921
		{"dehyphenate, document", nil, "gov-\nernment government",
			[]pipeline.Term{{Name: "bias", Value: -1}, {Name: "document", Value: 3}}}, // 2 → 0.881
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := runRepair(t, &pipeline.Repair{MinConfidence: 0.85, Words: tc.words}, tc.in)
			if len(doc.Repairs) == 0 {
				t.Fatal("no repair")
			}
			e := doc.Repairs[0]
			if len(e.Score) != len(tc.score) {
				t.Fatalf("score = %v, want %v", e.Score, tc.score)
			}
			z := 0.0
			for i := range tc.score {
				if e.Score[i].Name != tc.score[i].Name || math.Abs(e.Score[i].Value-tc.score[i].Value) > 1e-12 {
					t.Fatalf("score = %v, want %v", e.Score, tc.score)
				}
				z += tc.score[i].Value
			}
			if math.Abs(e.Confidence-logistic(z)) > 1e-12 {
				t.Errorf("confidence %v, want logistic(%v) = %v", e.Confidence, z, logistic(z))
			}
		})
	}
}

// TestRepairOverlap: a mojibake run inside a split word wins over the
// dehyphenation, and repairs stay disjoint.
func TestRepairOverlap(t *testing.T) {
	in := "the cafÃ©-\nbar and the café-bar"
	doc := runRepair(t, &pipeline.Repair{MinConfidence: 0.85}, in)
	if len(doc.Repairs) != 1 || doc.Repairs[0].Kind != "mojibake" {
		t.Fatalf("repairs = %+v", doc.Repairs)
	}
}

// TestRepairThreshold: Applied follows MinConfidence.
func TestRepairThreshold(t *testing.T) {
	in := "Guards stormed the hall and roughed up several visiting\n\nlawyers." // 0.924
	for _, tc := range []struct {
		min     float64
		applied bool
	}{{0.5, true}, {0.92, true}, {0.93, false}} {
		doc := runRepair(t, &pipeline.Repair{MinConfidence: tc.min}, in)
		if len(doc.Repairs) != 1 || doc.Repairs[0].Applied != tc.applied {
			t.Errorf("min %v: repairs = %+v", tc.min, doc.Repairs)
		}
	}
}

// TestRepairConcurrent: one Repair stage serves many documents at once
// (the word counts load once); run with -race.
func TestRepairConcurrent(t *testing.T) {
	r := pipeline.NewRepair(0.85)
	src := string(readFixture(t, "hyphens.txt"))
	want := string(readFixture(t, "hyphens.want.txt"))
	errs := make(chan string, 8)
	for i := 0; i < 8; i++ {
		go func() {
			doc := pipeline.NewDocument("t", "", []byte(src))
			if err := r.Run(context.Background(), doc); err != nil {
				errs <- err.Error()
				return
			}
			out, err := pipeline.Apply(doc.Source, doc.Repairs)
			if err != nil {
				errs <- err.Error()
				return
			}
			if string(out) != want {
				errs <- "output differs"
				return
			}
			errs <- ""
		}()
	}
	for i := 0; i < 8; i++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// FuzzRepair: no panic; the repairs keep their contract; the pipeline
// with Repair changes Source only inside applied edits, and without it
// changes nothing.
func FuzzRepair(f *testing.F) {
	for _, name := range []string{"cut-paragraphs.txt", "mojibake.txt", "hyphens.txt"} {
		f.Add(readFixture(f, name))
	}
	for _, s := range []string{
		"", "\n\n", "a\n\nb", "-\n", "a-\n", "a-\nb", "a-\nb-\nc", "x-y-\nz-w",
		"Ã", "Ã©", "Ã©\u00ad", "â€", "â€\u009d\n\nand", "Ã¢â‚¬â„¢", "\xc3\xa9\xff",
		"and\r\n\r\n“the", "”\n\nthe", "’\n\nthe", "s’\n\nthe", "(a) b\n\nc", "1. a\n\nb",
		"    \n\n    code", "gov-\n\nernment", "é’”", "ÐŸÑ€Ð¸",
		"Ã¢\xa20", // a run ending before a stray continuation byte
	} {
		f.Add([]byte(s))
	}
	on, off := repairPipelines()
	minConf := pipeline.DefaultOptions().MinConfidence
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		doc := process(t, on, src) // CheckInvariants: Cleaned differs from Source only inside applied edits
		checkRepairs(t, doc, minConf)
		if !bytes.Equal(doc.Source, orig) {
			t.Fatal("Source was modified")
		}
		// With an empty lexicon the edits are exactly the repairs.
		if len(doc.Edits) != len(doc.Repairs) {
			t.Fatalf("%d edits for %d repairs", len(doc.Edits), len(doc.Repairs))
		}
		for i := range doc.Edits {
			if e, r := doc.Edits[i], doc.Repairs[i]; e.Span != r.Span || e.New != r.New || e.Applied != r.Applied {
				t.Fatalf("edit %d %+v is not repair %+v", i, e, r)
			}
		}
		plain := process(t, off, src)
		if !bytes.Equal(plain.Cleaned, orig) {
			t.Fatal("without Repair the output changed")
		}
	})
}

// BenchmarkRepair runs the Repair stage alone on the bundled sample
// article with the three kinds of damage appended.
func BenchmarkRepair(b *testing.B) {
	src := benchText(b, false)
	for _, name := range []string{"cut-paragraphs.txt", "mojibake.txt", "hyphens.txt"} {
		src = append(src, readFixture(b, name)...)
	}
	r := pipeline.NewRepair(0.85)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc := pipeline.NewDocument("b", "", src)
		if err := r.Run(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
