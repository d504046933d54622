package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
	"github.com/unspin/unspin/pipeline/eval"
)

func evalCommand() *cli.Command {
	flags := append(detectFlags(),
		&cli.StringFlag{Name: "pairs", Category: catInput, Usage: "`DIR` of pairs: DIR/NNN/{spun.txt,original.txt,meta.json}"},
		&cli.StringFlag{Name: "clean", Category: catInput, Usage: "`DIR` of clean articles (*.txt) that must come out unchanged"},
		&cli.StringFlag{Name: "spun-only", Category: catInput, Usage: "`DIR` of spun articles without an original (*.txt), for the spin score"},
		&cli.IntFlag{Name: "cv", Category: catDetect, Usage: "cross-validate with `K` folds of article groups: learn from K-1, score the rest"},
		&cli.BoolFlag{Name: "json", Category: catOutput, Usage: "print the figures as JSON"},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Category: catOutput, Usage: "list per pair the applied edits that broke right words (BROKE) or are wrong (WRONG), right ones held back (HELD) and missed differences (MISSED), with spun.txt line numbers"},
		&cli.BoolFlag{Name: "fit", Category: catOutput, Usage: "also fit the weights of the confidence and spin models to the results (see pipeline/score.go)"},
	)
	return &cli.Command{
		Name:  "eval",
		Usage: "measure restoration quality on spun/original pairs and clean articles",
		Description: `Restores each spun.txt and scores it against original.txt on the region
where the two align (word level, case-sensitive, curly quotes folded):
before/after word edit distance, reduction, broken words per 1000, a
per-family breakdown, and a calibration table with the expected
calibration error. Clean articles give changed words per 1000 and the
share that comes out byte-identical.

With --cv K, the shipped learned entries are left out; a lexicon is learned
from K-1 folds of article groups and the held-out fold is scored, for each
fold, so no figure comes from text the lexicon learned from.`,
		Flags:  flags,
		Action: evalAction,
	}
}

// fitL2 is the ridge penalty of --fit.
const fitL2 = 0.1

func evalAction(c *cli.Context) error {
	var d eval.Data
	var err error
	// A pair or article that cannot be read is named and left out; the
	// others are evaluated, and the exit status is then 2.
	var skipped []error
	add := func(s []error, err error) error {
		skipped = append(skipped, s...)
		return err
	}
	if dir := c.String("pairs"); dir != "" {
		var s []error
		if d.Pairs, s, err = eval.LoadPairs(dir); add(s, err) != nil {
			return err
		}
	}
	if dir := c.String("clean"); dir != "" {
		var s []error
		if d.Clean, s, err = eval.LoadArticles(dir); add(s, err) != nil {
			return err
		}
	}
	if dir := c.String("spun-only"); dir != "" {
		var s []error
		if d.SpunOnly, s, err = eval.LoadArticles(dir); add(s, err) != nil {
			return err
		}
	}
	for _, e := range skipped {
		fmt.Fprintf(c.App.ErrWriter, "unspin: %v\n", e)
	}
	if err := evaluate(c, d); err != nil {
		return err
	}
	if len(skipped) > 0 {
		return exitCode(exitError)
	}
	return nil
}

// evaluate runs the evaluation of d and prints the report.
func evaluate(c *cli.Context, d eval.Data) error {
	if len(d.Pairs)+len(d.Clean)+len(d.SpunOnly) == 0 {
		return fmt.Errorf("eval: nothing to evaluate: give --pairs, --clean or --spun-only")
	}
	opts := pipeline.DefaultOptions()
	opts.MinConfidence = c.Float64("min-confidence")
	var r *eval.Report
	if k := c.Int("cv"); k > 0 {
		base, err := baseEntries(c.StringSlice("lexicon"))
		if err != nil {
			return err
		}
		if opts, err = opts.WithEmbeddedData(); err != nil {
			return err
		}
		r, err = eval.CrossValidate(c.Context, k, base, d, func(base, learned []*lexicon.Entry) *pipeline.Pipeline {
			return pipeline.Default(lexicon.New(learned).With(base), opts)
		})
		if err != nil {
			return err
		}
	} else {
		p, _, err := loadPipeline(c)
		if err != nil {
			return err
		}
		if r, err = eval.Run(c.Context, p, d); err != nil {
			return err
		}
	}
	if c.Bool("json") {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(r.JSON())
	}
	r.WriteText(c.App.Writer, c.Bool("verbose"))
	if c.Bool("fit") {
		eval.WriteWeights(c.App.Writer, "fitted candidate weights", eval.Fit(r.EditSamples(), fitL2))
		eval.WriteWeights(c.App.Writer, "fitted spin weights", eval.Fit(r.SpinSamples(), fitL2))
	}
	return nil
}

// baseEntries is the shipped lexicon without its learned entries, plus
// the user's files: what cross-validation may use in every fold.
func baseEntries(paths []string) ([]*lexicon.Entry, error) {
	all, err := lexicon.Load(lexicon.Data())
	if err != nil {
		return nil, err
	}
	var out []*lexicon.Entry
	for _, e := range all {
		if e.Source != "learned" {
			out = append(out, e)
		}
	}
	user, err := readEntries(paths)
	if err != nil {
		return nil, err
	}
	return append(out, user...), nil
}
