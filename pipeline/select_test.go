package pipeline_test

import (
	"strings"
	"testing"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

// When two overlapping candidates would both apply, the longer wins, even
// if the shorter one inside it scores a hair higher: "client worth index"
// comes back as "consumer price index", not as "client price index".
func TestSelectPrefersLongerApplicable(t *testing.T) {
	base, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	es, err := lexicon.Parse(strings.NewReader(
		"client worth index\tconsumer price index\tprior=0.97\n"+
			"worth index\tprice index\tprior=0.99\n"), "t.tsv")
	if err != nil {
		t.Fatal(err)
	}
	opts, err := pipeline.DefaultOptions().WithEmbeddedData()
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.Default(base.With(es), opts)
	src := "Consultants say the imaginative and prescient of the Worldwide Court docket of Justice " +
		"is an extended historical past of legal guidelines. The client worth index rose at house and overseas.\n"
	doc := process(t, p, []byte(src))

	conf := map[string]float64{}
	for _, c := range doc.Cands {
		conf[c.Entry.ID] = c.Conf
	}
	long, short := conf["client_worth_index>consumer_price_index"], conf["worth_index>price_index"]
	if long < opts.MinConfidence || short < opts.MinConfidence || short <= long {
		t.Fatalf("the test needs both candidates applicable and the shorter higher: long %.4f, short %.4f", long, short)
	}
	for _, e := range doc.Edits {
		if strings.Contains(e.Old, "worth") {
			if e.Old != "client worth index" || e.New != "consumer price index" || !e.Applied {
				t.Fatalf("edit %q => %q (applied %v), want the whole name restored", e.Old, e.New, e.Applied)
			}
			return
		}
	}
	t.Fatal("no edit of \"client worth index\"")
}
