// Command unspin-beam runs unspin's restoration on Apache Beam: JSONL
// shards in, cleaned shards, edits and dead letters out, on the prism
// runner locally (the default) or on Flink, Spark or Dataflow.
//
//	unspin-beam --input 'dump/*.jsonl.gz' --output cleaned/ --edits edits.jsonl --dead-letter bad.jsonl
//
// Every record is restored by the same pipeline package and lexicon as
// `unspin restore`, so each cleaned shard is byte for byte what
// `unspin restore --out DIR shard` writes. See README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/unspin/unspin/pipeline"
)

// listFlag is a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

var (
	inputs         listFlag
	lexicons       listFlag
	out            = flag.String("output", "", "directory for the cleaned shards, one per input shard with the same name (required)")
	edits          = flag.String("edits", "", "file for the edits: one JSON article record a line, as `unspin restore --edits`; a directory (ending in /): one file per shard, <shard>.edits.jsonl, written by the worker (no side output to hold)")
	deadLetterPath = flag.String("dead-letter", "", "file for the malformed records: JSON lines with path, line, reason and the record as read")
	textFieldFlag  = flag.String("text-field", "text", "JSONL field that holds the article text")
	idField        = flag.String("id-field", "id", "JSONL field that holds the article id")
	minConfidence  = flag.Float64("min-confidence", pipeline.DefaultOptions().MinConfidence, "apply edits whose confidence is at least this (0..1)")
	jobs           = flag.Int("jobs", 0, "goroutines restoring the records of a shard on each worker (0: the worker's number of CPUs)")
)

func init() {
	flag.Var(&inputs, "input", "JSONL shards: a glob pattern (plain, .gz, .zst; local, gs://, s3://); repeatable or comma-separated (required)")
	flag.Var(&lexicons, "lexicon", "lexicon or gazetteer files laid over the embedded lexicon, as `unspin --lexicon`; repeatable")
	// The spellings of the first version (and of Beam's own flags).
	flag.StringVar(out, "out", "", "alias of --output")
	flag.StringVar(deadLetterPath, "dead_letter", "", "alias of --dead-letter")
	flag.StringVar(textFieldFlag, "text_field", "text", "alias of --text-field")
	flag.StringVar(idField, "id_field", "id", "alias of --id-field")
	flag.Float64Var(minConfidence, "min_confidence", pipeline.DefaultOptions().MinConfidence, "alias of --min-confidence")
}

func main() {
	flag.Parse()
	beam.Init()
	if len(inputs) == 0 || *out == "" {
		fmt.Fprintln(os.Stderr, "unspin-beam: --input and --output are required (see -help)")
		os.Exit(2)
	}
	if *minConfidence < 0 || *minConfidence > 1 {
		fmt.Fprintf(os.Stderr, "unspin-beam: --min-confidence %v: want a number in [0,1]\n", *minConfidence)
		os.Exit(2)
	}
	cfg := Config{
		Inputs: inputs, Out: *out, Edits: *edits, DeadLetter: *deadLetterPath,
		TextField: *textFieldFlag, IDField: *idField, Lexicon: lexicons, MinConfidence: minConfidence,
		Jobs: *jobs,
	}
	// Fail before starting a job when the lexicon files are bad.
	if _, _, err := pipeline.Load(pipeline.DefaultOptions(), cfg.Lexicon...); err != nil {
		fmt.Fprintf(os.Stderr, "unspin-beam: %v\n", err)
		os.Exit(2)
	}
	if !strings.Contains(cfg.Out, "://") {
		if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
			fmt.Fprintf(os.Stderr, "unspin-beam: %v\n", err)
			os.Exit(2)
		}
	}
	p, s := beam.NewPipelineWithRoot()
	Build(s, cfg)
	res, err := beamx.RunWithMetrics(context.Background(), p)
	if err != nil {
		fmt.Fprintf(os.Stderr, "unspin-beam: %v\n", err)
		os.Exit(1)
	}
	if res != nil {
		printCounters(os.Stderr, counters(res))
	}
}

// counters sums the unspin counters of a run by name.
func counters(res beam.PipelineResult) map[string]int64 {
	m := map[string]int64{}
	for _, c := range res.Metrics().AllMetrics().Counters() {
		if c.Namespace() == "unspin" {
			m[c.Name()] += c.Result()
		}
	}
	return m
}

func printCounters(w *os.File, m map[string]int64) {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(w, "unspin-beam: %s %d\n", k, m[k])
	}
}
