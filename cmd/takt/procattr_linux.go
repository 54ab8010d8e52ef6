package main

import "syscall"

// workerAttr makes the kernel kill a worker when the takt process that
// started it dies, however it dies: no orphan keeps a core busy.
func workerAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
