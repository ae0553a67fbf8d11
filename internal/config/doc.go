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
//	static                  which other files of the content folder are published (see Static):
//	                        allow: [pdf, docx, …], file types without the dot, any case; default
//	                        DefaultStaticAllow (pdf, docx, xlsx, pptx, odt, ods, odp, jpg, jpeg,
//	                        png, webp, gif, txt, csv). Types a browser may run as code (html, js,
//	                        css, svg, xml, …) and compressed twins (gz, br) can never be allowed.
//	                        Any other file in content/ is a build error at its path.
//	wanted                  fields every public page should carry (e.g. sources); not required,
//	                        but labyrint check lists the pages without them as the owner's to-do
//	search                  how much each part of a page counts in the site search (see Search)
//
// A Field has a type (string, int, bool, date, list), may be required, may
// restrict its values to an enum, and may name a taxonomy whose terms its
// values must be. A Kind binds a section folder (and, with depth, a level
// below it) to a layout, a default audience, required fields, wanted fields
// (like the site's wanted, per kind: an offer's address or phone) and fields
// of its own. A Taxonomy either lists its terms (slug: name), takes them from
// the pages of a section (pages: SECTION), or is free (any term).
//
// search.weights gives the search's BM25F weight of each part of a page:
// title, summary, headings, terms (its taxonomy terms) and body, and any
// front matter field of type string or list, which is then indexed as a
// part of its own (e.g. phrases: the everyday words citizens search with)
// instead of as body text. Parts not named keep the search's defaults
// (title 12, summary 6, headings 3, terms 2, body 1); 0 leaves a part out.
//
//	search:
//	  weights: {phrases: 6}
package config
