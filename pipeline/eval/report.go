package eval

import (
	"fmt"
	"io"
	"math"
	"sort"
)

// Report collects the results of one evaluation.
type Report struct {
	Pairs    []PairResult  `json:"-"`
	Clean    []CleanResult `json:"-"`
	SpunOnly []CleanResult `json:"-"`
	// Framed are the clean articles scored inside eval.SpunFrame: clean
	// text in a spun article, where every rule is live.
	Framed []CleanResult `json:"-"`
	// Paragraphs are spin samples of single lines, for fitting the spin
	// model on texts of every length.
	Paragraphs []Sample `json:"-"`
}

// Summary aggregates pair results.
type Summary struct {
	Name          string  `json:"name"`
	Pairs         int     `json:"pairs"`
	Words         int     `json:"words"`
	Before        int     `json:"before"`
	After         int     `json:"after"`
	Reduction     float64 `json:"reduction"`
	Broken        int     `json:"broken"`
	BrokenPer1000 float64 `json:"broken_per_1000"`
	Edits         int     `json:"edits_applied"`
	NamesBefore   int     `json:"name_errors_before"`
	NamesAfter    int     `json:"name_errors_after"`
	Correct       int     `json:"edits_applied_correct"`
}

// Bucket is one confidence bucket of the calibration table.
type Bucket struct {
	Lo, Hi   float64 `json:"-"`
	Range    string  `json:"range"`
	N        int     `json:"n"`
	MeanConf float64 `json:"mean_confidence"`
	Correct  float64 `json:"share_correct"`
}

// CleanSummary aggregates clean-article results.
type CleanSummary struct {
	Articles       int     `json:"articles"`
	Words          int     `json:"words"`
	Changed        int     `json:"changed_words"`
	ChangedPer1000 float64 `json:"changed_per_1000"`
	Identical      int     `json:"identical"`
	IdenticalShare float64 `json:"identical_share"`
	MaxSpin        float64 `json:"max_spin"`
}

// Families whose output is restorable word by word; T (round-trip
// translation) and L (light rewrite) reorder sentences and are reported
// apart.
var wordSpinners = map[string]bool{"W": true, "P": true, "?": true}

// Summarize aggregates the pairs that keep returns true for.
func (r *Report) Summarize(name string, keep func(PairResult) bool) Summary {
	s := Summary{Name: name}
	for _, p := range r.Pairs {
		if !keep(p) {
			continue
		}
		s.Pairs++
		s.Words += p.Words
		s.Before += p.Before
		s.After += p.After
		s.Broken += p.Broken
		s.NamesBefore += p.NamesBefore
		s.NamesAfter += p.NamesAfter
		for _, e := range p.Edits {
			if e.Applied {
				s.Edits++
				if e.Correct {
					s.Correct++
				}
			}
		}
	}
	if s.Before > 0 {
		s.Reduction = 1 - float64(s.After)/float64(s.Before)
	}
	if s.Words > 0 {
		s.BrokenPer1000 = 1000 * float64(s.Broken) / float64(s.Words)
	}
	return s
}

// Headline is the summary over word spinners (families W, P, unknown).
func (r *Report) Headline() Summary {
	return r.Summarize("word spinners (W,P)", func(p PairResult) bool { return wordSpinners[p.Family] })
}

// ByFamily returns one summary per family, sorted by name.
func (r *Report) ByFamily() []Summary {
	fams := map[string]bool{}
	for _, p := range r.Pairs {
		fams[p.Family] = true
	}
	names := make([]string, 0, len(fams))
	for f := range fams {
		names = append(names, f)
	}
	sort.Strings(names)
	out := make([]Summary, 0, len(names))
	for _, f := range names {
		out = append(out, r.Summarize(f, func(p PairResult) bool { return p.Family == f }))
	}
	return out
}

