package corpus_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/unspin/unspin/corpus"
)

func ExampleReader() {
	dump := `{"id":"a1","text":"The council met on Monday."}
{"id":"a2","text":
{"id":3,"text":"Schools reopen next week."}
`
	r := corpus.NewReader(context.Background(), nil, strings.NewReader(dump), corpus.Options{ForceJSONL: true})
	defer r.Close()
	for {
		a, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err) // only when the context is done
			return
		}
		if a.Err != nil {
			fmt.Printf("%s: %v (raw %q kept)\n", a.ID, a.Err, a.Raw)
			continue
		}
		fmt.Printf("%s: %s\n", a.ID, a.Text)
	}
	// Output:
	// a1: The council met on Monday.
	// -:2: corpus: -:2: invalid json: unexpected end of input (raw "{\"id\":\"a2\",\"text\":" kept)
	// 3: Schools reopen next week.
}

func ExampleReader_directory() {
	r := corpus.NewReader(context.Background(), []string{"../testdata/corpus/tree"}, nil, corpus.Options{})
	defer r.Close()
	for {
		a, err := r.Next()
		if err != nil {
			break
		}
		fmt.Printf("%-5s %-20s %s\n", a.Kind, a.Rel, a.ID)
	}
	// Output:
	// text  Z.TXT                Z.TXT
	// text  a.txt                a.txt
	// text  sub/b.md             sub/b.md
	// jsonl sub/c.jsonl          x1
	// jsonl sub/c.jsonl          2
	// text  sub/deep/d.txt.gz    sub/deep/d.txt.gz
	// jsonl sub/deep/e.jsonl.gz  e1
	// jsonl sub/deep/e.jsonl.gz  e2
	// text  sub.txt              sub.txt
}

func ExampleRecord() {
	rec, err := corpus.ParseRecord([]byte(`{"id":"n1", "score":1.0e3, "text":"Prices rose in the \u201cold\u201d town."}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	rec.Set("text", "Prices rose in the <old> town & harbour.")
	rec.Set("unspin_edits", 2)
	fmt.Println(rec.Keys())
	fmt.Printf("%s\n", rec.AppendJSON(nil))
	// Output:
	// [id score text unspin_edits]
	// {"id":"n1","score":1.0e3,"text":"Prices rose in the <old> town & harbour.","unspin_edits":2}
}

func ExampleOutPath() {
	fmt.Println(filepath.ToSlash(corpus.OutPath("out", "sub/deep/d.txt.gz")))
	// Output:
	// out/sub/deep/d.txt.gz
}
