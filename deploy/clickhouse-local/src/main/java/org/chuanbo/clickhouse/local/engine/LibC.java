package org.chuanbo.clickhouse.local.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few C library calls a process hosting the engine needs for itself. */
interface LibC extends Library {

  LibC INSTANCE = Native.load("c", LibC.class);

  int O_RDONLY = 0;

  int open(String path, int flags);

  int dup2(int from, int to);

  int close(int fd);

  void _exit(int status);
}
