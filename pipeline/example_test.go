package pipeline_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

func Example() {
	entries, err := lexicon.Parse(strings.NewReader(
		"legal guidelines\tlaws\tprior=0.97\n"+
			"chilly struggle\tCold War\tprior=0.99 kind=entity\n"), "example.tsv")
	if err != nil {
		panic(err)
	}
	p := pipeline.Default(lexicon.New(entries), pipeline.DefaultOptions())
	doc, err := p.Process(context.Background(), "1", "", []byte("After the Chilly Struggle, new legal guidelines."))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", doc.Cleaned)
	for _, e := range doc.Edits {
		fmt.Printf("%d-%d %q -> %q applied=%v\n", e.Start, e.End, e.Old, e.New, e.Applied)
	}
	// Output:
	// After the Cold War, new laws.
	// 10-25 "Chilly Struggle" -> "Cold War" applied=true
	// 31-47 "legal guidelines" -> "laws" applied=true
}

func ExampleApply() {
	src := []byte("a house in Mexico Metropolis")
	out, _ := pipeline.Apply(src, []pipeline.Edit{
		{Span: pipeline.Span{Start: 18, End: 28}, New: "City", Applied: true},
		{Span: pipeline.Span{Start: 2, End: 7}, New: "home", Applied: false},
	})
	fmt.Printf("%s\n", out)
	// Output: a house in Mexico City
}
