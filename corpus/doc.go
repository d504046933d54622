// Package corpus reads the articles unspin is given as one stream, and
// writes results back safely.
//
// # Inputs
//
// A Reader takes a list of inputs: "-" (or no inputs at all) for stdin,
// files, directories, and glob patterns that name no file (expanded, the
// matches in lexical order; see IsGlob). It yields Articles in a fixed order: the inputs
// in the order given, and a directory's files in filepath.WalkDir order
// (depth first, each directory's entries sorted by name). Symlinked
// directories inside a walk are not followed; symlinked files are read.
// A walk picks up only the files whose name ends in one of Options.Exts
// (by default .txt .md .jsonl .ndjson, each also with .gz); a file named
// explicitly is always read, whatever its name.
//
// How a file is read depends on its name with a trailing ".gz" removed
// (see KindOf), unless Options.ForceJSONL makes everything JSONL:
//
//   - KindText (.txt, .md and anything else): the whole file is one
//     article; Text holds its exact bytes. With Options.MaxText set, a
//     longer file comes as several articles, its parts (Part, Offset,
//     More, LineOffset, ColOffset), cut as Cut cuts: memory stays bounded
//     whatever the file's size.
//   - KindJSONL (.jsonl, .ndjson): each non-blank line is one article. The
//     line must be a JSON object whose text field (Options.TextField,
//     default "text") is a string; Text holds the decoded string, Raw the
//     line exactly as read and Record the object with its fields in
//     order.
//
// Stdin is text unless ForceJSONL is set. Files ending in .gz are
// decompressed as they are read, and so is stdin when it starts with the
// gzip magic bytes.
//
// # Names
//
// Every Article has a Path (the file as given or walked, "-" for
// stdin), a Rel (its path under the walked root, slash-separated, or the
// base name of a file given directly, for mirroring into an output
// directory with OutPath) and an ID for reports: the JSONL id field
// (Options.IDField, default "id") when present, else "path:line"; for a
// text file its Rel under a walked root, or the path as given. Line is
// 1-based and counts every line of the file, blank lines included.
//
// # Errors
//
// Nothing is dropped and nothing stops the stream. A missing or
// unreadable input, a corrupt gzip stream, a malformed JSONL line, a
// missing text field or one that is not a string each come out as an
// Article in its place whose Err is an *Error naming the path (and the
// line), for example
//
//	corpus: dump.jsonl:17: invalid json: unexpected end of input
//	corpus: dump.jsonl:18: no "text" field
//	corpus: dump.jsonl:19: field "text" is a number, want a string
//	corpus: feeds/a.txt.gz: corrupt gzip stream: invalid header
//
// and Raw or Text hold what was read, so a caller can pass the item
// through verbatim. A text file that looks binary (a NUL byte, or mostly
// invalid UTF-8, in its first 8 KiB) is flagged with Binary, not
// dropped. Reader.Next itself fails only when its context is done.
//
// # Memory
//
// Reading streams. A Reader holds at most one file open, and reads a
// JSONL file one line at a time with no limit on line length (a single
// 40 MB record is fine), so a dump of any size is read in memory bounded
// by its longest line. A directory walk holds only the entries of the
// directories on the current path. A text file is one article and is
// read whole.
//
// # Records
//
// A Record is a JSON object that keeps its fields in their original
// order and each value as the bytes it was written with. Set replaces
// one value (or appends a field), and AppendJSON writes the object back
// on one line, so an output record differs from its input only where it
// was changed.
//
// # Output
//
// WriteFileAtomic and AtomicFile write to a temporary file in the target
// directory and rename it into place only when it is complete and synced,
// so an interrupted run never leaves a half-written file under a final
// name.
//
// This package uses only the standard library.
package corpus
