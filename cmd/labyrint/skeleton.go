package main

// skeleton is the content of a new site (labyrint init), by path. {{TITLE}}
// and {{OWNER}} are replaced with the --title and --owner flags.
var skeleton = map[string]string{
	"site.yaml": `# Opsætning af sitet. Her står alt det, der er sitets eget: titel, hvem der
# udgiver det, hvilke slags sider der findes, og hvad skabelonerne viser.
# Programmet kender ingen ord fra sitet – alt står her og i content/.
# Hver nøgle er forklaret i docs/konfiguration.md i Labyrints kildekode. En
# fejl her vises som site.yaml:LINJE:KOLONNE med en dansk forklaring.

title: {{TITLE}}
owner: {{OWNER}}
language: da

# Mål: hvert mål er en bygning af det samme indhold. En side er med i et
# mål, når dens audience er en af målets audiences.
targets:
  public:
    out: public
    audiences: [public]
    # Sitets offentlige adresse. Indtil den står her, advarer hver bygning
    # om den (sitemap.xml og sidernes kanoniske adresse kræver den).
    # url: https://www.kommune.dk/politik/

# Felter, som alle sider må have i deres front matter (øverst i filen).
fields:
  title: {type: string, required: true, label: Titel}
  summary: {type: string, label: Resumé}
  date: {type: date, label: Senest opdateret}
  weight: {type: int, label: Rækkefølge}
  tags: {type: list, taxonomy: tags, label: Emneord}
  draft: {type: bool, label: Kladde}
  audience: {type: string, enum: [public], label: Målgruppe}
  layout: {type: string, label: Skabelon}
  slug: {type: string, label: Adresse}
  review: {type: string, label: Til redaktionel gennemlæsning}
  menu: {type: int, label: Placering i hovedmenuen}
  themes: {type: list, taxonomy: themes, label: Temaer}

# Slags sider. Hver slags hører til en mappe i content/ og har en skabelon.
kinds:
  theme:
    section: temaer
    layout: page
    required: [summary]

# Taksonomier: ord, som siderne kan mærkes med. Temaerne er siderne i
# mappen temaer; emneord er frie.
taxonomies:
  themes:
    title: Temaer
    pages: temaer
  tags:
    title: Emneord
    free: true

# Værdier, som sidefoden viser. Skriv kommunens rigtige kontaktoplysninger.
params:
  contact_name: {{OWNER}}
  address: Skriv adressen her
  phone: ""

# Det, skabelonerne viser af sitets eget. Alle nøgler kan udelades.
theme:
  # Kommunens hovedside, som sidehovedet linker til (https://…).
  # owner_url: https://www.kommune.dk/
  # Hovedmenuen. Udelades den, bruges siderne med menu: i front matter.
  menu: [/temaer/, /om/, /kontakt/]
  # Forsiden viser som standard alle mapper med deres sider.
  # home:
  #   tasks: [/kontakt/]
  # Søgesiden med alle sider fra A til Å. Den laves af sig selv.
  search: /soeg/
  contact: /kontakt/
  accessibility: /tilgaengelighed/
  feedback: /kontakt/
`,
	// What a build writes beside the sources: kept out of Git.
	".gitignore": `public/
public.lock
public.staging-*
public.old-*
public.swap
`,
	"content/_index.md": `---
title: "{{TITLE}}"
summary: "Skriv her med én sætning, hvad sitet handler om."
---

Skriv forsidens tekst her. Brug korte sætninger og almindelige ord.

Læs om vores [temaer](/temaer/).
`,
	"content/om.md": `---
title: Om sitet
summary: Hvem står bag sitet, og hvorfor findes det?
menu: 2
---

Skriv her, hvem der står bag sitet, og hvorfor det findes.
`,
	"content/kontakt.md": `---
title: Kontakt
summary: Sådan kontakter du os.
menu: 3
---

Skriv her, hvordan man kan ringe og skrive til jer. Skriv også, hvor I bor.
`,
	"content/tilgaengelighed.md": `---
title: Tilgængelighedserklæring
summary: Sådan lever sitet op til kravene om tilgængelighed.
---

Skriv her, hvordan alle kan bruge sitet. Brug den skabelon, som staten har lavet.
`,
	"content/404.md": `---
title: Siden findes ikke
summary: Vi kan ikke finde den side, du leder efter.
layout: notfound
---

Prøv at gå til forsiden eller at søge.
`,
	"content/temaer/_index.md": `---
title: Temaer
summary: Det arbejder vi med.
menu: 1
---

Her er de temaer, vi arbejder med.
`,
	"content/temaer/foerste-tema.md": `---
title: Første tema
summary: Skriv med én sætning, hvad temaet handler om.
weight: 1
---

Skriv om det første tema her.
`,
	"content/temaer/andet-tema.md": `---
title: Andet tema
summary: Skriv med én sætning, hvad temaet handler om.
weight: 2
themes: [foerste-tema]
---

Skriv om det andet tema her. Det hører også til det første tema.
`,
	"archetypes/theme.md": `---
title: "{{.Title}}"
summary: "Skriv med én sætning, hvad temaet handler om."
date: {{.Date}}
draft: true # slet denne linje, når siden er klar til at blive vist
---

Skriv her. Brug korte sætninger og almindelige ord.
`,
	"archetypes/page.md": `---
title: "{{.Title}}"
summary: "Skriv med én sætning, hvad siden handler om."
date: {{.Date}}
draft: true # slet denne linje, når siden er klar til at blive vist
---

Skriv her. Brug korte sætninger og almindelige ord.
`,
}
