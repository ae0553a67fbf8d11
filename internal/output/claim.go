package output

import (
	"errors"
	"fmt"
	"path"
)

// ErrClash means two files of one build want the same place in the output:
// the same name, one the other's .gz twin, or a file where another needs a
// folder. Its message names the output file in Danish.
var ErrClash = errors.New("to filer vil skrive det samme sted i outputtet")

// Clash is the error of a write that lost its place to an earlier one.
type Clash struct {
	Name  string // the file that could not be written
	Taken string // the place an earlier file holds
}

func (c *Clash) Error() string {
	switch {
	case c.Taken == c.Name:
		return fmt.Sprintf("to filer vil skrive den samme fil %s", c.Name)
	case c.Taken == c.Name+".gz" || c.Name == c.Taken+".gz":
		return fmt.Sprintf("%s og %s kan ikke begge findes: den ene er den andens komprimerede udgave", c.Name, c.Taken)
	}
	return fmt.Sprintf("%s kan ikke skrives, fordi %s allerede findes i outputtet (en fil og en mappe med samme navn)", c.Name, c.Taken)
}

func (c *Clash) Is(target error) bool { return target == ErrClash }

// claim reserves rel (a cleaned slash path) and its .gz twin for one file,
// whether or not a .gz is made, so that no later file can take either; a
// file may not lie where a folder is needed, nor below a file.
func (w *Writer) claim(rel string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	gz := rel + ".gz"
	switch {
	case w.written[rel]:
		return &Clash{Name: rel, Taken: rel}
	case w.written[gz]:
		return &Clash{Name: rel, Taken: gz}
	case w.folders[rel]:
		return &Clash{Name: rel, Taken: rel + "/"}
	}
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if w.written[d] {
			return &Clash{Name: rel, Taken: d}
		}
	}
	w.written[rel], w.written[gz] = true, true
	for d := path.Dir(rel); d != "." && !w.folders[d]; d = path.Dir(d) {
		w.folders[d] = true
	}
	return nil
}
