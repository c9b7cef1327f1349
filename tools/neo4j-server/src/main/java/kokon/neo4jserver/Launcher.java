package kokon.neo4jserver;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;

/**
 * A Neo4j Community server with Bolt on 127.0.0.1, authentication on, and the OpenGDS procedures.
 *
 * <p>Everything comes from the environment, never from the command line (a password on a command
 * line is visible to every user of the machine):
 *
 * <ul>
 *   <li>KOKON_NEO4J_HOME: the server's directory (data, logs); made if missing.
 *   <li>KOKON_NEO4J_PORT: the Bolt port; 0 or unset picks a free one.
 *   <li>KOKON_NEO4J_PASSWORD_FILE: a file holding the password for the user neo4j.
 *   <li>KOKON_NEO4J_PAGECACHE: the page cache size, e.g. 512m (default 512m).
 *   <li>KOKON_NEO4J_GDS: "off" starts a server without the GDS procedures.
 * </ul>
 *
 * <p>When the server accepts connections it writes the port to $KOKON_NEO4J_HOME/ready. SIGTERM
 * (or Ctrl-C) shuts the databases down cleanly.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(requireEnv("KOKON_NEO4J_HOME")).toAbsolutePath();
    String password =
        Files.readString(Path.of(requireEnv("KOKON_NEO4J_PASSWORD_FILE")), StandardCharsets.UTF_8)
            .strip();
    if (password.length() < 8) {
      fail("the password in KOKON_NEO4J_PASSWORD_FILE must have at least 8 characters");
    }
    int port = Integer.parseInt(envOr("KOKON_NEO4J_PORT", "0"));
    if (port == 0) {
      port = freePort();
    }
    // KOKON_NEO4J_GDS=off: a server without GDS (to test what the tool says then)
    boolean gds = !"off".equalsIgnoreCase(envOr("KOKON_NEO4J_GDS", "on"));
    Files.createDirectories(home);
    Path ready = home.resolve("ready");
    Files.deleteIfExists(ready);

    DatabaseManagementService service =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(
                GraphDatabaseSettings.pagecache_memory,
                ByteUnit.parse(envOr("KOKON_NEO4J_PAGECACHE", "512m")))
            .setConfig(GraphDatabaseSettings.procedure_unrestricted, gds ? List.of("gds.*") : List.of())
            .setConfig(GraphDatabaseSettings.procedure_allowlist, List.of("*"))
            .build();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Files.deleteIfExists(ready);
                  } catch (IOException ignored) {
                    // the directory may be gone already
                  }
                  service.shutdown();
                  stopped.countDown();
                },
                "kokon-neo4j-shutdown"));

    GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    system.executeTransactionally(
        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    int registered = gds ? registerGds((GraphDatabaseAPI) db) : 0;

    Path tmp = home.resolve("ready.tmp");
    Files.writeString(tmp, Integer.toString(port), StandardCharsets.UTF_8);
    Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
    System.out.println(
        "kokon neo4j server: bolt://127.0.0.1:" + port + " (" + registered + " GDS classes)");
    System.out.flush();
    stopped.await();
  }

  /**
   * Registers every procedure and function class of the OpenGDS jars on the class path, the way
   * Neo4j registers a plugin's. Embedded Neo4j only scans its plugins folder, and the GDS modules
   * come from Maven as separate jars, so the launcher does the scan itself.
   */
  private static int registerGds(GraphDatabaseAPI db) throws IOException, URISyntaxException {
    GlobalProcedures procedures = db.getDependencyResolver().resolveDependency(GlobalProcedures.class);
    int count = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.replace('\\', '/').contains("/org/neo4j/gds/") || !entry.endsWith(".jar")) {
        continue;
      }
      for (String className : classNames(entry)) {
        Class<?> type;
        try {
          type = Class.forName(className, false, Launcher.class.getClassLoader());
        } catch (LinkageError | ClassNotFoundException e) {
          continue;
        }
        boolean proc = false;
        boolean func = false;
        boolean aggr = false;
        try {
          for (Method m : type.getDeclaredMethods()) {
            proc |= m.isAnnotationPresent(Procedure.class);
            func |= m.isAnnotationPresent(UserFunction.class);
            aggr |= m.isAnnotationPresent(UserAggregationFunction.class);
          }
        } catch (LinkageError e) {
          continue;
        }
        try {
          if (proc) {
            procedures.registerProcedure(type);
          }
          if (func) {
            procedures.registerFunction(type);
          }
          if (aggr) {
            procedures.registerAggregationFunction(type);
          }
          if (proc || func || aggr) {
            count++;
          }
        } catch (Exception e) {
          System.err.println("kokon neo4j server: skipped " + className + ": " + e.getMessage());
        }
      }
    }
    return count;
  }

  private static List<String> classNames(String jar) throws IOException {
    List<String> names = new ArrayList<>();
    try (JarFile file = new JarFile(jar)) {
      Enumeration<JarEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("META-INF")) {
          names.add(name.substring(0, name.length() - 6).replace('/', '.'));
        }
      }
    }
    return names;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static String requireEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      fail(name + " is not set");
    }
    return value;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void fail(String message) {
    System.err.println("kokon neo4j server: " + message);
    System.exit(2);
  }
}
