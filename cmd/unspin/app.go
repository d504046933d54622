package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/unspin/unspin/corpus"
	"github.com/unspin/unspin/lexicon"
	"github.com/unspin/unspin/pipeline"
)

// Exit codes, as ripgrep and misspell use them.
const (
	exitOK    = 0 // success
	exitFound = 1 // check: spun articles found
	exitError = 2 // an error, in the run or in any article
)

// exitCode carries a non-error exit status out of a command.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// run is the whole program, callable from tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	var code exitCode
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &code):
		return int(code)
	case errors.Is(err, syscall.EPIPE):
		return exitOK // a closed pipe (| head) is not an error
	}
	fmt.Fprintf(stderr, "unspin: %v\n", err)
	return exitError
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "unspin",
		Usage:   "restore synonym-spun articles to their original wording",
		Version: version,
		Description: `Scraper sites republish news after an "article spinner" has swapped words
for thesaurus synonyms ("Consultants" for "Experts", "Chilly Struggle" for
"Cold War", "imaginative and prescient" for "vision"). unspin finds spun
phrases with a phrase lexicon and context, gives every candidate edit a
confidence, applies the confident ones and reports all of them with byte
offsets into your input. Bytes it does not edit pass through unchanged.`,
		Reader:         stdin,
		Writer:         stdout,
		ErrWriter:      stderr,
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			restoreCommand(),
			evalCommand(),
			lexiconCommand(),
			checkCommand(),
			diffCommand(),
		},
		HideHelpCommand: true,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the run to `FILE` (go tool pprof)"},
		},
		Before: func(c *cli.Context) error {
			path := c.String("cpuprofile")
			if path == "" {
				return nil
			}
			f, err := os.Create(path)
			if err != nil {
				return err
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				f.Close()
				return err
			}
			stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
			return nil
		},
		After: func(*cli.Context) error {
			if stopProfile != nil {
				stopProfile()
				stopProfile = nil
			}
			return nil
		},
	}
}

// stopProfile ends the --cpuprofile profile, if one runs.
var stopProfile func()

const (
	catDetect = "Detection"
	catInput  = "Input"
	catOutput = "Output"
)

// detectFlags are shared by every command that runs the pipeline.
func detectFlags() []cli.Flag {
	return []cli.Flag{
		&cli.Float64Flag{Name: "min-confidence", Value: pipeline.DefaultOptions().MinConfidence, Category: catDetect,
			EnvVars: []string{"UNSPIN_MIN_CONFIDENCE"},
			Usage:   "apply edits whose confidence is at least `P` (0..1); the others are only reported"},
		&cli.StringSliceFlag{Name: "lexicon", Category: catDetect, EnvVars: []string{"UNSPIN_LEXICON"},
			Usage: "add or override lexicon entries from `PATH` (a .tsv file or a directory of them; repeatable)"},
		&cli.BoolFlag{Name: "repair", Category: catDetect, EnvVars: []string{"UNSPIN_REPAIR"},
			Usage: "also repair scraping damage: paragraphs cut mid-sentence, mojibake, words hyphenated across lines (edits of kind reflow, mojibake, dehyphenate)"},
		&cli.BoolFlag{Name: "protect-people", Category: catDetect, EnvVars: []string{"UNSPIN_PROTECT_PEOPLE"},
			Usage: "never edit inside person names found by prose's named-entity recogniser (slow: ~10x on spun text)"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Category: catDetect, EnvVars: []string{"UNSPIN_JOBS"},
			Usage: "process `N` articles in parallel (0: one per CPU)"},
	}
}

func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "jsonl", Category: catInput, Usage: "read stdin and every input as JSONL, whatever the file extension"},
		&cli.StringFlag{Name: "text-field", Value: "text", Category: catInput, Usage: "JSONL field that holds the article `NAME`"},
		&cli.StringFlag{Name: "id-field", Value: "id", Category: catInput, Usage: "JSONL field that holds the article id `NAME`"},
	}
}

// openInputs returns a reader over the command's inputs as the input
// flags describe them (stdin when paths is empty). maxText > 0 reads
// text files longer than that in parts (corpus.Options.MaxText).
func openInputs(c *cli.Context, paths []string, maxText int) *corpus.Reader {
	return corpus.NewReader(c.Context, paths, c.App.Reader, corpus.Options{
		TextField:  c.String("text-field"),
		IDField:    c.String("id-field"),
		ForceJSONL: c.Bool("jsonl"),
		MaxText:    maxText,
	})
}

// loadPipeline builds the pipeline the flags describe.
func loadPipeline(c *cli.Context) (*pipeline.Pipeline, *lexicon.Lexicon, error) {
	opts := pipeline.DefaultOptions()
	opts.MinConfidence = c.Float64("min-confidence")
	opts.People = c.Bool("protect-people")
	opts.Repair = c.Bool("repair")
	if opts.MinConfidence < 0 || opts.MinConfidence > 1 {
		return nil, nil, fmt.Errorf("--min-confidence %v: want a number in [0,1]", opts.MinConfidence)
	}
	return pipeline.Load(opts, c.StringSlice("lexicon")...)
}

// readEntries reads the lexicon entries of every path (gazetteer files
// among them are parsed and their names dropped).
func readEntries(paths []string) ([]*lexicon.Entry, error) {
	var all []*lexicon.Entry
	for _, p := range paths {
		es, _, err := lexicon.ReadFiles(p)
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	return all, nil
}

func jobs(c *cli.Context) int {
	if n := c.Int("jobs"); n > 0 {
		return n
	}
	return runtime.NumCPU()
}

// plural returns "n word" or "n words".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, word[:len(word)-1])
	}
	return fmt.Sprintf("%d %ss", n, word)
}
