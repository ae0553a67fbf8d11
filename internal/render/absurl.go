package render

import "strings"

// AbsURL is the absolute address of the file being rendered (for
// rel="canonical" and og:url): the target's url from site.yaml and the
// file's URL. Empty when the target has no url.
func (d *Data) AbsURL() string {
	if d.view == nil || d.view.Target == nil || d.view.Target.URL == "" {
		return ""
	}
	return strings.TrimSuffix(d.view.Target.URL, "/") + d.URL
}
