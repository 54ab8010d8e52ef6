//go:build !linux

package main

import "syscall"

// workerAttr has nothing to add where there is no parent-death signal: a
// worker whose parent dies sees its stdin close and stops after at most
// its current replication's cancellation check.
func workerAttr() *syscall.SysProcAttr { return nil }
