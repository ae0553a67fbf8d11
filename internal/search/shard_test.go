package search

import (
	"encoding/json"
	"strings"
	"testing"
)

// Issue #21, finding 2: every shard is ShardHead, its name, a comma, its
// data as JSON and ");\n", so that a page on http(s) can read the data out
// of the fetched text without running it, and the shard runs its hand-over
// only under file://.
func TestShardsAreGuardedJSON(t *testing.T) {
	files := writeFiles(t, testIndex(t))
	if len(files) < 5 {
		t.Fatalf("%d shards", len(files))
	}
	for name, data := range files {
		if !strings.HasPrefix(name, "idx/") || !strings.HasSuffix(name, ShardExt) {
			t.Errorf("shard name %q", name)
		}
		short := strings.TrimSuffix(strings.TrimPrefix(name, "idx/"), ShardExt)
		head := ShardHead + `"` + short + `",`
		text := string(data)
		if !strings.HasPrefix(text, head) || !strings.HasSuffix(text, ");\n") {
			t.Errorf("%s: %.80s … %q", name, text, text[max(0, len(text)-8):])
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(text[len(head):len(text)-3]), &v); err != nil {
			t.Errorf("%s: the data is not JSON: %v", name, err)
		}
	}
}
