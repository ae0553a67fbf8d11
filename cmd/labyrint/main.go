// Command labyrint builds, previews and checks a Labyrint site.
//
//	labyrint build [--source DIR] [--content DIR] [--out DIR] [--target NAME]
//
// See README.md for the rest.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/guldborgsund/labyrint/internal/check"
	"github.com/guldborgsund/labyrint/internal/diag"
	"github.com/guldborgsund/labyrint/internal/editor"
	"github.com/guldborgsund/labyrint/internal/pipeline"
	"github.com/guldborgsund/labyrint/internal/preview"
	"github.com/guldborgsund/labyrint/internal/render"
)

func main() {
	tuneGC()
	// SIGTERM (a service manager, kill) stops as Ctrl+C does, so the
	// preview removes its folder of drafts.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		os.Exit(1)
	}
}

const usage = `labyrint – bygger sitet af Markdown-filer

Brug:
  labyrint build [--source MAPPE] [--content MAPPE] [--out MAPPE] [--target NAVN]
      Bygger sitet. --target er public (standard) eller et andet mål fra site.yaml;
      --target all bygger alle mål.
  labyrint check [--source MAPPE] [--content MAPPE] [--format text|json] [--language]
      Tjekker alt, hvad bygningen tjekker, og desuden links til #afsnit, sider som
      intet linker til, og eksterne links (listes, hentes ikke). Skriver ingenting.
      --language viser alle siders LIX, den sværeste først.
  labyrint new TYPE "Titel" [--in MAPPE] [--source MAPPE]
      Laver en ny side ud fra skabelonen archetypes/TYPE.md, fx case, offer eller page.
      Adressen laves af titlen (æ→ae, ø→oe, å→aa). En fil, der findes, bliver ikke overskrevet.
  labyrint init MAPPE [--title TITEL] [--owner UDGIVER]
      Laver et nyt site i MAPPE: site.yaml med forklaringer, lidt indhold, skabeloner til
      nye sider og kopier af standardlayoutet. Sitet kan bygges med det samme.
  labyrint serve [--source MAPPE] [--content MAPPE] [--port N] [--target NAVN] [--public]
      Bygger sitet med kladder og viser det på http://127.0.0.1:N/. Siden opdateres,
      når du gemmer en fil. Fejl vises i browseren med fil og linje.
  labyrint version
      Viser versionen, committen og den Go-version, programmet er bygget med.
`

