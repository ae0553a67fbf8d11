// Package plainlang measures how easy a page's Danish text is to read: the
// LIX readability index (Björnsson), long sentences and long paragraphs. It
// works on the running text the markdown package has already parsed
// (markdown.Block, with the file line of each block), never on Markdown.
//
// # LIX
//
//	LIX = words/sentences + 100 × long words/words
//
// A text without words has LIX 0.
//
// # Words
//
// A word is a run of letters and digits (combining marks ride along). Inside
// a word these join the runs on either side, so the whole is one word:
//
//   - a hyphen or apostrophe between letters or digits: "STU-forløb",
//     "10-årig", "STU'en";
//   - a slash: "a/s", "og/eller", "24/7";
//   - a full stop with a letter or digit right after it: "bl.a", "f.eks",
//     "1.000", "18.03.22", "www.guldborgsund.dk";
//   - a comma or colon between digits: "2,5", "10:30".
//
// Anything else ends a word, also the dash "–" ("2017–2027" is two words).
// Numbers are words ("2022", "1.000" and "5473" each count as one).
//
// A word is long when it has more than six letters. Only letters count
// towards the length, whatever the script: æ, ø and å are letters like any
// other ("søsterens" has 9 letters and is long, "støtte" has 6 and is not);
// digits, hyphens, full stops and slashes do not count ("STU-forløb" has 9
// letters, "2022" has none, so a number is never long).
//
// # Sentences
//
// A sentence ends at ".", "!", "?", ":" or "…" (or a run of them, such as
// "?!" or "..."), with any closing quotes or brackets after it, when white
// space or the end of the text follows. Every block (paragraph, heading, list
// item, table cell, quoted paragraph) ends a sentence too, so a heading or a
// list item is a sentence of its own without a full stop. A sentence without
// a word (say "–") is not counted.
//
// A full stop (or "...") does not end a sentence when:
//
//   - the next word starts with a small letter: "den 5. maj", "jvf. loven";
//   - it ends a known abbreviation that is always followed by more of the
//     sentence: "bl.a.", "f.eks.", "fx.", "tlf.", "nr.", "ca.", "dvs.", "jf.",
//     "pga.", "evt.", "inkl.", "ekskl.", "kl.", "stk.", "mht.", "vedr.",
//     "hhv." and more (see neverEnds), so "tlf. 5473 1000" and
//     "jf. Serviceloven" stay in one sentence;
//   - it follows a single capital letter, an initial: "H. C. Andersen" (but
//     not "I", the pronoun: "Det bestemmer I. Vi hjælper." is two sentences).
//
// Abbreviations that often close a sentence, "osv.", "mv.", "m.fl.", "o.l.",
// "m.m.", "kr." and the like (see mayEnd), end it only when the next word
// starts with a capital letter: Danish does not write a second full stop after
// "osv." at the end of a sentence. "a/s" has no full stop and is one word.
// Any other full stop followed by space ends the sentence, also one after a
// number ("§ 110." at the end of a line, "i 2023. Vi …").
//
// # Findings
//
// Analyze reports, in Danish and at the file line of the block concerned:
// a LIX above Rules.LixTarget (a warning, or an error above Rules.LixError
// when that is set), every sentence longer than Rules.SentenceWords words and
// every paragraph, list item or table cell longer than Rules.ParagraphWords
// words. The LIX is compared as the whole number it is shown as (rounded), so
// the message never reads "LIX er 35; målet er højst 35". A zero threshold
// turns its check off.
package plainlang
