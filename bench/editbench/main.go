// Command editbench measures the editors' preview: the time from writing a
// change to a content file until the preview serves the new HTML, for
// `labyrint serve` and, side by side, `hugo server` over the same corpus.
// It is run by bench/edit-bench.sh, which builds the binary and the corpus:
//
//	editbench -labyrint BIN -corpus DIR [-hugo-site DIR] [-edits 20] [-md FILE]
//
// For each server and each kind of edit it writes the file N times (each
// time with a new sentence, or a new title), and after each write polls the
// page over HTTP every millisecond until the new text is in it; the figure
// is the time from just before the write to the first answer holding it.
// Edits are 300 ms apart, as an editor's saves are far apart. Peak memory
// is the server process's VmHWM from /proc after the last edit (Hugo's
// server runs as one process too).
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

type edit struct {
	name string // what is edited, for the table
	file string // below the corpus's content/
	url  string // the page that shows it
	// change returns the file's new bytes for edit i and the text the page
	// must then hold.
	change func(orig []byte, i int) ([]byte, string)
	// do, instead of file and change, makes edit i in the content folder
	// and returns the page that shows it and the text it must then hold
	// ("" with gone: the page must answer 404); undo puts things back.
	do   func(content string, i int) (url, want string, gone bool)
	undo func(content string)
	// list, if set, names a list page that shows edit i (made before
	// it): after the page, the time until the list shows it is measured
	// too, from the same write, as a row of its own.
	list func(content string, i int) listCheck
}

// listCheck is what a list page must show after an edit: text in it, or
// (absent) no longer in it.
type listCheck struct {
	url, text string
	absent    bool
}

// onValuePage is the page of the case's first value (a list of about
// 2,000 cases' cards at 10,000 cases), where the case's card must show
// text, or (absent) no longer show it.
func onValuePage(file func(i int) string, text func(i int) (string, bool)) func(string, int) listCheck {
	return func(content string, i int) listCheck {
		b, err := os.ReadFile(filepath.Join(content, "inspiration", file(i)+".md"))
		if err != nil {
			fail(err)
		}
		m := firstValue.FindSubmatch(b)
		if m == nil {
			fail(fmt.Errorf("%s has no values", file(i)))
		}
		t, absent := text(i)
		return listCheck{url: "/hjertesager/" + string(m[1]) + "/", text: t, absent: absent}
	}
}

var firstValue = regexp.MustCompile(`(?m)^values: \[([a-z]+)`)

func caseName(first int) func(i int) string {
	return func(i int) string { return fmt.Sprintf("case-%05d", first+5*i) }
}

