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

// LoadPairs reads dir/*/spun.txt, original.txt and meta.json. A pair
// that cannot be read (a file missing or unreadable, a meta.json that is
// not JSON) is left out and its error is in skipped, naming the file; the
// other pairs are returned. err is for a dir that cannot be listed.
func LoadPairs(dir string) (pairs []Pair, skipped []error, err error) {
	subs, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("eval: %w", err)
	}
	for _, s := range subs {
		if !s.IsDir() {
			continue
		}
		p, err := loadPair(filepath.Join(dir, s.Name()))
		if err != nil {
			skipped = append(skipped, err)
			continue
		}
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].ID < pairs[j].ID })
	return pairs, skipped, nil
}

func loadPair(d string) (Pair, error) {
	spun, err := os.ReadFile(filepath.Join(d, "spun.txt"))
	if err != nil {
		return Pair{}, fmt.Errorf("eval: pair skipped: %w", err)
	}
	orig, err := os.ReadFile(filepath.Join(d, "original.txt"))
	if err != nil {
		return Pair{}, fmt.Errorf("eval: pair skipped: %w", err)
	}
	id := filepath.Base(d)
	p := Pair{ID: id, Group: id, Family: "?", Spun: spun, Original: orig}
	b, err := os.ReadFile(filepath.Join(d, "meta.json"))
	if err != nil {
		if os.IsNotExist(err) {
			return p, nil // no meta.json: its own group, family unknown
		}
		return Pair{}, fmt.Errorf("eval: pair skipped: %w", err)
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return Pair{}, fmt.Errorf("eval: pair skipped: %s: %w", filepath.Join(d, "meta.json"), err)
	}
	if m.Group != "" {
		p.Group = m.Group
	}
	if f := strings.Fields(m.Family); m.FamilyClass != "" {
		p.Family = m.FamilyClass
	} else if len(f) > 0 {
		p.Family = f[0]
	}
	return p, nil
}

// LoadArticles reads dir/*.txt. A file that cannot be read is left out
// and its error is in skipped; err is for a dir that cannot be read.
func LoadArticles(dir string) (arts []Article, skipped []error, err error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, nil, fmt.Errorf("eval: %w", err)
	}
	if len(names) == 0 {
		if _, err := os.Stat(dir); err != nil {
			return nil, nil, fmt.Errorf("eval: %w", err)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			skipped = append(skipped, fmt.Errorf("eval: article skipped: %w", err))
			continue
		}
		arts = append(arts, Article{ID: filepath.Base(n), Text: b})
	}
	return arts, skipped, nil
}
