package pipeline

import (
	"reflect"
	"strings"

	"github.com/guldborgsund/labyrint/internal/check"
	"github.com/guldborgsund/labyrint/internal/site"
)

// missing lists the wanted fields (site.yaml `wanted`, the site's and the
// page's kind's) that page p leaves empty, for labyrint check's to-do list.
func (b *builder) missing(p *site.Page) []check.Wanted {
	if generated(p.Src) {
		return nil // a page the build added (the search page): no file to fill in
	}
	var out []check.Wanted
	for _, k := range b.cfg.WantedFields(p.Src.Kind) {
		if !isEmpty(p.Field(k)) {
			continue
		}
		w := check.Wanted{Key: k}
		if f := b.cfg.FieldFor(p.Src.Kind, k); f != nil {
			w.Label = f.Label
		}
		out = append(out, w)
	}
	return out
}

// isEmpty reports whether a front matter value says nothing: absent, blank
// or an empty list.
func isEmpty(v interface{}) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	}
	r := reflect.ValueOf(v)
	return (r.Kind() == reflect.Slice || r.Kind() == reflect.Map) && r.Len() == 0
}
