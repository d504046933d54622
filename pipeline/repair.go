package pipeline

import (
	"bytes"
	"context"
	"math"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/unspin/unspin/lexicon"
)

// Repair finds scraping damage that is not spin and proposes edits for it
// (Document.Repairs): paragraphs cut mid-sentence (kind "reflow"),
// mojibake (kind "mojibake") and words hyphenated across line ends (kind
// "dehyphenate"). It reads Source only and runs before Normalize, which
// makes the applied repairs in Text so that detection reads repaired text.
// It is opt-in (Options.Repair, issue #8).
//
// Every repair is an ordinary Edit: Span and Old are bytes of Source,
// Rule and Kind name the detector, and Confidence is the logistic of the
// Score terms described under "Repair confidence" below. Repairs below
// ReportFloor are dropped; the others are reported and Applied when their
// confidence reaches MinConfidence.
//
// A nil error from Run means Document.Repairs is complete: sorted by
// Start, not overlapping, each with Old == Source[Start:End]. Run is safe
// for concurrent use on different documents.
type Repair struct {
	MinConfidence float64
	// Words counts lowercase words (hyphenated compounds as one word) in
	// clean English, as evidence for dehyphenation. Nil means the
	// document itself is the only evidence, unless the Repair was made by
	// NewRepair, which loads lexicon.DefaultNGrams on first use.
	Words WordCounts

	defaultWords bool // load lexicon.DefaultNGrams when Words is nil
	once         sync.Once
	words        WordCounts
	err          error
}

// WordCounts reports how often a lowercase word was seen in clean
// English; lexicon.NGrams implements it.
type WordCounts interface {
	Count(w string) int
}

// NewRepair returns a Repair stage that applies repairs whose confidence
// is at least minConfidence, with the embedded Brown-corpus word counts
// (lexicon.DefaultNGrams, parsed on first use) as dehyphenation evidence.
func NewRepair(minConfidence float64) *Repair {
	return &Repair{MinConfidence: minConfidence, defaultWords: true}
}

// Name implements Stage.
func (*Repair) Name() string { return "repair" }

func (r *Repair) init() {
	r.words = r.Words
	if r.words == nil && r.defaultWords {
		ng, err := lexicon.DefaultNGrams()
		if err != nil {
			r.err = err
			return
		}
		r.words = ng
	}
}

// Run implements Stage.
func (r *Repair) Run(_ context.Context, doc *Document) error {
	r.once.Do(r.init)
	if r.err != nil {
		return r.err
	}
	src := doc.Source
	found := findMojibake(src)
	found = append(found, findDehyphen(src, r.words)...)
	found = append(found, findReflow(src)...)
	doc.Repairs = settleRepairs(found, r.MinConfidence)
	return nil
}

