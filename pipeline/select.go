package pipeline

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// ReportFloor is the confidence below which a chosen candidate is not
// reported at all: one word in three of an article can match some
// lexicon entry, and a candidate at 0.001 tells a reviewer nothing.
const ReportFloor = 0.01

// Select chooses among overlapping candidates, turns the chosen ones into
// Edits in Source coordinates, decides which edits apply, and restores
// a/an agreement that a replacement changes ("an extended historical
// past" → "a long history").
//
// Choice is best first, each candidate kept unless it overlaps one
// already kept: first the candidates that apply (confidence at least
// MinConfidence), longer first, so that "client worth index" is restored
// whole rather than as "client price index"; then the others. Ties go to
// the higher confidence, then to the longer, then to the earlier.
type Select struct {
	MinConfidence float64
}

// Name implements Stage.
func (*Select) Name() string { return "select" }

// Run implements Stage.
func (s *Select) Run(_ context.Context, doc *Document) error {
	doc.Edits = doc.Edits[:0]
	order := make([]int, len(doc.Cands))
	for i := range order {
		order[i] = i
	}
	cands := doc.Cands
	sort.SliceStable(order, func(a, b int) bool {
		ca, cb := &cands[order[a]], &cands[order[b]]
		if aa, ab := ca.Conf >= s.MinConfidence, cb.Conf >= s.MinConfidence; aa != ab {
			return aa
		} else if aa {
			if la, lb := ca.Tok[1]-ca.Tok[0], cb.Tok[1]-cb.Tok[0]; la != lb {
				return la > lb
			}
		}
		if ca.Conf != cb.Conf {
			return ca.Conf > cb.Conf
		}
		if la, lb := ca.Tok[1]-ca.Tok[0], cb.Tok[1]-cb.Tok[0]; la != lb {
			return la > lb
		}
		return ca.Tok[0] < cb.Tok[0]
	})
	taken := make([]bool, len(doc.Tokens))
	var chosen []int
	for _, k := range order {
		c := &cands[k]
		free := true
		for t := c.Tok[0]; t < c.Tok[1]; t++ {
			if taken[t] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for t := c.Tok[0]; t < c.Tok[1]; t++ {
			taken[t] = true
		}
		chosen = append(chosen, k)
	}
	sort.Ints(chosen) // candidates are in token order
	for _, k := range chosen {
		if cands[k].Conf < ReportFloor && cands[k].Protected == "" {
			continue
		}
		doc.Edits = append(doc.Edits, s.edit(doc, &cands[k]))
	}
	if len(doc.Repairs) > 0 {
		doc.Edits = mergeRepairs(doc.Edits, doc.Repairs)
	}
	return nil
}

// mergeRepairs adds the repair edits to the lexicon edits. Where the two
// overlap, an applied lexicon edit that contains the whole repair wins
// (its replacement was read from the repaired text, so it restores both);
// otherwise the repair wins and the lexicon edit is dropped.
func mergeRepairs(edits, repairs []Edit) []Edit {
	out := make([]Edit, 0, len(edits)+len(repairs))
	keepRepair := make([]bool, len(repairs))
	for i := range keepRepair {
		keepRepair[i] = true
	}
	for _, e := range edits {
		keep := true
		for k, r := range repairs {
			if r.End <= e.Start || r.Start >= e.End {
				continue
			}
			if e.Applied && r.Applied && e.Start <= r.Start && r.End <= e.End {
				keepRepair[k] = false
				continue
			}
			keep = false
		}
		if keep {
			out = append(out, e)
		}
	}
	for k, r := range repairs {
		if keepRepair[k] {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
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
		Features:   c.Features,
		Applied:    c.Conf >= s.MinConfidence,
	}
	if c.Protected != "" {
		ed.Applied = false
		ed.Note = "protected: inside the name " + c.Protected
		if strings.HasPrefix(c.Protected, "person ") || strings.HasPrefix(c.Protected, "quoted title ") {
			ed.Note = "protected: inside the " + c.Protected
		}
	}
	if c.Cost > 0 && c.Protected == "" {
		ed.Note = fmt.Sprintf("gazetteer name, match cost %.2f", c.Cost)
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
	if ed.Note != "" {
		ed.Note += "; "
	}
	ed.Note += "a/an agreement"
}
