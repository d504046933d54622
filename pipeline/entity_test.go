package pipeline_test

import (
	"context"
	"strings"
	"testing"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

const entityLexicon = `worldwide	international	prior=0.8
court docket	court	prior=0.95
safety	security	prior=0.4
chilly	cold	prior=0.6
struggle	war	prior=0.3
metropolis	city	prior=0.8 match=cap
social gathering	party	prior=0.9
college	university	prior=0.5 match=cap
well being	health	prior=0.9
group	organization	prior=0.2
division	department	prior=0.6 match=cap
schooling	education	prior=0.9
normal	general	prior=0.5 match=cap
common	universal	prior=0.3 match=cap
declaration	declaration	prior=0.1
home	house	prior=0.3 match=cap
`

const entityGazetteer = `International Court of Justice	type=court src=test
United Nations Security Council	type=org src=test
Cold War	type=war src=test
Spanish Civil War	type=war src=test
Mexico City	type=city src=test
Communist Party	type=party src=test
Columbia University	type=university src=test
World Health Organization	type=org src=test
Department of Education	type=agency src=test
Universal Declaration of Human Rights	type=document src=test
White House	type=place src=test
Boston College	type=university protect=yes src=test
Boston University	type=university src=test
Columbia College Chicago	type=university protect=yes src=test
House of Commons	type=legislature src=test
`

func entityPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	lexText := strings.ReplaceAll(entityLexicon, "declaration\tdeclaration\tprior=0.1\n", "")
	es, err := lexicon.Parse(strings.NewReader(lexText), "entity.tsv")
	if err != nil {
		t.Fatal(err)
	}
	names, err := lexicon.ParseGazetteer(strings.NewReader(entityGazetteer), "gazetteer.txt")
	if err != nil {
		t.Fatal(err)
	}
	opts := pipeline.DefaultOptions()
	opts.Gazetteer = lexicon.NewGazetteer(names)
	return pipeline.Default(lexicon.New(es), opts)
}

func TestEntitiesRestoredWhole(t *testing.T) {
	p := entityPipeline(t)
	tests := []struct{ in, want string }{
		{"He went to the Worldwide Court docket of Justice today.", "He went to the International Court of Justice today."},
		{"The United Nations Safety Council met.", "The United Nations Security Council met."},
		{"After the Chilly Struggle ended.", "After the Cold War ended."},
		{"It fled the Spanish Civil Struggle quickly.", "It fled the Spanish Civil War quickly."},
		{"She lives in Mexico Metropolis now.", "She lives in Mexico City now."},
		{"He joined the Communist Social gathering early.", "He joined the Communist Party early."},
		{"A professor at Columbia College said so.", "A professor at Columbia University said so."},
		{"The World Well being Group warned.", "The World Health Organization warned."},
		{"The Division of Schooling said.", "The Department of Education said."},
		{"The Common Declaration of Human Rights says.", "The Universal Declaration of Human Rights says."},
		{"He spoke at the White Home on Friday.", "He spoke at the White House on Friday."},
	}
	for _, tt := range tests {
		doc := process(t, p, []byte(tt.in))
		if got := string(doc.Cleaned); got != tt.want {
			t.Errorf("%q\n got %q\nwant %q", tt.in, got, tt.want)
			continue
		}
		kinds := 0
		for _, e := range doc.Edits {
			if e.Applied && e.Kind == "entity" && strings.HasPrefix(e.Rule, "entity:") {
				kinds++
			}
		}
		if kinds != 1 {
			t.Errorf("%q: %d entity edits, want exactly 1 (a name is restored whole)", tt.in, kinds)
		}
	}
}

func TestRealNamesProtected(t *testing.T) {
	p := entityPipeline(t)
	for _, in := range []string{
		"She studied at Boston College before moving.",
		"He teaches at Columbia College Chicago these days.",
		"The White House said nothing.",
		"Members of the House of Commons voted.",
		"Boston University and Boston College played.",
	} {
		doc := process(t, p, []byte(in))
		if string(doc.Cleaned) != in {
			t.Errorf("real name changed: %q -> %q", in, doc.Cleaned)
		}
	}
	doc := process(t, p, []byte("She studied at Boston College before moving."))
	found := false
	for _, e := range doc.Edits {
		if e.Old == "College" {
			found = true
			if e.Applied || !strings.Contains(e.Note, "protected: inside the name Boston College") {
				t.Errorf("College edit = %+v, want a protected, unapplied edit", e)
			}
		}
	}
	if !found {
		t.Error("the dropped candidate is not reported with its reason")
	}
}

func TestPeopleProtected(t *testing.T) {
	es, err := lexicon.Parse(strings.NewReader("normal\tgeneral\tprior=0.9 match=cap\n"), "p.tsv")
	if err != nil {
		t.Fatal(err)
	}
	opts := pipeline.DefaultOptions()
	opts.People = true
	opts.MinConfidence = 0
	p := pipeline.Default(lexicon.New(es), opts)
	doc := process(t, p, []byte("He met Rose Normal and Jack Common in Boston on Friday."))
	if len(doc.Edits) != 1 || doc.Edits[0].Applied || doc.Edits[0].Note != "protected: inside the person rose normal" {
		t.Fatalf("edits = %+v", doc.Edits)
	}
}

func TestQuotedTitlesProtected(t *testing.T) {
	p := entityPipeline(t)
	in := `She reviewed "The Chilly Struggle Years" and "Mexico Metropolis Nights" last week, then the Chilly Struggle ended.`
	doc := process(t, p, []byte(in))
	want := `She reviewed "The Chilly Struggle Years" and "Mexico Metropolis Nights" last week, then the Cold War ended.`
	if string(doc.Cleaned) != want {
		t.Fatalf("got  %s\nwant %s", doc.Cleaned, want)
	}
	notes := 0
	for _, e := range doc.Edits {
		if strings.HasPrefix(e.Note, "protected: inside the quoted title ") {
			notes++
		}
	}
	if notes == 0 {
		t.Fatal("dropped candidates do not say why")
	}
}

// A possessive restores as the possessive of its entry: "the social
// gathering's leader" → "the party's leader", in either apostrophe; a
// contraction ("It's", "that's") is no possessive.
func TestPossessivesRestored(t *testing.T) {
	p := entityPipeline(t)
	in := "The social gathering's leader and the social gathering’s chief spoke. It's late; that's all.\n"
	doc, err := p.Process(context.Background(), "t", "", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := "The party's leader and the party’s chief spoke. It's late; that's all.\n"
	if got := string(doc.Cleaned); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
