// Package site builds the model of the whole site from the checked sources:
// every page with its URL, kind, layout and audience; the sections as a tree;
// the taxonomies with their terms; and the references between them.
//
// The content model, as an editor writes it:
//
//   - A folder under content/ is a section; its _index.md is the section's
//     own page (title, summary and an introduction). content/_index.md is the
//     front page.
//   - Any other .md file is a page. Its URL is its path with each segment made
//     a clean slug (æ→ae, ø→oe, å→aa, spaces to hyphens, lower case):
//     content/hjertesager/Ærlighed.md → /hjertesager/aerlighed/. The front
//     matter key slug replaces the last segment. Two files with one URL are an
//     error naming both.
//   - A page's kind comes from site.yaml (kinds: section and depth) and gives
//     its layout, its required fields and its default audience.
//   - audience is the page's own, else the nearest section _index.md above it
//     that sets one, else its kind's, else "public".
//   - Taxonomy fields (values, unit, focus, …) hold term slugs; an unknown term
//     is an error with a suggestion.
//
// Select(target) makes the View of one target: only the pages that target's
// audiences may see, with every list (section children, term pages,
// breadcrumbs, menu) made from those pages alone. It is the only place pages
// are filtered; the later stages see nothing else.
package site
