package preview

import (
	"context"

	"github.com/guldborgsund/labyrint/internal/diag"
)

// Draft renders the page from the content file at path rel as it would be
// if the file held raw, from the last good build, writing nothing: the
// browser editor's live preview (pipeline.Session.Draft).
func (s *Server) Draft(ctx context.Context, rel string, raw []byte) ([]byte, []diag.Finding, error) {
	return s.sess.Draft(ctx, rel, raw)
}