// Repair confidence
//
// Like a candidate's (see score.go), a repair's confidence is the
// logistic of a sum of named terms, weight × feature, reported with the
// edit. The weights are set by hand, not fitted: the shared corpus has
// three damaged paragraphs and no mojibake. They are chosen so that the
// cases below land where the comments say, with the default threshold
// 0.85 in mind.
//
// Reflow: a blank line inside a sentence. A candidate exists only when
// the text before the break has no terminal punctuation, is not a heading,
// list item, quotation block, table or code, and there is some evidence of
// continuation (lower, comma or function below); everything else is a
// real paragraph break and is not even reported.
//
//	bias      1. A blank line is normally a paragraph break.
//	lower     1 when the next word is all lower case ("officials", "the"):
//	          edited prose never starts a paragraph that way.
//	comma     1 when the line ends with a comma, semicolon or dash: a
//	          paragraph cannot end there.
//	function  1 when the line ends with a function word ("and", "the",
//	          "of", "to"): a sentence cannot end there.
//	quote     1 when the line ends with a closing quotation mark (not after
//	          terminal punctuation, which is no candidate at all): a quote
//	          that stands alone as a paragraph is common.
//	short     1 when the paragraph before is a single line of at most
//	          shortBlockWords words: a salutation ("Dear colleagues,"), a
//	          caption or a sentence-case heading.
//
//	lower alone                2.5  → 0.92
//	lower + function           6.5  → 0.998
//	capital + comma/function   2.5  → 0.92
//	lower + quote              0.5  → 0.62 (reported, not applied)
//	short + lower              0.0  → 0.50 (reported, not applied)
//
// Mojibake: a run of characters that re-encodes (Windows-1252 or
// Latin-1) to valid UTF-8. Only runs that do are candidates.
//
//	valid      1. The run is made of Windows-1252 characters, its bytes are
//	           valid UTF-8 and contain a multi-byte sequence. Correct text
//	           rarely does this by chance: a lead byte (Â..ß, à..ô) must be
//	           followed by exactly the right number of continuation bytes
//	           (symbols and typographic punctuation), and by nothing else.
//	marker     1 when the run holds Â, Ã, â or ð (the lead bytes of
//	           Latin-1 symbols, Latin-1 letters, typographic punctuation
//	           and emoji: "Ã©", "â€™", "ðŸ˜€") or a C1 control character
//	           (Latin-1 decoding of bytes 80-9F). In correct text these
//	           letters are not followed by symbols, and C1 controls do not
//	           occur at all.
//	sequences  multi-byte sequences beyond the first, at most 3: each is
//	           another coincidence correct text would need ("ÐŸÑ€Ð¸").
//	layers     1 when the result decodes once more (double encoding,
//	           "Ã¢â‚¬â„¢" → "â€™" → "’"). That second step is taken when
//	           the first result, as a run of its own, has the marker or
//	           two sequences, or when such a run elsewhere shows the
//	           document to be double-encoded ("Ã…Â¡" → "Å¡" → "š").
//	document   1 when another run of the document has the marker: the
//	           whole text went through the wrong decoding, so a lone "Å¾"
//	           or "æ—¥" there is mojibake too (and correct accented text
//	           next to real mojibake is rare, as it would have been
//	           mangled as well).
//	glued      1 when the decoded text holds a letter of another script
//	           than Latin (Cyrillic, CJK...) and the run touches an ASCII
//	           letter: scripts do not mix inside a word, and mojibake of a
//	           Russian or Chinese word is the whole word. "café’”" is
//	           valid UTF-8 ("é’”" → "钔") but correct text.
//	odd        1 when the decoded text holds a character outside the
//	           scripts and symbols news text uses (IPA, NKo, C1 controls,
//	           combining accents of Hebrew...) or letters of two scripts
//	           ("Čњ"): "CAFÉ’S" is valid UTF-8 ("É’" → "ɒ") but it is
//	           correct text.
//
//	valid + marker ("â€™")            4.0 → 0.98
//	valid + 1 more sequence ("Ñ‚Ð°")  2.0 → 0.88
//	valid + document ("Å¾")           3.0 → 0.95
//	valid alone ("Å¾" → "ž")          1.0 → 0.73 (reported, not applied)
//	valid + glued ("café’”")         −3.0 → 0.05 (reported, not applied)
//	valid + odd ("CAFÉ’S")           −5.0 → 0.007 (dropped: below ReportFloor)
//
// Dehyphenation: "gov-\nernment". Two readings compete, the joined word
// ("government") and the compound without the line break ("well-known");
// the one written more often in the document, else in clean English
// (Words), is proposed; with no evidence for either, nothing is.
//
//	bias      1
//	document  1 when the proposed form occurs elsewhere in the document,
//	          unsplit: the author's own spelling.
//	freq      log10 (c(proposed)+1) / (c(other)+1) in Words, clipped to
//	          [−3, 3]; 0 without Words.
//	fragment  1 when joining and a half is not a word by itself in Words
//	          ("ernment"), so the hyphen cannot be a compound's.
//	keep      1 when keeping the hyphen: only the line break goes, so no
//	          letter can be lost.
//
//	"gov-\nernment" (498 vs 0)    −1 + 1.5·2.70 + 1   = 4.05 → 0.98
//	"well-\nknown" (19 vs 0)      −1 + 1.5·1.30 + 1.5 = 2.45 → 0.92
//	"co-\noperate" (11 vs 4)      −1 + 1.5·0.38       = −0.43 → 0.39
//	document only, joined         −1 + 3              = 2.0  → 0.88
const (
	reflowBias     = -1.5
	reflowLower    = 4.0
	reflowComma    = 4.0
	reflowFunction = 4.0
	reflowQuote    = -2.0
	reflowShort    = -2.5

	mojiValid     = 1.0
	mojiMarker    = 3.0
	mojiSequences = 1.0
	mojiLayers    = 1.0
	mojiDocument  = 2.0
	mojiGlued     = -4.0
	mojiOdd       = -6.0

	hyphBias     = -1.0
	hyphDocument = 3.0
	hyphFreq     = 1.5
	hyphFragment = 1.0
	hyphKeep     = 1.5
)