func main() {
	bin := flag.String("labyrint", "", "labyrint binary")
	corpus := flag.String("corpus", "", "corpus folder (with content/)")
	hugoSite := flag.String("hugo-site", "", "the peer's Hugo site folder (peer-hugo); empty: no Hugo")
	n := flag.Int("edits", 20, "edits per kind")
	md := flag.String("md", "", "write the results table here too")
	flag.Parse()
	if *bin == "" || *corpus == "" {
		flag.Usage()
		os.Exit(2)
	}
	content := filepath.Join(*corpus, "content")
	edits := []edit{
		{name: "body of one case", file: "inspiration/case-00002.md", url: "/inspiration/case-00002/", change: appendSentence},
		{name: "body of a core value (linked from many cases)", file: "hjertesager/respekt.md", url: "/hjertesager/respekt/", change: appendSentence},
		{name: "title of one case", file: "inspiration/case-00002.md", url: "/inspiration/case-00002/", change: newTitle,
			list: onValuePage(func(int) string { return "case-00002" }, func(i int) (string, bool) { return titleOf(i), false })},
		{name: "a value added to or removed from one case (front matter)", file: "inspiration/case-00002.md", url: "/inspiration/case-00002/", change: toggleValue,
			list: func(string, int) listCheck { return listCheck{url: "/hjertesager/tillid/"} }}, // text and absent: toggleList
		{name: "a new case", do: newCase, undo: removeNewCases,
			list: func(string, int) listCheck { return listCheck{url: "/hjertesager/nysgerrighed/"} }}, // the new case's value; text: newCase
		{name: "a deleted case", do: deleteCase, undo: restoreCases,
			list: onValuePage(caseName(101), func(i int) (string, bool) { return caseName(101)(i) + "/", true })},
		{name: "a renamed case", do: renameCase, undo: renameCasesBack,
			list: onValuePage(caseName(201), func(i int) (string, bool) { return caseName(201)(i) + "-ny/", false })},
		// The corpus has the site's glossary and synonyms (edit-bench.sh
		// copies them in). An explanation is shown on the glossary page; a
		// synonym only in the search index, which the preview makes again
		// when it is asked for: the figure includes that.
		{name: "explanation of a glossary entry", file: "ordliste.yaml", url: "/ordliste/", change: newExplanation},
		{name: "a synonym (until the search index has it)", file: "synonymer.txt", url: "/soeg/idx/meta.txt", change: newSynonym},
	}
	type row struct {
		server, edit string
		ms           []float64
	}
	var rows []row
	peaks := map[string]int{}
	servers := []string{"labyrint serve"}
	if *hugoSite != "" {
		servers = append(servers, "hugo server")
	}
	for _, srv := range servers {
		port := freePort()
		var cmd *exec.Cmd
		if srv == "labyrint serve" {
			cmd = exec.Command(*bin, "serve", "--content", content, "--port", fmt.Sprint(port))
		} else {
			cmd = exec.Command("hugo", "server", "--source", *hugoSite, "--contentDir", content, "--port", fmt.Sprint(port),
				"--bind", "127.0.0.1", "--disableLiveReload", "--quiet") // renders to memory by default
		}
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		ownGroup(cmd)
		if err := cmd.Start(); err != nil {
			fail(err)
		}
		base := fmt.Sprintf("http://127.0.0.1:%d", port)
		t0 := time.Now()
		if err := waitFor(base+edits[0].url, "", 10*time.Minute); err != nil {
			cmd.Process.Kill()
			fail(fmt.Errorf("%s did not start: %v", srv, err))
		}
		fmt.Fprintf(os.Stderr, "%s: first page served after %v\n", srv, time.Since(t0).Round(time.Millisecond))
		time.Sleep(2 * time.Second) // let a first build's tail (and Hugo's) settle
		for _, e := range edits {
			listName := e.name + ": the page of its value, which lists it"
			if e.do != nil {
				ms, lms := measureDo(base, content, e, *n, srv)
				rows = append(rows, row{srv, e.name, ms})
				fmt.Fprintf(os.Stderr, "%s, %s: median %.1f ms\n", srv, e.name, median(ms))
				if lms != nil {
					rows = append(rows, row{srv, listName, lms})
					fmt.Fprintf(os.Stderr, "%s, %s: median %.1f ms\n", srv, listName, median(lms))
				}
				continue
			}
			path := filepath.Join(content, filepath.FromSlash(e.file))
			orig, err := os.ReadFile(path)
			if err != nil {
				fail(err)
			}
			var ms, lms []float64
			for i := 0; i < *n; i++ {
				data, want := e.change(orig, i)
				var lc listCheck
				if e.list != nil {
					lc = e.list(content, i)
					if lc.text == "" {
						lc.text, lc.absent = toggleList(i)
					}
				}
				start := time.Now()
				if err := os.WriteFile(path, data, 0o644); err != nil {
					fail(err)
				}
				if err := waitFor(base+e.url, want, time.Minute); err != nil {
					fail(fmt.Errorf("%s, %s, edit %d: %v", srv, e.name, i, err))
				}
				ms = append(ms, float64(time.Since(start).Microseconds())/1000)
				if e.list != nil {
					if err := waitList(base, lc, time.Minute); err != nil {
						fail(fmt.Errorf("%s, %s, edit %d: %v", srv, listName, i, err))
					}
					lms = append(lms, float64(time.Since(start).Microseconds())/1000)
				}
				time.Sleep(300 * time.Millisecond)
			}
			os.WriteFile(path, orig, 0o644)
			time.Sleep(time.Second)
			rows = append(rows, row{srv, e.name, ms})
			fmt.Fprintf(os.Stderr, "%s, %s: median %.1f ms\n", srv, e.name, median(ms))
			if lms != nil {
				rows = append(rows, row{srv, listName, lms})
				fmt.Fprintf(os.Stderr, "%s, %s: median %.1f ms\n", srv, listName, median(lms))
			}
		}
		peaks[srv] = vmHWM(cmd.Process.Pid)
		stopGroup(cmd)
		cmd.Wait()
	}

	var sb strings.Builder
	fmt.Fprintf(&sb, "| server | edit | median ms | min | max | edits |\n|---|---|---:|---:|---:|---:|\n")
	for _, r := range rows {
		s := append([]float64(nil), r.ms...)
		sort.Float64s(s)
		fmt.Fprintf(&sb, "| %s | %s | %.1f | %.1f | %.1f | %d |\n", r.server, r.edit, median(r.ms), s[0], s[len(s)-1], len(s))
	}
	fmt.Fprintf(&sb, "\n| server | peak RSS (VmHWM) |\n|---|---:|\n")
	for _, srv := range servers {
		fmt.Fprintf(&sb, "| %s | %d MB |\n", srv, peaks[srv]/1024)
	}
	fmt.Print(sb.String())
	if *md != "" {
		if err := os.WriteFile(*md, []byte(sb.String()), 0o644); err != nil {
			fail(err)
		}
	}
}

