// Command benchgen writes a JSONL benchmark corpus of about -mb
// megabytes: clean articles (kind=clean) or spun ones (kind=spun), taken
// from the repository's own fixtures and, when present, from
// ../shared/corpus. Every record is {"id":N,"text":...}.
//
//	go run ./cmd/benchgen -kind clean -mb 24 > clean.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	kind := flag.String("kind", "clean", "clean or spun")
	mb := flag.Float64("mb", 24, "approximate size in megabytes")
	shared := flag.String("shared", "../shared/corpus", "shared corpus directory (used when present)")
	flag.Parse()
	var globs []string
	switch *kind {
	case "clean":
		globs = []string{"testdata/sample/original.txt", "testdata/clean/*.txt", filepath.Join(*shared, "clean/*.txt")}
	case "spun":
		globs = []string{"testdata/sample/spun.txt", "testdata/entities/spun.txt", filepath.Join(*shared, "pairs/*/spun.txt"), filepath.Join(*shared, "spun_only/*.txt")}
	default:
		fmt.Fprintln(os.Stderr, "benchgen: -kind clean|spun")
		os.Exit(2)
	}
	var texts []string
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err == nil && len(b) > 0 {
				texts = append(texts, string(b))
			}
		}
	}
	if len(texts) == 0 {
		fmt.Fprintln(os.Stderr, "benchgen: no source texts (run from the repository root)")
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	limit := int64(*mb * 1e6)
	var n, size int64
	for size < limit {
		for _, t := range texts {
			line, _ := json.Marshal(map[string]any{"id": n, "text": t})
			w.Write(line)
			w.WriteByte('\n')
			n++
			size += int64(len(line) + 1)
			if size >= limit {
				break
			}
		}
	}
}