const (
	// shortBlockWords is the most words a one-line paragraph may have and
	// still count as short for reflow.
	shortBlockWords = 6
	// maxHeadingWords is the most words a heading-like line may have.
	maxHeadingWords = 12
	// maxMojiExtraSeqs caps the sequences feature.
	maxMojiExtraSeqs = 3
	// maxFreqRatio caps |freq| (log10 units).
	maxFreqRatio = 3.0
)

// feature is one raw feature of a repair and its weight.
type feature struct {
	name          string
	weight, value float64
}

// repairEdit builds an edit of Source bytes [start, end) with the given
// features (zero values are left out of Features and Score).
func repairEdit(src []byte, start, end int, repl, kind string, fs ...feature) Edit {
	e := Edit{Span: Span{start, end}, Old: string(src[start:end]), New: repl, Rule: kind, Kind: kind}
	for _, f := range fs {
		if f.value == 0 {
			continue
		}
		e.Features = append(e.Features, Term{f.name, f.value})
		if f.weight != 0 {
			e.Score = append(e.Score, Term{f.name, f.weight * f.value})
		}
	}
	e.Confidence = logistic(sum(e.Score))
	return e
}

// repairPriority orders the kinds where two repairs overlap: mojibake is
// decided on the bytes alone, so it wins.
func repairPriority(kind string) int {
	switch kind {
	case "mojibake":
		return 0
	case "dehyphenate":
		return 1
	}
	return 2
}

// settleRepairs drops repairs below ReportFloor, resolves overlaps by
// kind priority (then the earlier one), sorts by Start and sets Applied.
func settleRepairs(found []Edit, minConfidence float64) []Edit {
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].Start != found[j].Start {
			return found[i].Start < found[j].Start
		}
		return found[i].End < found[j].End
	})
	out := make([]Edit, 0, len(found))
	for _, e := range found {
		if e.Confidence < ReportFloor || e.Old == e.New {
			continue
		}
		keep := true
		for len(out) > 0 && out[len(out)-1].End > e.Start {
			if repairPriority(e.Kind) >= repairPriority(out[len(out)-1].Kind) {
				keep = false
				break
			}
			out = out[:len(out)-1]
		}
		if keep {
			e.Applied = e.Confidence >= minConfidence
			out = append(out, e)
		}
	}
	return out
}

// ---- mojibake ----

// cp1252High maps the bytes 80-9F to what Windows-1252 decodes them to;
// 0 marks the five bytes it leaves undefined (decoders pass them through
// as the C1 controls U+0081 ..., as Latin-1 does for all 32).
var cp1252High = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// cp1252Byte returns the byte that Windows-1252 (or, for 80-9F, Latin-1)
// decodes to r, for non-ASCII r.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xff {
		return byte(r), true
	}
	if r < 0x152 || r > 0x2122 {
		return 0, false
	}
	for i, c := range cp1252High {
		if c == r {
			return 0x80 + byte(i), true
		}
	}
	return 0, false
}

