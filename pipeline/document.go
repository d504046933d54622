package pipeline

import (
	"github.com/unspin/unspin/lexicon"
)

// Term is one named contribution to a confidence score (a log-odds
// value). The terms of an edit add up to the logit of its confidence.
type Term struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Token is one word or punctuation mark of Document.Text.
type Token struct {
	At        TextSpan // byte offsets into Document.Text
	Norm      string   // lowercase form used for lexicon look-up ("" for punctuation)
	Word      bool     // letters or digits; false for punctuation
	Cap       bool     // first letter is upper case
	Upper     bool     // every letter is upper case (and there are at least two)
	SentStart bool     // first word of a sentence: exact after Document.SentenceStart(k)
	Joined    bool     // only spaces or tabs, at most one line break, separate it from the previous token
}

// Candidate is one possible edit found by Detect and scored by Score.
type Candidate struct {
	At        TextSpan       // byte offsets into Document.Text
	Tok       [2]int         // token range [first, last+1) in Document.Tokens
	Entry     *lexicon.Entry // the rule that proposes it
	Cost      float64        // entity match cost (see entity.go); 0 for lexicon matches
	Protected string         // the real name this candidate falls inside; it is never applied
	Features  []Term         // set by Score: raw feature values (see score.go)
	Score     []Term         // set by Score: weight × feature
	Conf      float64        // set by Score, in [0,1]
}

// Edit is a replacement of Source bytes. Edits are what unspin reports
// and applies.
type Edit struct {
	Span               // byte offsets into Document.Source
	Old        string  // Source[Start:End]; redundant on purpose, and tests check it
	New        string  // replacement text
	Rule       string  // lexicon entry ID, or the name of a built-in rule
	Kind       string  // rule kind: word, phrase, entity, idiom, function, ...
	Confidence float64 // in [0,1], the logistic of the sum of Score
	Score      []Term  // the terms of the confidence, in the order applied
	Features   []Term  // the raw features behind Score (for fitting; not serialised)
	Applied    bool    // Confidence ≥ Options.MinConfidence and no conflict
	Note       string  // why an edit was not applied, when it is not obvious
}

// Document is one article moving through the pipeline. Each stage fills
// the fields it owns and never writes Source.
type Document struct {
	ID, Path string
	Source   []byte     // user input, never modified
	Lines    *LineIndex // Source offset → line:col                  NewDocument

	Repairs      []Edit         // scraping-damage fixes, sorted, no overlaps Repair (opt-in)
	Text         string         // normalized view for detection            Normalize
	Map          *OffsetMap     // Text → Source                            Normalize
	Sentences    []TextSpan     // all sentences: Segment{Eager}, or AllSentences
	lazy         *lazySentences // paragraphs a lazy Segment has not split yet
	Tokens       []Token        //                                          Segment
	Words        int            // number of word tokens                    Segment
	Cands        []Candidate    // candidate edits                         Detect, Score
	Spin         float64        // article spin probability in [0,1]        Score
	SpinTerms    []Term         // the terms of Spin                        Score
	SpinFeatures []Term         // the raw features behind SpinTerms       Score
	Edits        []Edit         // sorted by (Start, End), no overlaps      Select
	Cleaned      []byte         // Apply(Source, applied Edits)             Apply
	Uncounted    int            // applied edits not kept in Edits (ProcessLarge without keepEdits)
}

// NewDocument wraps src. The slice is not copied: callers must not modify
// it while the document is in use.
func NewDocument(id, path string, src []byte) *Document {
	return &Document{ID: id, Path: path, Source: src, Lines: NewLineIndex(src)}
}

// Applied returns the number of applied edits.
func (d *Document) Applied() int {
	n := d.Uncounted
	for _, e := range d.Edits {
		if e.Applied {
			n++
		}
	}
	return n
}
