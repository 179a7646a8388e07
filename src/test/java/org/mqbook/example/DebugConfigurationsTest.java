package org.mqbook.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The IDE debug configurations ship with the code: every IntelliJ configuration in {@code .run/}
 * has a VS Code twin of the same name in {@code .vscode/launch.json}, every main class exists, and
 * no path is absolute, so a reader starts debugging from a fresh clone without editing anything.
 */
class DebugConfigurationsTest {

    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final Pattern OPTION = Pattern.compile("<option name=\"([A-Z_]+)\" value=\"([^\"]*)\"");
    private static final Pattern NAME = Pattern.compile("<configuration[^>]* name=\"([^\"]+)\"");
    private static final Pattern ABSOLUTE = Pattern.compile("(^|[\\s=:;])(/[A-Za-z]|[A-Za-z]:\\\\)");

    @Test
    void intellijAndVsCodeConfigurationsMatchAndPointAtRealClasses() throws IOException {
        Map<String, String> intellij = intellijMains();
        Map<String, String> vscode = vscodeMains();
        assertFalse(intellij.isEmpty(), "no .run/*.run.xml configuration found");
        assertEquals(intellij, vscode, ".run/ and .vscode/launch.json must offer the same entries");
        for (Map.Entry<String, String> e : intellij.entrySet()) {
            try {
                Class<?> c = Class.forName(e.getValue());
                c.getMethod("main", String[].class);
            } catch (ClassNotFoundException | NoSuchMethodException ex) {
                fail("debug configuration '" + e.getKey() + "' names " + e.getValue()
                    + ", which has no main method on the classpath: " + ex);
            }
        }
    }

    @Test
    void noConfigurationUsesAnAbsolutePath() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(ROOT.resolve(".run"))) {
            s.forEach(files::add);
        }
        files.add(ROOT.resolve(".vscode/launch.json"));
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = ABSOLUTE.matcher(text);
            while (m.find()) {
                offenders.add(ROOT.relativize(f) + ": ..." + text.substring(m.start(),
                    Math.min(text.length(), m.start() + 30)));
            }
        }
        assertTrue(offenders.isEmpty(), "absolute paths in debug configurations: " + offenders);
    }

    private static Map<String, String> intellijMains() throws IOException {
        Map<String, String> mains = new TreeMap<>();
        try (Stream<Path> s = Files.list(ROOT.resolve(".run"))) {
            for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".run.xml"))::iterator) {
                String xml = Files.readString(f);
                Matcher name = NAME.matcher(xml);
                assertTrue(name.find(), f + " has no configuration name");
                if (xml.contains("type=\"CompoundRunConfigurationType\"")) {
                    continue;
                }
                Matcher m = OPTION.matcher(xml);
                String main = null;
                while (m.find()) {
                    if (m.group(1).equals("MAIN_CLASS_NAME")) {
                        main = m.group(2);
                    }
                }
                assertTrue(main != null, f + " names no MAIN_CLASS_NAME");
                mains.put(name.group(1), main);
            }
        }
        return mains;
    }

    private static Map<String, String> vscodeMains() throws IOException {
        JSONObject launch = JSON.parseObject(Files.readString(ROOT.resolve(".vscode/launch.json")));
        JSONArray configs = launch.getJSONArray("configurations");
        Map<String, String> mains = new TreeMap<>();
        for (int i = 0; i < configs.size(); i++) {
            JSONObject c = configs.getJSONObject(i);
            if (c.getString("mainClass") != null) {
                mains.put(c.getString("name"), c.getString("mainClass"));
            }
        }
        return mains;
    }
}
