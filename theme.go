// Package labyrint holds the generic theme, so the binary can write it
// into a new site (labyrint init): the layouts and the assets.
package labyrint

import "embed"

// Theme is the default layouts/ and assets/ folders, as they are in the
// repository (all: keeps layouts/_base.html).
//
//go:embed all:layouts all:assets
var Theme embed.FS
