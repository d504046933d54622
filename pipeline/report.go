package pipeline

import (
	"math"

	"github.com/unspin/unspin/corpus"
)

// EditRecord is the machine-readable form of an Edit, as written by
// `unspin restore --edits` and the JSONL formats. Field order is fixed.
type EditRecord struct {
	Start      int     `json:"start"` // byte offset into the article's input text
	End        int     `json:"end"`   // byte offset, exclusive
	Line       int     `json:"line"`  // 1-based line of Start
	Col        int     `json:"col"`   // 1-based column of Start, in bytes
	Old        string  `json:"old"`
	New        string  `json:"new"`
	Rule       string  `json:"rule"`
	Kind       string  `json:"kind"`
	Confidence float64 `json:"confidence"`
	Applied    bool    `json:"applied"`
	Score      []Term  `json:"score"`
	Note       string  `json:"note,omitempty"`
}

// ArticleRecord summarises one processed article and its edits.
type ArticleRecord struct {
	ID      string       `json:"id"`
	Path    string       `json:"path,omitempty"`
	Line    int          `json:"line,omitempty"` // JSONL: the record's line in its file
	Spin    float64      `json:"spin"`           // article spin probability
	Words   int          `json:"words"`
	Applied int          `json:"applied"` // number of applied edits
	Edits   []EditRecord `json:"edits"`
	Error   string       `json:"error,omitempty"`
}

// Round4 rounds to 4 decimals, for stable, readable output.
func Round4(x float64) float64 {
	r := math.Round(x*1e4) / 1e4
	if r == 0 {
		return 0 // never "-0"
	}
	return r
}

// Records returns the edits of d with line and column filled in.
func (d *Document) Records() []EditRecord {
	out := make([]EditRecord, len(d.Edits))
	for i, e := range d.Edits {
		line, col := d.Lines.Position(e.Start)
		score := make([]Term, len(e.Score))
		for k, t := range e.Score {
			score[k] = Term{t.Name, Round4(t.Value)}
		}
		out[i] = EditRecord{
			Start: e.Start, End: e.End, Line: line, Col: col,
			Old: e.Old, New: e.New, Rule: e.Rule, Kind: e.Kind,
			Confidence: Round4(e.Confidence), Applied: e.Applied,
			Score: score, Note: e.Note,
		}
	}
	return out
}

// Record returns the article record of d.
func (d *Document) Record() ArticleRecord {
	return ArticleRecord{
		ID: d.ID, Path: d.Path, Spin: Round4(d.Spin), Words: d.Words,
		Applied: d.Applied(), Edits: d.Records(),
	}
}

// SetJSONL sets, in the JSONL record an article was read from, the
// cleaned text in textField and the fields unspin_spin (Round4) and
// unspin_edits (edits applied): what `unspin restore` writes for a JSONL
// record (rec.AppendJSON or rec.WriteTo then writes it; the other fields
// keep their order and their bytes). The record holds d.Cleaned until it
// is written.
func (d *Document) SetJSONL(rec *corpus.Record, textField string) error {
	rec.SetString(textField, d.Cleaned)
	if err := rec.Set("unspin_spin", Round4(d.Spin)); err != nil {
		return err
	}
	return rec.Set("unspin_edits", d.Applied())
}

// AppendJSONL appends the record SetJSONL makes, as one line of JSON
// without a newline. rec is changed in place.
func (d *Document) AppendJSONL(dst []byte, rec *corpus.Record, textField string) ([]byte, error) {
	if err := d.SetJSONL(rec, textField); err != nil {
		return dst, err
	}
	return rec.AppendJSON(dst), nil
}
