package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Pair is a spun article with its original.
type Pair struct {
	ID       string // directory name
	Group    string // article group (meta.json "group"); pairs of one group share a fold
	Family   string // spinner family class (meta.json "family_class"), "?" when unknown
	Spun     []byte
	Original []byte
}

// Article is a single text (clean or spun-only).
type Article struct {
	ID   string
	Text []byte
}

type meta struct {
	Group       string `json:"group"`
	FamilyClass string `json:"family_class"`
	Family      string `json:"family"`
}

// LoadPairs reads dir/*/spun.txt, original.txt and meta.json.
func LoadPairs(dir string) ([]Pair, error) {
	subs, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	var out []Pair
	for _, s := range subs {
		if !s.IsDir() {
			continue
		}
		d := filepath.Join(dir, s.Name())
		spun, err := os.ReadFile(filepath.Join(d, "spun.txt"))
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		orig, err := os.ReadFile(filepath.Join(d, "original.txt"))
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		p := Pair{ID: s.Name(), Group: s.Name(), Family: "?", Spun: spun, Original: orig}
		if b, err := os.ReadFile(filepath.Join(d, "meta.json")); err == nil {
			var m meta
			if err := json.Unmarshal(b, &m); err != nil {
				return nil, fmt.Errorf("eval: %s: %w", filepath.Join(d, "meta.json"), err)
			}
			if m.Group != "" {
				p.Group = m.Group
			}
			switch {
			case m.FamilyClass != "":
				p.Family = m.FamilyClass
			case m.Family != "":
				p.Family = strings.Fields(m.Family)[0]
			}
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// LoadArticles reads dir/*.txt.
func LoadArticles(dir string) ([]Article, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	if len(names) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
	}
	sort.Strings(names)
	out := make([]Article, 0, len(names))
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("eval: %w", err)
		}
		out = append(out, Article{ID: filepath.Base(n), Text: b})
	}
	return out, nil
}
