package dev.irm.connector.mysql;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The statement allow-list on its own: what a diagnostic query may and may not be. */
class SqlReadPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1", "select id from payment where status = ? order by id desc;", "SHOW PROCESSLIST", "SHOW GLOBAL STATUS",
        "EXPLAIN SELECT * FROM payment", "DESCRIBE payment", "SELECT 'a; DROP TABLE x -- /*' AS text",
        "SELECT `update`, `for` FROM `delete`", "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE TIME > 5",
        "SELECT 'it''s' AS s", "SELECT \"x\\\"; KILL 1\" AS s"})
    void readsAreAllowed(String sql) {
        assertDoesNotThrow(() -> SqlReadPolicy.check(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "SET GLOBAL read_only = ON", "KILL 12", "KILL QUERY 12", "INSERT INTO payment VALUES (1)", "UPDATE payment SET amount = 0",
        "DELETE FROM payment", "DROP TABLE payment", "SELECT 1; DROP TABLE x", "SELECT 1;;", "SELECT * FROM payment FOR UPDATE",
        "SELECT * FROM payment LOCK IN SHARE MODE", "SELECT * FROM payment INTO OUTFILE '/tmp/x'", "SELECT 1 INTO @v",
        "SELECT @v := 1", "SELECT 1 /*!50000 , SLEEP(10) */", "SELECT 1 -- x", "SELECT 1 # x", "SELECT SLEEP(10)",
        "SELECT BENCHMARK(1000000, MD5('x'))", "SELECT GET_LOCK('x', 10)", "SELECT LOAD_FILE('/etc/passwd')",
        "SELECT 'unterminated", "EXPLAIN ANALYZE SELECT 1", "ANALYZE TABLE payment", "CALL p()", "DO SLEEP(1)",
        "HANDLER payment OPEN", "SHOW CREATE USER root", "WITH x AS (SELECT 1) DELETE FROM payment"})
    void writesLocksAndTricksAreRefused(String sql) {
        assertThrows(IllegalArgumentException.class, () -> SqlReadPolicy.check(sql));
    }
}
