package config

import (
	"bytes"
	"strings"
)

// KeyLine returns the line (from 1) of a nested block-style key in YAML
// data, such as KeyLine(data, "targets", "public"), or 0 when it is not
// found. It reads indentation only: enough for site.yaml's findings, which
// yaml.v2 gives no lines for.
func KeyLine(data []byte, path ...string) int {
	depth, indent := 0, -1
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimRight(string(raw), " \t\r")
		trimmed := strings.TrimLeft(line, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		ind := len(line) - len(trimmed)
		if depth > 0 && ind <= indent {
			return 0 // left the block of the key found last
		}
		key, _, ok := strings.Cut(trimmed, ":")
		if !ok || strings.Trim(key, `"'`) != path[depth] {
			continue
		}
		if depth == len(path)-1 {
			return i + 1
		}
		depth, indent = depth+1, ind
	}
	return 0
}