// measureDo measures n edits made by e.do (and the list that shows each,
// if e.list), then undoes them.
func measureDo(base, content string, e edit, n int, srv string) (ms, lms []float64) {
	for i := 0; i < n; i++ {
		var lc listCheck
		if e.list != nil {
			lc = e.list(content, i)
			if lc.text == "" {
				lc.text = newCaseTitle(i)
			}
		}
		start := time.Now()
		url, want, gone := e.do(content, i)
		var err error
		if gone {
			err = waitGone(base+url, time.Minute)
		} else {
			err = waitFor(base+url, want, time.Minute)
		}
		if err != nil {
			fail(fmt.Errorf("%s, %s, edit %d: %v", srv, e.name, i, err))
		}
		ms = append(ms, float64(time.Since(start).Microseconds())/1000)
		if e.list != nil {
			if err := waitList(base, lc, time.Minute); err != nil {
				fail(fmt.Errorf("%s, %s, edit %d: list %v", srv, e.name, i, err))
			}
			lms = append(lms, float64(time.Since(start).Microseconds())/1000)
		}
		time.Sleep(300 * time.Millisecond)
	}
	e.undo(content)
	time.Sleep(2 * time.Second)
	return ms, lms
}

// waitList polls a list page until it shows c.
func waitList(base string, c listCheck, limit time.Duration) error {
	if c.absent {
		return waitWithout(base+c.url, c.text, limit)
	}
	return waitFor(base+c.url, c.text, limit)
}

// toggleList is what the value's page shows after toggleValue's edit i:
// the case added (even edits) or taken away.
func toggleList(i int) (string, bool) { return "inspiration/case-00002/", i%2 == 1 }

// toggleValue adds a value to the case (even edits) or takes it away again.
func toggleValue(orig []byte, i int) ([]byte, string) {
	if i%2 == 1 {
		return orig, `hjertesager/aerlighed/">Aerlighed</a></li></ul>`
	}
	return bytes.Replace(orig, []byte("values: [nysgerrighed, aerlighed]"), []byte("values: [nysgerrighed, aerlighed, tillid]"), 1),
		`hjertesager/aerlighed/">Aerlighed</a></li><li><a href="../../hjertesager/tillid/">`
}

func newCase(content string, i int) (string, string, bool) {
	name := fmt.Sprintf("ny-sag-%d", i+1)
	title := newCaseTitle(i)
	src := "---\ntitle: \"" + title + "\"\nsummary: \"En ny sag.\"\ndate: \"2024-03-03\"\nunit: \"guldborgsund-handicap\"\n" +
		"values: [nysgerrighed]\nfocus: [kvalitet]\ntags: [natur]\naudience: \"public\"\n---\n\nEn ny sag fra redaktøren.\n"
	writeFile(filepath.Join(content, "inspiration", name+".md"), src)
	return "/inspiration/" + name + "/", title, false
}

func newCaseTitle(i int) string { return fmt.Sprintf("Ny sag nummer %d", i+1) }

func removeNewCases(content string) {
	m, _ := filepath.Glob(filepath.Join(content, "inspiration", "ny-sag-*.md"))
	for _, f := range m {
		os.Remove(f)
	}
}

// deleted keeps the deleted cases' bytes for restoreCases.
var deleted = map[string][]byte{}

