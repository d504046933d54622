package pipeline

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestTmpRepairSeed(t *testing.T) {
	src, err := os.ReadFile(os.Getenv("F"))
	if err != nil {
		t.Skip()
	}
	doc := NewDocument("x", "", src)
	if err := NewRepair(0.85).Run(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Repairs {
		fmt.Printf("%v %s %q->%q %.4f %v %v\n", e.Span, e.Kind, e.Old, e.New, e.Confidence, e.Applied, e.Score)
	}
}
