package io.happy3.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods and constructors of one Java source and how many lines each spans, from the line of its name to its
 * closing brace. Counts braces outside comments, strings, text blocks and character literals; a lambda, an
 * anonymous class or a local class counts as part of the method around it.
 */
final class MethodLengths {
    /** A method (or constructor) {@code name} that starts on {@code line} and spans {@code lines} lines. */
    record Method(String name, int line, int lines) {
    }

    private static final Pattern ANNOTATION = Pattern.compile("@[\\w.]+(?:\\s*\\([^()]*\\))?");
    private static final Pattern HEADER = Pattern.compile(
            "(\\w+)\\s*\\([^(){};]*(?:\\([^(){};]*\\)[^(){};]*)*\\)\\s*(?:throws\\s+[\\w.,\\s]+)?\\s*$");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "return", "new", "else", "do");
    private static final Pattern NOT_A_DECLARATION = Pattern.compile("->|=|\\bnew\\b|\\b(?:record|class|enum|interface)\\b");

    private MethodLengths() {
    }

    static List<Method> of(String source) {
        String code = blankCommentsAndLiterals(source);
        List<Method> found = new ArrayList<>();
        Deque<Method> open = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                open.push(declared(code, headerStart, i));
                headerStart = i + 1;
            } else if (c == '}') {
                Method method = open.pop();
                if (method.line() > 0) {
                    found.add(new Method(method.name(), method.line(), lineOf(code, i) - method.line() + 1));
                }
                headerStart = i + 1;
            } else if (c == ';') {
                headerStart = i + 1;
            }
        }
        return found;
    }

    /** The method whose body the brace at {@code brace} opens, or a placeholder with line 0 for any other block. */
    private static Method declared(String code, int headerStart, int brace) {
        String header = ANNOTATION.matcher(code.substring(headerStart, brace)).replaceAll(" ");
        Matcher matcher = HEADER.matcher(header);
        if (!matcher.find() || NOT_METHODS.contains(matcher.group(1)) || NOT_A_DECLARATION.matcher(header).find()) {
            return new Method("", 0, 0);
        }
        int nameAt = code.indexOf(matcher.group(1), headerStart + header.substring(0, matcher.start(1)).length());
        return new Method(matcher.group(1), lineOf(code, nameAt), 0);
    }

    private static int lineOf(String code, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            line += code.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    /** The source with every comment, string, text block and char literal replaced by spaces (newlines kept). */
    static String blankCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            String end = source.startsWith("//", i) ? "\n" : source.startsWith("/*", i) ? "*/"
                    : source.startsWith("\"\"\"", i) ? "\"\"\"" : source.charAt(i) == '"' ? "\""
                    : source.charAt(i) == '\'' ? "'" : null;
            if (end == null) {
                i++;
                continue;
            }
            int from = i;
            i += end.equals("\"\"\"") || end.equals("*/") ? 2 + (end.length() == 3 ? 1 : 0) : 1;
            while (i < source.length() && !source.startsWith(end, i)) {
                i += source.charAt(i) == '\\' && !end.equals("\n") && !end.equals("*/") ? 2 : 1;
            }
            i = Math.min(source.length(), i + (end.equals("\n") ? 0 : end.length()));
            for (int j = from; j < i; j++) {
                if (out.charAt(j) != '\n') {
                    out.setCharAt(j, ' ');
                }
            }
        }
        return out.toString();
    }
}
