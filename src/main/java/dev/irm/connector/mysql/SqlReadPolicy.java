package dev.irm.connector.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SQL a diagnostic may send: one SELECT, SHOW, EXPLAIN or DESCRIBE statement. Needed because
 * MariaDB still runs {@code SET GLOBAL} and {@code KILL} inside a read-only transaction. Strict on
 * purpose: no comments (MySQL runs {@code /*! ... *}{@code /} comments), no second statement, and
 * no word that writes, locks, waits or exports anywhere outside a quoted literal or identifier.
 */
final class SqlReadPolicy {
    private static final Set<String> FIRST = Set.of("select", "show", "explain", "describe", "desc");
    private static final Set<String> FORBIDDEN = Set.of(
            "insert", "update", "delete", "replace", "merge", "upsert", "drop", "alter", "create", "truncate", "rename",
            "grant", "revoke", "set", "kill", "lock", "unlock", "call", "do", "handler", "load", "flush", "reset", "purge",
            "install", "uninstall", "shutdown", "restart", "analyze", "optimize", "repair", "check", "checksum", "cache",
            "into", "outfile", "dumpfile", "for", "share", "nowait", "prepare", "execute", "deallocate", "begin", "commit",
            "rollback", "savepoint", "start", "xa", "binlog", "change", "stop", "release",
            "sleep", "benchmark", "get_lock", "release_lock", "release_all_locks", "is_free_lock", "load_file",
            "nextval", "setval", "lastval", "sys_exec", "sys_eval");

    private SqlReadPolicy() {
    }

    /** Rule of the {@code sql} parameter: throws IllegalArgumentException with the reason. */
    static void check(Object value) {
        String sql = value == null ? "" : value.toString().strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        if (sql.isEmpty()) {
            throw new IllegalArgumentException("SQL is empty");
        }
        List<String> words = words(sql);
        if (words.isEmpty() || !FIRST.contains(words.get(0))) {
            throw new IllegalArgumentException("only SELECT, SHOW, EXPLAIN or DESCRIBE may run in a diagnostic, not '"
                    + (words.isEmpty() ? sql : words.get(0).toUpperCase(Locale.ROOT)) + "'");
        }
        for (String word : words) {
            if (FORBIDDEN.contains(word)) {
                throw new IllegalArgumentException("'" + word.toUpperCase(Locale.ROOT) + "' is not allowed in a read-only diagnostic query");
            }
        }
    }

    /**
     * Lower-cased bare words outside quotes; rejects comments, statement separators, user variable
     * assignment and unterminated quotes on the way.
     */
    static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == ';') {
                throw new IllegalArgumentException("one statement only: ';' separates statements");
            } else if (c == '#' || c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                throw new IllegalArgumentException("comments are not allowed in a diagnostic query");
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == '=') {
                throw new IllegalArgumentException("':=' assigns a variable: not allowed in a diagnostic query");
            } else if (c == '\\') {
                throw new IllegalArgumentException("a backslash outside a literal is not allowed");
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        return out;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote");
    }
}