// encode1252 returns the Windows-1252 bytes of s, whose runes must all be
// non-ASCII and representable.
func encode1252(s string) ([]byte, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := cp1252Byte(r)
		if !ok || r < utf8.RuneSelf {
			return nil, false
		}
		b = append(b, c)
	}
	return b, true
}

// plausibleRune reports whether r belongs to the scripts and symbols
// that news text is written in, so that it can be the result of undoing
// mojibake.
func plausibleRune(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0x24f: // Latin-1 Supplement, Latin Extended-A and -B
	case r >= 0x2b0 && r <= 0x36f: // spacing modifiers, combining diacritics
	case r >= 0x370 && r <= 0x52f: // Greek, Cyrillic
	case r >= 0x5d0 && r <= 0x5ea: // Hebrew letters
	case r >= 0x600 && r <= 0x6ff: // Arabic
	case r >= 0x1e00 && r <= 0x1fff: // Latin Extended Additional, Greek Extended
	case r >= 0x2000 && r <= 0x2bff: // punctuation, currency, letterlike, arrows, symbols
	case r >= 0x3000 && r <= 0x9fff: // CJK punctuation, kana, CJK ideographs
	case r >= 0xac00 && r <= 0xd7a3: // Hangul
	case r >= 0xff00 && r <= 0xffef: // full-width forms
	case r == 0xfeff: // byte order mark ("ï»¿")
	case r >= 0x1f000 && r <= 0x1faff: // emoji
	default:
		return false
	}
	return true
}

// findMojibake finds maximal runs of non-ASCII runes that Windows-1252
// can encode, and proposes the UTF-8 decoding of the run's bytes (one or
// two layers) where the whole run decodes.
func findMojibake(src []byte) []Edit {
	var runs []mojiRun
	markers, double := 0, false
	start := -1 // start of the current run
	for i := 0; i <= len(src); {
		var r rune
		size := 1
		in := false
		if i < len(src) {
			r, size = utf8.DecodeRune(src[i:])
			if r >= utf8.RuneSelf && (r != utf8.RuneError || size > 1) {
				_, in = cp1252Byte(r)
			}
		}
		if in && start < 0 {
			start = i
		}
		if !in && start >= 0 {
			if m, ok := decodeMojibake(src, start, i); ok {
				runs = append(runs, m)
				if m.marker {
					markers++
				}
				double = double || m.sure2
			}
			start = -1
		}
		i += size
	}
	out := make([]Edit, 0, len(runs))
	for _, m := range runs {
		layers, text := 1, m.out1
		if m.out2 != "" && (m.sure2 || double) {
			layers, text = 2, m.out2
		}
		glued := false
		if foreignLetter(text) {
			before, _ := utf8.DecodeLastRune(src[:m.start])
			after, _ := utf8.DecodeRune(src[m.end:])
			glued = isASCIILetter(before) || isASCIILetter(after)
		}
		others := markers
		if m.marker {
			others--
		}
		out = append(out, repairEdit(src, m.start, m.end, text, "mojibake",
			feature{"valid", mojiValid, 1},
			feature{"marker", mojiMarker, b2f(m.marker)},
			feature{"sequences", mojiSequences, float64(min(m.seqs-1, maxMojiExtraSeqs))},
			feature{"layers", mojiLayers, float64(layers - 1)},
			feature{"document", mojiDocument, b2f(others > 0)},
			feature{"glued", mojiGlued, b2f(glued)},
			feature{"odd", mojiOdd, b2f(!plausible(text))},
		))
	}
	return out
}

// mojiRun is a run of Source bytes [start, end) whose Windows-1252 bytes
// are valid UTF-8.
type mojiRun struct {
	start, end int
	out1       string // the run decoded once
	out2       string // out1 decoded once more, "" if it does not decode
	sure2      bool   // out1 would itself be repaired: out2 is right
	marker     bool   // the run holds Â, Ã, â, ð or a C1 control
	seqs       int    // multi-byte sequences in out1
}

