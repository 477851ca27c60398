#!/bin/sh
':' //; unset NODE_EXTRA_CA_CERTS; exec node "$0" "$@"
// The `interleave` command, as installed (package.json's bin): launch.cjs beside it does the work.
//
// Installed, it runs through the shell first (the line above: to the shell, a
// command that starts Node on this file; to Node, a string and a comment).
// Node 20 reads every certificate of NODE_EXTRA_CA_CERTS as it starts, before
// any code of ours runs (nodejs/node#40524): 30 ms of every command where a
// proxy sets it, and no command of Interleave makes a TLS connection, so the
// shell takes it out of the command's environment. Run as `node
// bin/interleave.cjs`, the file is the same program with the variable as it is.
//
// (Prettier leaves this file alone: it would end the shell's line with a semicolon.)
'use strict';
require('./launch.cjs');
