package main

import (
	"runtime"
	"strings"
	"testing"
)

func TestVersionStamped(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "v9.8.7", "0123456789abcdef"
	out, _, err := runCmd(t, "version")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"labyrint v9.8.7\n", "commit: 0123456789abcdef", "go: " + runtime.Version(), "platform: " + runtime.GOOS + "/" + runtime.GOARCH} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestVersionUnstamped(t *testing.T) {
	defer func(v, c string) { version, commit = v, c }(version, commit)
	version, commit = "", ""
	out, _, err := runCmd(t, "version")
	if err != nil {
		t.Fatal(err)
	}
	// A test binary has no module version: the Danish word for a
	// development build, never an empty version.
	if !strings.HasPrefix(out, "labyrint udviklingsversion\n") {
		t.Errorf("unstamped version output:\n%s", out)
	}
}
