package preview

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// ProblemsEvent is the name of the server-sent event that carries a build's
// problems. It must not be "error": EventSource fires an event of that name
// itself when the connection drops (the preview stopped), with no data, and
// a listener meant for the build's errors would then parse nothing.
const ProblemsEvent = "problems"

// problems is the data of a ProblemsEvent: the errors of the last failed
// build (they stop it, on any page) and the warnings of the page open in the
// browser.
type problems struct {
	Errors   []diag.Finding `json:"errors"`
	Warnings []diag.Finding `json:"warnings"`
}

func (p problems) message() string {
	if p.Errors == nil {
		p.Errors = []diag.Finding{}
	}
	if p.Warnings == nil {
		p.Warnings = []diag.Finding{}
	}
	b, _ := json.Marshal(p)
	return ProblemsEvent + " " + string(b)
}

// warningsFor returns the warnings of the last good build for the source
// file behind the URL path u (none when no file is behind it). Called with
// s.mu held.
func (s *Server) warningsFor(u string) []diag.Finding {
	if !strings.HasPrefix(u, "/") {
		return nil // no page named
	}
	file, _ := s.sess.SourceOf(u)
	if file == "" {
		return nil
	}
	return s.warnings[file]
}

// keepWarnings records a good build's warnings by file: a full build's
// replace them all; a partial build's replace those of the files it was
// given (a fixed warning must go away). Called with s.mu held.
func (s *Server) keepWarnings(found []diag.Finding, changed []string) {
	if len(changed) == 0 || s.warnings == nil {
		s.warnings = map[string][]diag.Finding{}
	}
	for _, name := range changed {
		name = filepath.ToSlash(name)
		for f := range s.warnings {
			if name == f || strings.HasSuffix(name, "/"+f) {
				delete(s.warnings, f)
			}
		}
	}
	for _, f := range found {
		if f.Severity == diag.Warning && f.File != "" {
			s.warnings[f.File] = append(s.warnings[f.File], f)
		}
	}
}

// versionMark in the client is replaced by the number of the build a page
// came from (see served): a page served just before a build, which opens
// its event stream just after it, would otherwise miss that build's reload.
const versionMark = "LABYRINT_VERSION"

// served returns the client for a page of the build numbered version.
func served(version int) string {
	return strings.Replace(client, versionMark, strconv.Itoa(version), 1)
}

// stale reports whether a page that came from build v (the events
// request's v) is older than the last good build. Called with s.mu held.
func (s *Server) stale(v string) bool {
	n, err := strconv.Atoi(v)
	return err == nil && n < s.version
}

// client is the preview's reload and overlay script: errors first (the
// build failed and the last good one is shown), the page's warnings folded
// in a <details> below them, and a notice when the preview stops.
const client = `<script>(function(){var o,n,gone;
var es=new EventSource("/_labyrint/events?v=` + versionMark + `&side="+encodeURIComponent(location.pathname));
es.addEventListener("reload",function(){location.reload()});
es.addEventListener("` + ProblemsEvent + `",function(e){var d;try{d=JSON.parse(e.data)}catch(x){return}show(d.errors||[],d.warnings||[])});
es.addEventListener("open",function(){if(gone)location.reload()});
es.addEventListener("error",function(){if(es.readyState===2||!gone){gone=true;stopped()}});
function el(t,txt){var x=document.createElement(t);if(txt)x.textContent=txt;return x}
function count(k,one,many){return k+" "+(k===1?one:many)}
function list(fs){var ul=el("ul");fs.forEach(function(f){var li=el("li");li.appendChild(el("code",(f.File||"")+(f.Line?":"+f.Line:"")));
li.appendChild(document.createTextNode(" "+f.Msg+(f.Hint?" – "+f.Hint:"")));ul.appendChild(li)});return ul}
function box(id,role,color){var b=el("div");b.id=id;b.setAttribute("role",role);b.style.cssText="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff4e0;color:#1b1b1b;border-top:6px solid "+color+";padding:1rem 1.5rem;font:16px/1.5 system-ui,sans-serif;z-index:99999";return b}
function show(errs,warns){if(o)o.remove();o=null;if(!errs.length&&!warns.length)return;
if(errs.length){o=box("labyrint-overlay","alert","#8a1f11");o.appendChild(el("h2","Siden kunne ikke bygges – du ser den sidste gode udgave"));
o.appendChild(el("p",count(errs.length,"fejl","fejl")+" skal rettes:"));o.appendChild(list(errs))}else{o=box("labyrint-overlay","status","#6b5a00")}
if(warns.length){var d=el("details");d.appendChild(el("summary",count(warns.length,"advarsel","advarsler")+" på denne side"));d.appendChild(list(warns));o.appendChild(d)}
document.body.appendChild(o)}
function stopped(){if(n)return;n=box("labyrint-stopped","status","#444");n.style.inset="0 0 auto 0";
n.appendChild(el("p","Forbindelsen til forhåndsvisningen er afbrudt. Start labyrint serve igen; siden opdaterer sig selv, når den er tilbage."));document.body.appendChild(n)}
})();</script>`
