//go:build !unix

package main

import "os/exec"

// ownGroup: no process groups here (Windows); stopGroup ends the server
// itself.
func ownGroup(cmd *exec.Cmd) {}

func stopGroup(cmd *exec.Cmd) { cmd.Process.Kill() }