func deleteCase(content string, i int) (string, string, bool) {
	name := fmt.Sprintf("case-%05d", 101+5*i) // every fifth case is internal: not on the public preview
	f := filepath.Join(content, "inspiration", name+".md")
	b, err := os.ReadFile(f)
	if err != nil {
		fail(err)
	}
	deleted[f] = b
	os.Remove(f)
	return "/inspiration/" + name + "/", "", true
}

func restoreCases(string) {
	for f, b := range deleted {
		writeFile(f, string(b))
	}
}

func renameCase(content string, i int) (string, string, bool) {
	name := fmt.Sprintf("case-%05d", 201+5*i)
	f := filepath.Join(content, "inspiration", name+".md")
	b, err := os.ReadFile(f)
	if err != nil {
		fail(err)
	}
	if err := os.Rename(f, filepath.Join(content, "inspiration", name+"-ny.md")); err != nil {
		fail(err)
	}
	m := titleLine.Find(b)
	return "/inspiration/" + name + "-ny/", strings.Trim(strings.TrimPrefix(string(m), "title: "), `"`), false
}

func renameCasesBack(content string) {
	m, _ := filepath.Glob(filepath.Join(content, "inspiration", "case-*-ny.md"))
	for _, f := range m {
		os.Rename(f, strings.TrimSuffix(f, "-ny.md")+".md")
	}
}

func writeFile(f, s string) {
	if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
		fail(err)
	}
}

// waitGone polls u every millisecond until it answers 404.
func waitGone(u string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 10 * time.Second}
	for {
		resp, err := client.Get(u)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusNotFound {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: still served after %v", u, limit)
		}
		time.Sleep(time.Millisecond)
	}
}

var bodyEnd = regexp.MustCompile(`\n*$`)

// appendSentence adds a new last paragraph naming the edit.
func appendSentence(orig []byte, i int) ([]byte, string) {
	s := fmt.Sprintf("Rettelse nummer %d fra redaktøren.", i+1)
	return append(bodyEnd.ReplaceAll(append([]byte(nil), orig...), nil), []byte("\n\n"+s+"\n")...), s
}

// newExplanation changes the explanation of the glossary's "botilbud".
func newExplanation(orig []byte, i int) ([]byte, string) {
	s := fmt.Sprintf("Et botilbud er et sted at bo med støtte nummer %d.", i+1)
	return bytes.Replace(orig, []byte("Et botilbud er et sted at bo med støtte."), []byte(s), 1), s
}

// newSynonym adds a group of two new words to the synonyms.
func newSynonym(orig []byte, i int) ([]byte, string) {
	w := fmt.Sprintf("ordnummer%d ordnummeret%d", i+1, i+1)
	return append(bytes.Clone(orig), []byte("\n"+strings.ReplaceAll(w, " ", ", ")+"\n")...), w
}

func titleOf(i int) string { return fmt.Sprintf("Ny titel nummer %d", i+1) }

var titleLine = regexp.MustCompile(`(?m)^title: .*$`)

// newTitle gives the page a new title.
func newTitle(orig []byte, i int) ([]byte, string) {
	t := titleOf(i)
	return titleLine.ReplaceAll(orig, []byte(`title: "`+t+`"`)), t
}

// waitWithout polls u every millisecond until it answers 200 without
// text in it.
func waitWithout(u, text string, limit time.Duration) error {
	return poll(u, limit, fmt.Sprintf("still shows %q", text), func(b string) bool { return !strings.Contains(b, text) })
}

// waitFor polls u every millisecond until it answers 200 with want in it.
func waitFor(u, want string, limit time.Duration) error {
	return poll(u, limit, fmt.Sprintf("no answer with %q", want), func(b string) bool { return strings.Contains(b, want) })
}

// poll gets u every millisecond until it answers 200 with a body that ok
// takes; after limit, an error that says what it still found.
func poll(u string, limit time.Duration, still string, ok func(body string) bool) error {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 10 * time.Second}
	for {
		resp, err := client.Get(u)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && ok(string(b)) {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: %s after %v (last error %v)", u, still, limit, err)
		}
		time.Sleep(time.Millisecond)
	}
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// vmHWM returns the peak resident memory of a process in KB.
func vmHWM(pid int) int {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			var kb int
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb
		}
	}
	return 0
}

func freePort() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "editbench:", err)
	os.Exit(1)
}
