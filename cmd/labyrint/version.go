package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is stamped by scripts/release.sh:
//
//	go build -ldflags "-X main.version=v1.2.0 -X main.commit=…" ./cmd/labyrint
//
// A plain go build leaves them empty; versionInfo then falls back to what
// the Go toolchain recorded (the module version and the VCS revision).
var version, commit string

// buildVersion is what `labyrint version` prints about one binary.
type buildVersion struct {
	Version, Commit, Time, Go, Platform string
	Modified                            bool
}

// versionInfo reads the stamped values and the binary's build information.
func versionInfo() buildVersion {
	v := buildVersion{Version: version, Commit: commit, Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if v.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if v.Commit == "" {
				v.Commit = s.Value
			}
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	if bi.GoVersion != "" {
		v.Go = bi.GoVersion
	}
	return v
}

func cmdVersion(stdout io.Writer) error {
	v := versionInfo()
	ver := v.Version
	if ver == "" {
		ver = "udviklingsversion"
	}
	fmt.Fprintf(stdout, "labyrint %s\n", ver)
	if v.Commit != "" {
		c := v.Commit
		if v.Modified {
			c += " (med ændringer, der ikke er committet)"
		}
		fmt.Fprintf(stdout, "commit: %s\n", c)
	}
	if v.Time != "" {
		fmt.Fprintf(stdout, "commit-tid: %s\n", v.Time)
	}
	fmt.Fprintf(stdout, "go: %s\nplatform: %s\n", v.Go, v.Platform)
	return nil
}