// decodeMojibake decodes the run src[start:end], if its bytes are valid
// UTF-8, and tries a second layer.
func decodeMojibake(src []byte, start, end int) (mojiRun, bool) {
	run := string(src[start:end])
	b, _ := encode1252(run)
	if !utf8.Valid(b) || string(b) == run {
		return mojiRun{}, false
	}
	m := mojiRun{start: start, end: end, out1: string(b), marker: hasMojiMarker(run)}
	m.seqs = utf8.RuneCount(b) // every rune of b is multi-byte: b has no ASCII
	if b2, ok := encode1252(m.out1); ok && utf8.Valid(b2) && string(b2) != m.out1 && plausible(string(b2)) {
		m.out2 = string(b2)
		// Sure when out1, as a run of its own, has the marker or two
		// sequences. Otherwise only if the document is double-encoded
		// elsewhere: "Ã©â€œÂ£" is "é“£", which decodes once more ("铣")
		// but is correct, while "Ã…Â¡" is "Å¡", which is "š".
		m.sure2 = hasMojiMarker(m.out1) || utf8.RuneCount(b2) >= 2
	}
	return m, true
}

// hasMojiMarker reports whether s holds Â, Ã, â, ð or a C1 control (see
// the marker feature).
func hasMojiMarker(s string) bool {
	for _, r := range s {
		if r == 'Â' || r == 'Ã' || r == 'â' || r == 'ð' || (r >= 0x80 && r <= 0x9f) {
			return true
		}
	}
	return false
}

// foreignLetter reports whether s holds a letter of a script other than
// Latin (Cyrillic, Greek, CJK, ...).
func foreignLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

func isASCIILetter(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// plausible reports whether s can be the result of undoing mojibake:
// every rune is plausible, and its letters are of one script (with
// Chinese characters and kana counting as one).
func plausible(s string) bool {
	var script *unicode.RangeTable
	for _, r := range s {
		if !plausibleRune(r) {
			return false
		}
		if !unicode.IsLetter(r) {
			continue
		}
		sc := letterScript(r)
		if script != nil && sc != script {
			return false
		}
		script = sc
	}
	return true
}

// letterScripts are the scripts plausibleRune admits letters of.
var letterScripts = []*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Hebrew, unicode.Arabic, unicode.Hangul}

// letterScript returns the script of the letter r; Han, Hiragana,
// Katakana and anything else share unicode.Han.
func letterScript(r rune) *unicode.RangeTable {
	for _, t := range letterScripts {
		if unicode.Is(t, r) {
			return t
		}
	}
	return unicode.Han
}

// ---- dehyphenation ----

// findDehyphen finds words split by a hyphen at a line end and proposes
// the joined word or the compound, whichever has evidence.
func findDehyphen(src []byte, words WordCounts) []Edit {
	var out []Edit
	var docWords map[string]int // built on first need
	last := 0                   // end of the previous proposal
	for off := 0; ; {
		k := bytes.IndexByte(src[off:], '-')
		if k < 0 {
			break
		}
		h := off + k // the hyphen
		off = h + 1
		rs, ok := afterLineBreak(src, h+1) // first, as it is cheap
		if !ok {
			continue
		}
		ls, ok := chainStart(src, h)
		if !ok || ls < last {
			continue
		}
		re, ok := chainEnd(src, rs)
		if !ok {
			continue
		}
		left, right := string(src[ls:h]), string(src[rs:re])
		if docWords == nil {
			docWords = countDocWords(src)
		}
		e, ok := dehyphenEdit(src, ls, re, left, right, docWords, words)
		if ok {
			out = append(out, e)
			last = re
		}
	}
	return out
}

