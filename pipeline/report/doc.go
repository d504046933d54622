// Package report renders restored articles for people: a self-contained
// HTML review report (WriteHTML, or Writer for batches too big to hold:
// it spools each article's JSON to an unlinked temporary file and keeps
// only its spin, id and place in memory).
//
// # The HTML report
//
// One file, no network: the CSS and the JavaScript are inline, and the
// articles and their edits are one JSON blob in a <script
// type="application/json"> element, rendered lazily (only the article a
// reviewer opens is put into the page), so a batch of 1,000 articles stays
// usable. The page has a summary table sorted by spin score; per article
// the text with every edit highlighted (old struck through, new beside
// it), its rule, kind and confidence on hover and on keyboard focus; a
// confidence slider that shows which edits apply at that threshold; a
// filter by rule kind; j/k (or n/p) to move between edits, a/r to accept
// or reject the focused one; and an export of the decisions.
//
// # Feedback JSON
//
// The export is the reviewer's decisions, in document order:
//
//	{"version":1,"generated_by":"unspin","decisions":[
//	  {"article":"ID","start":N,"end":N,"old":"…","new":"…","rule":"…","decision":"accept"|"reject"}]}
//
// start and end are byte offsets into the article's text, as in the edits
// JSONL.
package report
