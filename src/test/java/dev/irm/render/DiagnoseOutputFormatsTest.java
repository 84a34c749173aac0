package dev.irm.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.irm.testing.CommandResult;
import dev.irm.testing.IrmCli;
import dev.irm.testing.LoopbackHttp;
import dev.irm.testing.MariaDbServer;
import dev.irm.testing.PrometheusServer;
import dev.irm.testing.RedisServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code irm diagnose -o prometheus|junit} on real findings: a Redis filled past maxmemory under
 * noeviction (CRITICAL, redis-oom) and a healthy MariaDB, read back by Prometheus' own parser
 * (promtool, and a real Prometheus scraping the output) and by the JDK's XML parser.
 */
class DiagnoseOutputFormatsTest {
    /** A context name that needs escaping in a label value and in XML. */
    private static final String CONTEXT = "lab \"east\" \\ <a&b>";
    private static RedisServer redis;
    private static MariaDbServer mariadb;
    private static IrmCli cli;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start("--maxmemory", "3mb", "--maxmemory-policy", "noeviction");
        redis.fillToMaxmemory();
        mariadb = MariaDbServer.start();
        cli = new IrmCli();
        Files.writeString(cli.home().resolve("config.yaml"), """
                contexts:
                  '%s':
                    redis: {url: "%s"}
                    mysql: {url: "jdbc:mysql://127.0.0.1:%d/", user: root}
                """.formatted(CONTEXT.replace("'", "''"), redis.url(), mariadb.port()));
    }

    @AfterAll
    static void stop() {
        if (redis != null) {
            redis.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
    }

    private static IrmCli.Result diagnose(String format) {
        return cli.run("--context", CONTEXT, "diagnose", "redis", "mysql", "-o", format);
    }

    @Test
    void prometheusOutputIsAcceptedByPromtoolAndScrapedByARealPrometheus() throws Exception {
        IrmCli.Result json = diagnose("json");
        IrmCli.Result r = diagnose("prometheus");
        assertEquals(2, r.code(), r.toString());
        assertEquals(json.code(), r.code(), "exit code as with -o json");
        CommandResult lint = PrometheusServer.checkMetrics(r.out());
        assertEquals(0, lint.exitCode(), lint.output() + "\n" + r.out());
        assertTrue(r.out().contains("# TYPE irm_check_status gauge"), r.out());

        try (LoopbackHttp textfile = new LoopbackHttp()) {
            textfile.serveMetrics(r.out());
            try (PrometheusServer prometheus = PrometheusServer.start("""
                    global: {scrape_interval: 1s}
                    scrape_configs:
                      - job_name: irm
                        static_configs: [{targets: ["%s"]}]
                    """.formatted(textfile.hostPort()), null)) {
                JsonNode memory = prometheus.awaitSeries("irm_check_status{check=\"redis.memory\"}", Duration.ofSeconds(60)).get(0);
                assertEquals("2", memory.path("value").get(1).asText(), memory.toString());
                assertEquals("CRITICAL", memory.path("metric").path("severity").asText());
                assertEquals("redis-oom", memory.path("metric").path("runbook").asText());
                assertEquals("redis", memory.path("metric").path("target").asText());

                JsonNode overall = prometheus.awaitSeries("irm_diagnose_status", Duration.ofSeconds(10)).get(0);
                assertEquals(CONTEXT, overall.path("metric").path("context").asText(), "label value escaped and read back");
                assertEquals("2", overall.path("value").get(1).asText());

                int checks = 0;
                for (JsonNode target : json.json().path("targets")) {
                    checks += target.path("checks").size();
                }
                JsonNode all = prometheus.query("count(irm_check_status)");
                assertEquals(String.valueOf(checks), all.get(0).path("value").get(1).asText(), "one series per check");
                JsonNode mysqlOk = prometheus.query("irm_check_status{check=\"mysql.reachable\"}");
                assertEquals("0", mysqlOk.get(0).path("value").get(1).asText(), mysqlOk.toString());
                JsonNode durations = prometheus.query("irm_check_duration_seconds{check=\"redis.memory\"}");
                assertTrue(durations.get(0).path("value").get(1).asDouble() >= 0, durations.toString());
            }
        }
    }

    @Test
    void junitOutputIsWellFormedXmlWithOneTestcasePerCheck() throws Exception {
        IrmCli.Result json = diagnose("json");
        IrmCli.Result r = diagnose("junit");
        assertEquals(2, r.code(), r.toString());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));

        Map<String, String> statusByCheck = new HashMap<>();
        for (JsonNode target : json.json().path("targets")) {
            for (JsonNode check : target.path("checks")) {
                statusByCheck.put(check.path("id").asText(), check.path("status").asText());
            }
        }
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength(), "one testsuite per target");
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(statusByCheck.size(), cases.getLength(), r.out());
        int failures = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            String status = statusByCheck.get(testcase.getAttribute("name"));
            String expected = switch (status) {
                case "WARNING", "CRITICAL" -> "failure";
                case "UNKNOWN" -> "error";
                case "SKIPPED" -> "skipped";
                default -> null;
            };
            NodeList children = testcase.getElementsByTagName(expected == null ? "failure" : expected);
            if (expected == null) {
                assertEquals(0, testcase.getChildNodes().getLength(), testcase.getAttribute("name"));
            } else {
                assertEquals(1, children.getLength(), testcase.getAttribute("name") + " " + status);
            }
            if ("failure".equals(expected)) {
                failures++;
                assertEquals(status, ((Element) children.item(0)).getAttribute("type"));
            }
        }
        Element memory = byName(cases, "redis.memory");
        Element failure = (Element) memory.getElementsByTagName("failure").item(0);
        assertEquals("CRITICAL", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("irm run redis-oom"), failure.getTextContent());
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals(String.valueOf(failures), root.getAttribute("failures"));
        assertTrue(failures >= 2, "redis.memory and redis.eviction are CRITICAL: " + r.out());
        assertFalse(r.out().contains(CONTEXT), "the context name is escaped in XML");
        assertTrue(r.out().contains("&lt;a&amp;b&gt;"), r.out());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        IrmCli.Result r = diagnose("xml");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("diagnose writes text, json, prometheus or junit"), r.err());
    }

    private static Element byName(NodeList cases, String name) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (name.equals(e.getAttribute("name"))) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }
}
