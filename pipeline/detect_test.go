package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

// An entry word that ends in a period or an apostrophe ("u.s.", "sq.",
// "magistrates'") matches a word and the punctuation token right after
// it, with any capitalisation rule; punctuation is never skipped
// otherwise, so no phrase runs on across the end of a sentence or over a
// space.
func TestDetectFinalPunctuation(t *testing.T) {
	const lex = "u.s. economic system\tU.S. economy\tprior=0.99\n" +
		"sq. toes\tsquare feet\tprior=0.99\n" +
		"magistrates' courtroom\tmagistrates' court\tprior=0.99\n" +
		"imaginative and prescient\tvision\tprior=0.99\n" +
		"legal guidelines\tlaws\tprior=0.97\n" +
		"u.s. chief govt officer\tU.S. Chief Executive Officer\tprior=0.99 match=title\n"
	es, err := lexicon.Parse(strings.NewReader(lex), "test.tsv")
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.Default(lexicon.New(es), pipeline.DefaultOptions())
	for _, tc := range []struct{ name, in, want string }{
		{"abbreviation",
			"Their imaginative and prescient: the U.S. economic system grew. Homes of 900 sq. toes sold.\n",
			"Their vision: the U.S. economy grew. Homes of 900 square feet sold.\n"},
		{"plural possessive, either apostrophe",
			"Their imaginative and prescient: the magistrates’ courtroom and the Magistrates' Courtroom.\n",
			"Their vision: the magistrates’ court and the Magistrates' Court.\n"},
		{"title case over the period",
			"Their imaginative and prescient: the U.S. Chief Govt Officer spoke.\n",
			"Their vision: the U.S. Chief Executive Officer spoke.\n"},
		{"not across a sentence end",
			"Their imaginative and prescient failed. The legal. Guidelines were written.\n",
			"Their vision failed. The legal. Guidelines were written.\n"},
		{"not without the period",
			"Their imaginative and prescient: the US economic system and 900 sq toes.\n",
			"Their vision: the US economic system and 900 sq toes.\n"},
		{"not over a space",
			"Their imaginative and prescient: 900 sq . toes.\n",
			"Their vision: 900 sq . toes.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := p.Process(context.Background(), "t", "", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			CheckInvariants(t, doc)
			if got := string(doc.Cleaned); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
