package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/lexicon/align"
	"github.com/unspin/unspin/pipeline"
	"github.com/unspin/unspin/pipeline/eval"
)

func lexiconCommand() *cli.Command {
	return &cli.Command{
		Name:  "lexicon",
		Usage: "learn, check and describe lexicon data",
		Subcommands: []*cli.Command{
			{
				Name:      "learn",
				Usage:     "align spun/original pairs and print candidate entries in the lexicon format",
				ArgsUsage: " ",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "pairs", Required: true, Usage: "`DIR` of pairs: DIR/NNN/{spun.txt,original.txt,meta.json}"},
					&cli.IntFlag{Name: "min-n", Value: 1, Usage: "keep pairs seen at least `N` times"},
					&cli.BoolFlag{Name: "all", Usage: "also print pairs the shipped curated lexicon already has"},
				},
				Action: lexiconLearn,
			},
			{
				Name:      "lint",
				Usage:     "check lexicon files: parse errors, duplicates, cycles, conflicts",
				ArgsUsage: "[PATH...]",
				Description: `Checks the given lexicon files (default: the shipped data) for lines that
do not parse, pairs listed twice across files, cycles (a → b and b → a,
both without context conditions) and conflicts (one spun phrase with
several unconditional originals whose priors add up to more than 1).
Exit status 1 when anything is found.`,
				Action: lexiconLint,
			},
			{
				Name:      "feedback",
				Usage:     "turn a review report's exported decisions into lexicon overrides",
				ArgsUsage: "FEEDBACK.json",
				Description: `Reads the JSON that the HTML report (unspin diff --html) exports and
prints, in the lexicon format, one override per rule that was judged:
its prior updated with the decisions as evidence,

   prior' = (prior·k + accepted) / (k + accepted + rejected),  k = 10

so rejected rules lose confidence and accepted ones gain it. Use the
output with --lexicon. Entity (gazetteer) decisions are listed as
comments: protect a name with a gazetteer line instead.`,
				Flags: []cli.Flag{
					&cli.StringSliceFlag{Name: "lexicon", Usage: "the lexicon files the report was made with (`PATH`)"},
				},
				Action: lexiconFeedback,
			},
			{
				Name:      "stats",
				Usage:     "count entries by source, kind, family and length",
				ArgsUsage: "[PATH...]",
				Action:    lexiconStats,
			},
		},
	}
}

func lexiconLearn(c *cli.Context) error {
	pairs, skipped, err := eval.LoadPairs(c.String("pairs"))
	if err != nil {
		return err
	}
	for _, e := range skipped {
		fmt.Fprintf(c.App.ErrWriter, "unspin: %v\n", e)
	}
	base, err := baseEntries(nil)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(c.App.Writer)
	defer w.Flush()
	fmt.Fprintf(w, "# learned by `unspin lexicon learn` from %d pairs in %s\n", len(pairs), c.String("pairs"))
	fmt.Fprintf(w, "# spun\toriginal\tattrs  (prior = n / (occurrences of spun in all spun texts + 1))\n")
	for _, l := range eval.Shippable(align.Learn(eval.Examples(pairs)), base, c.Int("min-n"), c.Bool("all")) {
		fmt.Fprintf(w, "# seen %d, spun phrase occurs %d times; e.g. %s\n", l.N, l.Seen, strings.Join(l.Contexts, "; "))
		fmt.Fprintln(w, l.Entry.Format())
	}
	return nil
}

// lintEntries loads the entries of paths, or the shipped data.
func lintEntries(paths []string) ([]*lexicon.Entry, error) {
	if len(paths) == 0 {
		return lexicon.Load(lexicon.Data())
	}
	return readEntries(paths)
}

