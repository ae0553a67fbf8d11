package frontmatter

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// plainWords are the plain words YAML 1.1 reads as something other than
// text. go.yaml.in/yaml/v3 reads YAML 1.2, where yes, no, on and off are
// text; the pages were written against YAML 1.1 (draft: yes), so the
// fields keep its words.
var plainWords = map[string]interface{}{}

func init() {
	for _, w := range []struct {
		v     interface{}
		words []string
	}{
		{true, []string{"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}},
		{false, []string{"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}},
		{nil, []string{"", "~", "null", "Null", "NULL"}},
		{math.NaN(), []string{".nan", ".NaN", ".NAN"}},
		{math.Inf(+1), []string{".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}},
		{math.Inf(-1), []string{"-.inf", "-.Inf", "-.INF"}},
	} {
		for _, s := range w.words {
			plainWords[s] = w.v
		}
	}
}

// yamlFloat is a YAML 1.1 float written without a base.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// resolvePlain returns the value of a plain (unquoted) scalar: a word of
// plainWords, a whole number (int, or int64 or uint64 when it does not fit,
// with _ between digits and a 0x, 0o, 0b or leading 0 base), a float, or
// else the text itself. A date stays text: the content stage checks it.
func resolvePlain(s string) interface{} {
	if s == "" {
		return nil
	}
	c := s[0]
	if c != '+' && c != '-' && c != '.' && (c < '0' || c > '9') {
		if v, ok := plainWords[s]; ok {
			return v
		}
		return s
	}
	if v, ok := plainWords[s]; ok {
		return v
	}
	if c == '.' {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f
		}
		return s
	}
	plain := strings.ReplaceAll(s, "_", "")
	if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
		if i == int64(int(i)) {
			return int(i)
		}
		return i
	}
	if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return u
	}
	if yamlFloat.MatchString(plain) {
		if f, err := strconv.ParseFloat(plain, 64); err == nil {
			return f
		}
	}
	if strings.HasPrefix(plain, "-0b") {
		if i, err := strconv.ParseInt("-"+plain[3:], 2, 64); err == nil {
			return int(i)
		}
	}
	return s
}
