package pipeline

import (
	"context"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"
)

// Segment splits Document.Text into sentences and tokens, with byte
// offsets into Text.
//
// Sentences come from the Punkt model that prose uses
// (gopkg.in/neurosnap/sentences.v1), built once and shared; its sentences
// carry offsets, so nothing is searched for again. Tokens come from a
// scanner of our own that records offsets as it goes: prose's tokenizer
// folds quotes and splits contractions ("can't" → "ca" "n't"), so its
// tokens cannot be mapped back byte for byte. prose's named-entity
// recogniser is used by Tagger, on demand, for the few sentences that
// need it.
type Segment struct{}

// NewSegment returns a Segment stage. Sentence models are built on first
// use and kept for reuse by all Segment values.
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
	doc.Sentences = s.sentences(doc.Text)
	if cap(doc.Tokens) == 0 {
		doc.Tokens = make([]Token, 0, len(doc.Text)/5+8) // ~5 bytes a token in news text
	}
	doc.Tokens, doc.Words = tokenize(doc.Text, doc.Tokens[:0])
	markSentenceStarts(doc.Tokens, doc.Sentences)
	return nil
}

func (s *Segment) sentences(text string) []TextSpan {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	tok := getSentTokenizer()
	defer putSentTokenizer(tok)
	var out []TextSpan
	for _, p := range splitParagraphs(text) {
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