// chainStart returns where the word (letters, with single hyphens between
// letters) that ends just before the hyphen at h starts. The word must
// follow a space, an opening bracket or quote, or the start of the text.
func chainStart(src []byte, h int) (int, bool) {
	i := h
	for i > 0 {
		r, size := utf8.DecodeLastRune(src[:i])
		if unicode.IsLetter(r) {
			i -= size
			continue
		}
		if r == '-' && i < h && i-size > 0 {
			if p, _ := utf8.DecodeLastRune(src[:i-size]); unicode.IsLetter(p) {
				i -= size
				continue
			}
		}
		break
	}
	if i == h {
		return 0, false
	}
	if i > 0 {
		r, _ := utf8.DecodeLastRune(src[:i])
		if !unicode.IsSpace(r) && !strings.ContainsRune(`(["'‘“«—–`, r) {
			return 0, false
		}
	}
	return i, true
}

// afterLineBreak returns the start of the word after "[ \t]*\r?\n[ \t]*"
// at i, or false if there is no single line break there.
func afterLineBreak(src []byte, i int) (int, bool) {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i < len(src) && src[i] == '\r' {
		i++
	}
	if i >= len(src) || src[i] != '\n' {
		return 0, false
	}
	i++
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i, true
}

// chainEnd returns the end of the word (letters, single hyphens between
// letters) at i. The word must not run on into digits or word-like
// symbols.
func chainEnd(src []byte, i int) (int, bool) {
	start := i
	for i < len(src) {
		r, size := utf8.DecodeRune(src[i:])
		if unicode.IsLetter(r) {
			i += size
			continue
		}
		if r == '-' && i > start && i+1 < len(src) {
			if n, _ := utf8.DecodeRune(src[i+1:]); unicode.IsLetter(n) {
				i++
				continue
			}
		}
		break
	}
	if i == start {
		return 0, false
	}
	if i < len(src) {
		r, _ := utf8.DecodeRune(src[i:])
		if unicode.IsDigit(r) || r == '_' || r == '@' || r == '/' {
			return 0, false
		}
	}
	return i, true
}

// countDocWords counts the lowercase words of src: every chain of letters
// joined by single hyphens ("well-known"), and each part of a chain.
func countDocWords(src []byte) map[string]int {
	m := map[string]int{}
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		end, ok := chainEnd(src, i)
		if !ok {
			// a word run on into digits or symbols: skip past its letters
			end = i
			for end < len(src) {
				r, size := utf8.DecodeRune(src[end:])
				if !unicode.IsLetter(r) && r != '-' {
					break
				}
				end += size
			}
			i = end
			continue
		}
		w := strings.ToLower(string(src[i:end]))
		m[w]++
		if strings.IndexByte(w, '-') >= 0 {
			for _, p := range strings.Split(w, "-") {
				m[p]++
			}
		}
		i = end
	}
	return m
}

// dehyphenEdit chooses between joining left+right and keeping the
// compound left-right, for the split word src[start:end].
func dehyphenEdit(src []byte, start, end int, left, right string, doc map[string]int, words WordCounts) (Edit, bool) {
	joined, compound := left+right, left+"-"+right
	lj, lc := strings.ToLower(joined), strings.ToLower(compound)
	lr, _ := utf8.DecodeLastRuneInString(left)
	rr, _ := utf8.DecodeRuneInString(right)
	canJoin := !(unicode.IsLower(lr) && unicode.IsUpper(rr)) // "anti-\nAmerican"
	dJ, dC := doc[lj], doc[lc]
	var cJ, cC int
	if words != nil {
		cJ, cC = words.Count(lj), words.Count(lc)
	}
	if !canJoin {
		dJ, cJ = 0, 0
	}
	var join bool
	switch {
	case dJ != dC:
		join = dJ > dC
	case cJ != cC:
		join = cJ > cC
	default:
		return Edit{}, false // no evidence either way
	}
	repl, present, chosen, other := compound, dC, cC, cJ
	if join {
		repl, present, chosen, other = joined, dJ, cJ, cC
	}
	var fDoc, fFreq, fFragment, fKeep float64
	if present > 0 {
		fDoc = 1
	}
	if words != nil {
		fFreq = math.Log10(float64(chosen+1) / float64(other+1))
		fFreq = math.Max(-maxFreqRatio, math.Min(maxFreqRatio, fFreq))
		lp := left[strings.LastIndexByte(left, '-')+1:]
		rp := right
		if i := strings.IndexByte(right, '-'); i >= 0 {
			rp = right[:i]
		}
		if join && (words.Count(strings.ToLower(lp)) == 0 || words.Count(strings.ToLower(rp)) == 0) {
			fFragment = 1
		}
	}
	if !join {
		fKeep = 1
	}
	return repairEdit(src, start, end, repl, "dehyphenate",
		feature{"bias", hyphBias, 1},
		feature{"document", hyphDocument, fDoc},
		feature{"freq", hyphFreq, fFreq},
		feature{"fragment", hyphFragment, fFragment},
		feature{"keep", hyphKeep, fKeep},
	), true
}

