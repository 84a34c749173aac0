package dev.irm.connector.mysql;

import dev.irm.connector.ActionProvider;

/**
 * Actions an application package adds to the mysql target (listed in
 * {@code META-INF/services/dev.irm.connector.mysql.MySqlActionProvider}): they run on the mysql
 * connector's sessions under {@code mysql.NAME}, while this package knows MySQL, not their schema.
 */
public interface MySqlActionProvider extends ActionProvider<MySqlSession, MySqlWriter> {
    String TARGET = "mysql";
}
