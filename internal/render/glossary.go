package render

// GlossaryEntry is one word of the site's glossary, as the glossary page's
// layout shows it (Data.Glossary, in Danish alphabetical order).
type GlossaryEntry struct {
	ID          string // the anchor the marked words on other pages link to
	Term        string // the word: "STU", "botilbud", "§ 110"
	Expansion   string // what an abbreviation stands for; "" if nothing
	Explanation string // in plain Danish
}
