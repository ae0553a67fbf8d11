package config

import (
	"errors"

	"go.yaml.in/yaml/v3"
)

// Terms are a taxonomy's listed terms, written slug: name, in the order
// written.
type Terms []Term

// UnmarshalYAML reads a mapping of slug: name, keeping the order.
func (ts *Terms) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return errors.New("terms: forventede nøgler med værdier") // shape reports it first, with its line
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		*ts = append(*ts, Term{Slug: n.Content[i].Value, Name: n.Content[i+1].Value})
	}
	return nil
}
