package dev.irm.connector.mysql;

import java.util.regex.Pattern;

/** Table and column names from runbook variables: validated as identifiers, then quoted with backticks. */
public final class SqlNames {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private SqlNames() {
    }

    /** Rule of identifier parameters. */
    public static void identifier(Object value) {
        if (value == null || !IDENTIFIER.matcher(value.toString()).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not an SQL identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64)");
        }
    }

    /** Rule of an optional schema: empty means the connection's current database. */
    public static void optionalIdentifier(Object value) {
        if (value != null && !value.toString().isEmpty()) {
            identifier(value);
        }
    }

    public static String quote(String name) {
        identifier(name);
        return "`" + name + "`";
    }

    /** {@code `schema`.`table`}, or {@code `table`} when the schema is empty. */
    public static String table(String schema, String table) {
        return schema == null || schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }
}
