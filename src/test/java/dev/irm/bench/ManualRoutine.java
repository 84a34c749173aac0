package dev.irm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manuals' "assess the situation" commands for each system, as an operator types them one after
 * another (seed 000 §3, seed 001 §3/§7): a bash script per system, output discarded. Kafka's tools run
 * from the same Kafka 4.3.1 jars as the broker, with kafka-run-class.sh's heap and GC options.
 */
final class ManualRoutine {
    private ManualRoutine() {
    }

    static String redis(int port) {
        String cli = "redis-cli -h 127.0.0.1 -p " + port;
        return lines(cli + " PING", cli + " INFO memory", cli + " INFO stats", cli + " INFO clients", cli + " SLOWLOG GET 10",
                cli + " DBSIZE", cli + " CONFIG GET maxmemory-policy");
    }

    static String mysql(int port) {
        String cli = "mariadb -h 127.0.0.1 -P " + port + " -u root -e ";
        return lines(cli + "\"SHOW STATUS LIKE 'Threads_connected'\"", cli + "\"SHOW VARIABLES LIKE 'max_connections'\"",
                cli + "\"SHOW FULL PROCESSLIST\"");
    }

    /** {@code classPath}: the jars holding kafka-tools (the bench's own test class path). */
    static String kafka(String bootstrap, String group, String classPath) {
        String java = "java -Xmx256M -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true -cp '" + classPath + "' ";
        return lines(java + "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server " + bootstrap
                        + " --describe --group " + group,
                java + "org.apache.kafka.tools.TopicCommand --bootstrap-server " + bootstrap + " --list",
                java + "org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server " + bootstrap);
    }

    static String docker(String cli, String host, String container) {
        String docker = cli + " -H " + host;
        return lines(docker + " ps -a", docker + " stats --no-stream", docker + " logs --tail 100 " + container);
    }

    /** The routine of every system of the lab that has one (k8s and http have none here: no kubectl, no curl routine in the manuals' triage). */
    static Map<String, String> forLab(Lab lab, String classPath) {
        Map<String, String> parts = new LinkedHashMap<>();
        List<String> targets = lab.targets();
        if (targets.contains("redis")) {
            parts.put("redis", redis(lab.redis.port()));
        }
        if (targets.contains("mysql")) {
            parts.put("mysql", mysql(lab.mysql.port()));
        }
        if (targets.contains("kafka")) {
            parts.put("kafka", kafka(lab.kafka.bootstrapServers(), Lab.variables().get("group"), classPath));
        }
        if (targets.contains("docker")) {
            parts.put("docker", docker(dockerCli(), lab.docker.dockerHost(), Lab.APP_CONTAINER));
        }
        return parts;
    }

    /** The docker CLI the fixture uses. */
    private static String dockerCli() {
        return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    /** Commands run one after the other; the first that fails fails the routine. */
    private static String lines(String... commands) {
        StringBuilder script = new StringBuilder("set -e\n");
        for (String c : commands) {
            script.append(c).append(" >/dev/null 2>&1\n");
        }
        return script.toString();
    }
}
