// Package config reads the site config, site.yaml at the site root. The
// config is the content model: the generator's Go code knows no word of any
// one site, and everything site-specific is declared here.
//
// Top-level keys:
//
//	title, owner, language  the site's name, the body that publishes it, its BCP 47 language
//	layouts, assets         folders (relative to the site root) with html/template layouts and
//	                        static assets; default "layouts" and "assets"
//	content                 the content folder; default "content" (labyrint build --content overrides it)
//	targets                 named builds of the one content tree (see Target)
//	fields                  front matter keys every page may carry (see Field)
//	kinds                   kinds of page, by section, with their layout and extra fields (see Kind)
//	taxonomies              vocabularies that pages refer to by term (see Taxonomy)
//	language_rules          plain-language thresholds (see Plain)
//	params                  free values the layouts show: contact_name, address and phone
//	                        make the footer's contact block
//	theme                   what the layouts show of the site's own (see Theme), all optional:
//	                          owner_url      the owner's main site, linked from the header
//	                          logo           a file in assets/ shown beside the owner's name
//	                          header_link    {title, url, targets}: a prominent link in the header of
//	                                         every page of the targets (e.g. crisis help)
//	                          feedback       the footer's "Giv os besked" link: mailto:, https: or a site path
//	                          menu           the main menu by URL path; default the pages with menu: in
//	                                         their front matter, by that number
//	                          home           {tasks, grid, sections}: the front page's direct links, the
//	                                         sections shown as a grid, the sections listed with their pages
//	                                         (default every top-level section)
//	                          search         the search page with the A–Å list; default /soeg/. When no
//	                                         content page has that address the build adds one; "off": none
//	                          taxonomies     the order of the term lists on pages; default all by name
//	                          guide          {page, section, taxonomy}: a guide page whose answers are the
//	                                         section's filter pages by the taxonomy
//	                          help           the page to call when no item of a list fits
//	                          contact, accessibility  pages linked in the footer
//	                          listen         true: a "Lyt" button reads pages aloud (Danish voice only)
//
// A Field has a type (string, int, bool, date, list), may be required, may
// restrict its values to an enum, and may name a taxonomy whose terms its
// values must be. A Kind binds a section folder (and, with depth, a level
// below it) to a layout, a default audience, required fields and fields of
// its own. A Taxonomy either lists its terms (slug: name), takes them from
// the pages of a section (pages: SECTION), or is free (any term).
package config
