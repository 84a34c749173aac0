package dev.irm.render;

/** Terminal display width: East Asian wide characters (Hangul, CJK) take two columns. */
public final class TextWidth {
    private TextWidth() {
    }

    public static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += isWide(cp) ? 2 : Character.getType(cp) == Character.NON_SPACING_MARK ? 0 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    public static String pad(String text, int width) {
        String s = text == null ? "" : text;
        int gap = width - of(s);
        return gap <= 0 ? s : s + " ".repeat(gap);
    }

    static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
