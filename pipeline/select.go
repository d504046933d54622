package pipeline

import (
	"context"
	"strings"
)

// Select turns the best candidate of each phrase into an Edit in Source
// coordinates, decides which edits apply, and restores a/an agreement that
// a replacement changes ("an extended historical past" → "a long
// history").
type Select struct {
	MinConfidence float64
}

// Name implements Stage.
func (*Select) Name() string { return "select" }

// Run implements Stage.
func (s *Select) Run(_ context.Context, doc *Document) error {
	doc.Edits = doc.Edits[:0]
	cands := doc.Cands
	for i := 0; i < len(cands); {
		// Candidates of one phrase are adjacent (Detect emits them
		// together); take the most confident, the first on ties.
		best := i
		j := i + 1
		for ; j < len(cands) && cands[j].Tok == cands[i].Tok; j++ {
			if cands[j].Conf > cands[best].Conf {
				best = j
			}
		}
		doc.Edits = append(doc.Edits, s.edit(doc, &cands[best]))
		i = j
	}
	return nil
}

func (s *Select) edit(doc *Document, c *Candidate) Edit {
	span := doc.Map.Source(c.At)
	old := string(doc.Source[span.Start:span.End])
	e := c.Entry
	repl := matchCase(old, e.Original, e.HasCapitals())
	if strings.Contains(old, "\u2019") {
		repl = strings.ReplaceAll(repl, "'", "\u2019")
	}
	ed := Edit{
		Span:       span,
		Old:        old,
		New:        repl,
		Rule:       e.ID,
		Kind:       string(e.Kind),
		Confidence: c.Conf,
		Score:      c.Score,
		Applied:    c.Conf >= s.MinConfidence,
	}
	s.fixArticle(doc, c, &ed)
	return ed
}

// fixArticle widens ed to take in a preceding "a"/"an" when the
// replacement needs the other article and the spun text agreed with the
// one it has.
func (s *Select) fixArticle(doc *Document, c *Candidate, ed *Edit) {
	i := c.Tok[0]
	if i == 0 || !doc.Tokens[i].Joined {
		return
	}
	art := doc.Tokens[i-1]
	if !art.Word || (art.Norm != "a" && art.Norm != "an") {
		return
	}
	hasAn := art.Norm == "an"
	if wantsAn(firstWord(ed.Old)) != hasAn || wantsAn(firstWord(ed.New)) == hasAn {
		return
	}
	as := doc.Map.Source(art.At)
	if n := len(doc.Edits); n > 0 && doc.Edits[n-1].End > as.Start {
		return
	}
	oldArt := string(doc.Source[as.Start:as.End])
	newArt := "a"
	if !hasAn {
		newArt = "an"
	}
	newArt = matchCase(oldArt, newArt, false)
	ed.New = newArt + string(doc.Source[as.End:ed.Start]) + ed.New
	ed.Start = as.Start
	ed.Old = string(doc.Source[ed.Start:ed.End])
	ed.Note = "a/an agreement"
}
