package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/unspin/unspin/corpus"
	"github.com/unspin/unspin/pipeline"
	"github.com/unspin/unspin/pipeline/report"
)

func diffCommand() *cli.Command {
	flags := append(detectFlags(), inputFlags()...)
	flags = append(flags,
		&cli.StringFlag{Name: "color", Value: "auto", Category: catOutput, Usage: "`WHEN` to colour: auto (a terminal without NO_COLOR), always, never"},
		&cli.BoolFlag{Name: "all", Category: catOutput, Usage: "also mark the edits below --min-confidence, as suggestions"},
		&cli.StringFlag{Name: "html", Category: catOutput, Usage: "write a self-contained HTML review report to `FILE` instead"},
	)
	return &cli.Command{
		Name:      "diff",
		Usage:     "show a word diff of spun and restored text, with the rule and confidence of each change",
		ArgsUsage: "[PATH...]",
		Description: `Prints every article with its applied edits marked in place:

   [-Consultants-]{+Experts+}<consultants>experts 0.93>

red and green on a terminal. With --all, edits below --min-confidence are
shown too, as [?old -> new?]. Reads like restore: stdin when no PATH.

With --html FILE, writes one self-contained HTML file for the batch: a
table of articles by spin score, every edit highlighted with its rule,
kind and confidence, a confidence slider, filters by kind, keyboard
navigation (j/k, a/r) and accept/reject marks exported as feedback JSON.`,
		Flags:  flags,
		Action: diffAction,
	}
}

func diffAction(c *cli.Context) error {
	color := false
	switch c.String("color") {
	case "always":
		color = true
	case "auto":
		color = isTerminal(c.App.Writer) && os.Getenv("NO_COLOR") == ""
	case "never":
	default:
		return fmt.Errorf("diff: --color %q: want auto, always or never", c.String("color"))
	}
	p, _, err := loadPipeline(c)
	if err != nil {
		return err
	}
	rd := openInputs(c, c.Args().Slice(), maxTextPart) // huge text files in parts, as restore reads them
	defer rd.Close()
	w := bufio.NewWriter(c.App.Writer)
	defer w.Flush()
	htmlPath := c.String("html")
	var rep *report.Writer
	if htmlPath != "" {
		rep = report.NewWriter(c.Float64("min-confidence"))
		defer rep.Close()
	}
	errors := 0
	err = process(c.Context, p, rd, jobs(c), true, nil, func(r *result) error {
		if r.err != nil {
			errors++
			fmt.Fprintf(c.App.ErrWriter, "unspin: %v\n", r.err)
			return nil
		}
		if r.doc == nil {
			return nil
		}
		if rep != nil {
			a := report.FromDocument(r.doc)
			a.ID = partName(r.art)
			return rep.Add(&a)
		}
		fmt.Fprintf(w, "== %s (spin %.2f, %d edits applied)\n", partName(r.art), r.doc.Spin, r.doc.Applied())
		writeWordDiff(w, r.doc, color, c.Bool("all"))
		return nil
	})
	if err != nil {
		return err
	}
	if rep != nil {
		f, err := corpus.CreateAtomic(htmlPath)
		if err != nil {
			return err
		}
		defer f.Abort()
		if err := rep.Write(f); err != nil {
			return err
		}
		if err := f.Commit(); err != nil {
			return err
		}
	}
	if errors > 0 {
		return exitCode(exitError)
	}
	return nil
}

const (
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiDim   = "\x1b[2m"
	ansiReset = "\x1b[0m"
)

// writeWordDiff writes the document's source with its edits marked.
func writeWordDiff(w io.Writer, doc *pipeline.Document, color, all bool) {
	last := 0
	for _, e := range doc.Edits {
		if !e.Applied && !all {
			continue
		}
		w.Write(doc.Source[last:e.Start])
		note := fmt.Sprintf("<%s %.2f>", e.Rule, e.Confidence)
		switch {
		case !e.Applied && color:
			fmt.Fprintf(w, "%s%s [-> %s?] %s%s", ansiDim, e.Old, e.New, note, ansiReset)
		case !e.Applied:
			fmt.Fprintf(w, "[?%s -> %s?]%s", e.Old, e.New, note)
		case color:
			fmt.Fprintf(w, "%s%s%s%s%s%s%s%s%s", ansiRed, e.Old, ansiReset, ansiGreen, e.New, ansiReset, ansiDim, note, ansiReset)
		default:
			fmt.Fprintf(w, "[-%s-]{+%s+}%s", e.Old, e.New, note)
		}
		last = e.End
	}
	w.Write(doc.Source[last:])
	if n := len(doc.Source); n == 0 || doc.Source[n-1] != '\n' {
		io.WriteString(w, "\n")
	}
}
