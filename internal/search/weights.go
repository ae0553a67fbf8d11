package search

import (
	"fmt"
	"slices"
)

// Weights are the BM25F weights of a page's parts: the five every Doc has,
// and named extra fields (Doc.Fields), each indexed as a field of its own
// with its own length normalisation. A weight of 0 leaves a part out of
// the index. The site's config gives them (internal/config, search.weights).
type Weights struct {
	Title, Summary, Headings, Terms, Body float64
	Fields                                map[string]float64 // extra fields by name; at most MaxExtraFields
}

// MaxExtraFields is how many named extra fields an index can weigh.
const MaxExtraFields = maxFields - nBuiltinFields

// DefaultWeights are the weights of an index whose weights are not set.
func DefaultWeights() Weights {
	return Weights{Title: 12, Summary: 6, Headings: 3, Terms: 2, Body: 1}
}

// fieldSet is the weights as the index uses them: a slot per field.
type fieldSet struct {
	weight [maxFields]float64
	b      [maxFields]float64 // length normalisation
	extra  []string           // names of slots nBuiltinFields…, sorted
	sig    string             // signature(), made once: AddKept asks for it per document
}

// extraB is the length normalisation of an extra field: as for the title
// and summary, a long list of phrases is diluted only somewhat.
const extraB = 0.5

func (w Weights) fieldSet() (fieldSet, error) {
	fs := fieldSet{
		weight: [maxFields]float64{w.Title, w.Summary, w.Headings, w.Terms, w.Body},
		b:      [maxFields]float64{0.5, 0.5, 0.5, 0.3, 0.75},
	}
	for name, x := range w.Fields {
		if x < 0 {
			return fs, fmt.Errorf("feltet %q har en negativ vægt", name)
		}
		if x > 0 {
			fs.extra = append(fs.extra, name)
		}
	}
	for _, x := range fs.weight[:nBuiltinFields] {
		if x < 0 {
			return fs, fmt.Errorf("en vægt er negativ")
		}
	}
	if len(fs.extra) > MaxExtraFields {
		return fs, fmt.Errorf("søgningen kan vægte højst %d ekstra felter, ikke %d", MaxExtraFields, len(fs.extra))
	}
	slices.Sort(fs.extra)
	for i, name := range fs.extra {
		fs.weight[nBuiltinFields+i] = w.Fields[name]
		fs.b[nBuiltinFields+i] = extraB
	}
	fs.sig = fmt.Sprint(fs.weight, fs.extra)
	return fs, nil
}

// SetWeights sets the field weights. It must be called before Add: the
// extra fields a document is indexed under are fixed when it is added.
func (ix *Index) SetWeights(w Weights) error {
	fs, err := w.fieldSet()
	if err != nil {
		return err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.docs) > 0 {
		return fmt.Errorf("search: SetWeights after Add")
	}
	ix.fields = fs
	ix.built = nil
	return nil
}