// Calibration buckets every judged edit of the word-spinner pairs by
// confidence (tenths) and returns the buckets and the expected
// calibration error.
func (r *Report) Calibration() ([]Bucket, float64) {
	bs := make([]Bucket, 10)
	sumConf := make([]float64, 10)
	correct := make([]int, 10)
	total := 0
	for i := range bs {
		bs[i].Lo, bs[i].Hi = float64(i)/10, float64(i+1)/10
		bs[i].Range = fmt.Sprintf("%.1f-%.1f", bs[i].Lo, bs[i].Hi)
	}
	for _, p := range r.Pairs {
		if !wordSpinners[p.Family] {
			continue
		}
		for _, e := range p.Edits {
			k := min(int(e.Confidence*10), 9)
			bs[k].N++
			sumConf[k] += e.Confidence
			if e.Correct {
				correct[k]++
			}
			total++
		}
	}
	ece := 0.0
	for i := range bs {
		if bs[i].N == 0 {
			continue
		}
		bs[i].MeanConf = sumConf[i] / float64(bs[i].N)
		bs[i].Correct = float64(correct[i]) / float64(bs[i].N)
		ece += float64(bs[i].N) / float64(total) * math.Abs(bs[i].Correct-bs[i].MeanConf)
	}
	return bs, ece
}

// CleanSummary aggregates the clean articles.
func (r *Report) CleanSummary() CleanSummary {
	return summarizeClean(r.Clean)
}

func summarizeClean(rs []CleanResult) CleanSummary {
	var s CleanSummary
	for _, c := range rs {
		s.Articles++
		s.Words += c.Words
		s.Changed += c.Changed
		if c.Identical {
			s.Identical++
		}
		s.MaxSpin = math.Max(s.MaxSpin, c.Spin)
	}
	if s.Words > 0 {
		s.ChangedPer1000 = 1000 * float64(s.Changed) / float64(s.Words)
	}
	if s.Articles > 0 {
		s.IdenticalShare = float64(s.Identical) / float64(s.Articles)
	}
	return s
}

// Separation reports the lowest spin of a spun-only article and the
// highest of a clean one; every spun article should score above every
// clean one.
func (r *Report) Separation() (minSpun, maxClean float64, ok bool) {
	if len(r.SpunOnly) == 0 || len(r.Clean) == 0 {
		return 0, 0, false
	}
	minSpun = 1
	for _, s := range r.SpunOnly {
		minSpun = math.Min(minSpun, s.Spin)
	}
	maxClean = summarizeClean(r.Clean).MaxSpin
	return minSpun, maxClean, true
}

// JSON is the machine-readable form of a report.
type JSON struct {
	Headline    Summary       `json:"headline"`
	Families    []Summary     `json:"families"`
	Calibration []Bucket      `json:"calibration"`
	ECE         float64       `json:"ece"`
	Clean       *CleanSummary `json:"clean,omitempty"`
	CleanInSpun *CleanSummary `json:"clean_in_spun,omitempty"`
	MinSpunOnly *float64      `json:"min_spun_only_spin,omitempty"`
}

// JSON returns the report's figures.
func (r *Report) JSON() JSON {
	bs, ece := r.Calibration()
	j := JSON{Headline: r.Headline(), Families: r.ByFamily(), Calibration: bs, ECE: ece}
	if len(r.Clean) > 0 {
		c := r.CleanSummary()
		j.Clean = &c
		f := summarizeClean(r.Framed)
		j.CleanInSpun = &f
	}
	if minSpun, _, ok := r.Separation(); ok {
		j.MinSpunOnly = &minSpun
	}
	return j
}

