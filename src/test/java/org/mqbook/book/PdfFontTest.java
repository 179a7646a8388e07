package org.mqbook.book;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The PDF's fallback font covers the book: every CJK character (code point U+3000 and above) in
 * {@code chapters/*.adoc} has a glyph in {@value #FONT}, the subset of Noto Sans CJK SC that
 * {@code chapters/fonts/subset_cjk.py} cuts. A chapter that adds Chinese text fails here until the
 * script is run again; without it the PDF would show empty boxes where the guide's titles are.
 */
class PdfFontTest {

    static final String FONT = "chapters/fonts/NotoSansSC-mqbook.ttf";

    @Test
    void theSubsetFontHasAGlyphForEveryChineseCharacterOfTheBook() throws Exception {
        Path root = Paths.get(System.getProperty("mqbook.home", ".")).toAbsolutePath().normalize();
        byte[] head = Arrays.copyOf(Files.readAllBytes(root.resolve(FONT)), 4);
        assertArrayEquals(new byte[] {0, 1, 0, 0}, head, FONT + " should have TrueType outlines"
            + " (sfnt version 0x00010000): the PDF writer embeds CFF fonts that readers cannot show");
        Font font = Font.createFont(Font.TRUETYPE_FONT, root.resolve(FONT).toFile());
        TreeSet<String> missing = new TreeSet<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(root.resolve("chapters"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                for (int cp : read(f).codePoints().filter(c -> c >= 0x3000).toArray()) {
                    checked++;
                    if (!font.canDisplay(cp)) {
                        missing.add(new String(Character.toChars(cp)) + " in " + f.getFileName());
                    }
                }
            }
        }
        assertTrue(checked > 100, "expected the guide's Chinese titles in the chapters, found "
            + checked + " CJK characters");
        assertTrue(missing.isEmpty(), FONT + " lacks " + missing.size() + " characters the book uses;"
            + " run: python3 chapters/fonts/subset_cjk.py\n" + missing);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
