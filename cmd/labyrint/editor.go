package main

import (
	"fmt"
	"io"
	"net"

	"github.com/guldborgsund/labyrint/internal/editor"
	"github.com/guldborgsund/labyrint/internal/pipeline"
	"github.com/guldborgsund/labyrint/internal/preview"
)

// startEditor mounts the browser editor in the preview listening on ln. A
// preview open to the network (--public) gets no editor unless a login
// proxy is named: anyone who reaches it could otherwise change the site.
func startEditor(srv *preview.Server, o pipeline.Options, eo editor.Options, ln net.Listener, public bool, log io.Writer) (*editor.Editor, error) {
	if public && eo.Proxy == "" {
		fmt.Fprintln(log, "redigering er slået fra: forhåndsvisningen lytter på alle netværk (--public) uden --editor-proxy")
		return nil, nil
	}
	eo.Source, eo.Content, eo.Log = o.Source, o.Content, log
	if eo.Source == "" {
		eo.Source = "."
	}
	eo.Lookup, eo.Findings, eo.Draft = srv.SourceOf, srv.FindingsFor, srv.Draft
	ed, err := editor.New(eo)
	if err != nil {
		return nil, err
	}
	if eo.Commit {
		if msg := ed.GitProblem(); msg != "" {
			fmt.Fprintln(log, "redigering: --editor-git: "+msg+"; ændringer bliver gemt, men ikke lagt i Git")
		}
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ed.AllowHost(ln.Addr().String())
	ed.AllowHost("localhost:" + port)
	for _, h := range srv.Hosts { // --host: the names a shared server is reached by
		ed.AllowHost(h)
		ed.AllowHost(net.JoinHostPort(h, port))
	}
	srv.Mount(editor.Prefix, ed.Handler())
	return ed, nil
}