// errReported means the problem was already printed.
var errReported = errors.New("fejl")

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return errReported
		}
		return nil
	}
	switch args[0] {
	case "build":
		return cmdBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "check":
		return cmdCheck(ctx, args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "init":
		return cmdInit(args[1:], stdout, stderr)
	case "version", "--version":
		return cmdVersion(stdout)
	}
	fmt.Fprintf(stderr, "labyrint: ukendt kommando %q\n\n%s", args[0], usage)
	return errReported
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := pipeline.Options{Reader: contentReader()}
	siteFlags(fs, &o)
	fs.StringVar(&o.Out, "out", "", "outputmappe (standard: målets, fx public)")
	fs.StringVar(&o.Target, "target", "public", "mål: public, intranet, … eller all")
	verbose := fs.Bool("v", false, "vis tiden for hvert trin")
	fs.BoolVar(&o.Force, "force", false, "byg alt, selv om intet er ændret")
	fs.BoolVar(&o.Incremental, "incremental", false, "byg kun det, ændringerne rører, og gem en cache ved siden af outputmappen (<out>"+pipeline.CacheSuffix+")")
	cpuprofile := fs.String("cpuprofile", "", "skriv en CPU-profil (go tool pprof) til filen")
	memprofile := fs.String("memprofile", "", "skriv en profil af hukommelsen, der blev taget (go tool pprof -sample_index=alloc_space), til filen")
	if err := fs.Parse(args); err != nil {
		return errReported
	}
	stop, err := startProfiles(*cpuprofile, *memprofile)
	if err != nil {
		fmt.Fprintln(stderr, "labyrint:", err)
		return errReported
	}
	defer stop()
	targets := []string{o.Target}
	if o.Target == "all" {
		if o.Out != "" {
			fmt.Fprintln(stderr, "labyrint: --out kan ikke bruges med --target all")
			return errReported
		}
		targets = allTargets(o.Source)
	}
	failed := false
	for _, t := range targets {
		o.Target = t
		res, err := pipeline.Run(ctx, o)
		report(stderr, res, err)
		if err != nil {
			failed = true
			continue
		}
		_, warns := count(res.Findings)
		if res.Unchanged {
			fmt.Fprintf(stdout, "%s: intet er ændret siden sidste bygning; %s er ikke rørt (%s; labyrint check viser advarslerne)\n", t, res.Out, res.Duration.Round(1e6))
			continue
		}
		fmt.Fprintf(stdout, "%s: %s skrevet til %s (%s), %s, %s\n", t, plural(res.Pages, "side", "sider"), res.Out,
			plural(res.Files, "fil", "filer"), warnings(warns), res.Duration.Round(1e6))
		if *verbose {
			for _, st := range res.Stages {
				fmt.Fprintf(stdout, "  %-22s %s\n", st.Name, st.Took.Round(time.Millisecond))
			}
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// startProfiles starts the profiles asked for (a file name, or ""); stop
// writes them and closes their files.
func startProfiles(cpu, mem string) (stop func(), err error) {
	var done []func()
	stop = func() {
		for i := len(done) - 1; i >= 0; i-- {
			done[i]()
		}
	}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return func() {}, err
		}
		pprof.StartCPUProfile(f)
		done = append(done, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if mem != "" {
		f, err := os.Create(mem)
		if err != nil {
			stop()
			return func() {}, err
		}
		done = append(done, func() {
			runtime.GC() // the profile shows the allocations up to the last collection
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		})
	}
	return stop, nil
}

func allTargets(source string) []string {
	o := pipeline.Options{Source: source}
	names, err := pipeline.Targets(o)
	if err != nil || len(names) == 0 {
		return []string{"public"}
	}
	return names
}

// maxShown is how many findings a run prints at most.
const maxShown = 50

// report prints findings one per line as file:line:col: severity: message.
func report(w io.Writer, res *pipeline.Result, err error) {
	seen := map[string]bool{}
	var lines []string
	if res != nil {
		for _, f := range res.Findings {
			lines = append(lines, format(f))
		}
	}
	for _, f := range diag.Findings(err) {
		lines = append(lines, format(f))
	}
	shown := 0
	for _, l := range lines {
		if seen[l] {
			continue
		}
		seen[l] = true
		if shown == maxShown {
			fmt.Fprintf(w, "… og flere (kun de første %d vises)\n", maxShown)
		}
		if shown < maxShown {
			fmt.Fprintln(w, l)
		}
		shown++
	}
	if err != nil {
		errs, _ := count(diag.Findings(err))
		t := ""
		if res != nil {
			t = res.Target + ": "
		}
		fmt.Fprintf(w, "%sbygningen stoppede med %d fejl; det udgivne site er ikke ændret\n", t, errs)
	}
}

func format(f diag.Finding) string {
	s := ""
	if f.File != "" {
		s = f.Pos() + ": "
	}
	s += f.Severity.String() + ": " + f.Msg
	if f.Hint != "" {
		s += " – " + f.Hint
	}
	return strings.TrimSpace(s)
}

// warnings says "1 advarsel" or "n advarsler".
func warnings(n int) string { return plural(n, "advarsel", "advarsler") }

// plural is n and the noun: one for 1, many for any other number ("1
// side", "0 sider"); an incremental build often writes one page.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// count counts the errors and warnings (not the notes) among fs.
func count(fs []diag.Finding) (errs, warns int) {
	for _, f := range fs {
		switch f.Severity {
		case diag.Error:
			errs++
		case diag.Warning:
			warns++
		}
	}
	return
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := pipeline.Options{Reader: contentReader()}
	siteFlags(fs, &o)
	fs.StringVar(&o.Target, "target", "public", "mål: public, intranet, …")
	port := fs.Int("port", 8080, "port")
	public := fs.Bool("public", false, "lyt på alle netværk, ikke kun 127.0.0.1")
	hosts := fs.String("host", "", "med --public: maskinens navn(e), kommasepareret, som andre skriver i adressen")
	var eo editor.Options
	noEditor := fs.Bool("no-editor", false, "ingen redigering i browseren")
	fs.StringVar(&eo.Proxy, "editor-proxy", "", "IP-adressen på login-proxyen foran en fælles redigeringsserver")
	fs.StringVar(&eo.UserHeader, "editor-user-header", "X-Remote-User", "proxyens header med brugernavnet")
	fs.BoolVar(&eo.Commit, "editor-git", false, "læg hver ændring i Git med redaktørens navn (sitet skal være et Git-arkiv)")
	fs.StringVar(&eo.Name, "editor-name", "", "redaktørens navn i loggen og i Git, når ingen proxy sender det (standard: brugerens navn på maskinen)")
	if err := fs.Parse(args); err != nil {
		return errReported
	}
	if *hosts != "" && !*public {
		fmt.Fprintln(stderr, "labyrint: --host bruges kun sammen med --public")
		return errReported
	}
	srv, err := preview.New(o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "labyrint:", err)
		return errReported
	}
	defer srv.Close()
	for _, h := range strings.Split(*hosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			srv.Hosts = append(srv.Hosts, h)
		}
	}
	host := "127.0.0.1"
	if *public {
		host = "0.0.0.0"
	}
	ln, err := preview.Listen(fmt.Sprintf("%s:%d", host, *port), *public)
	if err != nil {
		fmt.Fprintln(stderr, "labyrint:", diag.OSError(err))
		return errReported
	}
	if !*noEditor {
		ed, err := startEditor(srv, o, eo, ln, *public, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "labyrint:", err)
			return errReported
		}
		if ed != nil {
			defer ed.Close()
		}
	}
	srv.Rebuild(ctx)
	dirs, err := pipeline.SourceDirs(o)
	if err != nil {
		fmt.Fprintln(stderr, "labyrint:", err)
		return errReported
	}
	go srv.Watch(ctx, dirs[1:], dirs[:1])
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); hs.Close() }()
	fmt.Fprintf(stdout, "Forhåndsvisning: http://%s/ (stop med Ctrl+C)\n", ln.Addr())
	if err := hs.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(stderr, "labyrint:", err)
		return errReported
	}
	return nil
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := pipeline.Options{Reader: contentReader()}
	siteFlags(fs, &o)
	outFormat := fs.String("format", "text", "text eller json")
	language := fs.Bool("language", false, "vis alle siders LIX, den sværeste først")
	if err := fs.Parse(args); err != nil {
		return errReported
	}
	if *outFormat != "text" && *outFormat != "json" {
		fmt.Fprintf(stderr, "labyrint: --format skal være text eller json, ikke %q\n", *outFormat)
		return errReported
	}
	o.Check = true
	tmp, err := os.MkdirTemp("", "labyrint-check-")
	if err != nil {
		fmt.Fprintln(stderr, "labyrint:", err)
		return errReported
	}
	defer os.RemoveAll(tmp)
	var all []diag.Finding
	var lang []render.LanguageRow
	seen := map[string]bool{}
	for _, t := range allTargets(o.Source) {
		o.Target, o.Out = t, filepath.Join(tmp, t)
		res, err := pipeline.Run(ctx, o)
		fs := diag.Findings(err)
		if res != nil {
			fs = append(res.Findings, fs...)
			if len(res.Language) > len(lang) {
				lang = res.Language
			}
		}
		for _, f := range fs {
			if k := f.Error(); !seen[k] {
				seen[k] = true
				all = append(all, f)
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].File != all[j].File {
			return all[i].File < all[j].File
		}
		return all[i].Line < all[j].Line
	})
	errs, warns := count(all)
	if *outFormat == "json" {
		type jf struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Col      int    `json:"col"`
			Severity string `json:"severity"`
			Code     string `json:"code"`
			Message  string `json:"message"`
			Hint     string `json:"hint,omitempty"`
		}
		out := make([]jf, 0, len(all))
		for _, f := range all {
			sev := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning", diag.Info: "info"}[f.Severity]
			out = append(out, jf{f.File, f.Line, f.Col, sev, f.Code, f.Msg, f.Hint})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else {
		for _, f := range all {
			if f.Code != check.CodeTodo {
				fmt.Fprintln(stdout, format(f))
			}
		}
		printTodo(stdout, all)
		if *language {
			fmt.Fprintf(stdout, "\n%4s %5s  %-52s %s\n", "LIX", "ord", "side", "længste sætning")
			for _, r := range lang {
				fmt.Fprintf(stdout, "%4d %5d  %-52s %d ord\n", r.Lix, r.Words, r.Page.Src.File, r.Longests)
			}
		}
		fmt.Fprintf(stdout, "%d fejl, %s\n", errs, warnings(warns))
	}
	if errs > 0 {
		return errReported
	}
	return nil
}

// printTodo writes the owner's to-do list: each public page with the wanted
// fields it leaves empty, then how many pages lack each field.
func printTodo(w io.Writer, all []diag.Finding) {
	pages, counts := check.TodoList(all)
	if len(pages) == 0 {
		return
	}
	fmt.Fprintf(w, "\nHuskeliste til kommunen: %s mangler oplysninger\n", check.Pages(len(pages)))
	for _, p := range pages {
		fmt.Fprintf(w, "  %s: %s\n", p.File, check.DanishList(p.Missing))
	}
	fmt.Fprintln(w, "I alt:")
	for _, c := range counts {
		fmt.Fprintf(w, "  %s\n", c)
	}
	fmt.Fprintln(w)
}

// siteFlags adds the flags every command shares: where the site and its content are.
func siteFlags(fs *flag.FlagSet, o *pipeline.Options) {
	fs.StringVar(&o.Source, "source", ".", "sitets mappe (site.yaml, layouts, assets)")
	fs.StringVar(&o.Content, "content", "", "indholdsmappe (standard: sitets content)")
}
