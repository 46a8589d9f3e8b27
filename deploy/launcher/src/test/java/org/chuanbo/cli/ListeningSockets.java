package org.chuanbo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process and its descendants listen on, read from Linux's /proc: the socket
 * inodes among each process's open files, matched with the LISTEN rows of /proc/net/tcp and tcp6.
 */
final class ListeningSockets {

  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Each listener as "address:port" in /proc's hex, e.g. "0100007F:1F90" for 127.0.0.1:8080. */
  static List<String> of(ProcessHandle process) throws IOException {
    Set<String> inodes = new HashSet<>();
    List<ProcessHandle> processes = new ArrayList<>(List.of(process));
    process.descendants().forEach(processes::add);
    for (ProcessHandle each : processes) {
      Path fds = Path.of("/proc", Long.toString(each.pid()), "fd");
      try (Stream<Path> links = Files.list(fds)) {
        for (Path link : links.toList()) {
          try {
            String target = Files.readSymbolicLink(link).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring("socket:[".length(), target.length() - 1));
            }
          } catch (IOException closedMeanwhile) {
            // a file closed between the listing and the read is not a listener
          }
        }
      } catch (IOException gone) {
        // a process that ended meanwhile listens on nothing
      }
    }
    List<String> listeners = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) { // after the heading
        String[] fields = line.trim().split("\\s+");
        if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
          listeners.add(fields[1]);
        }
      }
    }
    return listeners;
  }

  /** Whether a listener's address is loopback: 127.0.0.1, ::1 or ::ffff:127.0.0.1. */
  static boolean isLoopback(String listener) {
    String address = listener.substring(0, listener.indexOf(':'));
    return address.equals("0100007F")
        || address.equals("00000000000000000000000001000000")
        || address.equals("0000000000000000FFFF00000100007F");
  }
}
