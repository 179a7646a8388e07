package org.mqbook.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The golden vectors made once by the real 4.7.1 encoders ({@code src/test/resources/golden/
 * rmq471-vectors.tsv}, see its README): name → bytes. Tests rebuild the same values with mqbook's
 * codecs and compare byte for byte, with no 4.7.1 JVM needed.
 */
public final class GoldenVectors {

    private static final Path FILE = Paths.get("src/test/resources/golden/rmq471-vectors.tsv");
    private static Map<String, byte[]> vectors;

    private GoldenVectors() {
    }

    /** The bytes of one vector; fails loudly on an unknown name. */
    public static synchronized byte[] get(String name) {
        if (vectors == null) {
            vectors = load();
        }
        byte[] v = vectors.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no golden vector '" + name + "' in " + FILE
                + "; known: " + vectors.keySet());
        }
        return v.clone();
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> map = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(FILE)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    map.put(line.substring(0, tab), HexFormat.of().parseHex(line.substring(tab + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

    /** Lower-case hex, for readable assertion messages. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