// ---- reflow ----

// functionWords are words a sentence cannot end with.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "to": true, "in": true, "on": true, "at": true, "for": true, "with": true,
	"by": true, "from": true, "into": true, "onto": true, "than": true, "that": true,
	"which": true, "who": true, "whose": true, "whom": true, "as": true, "its": true,
	"their": true, "his": true, "her": true, "our": true, "my": true, "your": true,
	"this": true, "these": true, "those": true, "is": true, "are": true, "was": true,
	"were": true, "be": true, "been": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "can": true, "could": true, "should": true, "may": true,
	"might": true, "must": true, "not": true, "if": true, "because": true, "while": true,
	"when": true, "where": true, "about": true, "between": true, "against": true,
	"under": true, "over": true, "after": true, "before": true, "during": true, "including": true,
}

// titleSmallWords may be lower case in a Title Case heading.
var titleSmallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true,
	"of": true, "in": true, "on": true, "at": true, "to": true, "for": true, "by": true,
	"with": true, "from": true, "as": true, "vs": true, "via": true, "per": true,
}

// findReflow finds paragraph breaks (whitespace holding two or more line
// breaks) inside a sentence and proposes a single space instead.
func findReflow(src []byte) []Edit {
	var out []Edit
	for i := 0; i < len(src); {
		if !isBreakSpace(src[i]) {
			i++
			continue
		}
		ws := i
		nl := 0
		for i < len(src) && isBreakSpace(src[i]) {
			if src[i] == '\n' {
				nl++
			}
			i++
		}
		if nl < 2 || ws == 0 || i == len(src) {
			continue
		}
		if e, ok := reflowEdit(src, ws, i); ok {
			out = append(out, e)
		}
	}
	return out
}

func isBreakSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// reflowEdit decides on the paragraph break src[ws:we].
func reflowEdit(src []byte, ws, we int) (Edit, bool) {
	// The line before, the paragraph it ends, and the line after.
	ls := bytes.LastIndexByte(src[:ws], '\n') + 1
	prev := string(src[ls:ws])
	blockStart, single := ls, true
	for blockStart > 0 {
		ps := bytes.LastIndexByte(src[:blockStart-1], '\n') + 1
		if len(bytes.TrimSpace(src[ps:blockStart])) == 0 {
			break
		}
		blockStart, single = ps, false
	}
	first := prev // the paragraph's first line
	if !single {
		first = string(src[blockStart : blockStart+bytes.IndexByte(src[blockStart:], '\n')])
	}
	ne := bytes.IndexByte(src[we:], '\n')
	if ne < 0 {
		ne = len(src) - we
	}
	next := string(src[we : we+ne])
	indent := src[bytes.LastIndexByte(src[:we], '\n')+1 : we]
	if bytes.IndexByte(indent, '\t') >= 0 || len(indent) >= 4 {
		return Edit{}, false // an indented code block
	}
	if blockMarkup(prev) || blockMarkup(first) || blockMarkup(next) {
		return Edit{}, false
	}
	if single && headingLike(prev) {
		return Edit{}, false
	}

	// How the line before ends.
	var comma, function, quote float64
	end := strings.TrimRight(prev, " \t*_")
	r, size := utf8.DecodeLastRuneInString(end)
	switch {
	case size == 0:
		return Edit{}, false
	case strings.ContainsRune(".!?:…", r):
		return Edit{}, false // terminal punctuation
	case strings.ContainsRune(`”"’'»)]`, r):
		inner := strings.TrimRight(end, `”"’'»)]`)
		p, psize := utf8.DecodeLastRuneInString(inner)
		if psize == 0 || strings.ContainsRune(".!?:…", p) {
			return Edit{}, false // "... he said.”" ends a paragraph
		}
		possessive := (r == '’' || r == '\'') && len(inner) == len(end)-size && (p == 's' || p == 'S') // "the students’"
		if !possessive && r != ')' && r != ']' {
			quote = 1
		}
	case r == ',' || r == ';' || r == '—' || r == '–':
		comma = 1
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		w := end[lastWordStart(end):]
		if functionWords[strings.ToLower(w)] {
			function = 1
		}
	default:
		return Edit{}, false
	}

	// How the line after starts.
	word := strings.TrimLeft(next, `“"‘'«([`)
	fr, _ := utf8.DecodeRuneInString(word)
	if !unicode.IsLetter(fr) && !unicode.IsDigit(fr) {
		return Edit{}, false
	}
	var lower float64
	if unicode.IsLower(fr) && !hasUpper(word[:wordEnd(word)]) {
		lower = 1
	}
	if lower == 0 && comma == 0 && function == 0 {
		return Edit{}, false // no sign of a continuation
	}
	var short float64
	if single && len(strings.Fields(prev)) <= shortBlockWords {
		short = 1
	}
	return repairEdit(src, ws, we, " ", "reflow",
		feature{"bias", reflowBias, 1},
		feature{"lower", reflowLower, lower},
		feature{"comma", reflowComma, comma},
		feature{"function", reflowFunction, function},
		feature{"quote", reflowQuote, quote},
		feature{"short", reflowShort, short},
	), true
}

// blockMarkup reports whether a line is Markdown structure that a
// paragraph break around it belongs to: a heading, quotation block,
// table, code fence, list item, image, rule, or a line wholly in bold.
func blockMarkup(line string) bool {
	s := strings.TrimLeft(line, " \t")
	if s == "" {
		return false
	}
	switch s[0] {
	case '#', '>', '|', '`', '~', '=', '!':
		return true
	case '-', '*', '+', '_':
		// list item, rule, or emphasis of the whole line
		return true
	}
	if strings.HasPrefix(s, "•") {
		return true
	}
	// numbered list item: "1. ", "12) ", "(a) ", "a) "
	i := 0
	if s[0] == '(' {
		i = 1
	}
	j := i
	for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i && j < len(s) && s[j] >= 'a' && s[j] <= 'z' {
		j++ // one letter: "a) "
		if j+1 < len(s) && s[j] == ')' && s[j+1] == ' ' {
			return true
		}
		return false
	}
	return j > i && j+1 < len(s) && (s[j] == '.' || s[j] == ')') && s[j+1] == ' '
}

// headingLike reports whether a one-line paragraph reads as a heading, a
// byline or a dateline: short, and no word in lower case except the small
// words of Title Case ("Director of the Office", "7 April 2024").
func headingLike(line string) bool {
	fields := strings.Fields(line)
	if len(fields) > maxHeadingWords {
		return false
	}
	for _, f := range fields {
		f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsLower(r) && !titleSmallWords[strings.ToLower(f)] {
			return false
		}
	}
	return true
}

// lastWordStart returns where the letters and digits at the end of s
// start.
func lastWordStart(s string) int {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i -= size
	}
	return i
}

// wordEnd returns where the letters and digits at the start of s end.
func wordEnd(s string) int {
	for i, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return i
		}
	}
	return len(s)
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
