package org.mqbook.interop;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Resolves the Apache RocketMQ 4.7.1 jars and compiles the 4.7.1-side programs against them; the
 * two things every child JVM of {@link Rmq471} needs on its classpath.
 *
 * <p>The jars are resolved by Maven from {@code src/test/rmq471/pom.xml} into
 * {@code target/rmq471/classpath.txt}, once per machine (until {@code mvn clean} or a change of
 * that pom): offline first, online if offline fails. The programs in
 * {@code src/test/rmq471/java} are compiled with the JDK's compiler into
 * {@code target/rmq471/classes}, once per change of their sources. Both steps hold a file lock
 * under {@code target/rmq471}, so test JVMs running side by side neither race nor read a
 * half-written result. Nothing here ever puts a 4.7.1 class on this JVM's classpath.
 *
 * <p>Thread-safe. Read next: {@link Rmq471#start}.
 */
final class Rmq471Classpath {

    private static final String POM = "src/test/rmq471/pom.xml";
    private static final String SOURCES = "src/test/rmq471/java";
    private static final String MARKER_JAR = "rocketmq-broker-4.7.1.jar";
    private static List<Path> jars;
    private static Path classes;

    private Rmq471Classpath() {
    }

    /** The project directory: surefire passes {@code mqbook.home}; else the working directory. */
    static Path projectDir() {
        return Path.of(System.getProperty("mqbook.home", System.getProperty("user.dir")))
                .toAbsolutePath();
    }

    /** {@code target/rmq471}, where everything the harness creates lives. */
    static Path workDir() {
        Path dir = projectDir().resolve("target").resolve("rmq471");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized List<Path> jars() {
        if (jars == null) {
            Path file = workDir().resolve("classpath.txt");
            jars = cached(file);
            if (jars == null) {
                jars = underLock("classpath.lock", () -> {
                    List<Path> again = cached(file);
                    return again != null ? again : resolve(file);
                });
            }
        }
        return jars;
    }

    static synchronized Path classes() {
        if (classes == null) {
            classes = underLock("compile.lock", Rmq471Classpath::compile);
        }
        return classes;
    }

    /** The jars listed in {@code file}, or null when it is missing, stale or names a lost jar. */
    private static List<Path> cached(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.getLastModifiedTime(file)
                    .compareTo(Files.getLastModifiedTime(projectDir().resolve(POM))) < 0) {
                return null;
            }
            String text = Files.readString(file).trim();
            List<Path> list = Stream.of(text.split(File.pathSeparator))
                    .filter(s -> !s.isBlank()).map(Path::of).collect(Collectors.toList());
            boolean complete = list.stream().allMatch(Files::isRegularFile)
                    && list.stream().anyMatch(p -> p.getFileName().toString().equals(MARKER_JAR));
            return complete ? List.copyOf(list) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Path> resolve(Path file) throws IOException, InterruptedException {
        Path tmp = file.resolveSibling("classpath.txt.tmp");
        Path log = file.resolveSibling("mvn-classpath.log");
        // Offline succeeds whenever the jars are already in the local repository; only the very
        // first run on a machine needs Maven Central.
        if (runMaven(tmp, log, true) != 0 && runMaven(tmp, log, false) != 0) {
            throw new IllegalStateException("mvn could not resolve the 4.7.1 classpath from "
                    + POM + "; see " + log + ":\n" + tailOf(log));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        List<Path> list = cached(file);
        if (list == null) {
            throw new IllegalStateException(file + " lists missing jars or no " + MARKER_JAR);
        }
        return list;
    }

    private static int runMaven(Path out, Path log, boolean offline)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mvn"));
        if (offline) {
            cmd.add("-o");
        }
        cmd.addAll(List.of("-q", "-B", "-f", POM, "dependency:build-classpath",
                "-Dmdep.outputFile=" + out.toAbsolutePath()));
        Process mvn = new ProcessBuilder(cmd).directory(projectDir().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
            mvn.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", cmd) + " ran over 10 minutes");
        }
        return mvn.exitValue();
    }

    private static Path compile() throws IOException {
        Path out = workDir().resolve("classes");
        Path stampFile = workDir().resolve("classes.stamp");
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(projectDir().resolve(SOURCES))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).sorted()
                    .collect(Collectors.toList());
        }
        String classpath = jars().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        StringBuilder stamp = new StringBuilder(classpath).append('\n');
        for (Path source : sources) {
            stamp.append(source).append(' ').append(Files.getLastModifiedTime(source).toMillis())
                    .append(' ').append(Files.size(source)).append('\n');
        }
        if (Files.isDirectory(out) && Files.isRegularFile(stampFile)
                && Files.readString(stampFile).contentEquals(stamp)) {
            return out;
        }
        deleteTree(out);
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + "; the interop tests need a JDK, not a JRE");
        }
        List<String> options = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8",
                "-proc:none", "-nowarn", "-cp", classpath, "-d", out.toString()));
        sources.forEach(p -> options.add(p.toString()));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, options.toArray(new String[0]));
        if (rc != 0) {
            throw new IllegalStateException("javac failed on " + SOURCES + " (exit " + rc + "):\n"
                    + diagnostics.toString(StandardCharsets.UTF_8));
        }
        Files.writeString(stampFile, stamp);
        return out;
    }

    private static <T> T underLock(String lockName, Callable<T> action) {
        Path lockFile = workDir().resolve(lockName);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(lockName + " step failed: " + e, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String tailOf(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
