package pipeline

import (
	"context"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// Segment splits Document.Text into tokens and sentences, with byte
// offsets into Text.
//
// Sentences come from the Punkt model that prose uses
// (gopkg.in/neurosnap/sentences.v1), built once and shared; its sentences
// carry offsets, so nothing is searched for again. Punkt is the costliest
// part of segmenting (~15% of the pipeline on clean text), and the only
// question the later stages ask of it is whether a candidate's first
// word starts a sentence; so by default a paragraph is given to Punkt
// only when that question comes up for a word that follows a sentence
// end mark (see Document.SentenceStart). Eager splits every paragraph
// and fills Document.Sentences, for the stages that read sentences
// (the person recogniser of Options.People).
//
// Tokens come from a scanner of our own that records offsets as it goes:
// prose's tokenizer folds quotes and splits contractions ("can't" → "ca"
// "n't"), so its tokens cannot be mapped back byte for byte. prose's
// named-entity recogniser is used by Tagger, on demand, for the few
// sentences that need it.
type Segment struct {
	Eager bool
}

// NewSegment returns a lazy Segment stage. Sentence models are built on
// first use and kept for reuse by all Segment values.
func NewSegment() *Segment { return &Segment{} }

// sentTokenizers keeps built sentence models. Not a sync.Pool: that one
// drops its items at every garbage collection, and building a model
// costs ~10 ms.
var sentTokenizers = make(chan *sentences.DefaultSentenceTokenizer, 64)

func getSentTokenizer() *sentences.DefaultSentenceTokenizer {
	select {
	case t := <-sentTokenizers:
		return t
	default:
	}
	t, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		// The model is compiled into the binary; failing to load it is a
		// broken build, not bad input.
		panic("pipeline: loading the sentence model: " + err.Error())
	}
	return t
}

func putSentTokenizer(t *sentences.DefaultSentenceTokenizer) {
	select {
	case sentTokenizers <- t:
	default:
	}
}

// Name implements Stage.
func (*Segment) Name() string { return "segment" }

// Run implements Stage.
func (s *Segment) Run(_ context.Context, doc *Document) error {
	if cap(doc.Tokens) == 0 {
		doc.Tokens = make([]Token, 0, len(doc.Text)/5+8) // ~5 bytes a token in news text
	}
	doc.Tokens, doc.Words = tokenize(doc.Text, doc.Tokens[:0])
	doc.Sentences, doc.lazy = nil, nil
	if s.Eager {
		doc.Sentences = allSentences(doc.Text)
		markSentenceStarts(doc.Tokens, doc.Sentences)
		return nil
	}
	// The first word of a paragraph starts a sentence; the others wait
	// for SentenceStart.
	ls := &lazySentences{paras: splitParagraphs(doc.Text)}
	ls.done = make([]bool, len(ls.paras))
	k := 0
	for _, p := range ls.paras {
		for k < len(doc.Tokens) && doc.Tokens[k].At.Start < p.Start {
			k++
		}
		for ; k < len(doc.Tokens) && doc.Tokens[k].At.Start < p.End; k++ {
			if doc.Tokens[k].Word {
				doc.Tokens[k].SentStart = true
				break
			}
		}
	}
	doc.lazy = ls
	return nil
}

// lazySentences are the paragraphs of a Document not yet given to Punkt.
type lazySentences struct {
	paras []TextSpan
	done  []bool // paragraph split and its tokens' SentStart exact
}

// SentenceStart reports whether token k is the first word of a
// sentence, setting Tokens[k].SentStart (and those of its paragraph)
// exactly: a lazy Segment runs Punkt on the paragraph when k follows a
// sentence end mark (. ? ! …) in it.
func (d *Document) SentenceStart(k int) bool {
	ls := d.lazy
	if ls == nil {
		return d.Tokens[k].SentStart
	}
	at := d.Tokens[k].At.Start
	p := sort.Search(len(ls.paras), func(i int) bool { return ls.paras[i].End > at })
	if p == len(ls.paras) || ls.done[p] || !afterSentenceMark(d.Text, ls.paras[p].Start, at) {
		return d.Tokens[k].SentStart
	}
	ls.done[p] = true
	para := ls.paras[p]
	a := sort.Search(len(d.Tokens), func(i int) bool { return d.Tokens[i].At.Start >= para.Start })
	b := a
	for b < len(d.Tokens) && d.Tokens[b].At.Start < para.End {
		d.Tokens[b].SentStart = false
		b++
	}
	markSentenceStarts(d.Tokens[a:b], splitSentences(d.Text, para))
	return d.Tokens[k].SentStart
}

// AllSentences returns every sentence of the text, splitting the
// paragraphs a lazy Segment left alone, and makes every token's
// SentStart exact.
func (d *Document) AllSentences() []TextSpan {
	if d.lazy != nil {
		d.Sentences = allSentences(d.Text)
		for i := range d.Tokens {
			d.Tokens[i].SentStart = false
		}
		markSentenceStarts(d.Tokens, d.Sentences)
		d.lazy = nil
	}
	return d.Sentences
}

// afterSentenceMark reports whether the text between from and at holds a
// sentence end mark after its last letter or digit: only then can a
// sentence start at at other than at the start of a paragraph.
func afterSentenceMark(text string, from, at int) bool {
	for i := at; i > from; {
		r, size := utf8.DecodeLastRuneInString(text[from:i])
		i -= size
		switch {
		case r == '.' || r == '?' || r == '!' || r == '…':
			return true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return false
		}
	}
	return false
}

