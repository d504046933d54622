package lexicon_test

import (
	"fmt"
	"strings"

	"github.com/unspin/unspin/lexicon"
)

func ExampleParse() {
	entries, err := lexicon.Parse(strings.NewReader(
		"# spun\toriginal\tattrs\n"+
			"legal guidelines\tlaws\tprior=0.97 src=curated\n"+
			"house\thome\tprior=0.9 prev=at|from src=curated\n"), "example.tsv")
	if err != nil {
		panic(err)
	}
	lex := lexicon.New(entries)
	for _, e := range lex.Lookup("Legal Guidelines") {
		fmt.Println(e.ID, e.Prior, e.Kind)
	}
	fmt.Println(lex.Lookup("house")[0].ID)
	// Output:
	// legal_guidelines>laws 0.97 phrase
	// house>home[prev=at|from]
}

func ExampleErrorList() {
	_, err := lexicon.Parse(strings.NewReader("ok\tfine\tprior=0.5\nbroken line\nx\ty\tprior=7\n"), "mine.tsv")
	fmt.Println(err)
	// Output:
	// lexicon: mine.tsv:2: want 3 tab-separated fields (spun, original, attrs), got 1
	// lexicon: mine.tsv:3: prior "7" is not a number in [0,1]
}
