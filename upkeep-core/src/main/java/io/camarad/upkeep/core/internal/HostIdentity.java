package io.camarad.upkeep.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name and this process's id, for locks and reports. */
public final class HostIdentity {
  private static final String HOST = lookUpHost();

  private HostIdentity() {}

  /** The host name, or "localhost" if it cannot be found. */
  public static String host() {
    return HOST;
  }

  /** This process's id. */
  public static long pid() {
    return ProcessHandle.current().pid();
  }

  private static String lookUpHost() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
