package pipeline

import "context"

// Repair finds scraping damage that is not spin and proposes edits for it
// (Document.Repairs): paragraphs cut mid-sentence (kind "reflow"),
// mojibake (kind "mojibake") and words hyphenated across line ends (kind
// "dehyphenate"). It reads Source only and runs before Normalize, which
// makes the applied repairs in Text so that detection reads repaired text.
//
// NOTE(#8): the detectors are being written; until then Repair proposes
// nothing.
type Repair struct {
	MinConfidence float64
}

// NewRepair returns a Repair stage that applies repairs whose confidence
// is at least minConfidence.
func NewRepair(minConfidence float64) *Repair { return &Repair{MinConfidence: minConfidence} }

// Name implements Stage.
func (*Repair) Name() string { return "repair" }

// Run implements Stage.
func (r *Repair) Run(_ context.Context, doc *Document) error {
	doc.Repairs = doc.Repairs[:0]
	return nil
}
