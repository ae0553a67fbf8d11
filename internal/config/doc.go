// Package config reads the site config, site.yaml at the site root. The
// config is the content model: the generator's Go code knows no word of any
// one site, and everything site-specific is declared here. The full
// reference of every key, in Danish for the site's editors, is
// docs/konfiguration.md; TestReferenceCoversEveryKey keeps it complete.
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
//	wanted                  fields every public page should carry; labyrint check lists those without
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
//	static                  which other files of the content folder are published (see Static):
//	                        allow: [pdf, docx, …], file types without the dot, any case; default
//	                        DefaultStaticAllow (pdf, docx, xlsx, pptx, odt, ods, odp, jpg, jpeg,
//	                        png, webp, gif, txt, csv). Types a browser may run as code (html, js,
//	                        css, svg, xml, …) and compressed twins (gz, br) can never be allowed.
//	                        Any other file in content/ is a build error at its path.
//	wanted                  fields every public page should carry (e.g. sources); not required,
//	                        but labyrint check lists the pages without them as the owner's to-do
//	images                  widths of the photo copies, size warning (see Images)
//	static                  which other files of the content folder are published (see Static)
//	search                  how much each part of a page counts in the site search (see Search)
//	params                  free values the layouts show (contact_name, address, phone, emergency)
//
// # Reading and errors
//
// Parse reads site.yaml with go.yaml.in/yaml/v3 into a yaml.Node tree,
// which knows the line and column of every key and value, and checks the
// tree against the Config struct by reflection before decoding it
// (node.go): a key that is no yaml tag of the struct at its level is an
// error with "mente du …?" from that level's keys, a value of the wrong
// kind ("forventede en liste, fik tekst") and a key written twice are
// errors at their place. So a key added to any struct here is checked the
// same way, with no more code. The checks of meaning (check.go, theme.go:
// unknown types, taxonomies, undeclared fields, audiences outside the
// audience field's enum, theme paths and the guide) report at the place of
// the key path they concern: its value when that is a single value, else
// its key. Problems only a later stage can see (a folder, section, layout
// or theme page that is not there, a target that shows no page, a taxonomy
// no field refers to) are made with Config.Finding, at the same place,
// once. Every message is Danish, "site.yaml:LINE:COL: fejl: besked – hint"
// (YAML's own syntax errors give a line only); docs/konfiguration.md lists
// every one the tests provoke.
//
// A Field has a type (string, int, bool, date, list), may be required, may
// restrict its values to an enum, and may name a taxonomy whose terms its
// values must be. A Kind binds a section folder (and, with depth, a level
// below it) to a layout, a default audience, required fields, wanted fields
// and fields of its own. A Taxonomy either lists its terms (slug: name, in
// order), takes them from the pages of a section (pages: SECTION), or is
// free (any term). search.weights gives the search's BM25F weight of each
// part of a page (title, summary, headings, terms, body) and of any text
// field, which is then indexed as a part of its own.
package config
