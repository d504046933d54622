package eval

import (
	"bytes"
	"context"
	"strings"

	"github.com/unspin/unspin/lexicon/align"
	"github.com/unspin/unspin/pipeline"
)

// Judged is one reported edit and whether it was right.
type Judged struct {
	Span       pipeline.Span // byte offsets into the spun text
	Line       int           // 1-based line of Span.Start in the spun text
	Rule       string
	Kind       string
	Old, New   string
	Confidence float64
	Applied    bool
	Correct    bool
	Breaks     int // words already right that the edit changes (counted as broken when applied)
	Features   []pipeline.Term
}

// PairResult is the score of one restored pair.
type PairResult struct {
	ID, Group, Family string
	Words             int // words of the spun region
	Before, After     int // word edit distances to the original
	Broken            int // right words changed by applied edits
	NamesBefore       int // word errors in gaps whose original has a capitalised word
	NamesAfter        int // the same after restoration
	Missed            []string
	Edits             []Judged
	Spin              float64
	SpinFeatures      []pipeline.Term
}

// ScorePair restores pair.Spun with p and scores it against the original.
func ScorePair(ctx context.Context, p *pipeline.Pipeline, pair Pair) (PairResult, error) {
	doc, err := p.Process(ctx, pair.ID, "", pair.Spun)
	if err != nil {
		return PairResult{}, err
	}
	res := PairResult{ID: pair.ID, Group: pair.Group, Family: pair.Family, Spin: doc.Spin, SpinFeatures: doc.SpinFeatures}
	a := align.Words(string(pair.Spun))
	b := align.Words(string(pair.Original))
	al := align.Align(a, b)
	if al.Hi <= al.Lo {
		return res, nil
	}
	res.Words = al.Hi - al.Lo
	orig := align.Texts(b[al.BLo:al.BHi])
	res.Before = align.Distance(align.Texts(a[al.Lo:al.Hi]), orig)

	// Restored region: the spun region's bytes shifted by applied edits,
	// widened to take in edits that straddle its edges.
	rs, re := a[al.Lo].Start, a[al.Hi-1].End
	for _, e := range doc.Edits {
		if e.Applied && e.Start < rs && e.End > rs {
			rs = e.Start
		}
		if e.Applied && e.Start < re && e.End > re {
			re = e.End
		}
	}
	shiftBefore, shiftIn := 0, 0
	for _, e := range doc.Edits {
		switch {
		case !e.Applied:
		case e.End <= rs:
			shiftBefore += len(e.New) - e.Len()
		case e.Start < re:
			shiftIn += len(e.New) - e.Len()
		}
	}
	rStart, rEnd := rs+shiftBefore, re+shiftBefore+shiftIn
	restored := align.Words(string(doc.Cleaned[rStart:rEnd]))
	res.After = align.Distance(align.Texts(restored), orig)
	res.NamesBefore = nameErrors(a[al.Lo:al.Hi], b[al.BLo:al.BHi])
	res.NamesAfter = nameErrors(restored, b[al.BLo:al.BHi])

	// word index of each spun byte offset
	for _, e := range doc.Edits {
		i, j := wordRange(a, e.Span)
		if i < al.Lo || j > al.Hi || i >= j {
			continue
		}
		jd := Judged{
			Span: e.Span, Line: 1 + bytes.Count(pair.Spun[:e.Start], []byte{'\n'}), Rule: e.Rule, Kind: e.Kind, Old: e.Old, New: e.New,
			Confidence: e.Confidence, Applied: e.Applied,
			Correct: correct(al, i, j, e.New), Breaks: broken(al, i, j, e.New), Features: e.Features,
		}
		res.Edits = append(res.Edits, jd)
		if e.Applied {
			res.Broken += jd.Breaks
		}
	}
	res.Missed = missed(al, doc)
	return res, nil
}

// wordRange returns the words [i, j) of ws that overlap span.
func wordRange(ws []align.Word, s pipeline.Span) (int, int) {
	i := 0
	for i < len(ws) && ws[i].End <= s.Start {
		i++
	}
	j := i
	for j < len(ws) && ws[j].Start < s.End {
		j++
	}
	return i, j
}

// neighbours returns the nearest matched words around [i, j) as the
// local window A[a0:a1] and its original B[b0:b1].
func neighbours(al *align.Alignment, i, j int) (a0, a1, b0, b1 int) {
	a0, b0 = al.Lo, al.BLo
	for k := i - 1; k >= al.Lo; k-- {
		if al.Match[k] >= 0 {
			a0, b0 = k+1, al.Match[k]+1
			break
		}
	}
	a1, b1 = al.Hi, al.BHi
	for k := j; k < al.Hi; k++ {
		if al.Match[k] >= 0 {
			a1, b1 = k, al.Match[k]
			break
		}
	}
	return
}