func lexiconLint(c *cli.Context) error {
	all, err := lintEntries(c.Args().Slice())
	if err != nil {
		fmt.Fprintln(c.App.ErrWriter, err)
		return exitCode(exitFound)
	}
	problems := lint(all)
	for _, p := range problems {
		fmt.Fprintln(c.App.Writer, p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(c.App.ErrWriter, "unspin: lexicon lint: %s in %s\n", plural(len(problems), "problem"), plural(len(all), "entry"))
		return exitCode(exitFound)
	}
	fmt.Fprintf(c.App.ErrWriter, "unspin: lexicon lint: %s, no problems\n", plural(len(all), "entry"))
	return nil
}

// lint finds duplicates, cycles and conflicts, in file order.
func lint(all []*lexicon.Entry) []string {
	var out []string
	where := func(e *lexicon.Entry) string { return fmt.Sprintf("%s:%d", e.File, e.Line) }
	byID := map[string]*lexicon.Entry{}
	uncond := map[string][]*lexicon.Entry{} // spun → unconditional entries
	for _, e := range all {
		if prev, dup := byID[e.ID]; dup {
			out = append(out, fmt.Sprintf("%s: duplicate: %s is also at %s", where(e), e.ID, where(prev)))
			continue
		}
		byID[e.ID] = e
		if w := pipeline.UnmatchableWord(e); w != "" {
			out = append(out, fmt.Sprintf("%s: never matches: %q: %q is not one word to the tokenizer", where(e), e.Spun, w))
		}
		if e.Match == lexicon.MatchAny && len(e.Prev)+len(e.Next)+len(e.NotPrev)+len(e.NotNext) == 0 {
			uncond[e.Spun] = append(uncond[e.Spun], e)
		}
	}
	for _, e := range all {
		if byID[e.ID] != e || len(uncond[e.Spun]) == 0 || uncond[e.Spun][0] != e {
			continue
		}
		sum := 0.0
		var names []string
		for _, x := range uncond[e.Spun] {
			sum += x.Prior
			names = append(names, fmt.Sprintf("%s (%.2f)", x.Original, x.Prior))
		}
		if sum > 1.0001 {
			out = append(out, fmt.Sprintf("%s: conflict: %q → %s: priors add up to %.2f > 1", where(e), e.Spun, strings.Join(names, ", "), sum))
		}
		for _, x := range uncond[e.Spun] {
			for _, back := range uncond[strings.ToLower(x.Original)] {
				if strings.EqualFold(back.Original, e.Spun) {
					out = append(out, fmt.Sprintf("%s: cycle: %q → %q and back at %s", where(x), x.Spun, x.Original, where(back)))
				}
			}
		}
	}
	return out
}

func lexiconStats(c *cli.Context) error {
	all, err := lintEntries(c.Args().Slice())
	if err != nil {
		return err
	}
	lex := lexicon.New(all)
	w := c.App.Writer
	fmt.Fprintf(w, "entries: %d (%d distinct spun phrases), longest %d words\n", lex.Len(), distinctSpun(lex), lex.MaxWords())
	count := func(title string, key func(*lexicon.Entry) []string) {
		m := map[string]int{}
		for _, e := range lex.Entries() {
			for _, k := range key(e) {
				m[k]++
			}
		}
		fmt.Fprintf(w, "%s:\n", title)
		printCounts(w, m)
	}
	count("by source", func(e *lexicon.Entry) []string { return []string{orNone(e.Source)} })
	count("by kind", func(e *lexicon.Entry) []string { return []string{string(e.Kind)} })
	count("by family", func(e *lexicon.Entry) []string {
		if len(e.Family) == 0 {
			return []string{"(any)"}
		}
		return e.Family
	})
	count("by words", func(e *lexicon.Entry) []string { return []string{fmt.Sprintf("%d", len(e.Words))} })
	count("by prior", func(e *lexicon.Entry) []string { return []string{fmt.Sprintf("%.1f", float64(int(e.Prior*10))/10)} })
	count("with conditions", func(e *lexicon.Entry) []string {
		var ks []string
		if e.Match != lexicon.MatchAny {
			ks = append(ks, "match="+string(e.Match))
		}
		if len(e.Prev)+len(e.Next)+len(e.NotPrev)+len(e.NotNext) > 0 {
			ks = append(ks, "context")
		}
		return ks
	})
	return nil
}

func distinctSpun(l *lexicon.Lexicon) int {
	m := map[string]bool{}
	for _, e := range l.Entries() {
		m[e.Spun] = true
	}
	return len(m)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func printCounts(w io.Writer, m map[string]int) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  %-14s %6d\n", k, m[k])
	}
}

// feedbackPseudoCount is k in the prior update of lexicon feedback: the
// weight of the old prior, in decisions.
const feedbackPseudoCount = 10

type feedbackFile struct {
	Version   int `json:"version"`
	Decisions []struct {
		Article  string `json:"article"`
		Rule     string `json:"rule"`
		Decision string `json:"decision"`
	} `json:"decisions"`
}

func lexiconFeedback(c *cli.Context) error {
	if c.NArg() != 1 {
		return fmt.Errorf("lexicon feedback: want one FEEDBACK.json")
	}
	b, err := os.ReadFile(c.Args().First())
	if err != nil {
		return fmt.Errorf("lexicon feedback: %w", err)
	}
	var fb feedbackFile
	if err := json.Unmarshal(b, &fb); err != nil {
		return fmt.Errorf("lexicon feedback: %s: %w", c.Args().First(), err)
	}
	if fb.Version != 1 {
		return fmt.Errorf("lexicon feedback: %s: version %d, want 1", c.Args().First(), fb.Version)
	}
	lex, _, err := lexicon.LoadFiles(c.StringSlice("lexicon"))
	if err != nil {
		return err
	}
	byID := map[string]*lexicon.Entry{}
	for _, e := range lex.Entries() {
		byID[e.ID] = e
	}
	type tally struct{ accepted, rejected int }
	counts := map[string]*tally{}
	var order []string
	for _, d := range fb.Decisions {
		t := counts[d.Rule]
		if t == nil {
			t = &tally{}
			counts[d.Rule] = t
			order = append(order, d.Rule)
		}
		switch d.Decision {
		case "accept":
			t.accepted++
		case "reject":
			t.rejected++
		default:
			return fmt.Errorf("lexicon feedback: decision %q for %s: want accept or reject", d.Decision, d.Rule)
		}
	}
	sort.Strings(order)
	w := bufio.NewWriter(c.App.Writer)
	defer w.Flush()
	fmt.Fprintf(w, "# from review feedback %s: %d decisions on %d rules\n", c.Args().First(), len(fb.Decisions), len(order))
	for _, id := range order {
		t := counts[id]
		e, ok := byID[id]
		if !ok {
			fmt.Fprintf(w, "# %s: %d accepted, %d rejected (not a lexicon rule: for a name, add a gazetteer line)\n", id, t.accepted, t.rejected)
			continue
		}
		over := *e
		over.Prior = (e.Prior*feedbackPseudoCount + float64(t.accepted)) / float64(feedbackPseudoCount+t.accepted+t.rejected)
		over.Source = "feedback"
		over.N = t.accepted + t.rejected
		fmt.Fprintf(w, "# %s: %d accepted, %d rejected; prior %.3g -> %.3g\n", id, t.accepted, t.rejected, e.Prior, over.Prior)
		fmt.Fprintln(w, over.Format())
	}
	return nil
}
