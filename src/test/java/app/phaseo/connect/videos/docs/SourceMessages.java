package app.phaseo.connect.videos.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The messages the connector's code can produce, read from its sources: every string literal, joined
 * with the literals of the same statement. Literals joined by {@code +} alone are one text; anything
 * else between two literals (a variable, a call, an argument boundary) and an SLF4J {@code {}}
 * placeholder stand for "any text". A message that starts inside a {@code log.warn(...)}-style call
 * carries that level.
 *
 * <p>It is a small lexer, not a Java parser: good enough to tell whether a line quoted in the docs
 * can still be produced by the code, which is all it is for.
 */
final class SourceMessages {

    /** Stands for "any text" in a {@link Message#text()}. */
    static final char ANY = '\uFFFF';


    private static final Pattern LOG_CALL = Pattern.compile("\\blog\\.(trace|debug|info|warn|error)\\s*\\(\\s*$");

    /** A message: its text ({@link #ANY} for the varying parts), its log level (null if not logged), where. */
    record Message(String text, String level, String where) {

        /** The text with {@code ...} for the varying parts, for error messages. */
        String readable() {
            return text.replace(String.valueOf(ANY), "...");
        }
    }

    private SourceMessages() {
    }

    /** Every message of the Java sources under {@code root}, one per literal that starts a message. */
    static List<Message> under(Path root) {
        List<Message> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                messages.addAll(of(Files.readString(file, StandardCharsets.UTF_8), root.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    /** A token of the source: a string literal (its value) or code between literals. */
    private record Token(boolean literal, String text, int line) {
    }

    static List<Message> of(String source, String file) {
        List<Message> messages = new ArrayList<>();
        List<Token> statement = new ArrayList<>();
        for (Token token : tokens(source)) {
            if (!token.literal() && token.text().indexOf(';') >= 0) {
                // The code up to the ';' closes the statement; the rest starts the next one.
                int at = token.text().indexOf(';');
                statement.add(new Token(false, token.text().substring(0, at), token.line()));
                messages.addAll(messagesOf(statement, file));
                statement = new ArrayList<>();
                statement.add(new Token(false, token.text().substring(at + 1), token.line()));
            } else {
                statement.add(token);
            }
        }
        messages.addAll(messagesOf(statement, file));
        return messages;
    }

    /** One message per literal of the statement: the text from that literal to the statement's end. */
    private static List<Message> messagesOf(List<Token> statement, String file) {
        List<Message> messages = new ArrayList<>();
        for (int start = 0; start < statement.size(); start++) {
            Token first = statement.get(start);
            if (!first.literal()) {
                continue;
            }
            String level = null;
            if (start > 0) {
                Matcher call = LOG_CALL.matcher(statement.get(start - 1).text());
                if (call.find()) {
                    level = call.group(1).toUpperCase(Locale.ROOT);
                }
            }
            StringBuilder text = new StringBuilder();
            for (int i = start; i < statement.size(); i++) {
                Token token = statement.get(i);
                if (token.literal()) {
                    text.append(level == null ? token.text() : token.text().replace("{}", String.valueOf(ANY)));
                } else if (i + 1 < statement.size() && !token.text().strip().equals("+")) {
                    appendAny(text);
                }
            }
            messages.add(new Message(text.toString(), level, file + ":" + first.line()));
        }
        return messages;
    }

    private static void appendAny(StringBuilder text) {
        if (text.length() == 0 || text.charAt(text.length() - 1) != ANY) {
            text.append(ANY);
        }
    }

    /** Literals and the code between them; comments and char literals are dropped. */
    private static List<Token> tokens(String src) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        int line = 1;
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? src.length() : end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                line += count(src, i, end, '\n');
                i = end + 2;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                tokens.add(new Token(false, code.toString(), line));
                code.setLength(0);
                tokens.add(new Token(true, unescape(src.substring(src.indexOf('\n', i) + 1, end)), line));
                line += count(src, i, end, '\n');
                i = end + 3;
            } else if (c == '"') {
                StringBuilder literal = new StringBuilder();
                int j = i + 1;
                while (src.charAt(j) != '"') {
                    if (src.charAt(j) == '\\') {
                        literal.append(src, j, j + 2);
                        j += 2;
                    } else {
                        literal.append(src.charAt(j++));
                    }
                }
                tokens.add(new Token(false, code.toString(), line));
                code.setLength(0);
                tokens.add(new Token(true, unescape(literal.toString()), line));
                i = j + 1;
            } else if (c == '\'') {
                int j = i + 1;
                while (src.charAt(j) != '\'') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                code.append("' '");
                i = j + 1;
            } else {
                code.append(c);
                i++;
            }
        }
        tokens.add(new Token(false, code.toString(), line));
        // Merge the code tokens that ended up next to each other.
        List<Token> merged = new ArrayList<>();
        for (Token t : tokens) {
            if (!t.literal() && !merged.isEmpty() && !merged.get(merged.size() - 1).literal()) {
                Token last = merged.remove(merged.size() - 1);
                merged.add(new Token(false, last.text() + t.text(), last.line()));
            } else {
                merged.add(t);
            }
        }
        return merged;
    }

    private static int count(String s, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether some text fits both {@code quote} (with {@link #ANY} for its elided parts) and {@code message}, the
     * quote being a prefix: the quote could be the start of the message. A quote may end inside the message's
     * varying text with an example value ({@code "(HTTP 403"} against {@code "(HTTP {}"}), but only with one word:
     * {@code "The stored offset has format version"} is not confirmed by {@code "The {} value exactly as sent"},
     * or any message with a placeholder near its start would confirm any quote.
     */
    static boolean quoteFits(String quote, String message) {
        boolean[][] fit = prefixFits(quote, message);
        boolean quoteEndsElided = !quote.isEmpty() && quote.charAt(quote.length() - 1) == ANY;
        int wordStart = Math.max(quote.lastIndexOf(' '), quote.lastIndexOf(ANY)) + 1;
        for (int j = 0; j <= message.length(); j++) {
            boolean headEndsFixed = j == 0 || message.charAt(j - 1) != ANY || quoteEndsElided;
            if (headEndsFixed && fit[quote.length()][j]) {
                return true;
            }
            if (j < message.length() && message.charAt(j) == ANY) {
                // The quote's last word, or its end, stands for the varying text that starts at j.
                for (int k = wordStart; k < quote.length(); k++) {
                    if (fit[k][j]) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * {@code fit[i][j]}: some text fits both {@code a[0..i)} and {@code b[0..j)} as a whole, {@link #ANY} in either
     * standing for any text.
     */
    private static boolean[][] prefixFits(String a, String b) {
        boolean[][] fit = new boolean[a.length() + 1][b.length() + 1];
        fit[0][0] = true;
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 && j == 0) {
                    continue;
                }
                boolean anyA = i > 0 && a.charAt(i - 1) == ANY;
                boolean anyB = j > 0 && b.charAt(j - 1) == ANY;
                boolean ok = false;
                if (anyA) {
                    ok = fit[i - 1][j] || (j > 0 && fit[i][j - 1]);
                }
                if (!ok && anyB) {
                    ok = fit[i][j - 1] || (i > 0 && fit[i - 1][j]);
                }
                if (!ok && !anyA && !anyB && i > 0 && j > 0) {
                    ok = a.charAt(i - 1) == b.charAt(j - 1) && fit[i - 1][j - 1];
                }
                fit[i][j] = ok;
            }
        }
        return fit;
    }
}