// correct reports whether replacing words [i, j) by repl brings the
// local window closer to the original.
func correct(al *align.Alignment, i, j int, repl string) bool {
	a0, a1, b0, b1 := neighbours(al, i, j)
	target := align.Texts(al.B[b0:b1])
	before := align.Texts(al.A[a0:a1])
	after := append(append(align.Texts(al.A[a0:i]), align.Texts(align.Words(repl))...), align.Texts(al.A[j:a1])...)
	return align.Distance(after, target) < align.Distance(before, target)
}

// broken counts matched (already right) words in [i, j) that repl does
// not keep.
func broken(al *align.Alignment, i, j int, repl string) int {
	keep := map[string]int{}
	for _, w := range align.Words(repl) {
		keep[w.Text]++
	}
	n := 0
	for k := i; k < j; k++ {
		if al.Match[k] < 0 {
			continue
		}
		if keep[al.A[k].Text] > 0 {
			keep[al.A[k].Text]--
			continue
		}
		n++
	}
	return n
}

// missed lists the gaps no applied edit touched, as "spun => original",
// for error analysis.
func missed(al *align.Alignment, doc *pipeline.Document) []string {
	var out []string
	for _, p := range al.Pairs() {
		s, e := al.A[p.A0].Start, al.A[p.A1-1].End
		touched := false
		for _, ed := range doc.Edits {
			if ed.Applied && ed.Start < e && ed.End > s {
				touched = true
				break
			}
		}
		if !touched {
			out = append(out, strings.Join(align.Texts(al.A[p.A0:p.A1]), " ")+" => "+strings.Join(align.Texts(al.B[p.B0:p.B1]), " "))
		}
	}
	return out
}

// CleanResult is the score of one clean article.
type CleanResult struct {
	ID           string
	Words        int
	Changed      int // words in the old text of applied edits
	Identical    bool
	Spin         float64
	Edits        []string // "old => new (rule)" of applied edits
	SpinFeatures []pipeline.Term
	Features     [][]pipeline.Term // features of every reported edit (all wrong in clean text)
}

// ScoreClean restores a clean article, which should come out unchanged.
func ScoreClean(ctx context.Context, p *pipeline.Pipeline, art Article) (CleanResult, error) {
	doc, err := p.Process(ctx, art.ID, "", art.Text)
	if err != nil {
		return CleanResult{}, err
	}
	r := CleanResult{ID: art.ID, Words: doc.Words, Identical: string(doc.Cleaned) == string(art.Text), Spin: doc.Spin, SpinFeatures: doc.SpinFeatures}
	for _, e := range doc.Edits {
		r.Features = append(r.Features, e.Features)
		if e.Applied {
			r.Changed += max(1, len(align.Words(e.Old)))
			r.Edits = append(r.Edits, e.Old+" => "+e.New+" ("+e.Rule+")")
		}
	}
	return r, nil
}

// SpunFrame is a paragraph of unmistakable spinner output ("imaginative
// and prescient", "Chilly Struggle") that ScoreFramed puts before a clean
// article, so that the article is scored as text inside a spun one:
// there the article's spin is near 1 and every rule is live, which is
// where a spinner's ordinary words ("house", "present", "legal") break
// text the spinner left alone.
const SpunFrame = "Consultants say the imaginative and prescient of the legal guidelines has an extended historical past. " +
	"The Worldwide Court docket of Justice heard the Chilly Struggle case, in line with a information launch.\n\n"

// ScoreFramed scores a clean article inside SpunFrame: the words it has
// and the words of it that applied edits change (the frame's own edits
// are not counted).
func ScoreFramed(ctx context.Context, p *pipeline.Pipeline, art Article) (CleanResult, error) {
	text := append([]byte(SpunFrame), art.Text...)
	doc, err := p.Process(ctx, art.ID, "", text)
	if err != nil {
		return CleanResult{}, err
	}
	r := CleanResult{ID: art.ID, Words: len(align.Words(string(art.Text))), Spin: doc.Spin, Identical: true}
	for _, e := range doc.Edits {
		if e.Applied && e.End > len(SpunFrame) {
			r.Identical = false
			r.Changed += max(1, len(align.Words(e.Old)))
			r.Edits = append(r.Edits, e.Old+" => "+e.New+" ("+e.Rule+")")
		}
	}
	return r, nil
}

// nameErrors counts the word errors in the gaps between x and the
// original y whose original side holds a capitalised word that does not
// start a sentence: errors inside names.
func nameErrors(x, y []align.Word) int {
	al := align.Align(x, y)
	al.Lo, al.Hi, al.BLo, al.BHi = 0, len(x), 0, len(y) // score the whole region
	n := 0
	for _, g := range al.Gaps() {
		named := false
		for k := g.B0; k < g.B1; k++ {
			if k > 0 && isCapitalised(y[k].Text) {
				named = true
			}
		}
		if named {
			n += max(g.A1-g.A0, g.B1-g.B0)
		}
	}
	return n
}

func isCapitalised(w string) bool {
	for _, r := range w {
		return r >= 'A' && r <= 'Z'
	}
	return false
}
