package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/guldborgsund/labyrint/internal/archetype"
)

// cmdNew writes a new page from the site's archetype for a kind.
func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "sitets mappe")
	in := fs.String("in", "", "mappe under content, fx enheder/myndighed (standard: typens sektion)")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return errReported
	}
	if len(words) != 2 {
		fmt.Fprintln(stderr, `brug: labyrint new TYPE "Titel" [--in MAPPE]`)
		return errReported
	}
	path, err := archetype.New(*source, words[0], words[1], *in, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, "labyrint:", err)
		return errReported
	}
	fmt.Fprintf(stdout, "ny side: %s\nDen er en kladde (draft: true): den vises i labyrint serve, men udgives først, når du sletter den linje.\n", path)
	return nil
}

// parseInterspersed parses fs's flags wherever they stand among args (Go's
// flag package stops at the first word that is not a flag) and returns
// the other words in order.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for rest := args; len(rest) > 0; rest = fs.Args()[1:] {
		if err := fs.Parse(rest); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		words = append(words, fs.Arg(0))
	}
	return words, nil
}