// allSentences splits text paragraph by paragraph.
func allSentences(text string) []TextSpan {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var out []TextSpan
	for _, p := range splitParagraphs(text) {
		out = append(out, splitSentences(text, p)...)
	}
	return out
}

// splitSentences runs Punkt on the paragraph p of text.
func splitSentences(text string, p TextSpan) []TextSpan {
	tok := getSentTokenizer()
	defer putSentTokenizer(tok)
	var out []TextSpan
	for _, sent := range tok.Tokenize(text[p.Start:p.End]) {
		sp := TextSpan{p.Start + sent.Start, p.Start + sent.End}
		// Trim surrounding space, as prose does, but keep offsets.
		for sp.Start < sp.End && isSpaceByte(text[sp.Start]) {
			sp.Start++
		}
		for sp.End > sp.Start && isSpaceByte(text[sp.End-1]) {
			sp.End--
		}
		if sp.Start < sp.End {
			out = append(out, sp)
		}
	}
	return out
}

// splitParagraphs cuts text at line breaks: a headline or a list item has
// no final period, and Punkt would run it into the next line.
func splitParagraphs(text string) []TextSpan {
	var out []TextSpan
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			if i > start {
				out = append(out, TextSpan{start, i})
			}
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, TextSpan{start, len(text)})
	}
	return out
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

func markSentenceStarts(toks []Token, sents []TextSpan) {
	j := 0
	for _, s := range sents {
		for j < len(toks) && toks[j].At.Start < s.Start {
			j++
		}
		// the first word token of the sentence (skip opening quotes, dashes)
		for k := j; k < len(toks) && toks[k].At.Start < s.End; k++ {
			if toks[k].Word {
				toks[k].SentStart = true
				break
			}
		}
	}
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// tokenize scans text into word and punctuation tokens. A word is a run of
// letters, digits and marks, joined across an apostrophe followed by a
// letter ("Mexico's", "don't", "1000's"), a hyphen between word characters
// ("left-leaning"), and a period or comma between digits ("1,850", "3.5")
// or a period between single letters ("U.S").
func tokenize(text string, out []Token) ([]Token, int) {
	words := 0
	breaks := 0 // line breaks since the previous token
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if r == '\n' {
			breaks++
			i++
			continue
		}
		if r == ' ' || r == '\t' || r == '\r' || r == '\v' || r == '\f' || (r >= utf8.RuneSelf && unicode.IsSpace(r)) {
			i += size
			continue
		}
		joined := breaks < 2
		breaks = 0
		if !isWordRune(r) {
			out = append(out, Token{At: TextSpan{i, i + size}, Joined: joined})
			i += size
			continue
		}
		start := i
		end := scanWord(text, i)
		w := text[start:end]
		t := Token{At: TextSpan{start, end}, Word: true, Joined: joined, Norm: lower(w)}
		t.Cap, t.Upper = caseOf(w)
		out = append(out, t)
		words++
		i = end
	}
	return out, words
}

// scanWord returns the end of the word that starts at i.
func scanWord(text string, i int) int {
	segLen := 0 // word characters since the last joiner
	allDigit := true
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isWordRune(r) {
			if r < '0' || r > '9' {
				allDigit = false
			}
			segLen++
			i += size
			continue
		}
		// a joiner needs a word character right after it
		if i+1 >= len(text) {
			break
		}
		next, _ := utf8.DecodeRuneInString(text[i+1:])
		if !isWordRune(next) {
			break
		}
		nextDigit := next >= '0' && next <= '9'
		ok := false
		switch r {
		case '\'':
			ok = unicode.IsLetter(next)
		case '-':
			ok = true
		case ',':
			ok = allDigit && nextDigit
		case '.':
			ok = (allDigit && nextDigit) || (segLen == 1 && unicode.IsLetter(next))
		}
		if !ok {
			break
		}
		segLen = 0
		i++
	}
	return i
}

// lower returns the lowercase form of w without allocating when w is
// already lowercase ASCII.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return strings.ToLower(w)
		}
	}
	return w
}

// caseOf reports whether w starts with an upper-case letter and whether
// all of its (two or more) letters are upper case.
func caseOf(w string) (capital, upper bool) {
	letters, uppers := 0, 0
	first := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		u := unicode.IsUpper(r)
		if u {
			uppers++
		}
		if first {
			capital = u
			first = false
		}
	}
	return capital, letters >= 2 && uppers == letters
}

// Tagger runs prose's models (built on first use, ~90-200 ms, and shared)
// on single sentences that need them.
type Tagger struct{}

var proseModel = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("en") })

// People returns the person names prose's named-entity recogniser finds
// in sentence, each as its lowercase words. NER is the slowest part of
// prose (~0.1 MB/s), so callers ask only about sentences that hold a
// capitalised candidate in mid-sentence.
func (Tagger) People(sentence string) [][]string {
	doc, err := prose.NewDocument(sentence,
		prose.UsingModel(proseModel()),
		prose.WithSegmentation(false))
	if err != nil {
		return nil
	}
	var out [][]string
	for _, e := range doc.Entities() {
		if e.Label == "PERSON" {
			out = append(out, strings.Fields(strings.ToLower(e.Text)))
		}
	}
	return out
}