// WriteText writes a human-readable report. verbose adds per-pair lines:
// BROKE for an applied edit that changed words that were already right
// (they count as broken), WRONG for another applied edit that does not
// bring the text closer to the original, HELD for a right edit below the
// threshold, and MISSED for the differences no applied edit touched.
func (r *Report) WriteText(w io.Writer, verbose bool) {
	h := r.Headline()
	fmt.Fprintf(w, "pairs: %d word-spinner pairs, %d words in aligned regions\n", h.Pairs, h.Words)
	fmt.Fprintf(w, "  before %d  after %d  reduction %.1f%%  broken %.2f per 1000 words  applied %d (%.1f%% correct)\n",
		h.Before, h.After, 100*h.Reduction, h.BrokenPer1000, h.Edits, pct(h.Correct, h.Edits))
	fmt.Fprintf(w, "  name-related word errors (original capitalised mid-sentence): before %d  after %d\n", h.NamesBefore, h.NamesAfter)
	fmt.Fprintf(w, "by family:\n")
	for _, f := range r.ByFamily() {
		fmt.Fprintf(w, "  %-3s pairs %2d  words %5d  before %4d  after %4d  reduction %5.1f%%  broken %.2f/1000\n",
			f.Name, f.Pairs, f.Words, f.Before, f.After, 100*f.Reduction, f.BrokenPer1000)
	}
	bs, ece := r.Calibration()
	fmt.Fprintf(w, "calibration (all reported edits, word spinners): ECE %.3f\n", ece)
	for _, b := range bs {
		if b.N > 0 {
			fmt.Fprintf(w, "  %s  n %4d  mean confidence %.2f  correct %.2f\n", b.Range, b.N, b.MeanConf, b.Correct)
		}
	}
	if len(r.Clean) > 0 {
		c := r.CleanSummary()
		fmt.Fprintf(w, "clean: %d articles, %d words, %d changed words (%.2f per 1000), %d/%d identical (%.1f%%), max spin %.3f\n",
			c.Articles, c.Words, c.Changed, c.ChangedPer1000, c.Identical, c.Articles, 100*c.IdenticalShare, c.MaxSpin)
		f := summarizeClean(r.Framed)
		fmt.Fprintf(w, "clean inside a spun paragraph (every rule live): %d changed words (%.2f per 1000), %d/%d unchanged\n",
			f.Changed, f.ChangedPer1000, f.Identical, f.Articles)
	}
	if minSpun, maxClean, ok := r.Separation(); ok {
		verdict := "separated"
		if minSpun <= maxClean {
			verdict = "NOT separated"
		}
		fmt.Fprintf(w, "spin: lowest spun-only %.3f, highest clean %.3f: %s\n", minSpun, maxClean, verdict)
	}
	if !verbose {
		return
	}
	for _, p := range r.Pairs {
		fmt.Fprintf(w, "\n== %s (%s, family %s) before %d after %d spin %.3f\n", p.ID, p.Group, p.Family, p.Before, p.After, p.Spin)
		for _, e := range p.Edits {
			label := ""
			switch {
			case e.Applied && e.Breaks > 0:
				label = "BROKE"
			case e.Applied && !e.Correct:
				label = "WRONG"
			case !e.Applied && e.Correct:
				label = "HELD"
			default:
				continue
			}
			fmt.Fprintf(w, "  %-7s %q => %q (%s, %.2f, line %d)\n", label, e.Old, e.New, e.Rule, e.Confidence, e.Line)
		}
		for _, m := range p.Missed {
			fmt.Fprintf(w, "  MISSED  %s\n", m)
		}
	}
	for _, c := range r.Clean {
		for _, e := range c.Edits {
			fmt.Fprintf(w, "  CLEAN %s: %s\n", c.ID, e)
		}
	}
	for _, c := range r.Framed {
		for _, e := range c.Edits {
			fmt.Fprintf(w, "  CLEAN-IN-SPUN %s: %s\n", c.ID, e)
		}
	}
	for _, c := range r.SpunOnly {
		fmt.Fprintf(w, "  SPUN-ONLY %s spin %.3f\n", c.ID, c.Spin)
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// folds assigns each group to one of k folds: groups sorted by name, dealt
// round-robin, so the split is deterministic.
func folds(pairs []Pair, k int) map[string]int {
	var groups []string
	seen := map[string]bool{}
	for _, p := range pairs {
		if !seen[p.Group] {
			seen[p.Group] = true
			groups = append(groups, p.Group)
		}
	}
	sort.Strings(groups)
	out := make(map[string]int, len(groups))
	for i, g := range groups {
		out[g] = i % k
	}
	return out
}
