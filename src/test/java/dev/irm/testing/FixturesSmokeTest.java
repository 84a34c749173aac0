package dev.irm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

class FixturesSmokeTest {

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    @Test
    void blackHoleAcceptsButNeverAnswers() throws Exception {
        try (FreePorts.BlackHole hole = FreePorts.blackHolePort(); Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hole.host(), hole.port()), 1000);
            s.setSoTimeout(300);
            s.getOutputStream().write("PING\r\n".getBytes());
            InputStream in = s.getInputStream();
            assertThrows(SocketTimeoutException.class, in::read);
        }
    }

    @Test
    void failedStartsThrowWithTheServerLogTail() {
        IllegalStateException redis = assertThrows(IllegalStateException.class,
                () -> RedisServer.start("--no-such-directive", "x"));
        assertTrue(redis.getMessage().contains("no-such-directive"), redis.getMessage());
        IllegalStateException mariadb = assertThrows(IllegalStateException.class,
                () -> MariaDbServer.start("--no-such-option"));
        assertTrue(mariadb.getMessage().contains("no-such-option"), mariadb.getMessage());
        System.out.println(redis.getMessage() + "\n" + mariadb.getMessage());
    }

    @Test
    void redisAnswersFillsToOomAndStops() throws Exception {
        long t0 = System.nanoTime();
        try (RedisServer redis = RedisServer.start("--maxmemory", "2mb", "--maxmemory-policy", "noeviction")) {
            System.out.println("redis started in " + millisSince(t0) + " ms on " + redis.url());
            try (Jedis jedis = redis.client()) {
                assertEquals("PONG", jedis.ping());
                ProtocolCommand debug = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);
                assertTrue(jedis.sendCommand(debug, "DIGEST") instanceof byte[]);
            }
            assertTrue(redis.fillToMaxmemory() > 0);
            try (Jedis jedis = redis.client()) {
                JedisDataException e = assertThrows(JedisDataException.class, () -> jedis.set("one-more", "x".repeat(4096)));
                assertTrue(e.getMessage().startsWith("OOM"), e.getMessage());
            }
            redis.stop();
            assertFalse(redis.isRunning());
            assertThrows(ConnectException.class, () -> new Socket(redis.host(), redis.port()).close());
        }
    }

    @Test
    void severalRedisServersAtOnceWithPassword() throws Exception {
        List<CompletableFuture<RedisServer>> starting = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return RedisServer.start("--requirepass", "pw" + i);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .toList();
        List<RedisServer> servers = new ArrayList<>();
        try {
            for (CompletableFuture<RedisServer> f : starting) {
                servers.add(f.get(60, TimeUnit.SECONDS));
            }
            Set<Integer> ports = servers.stream().map(RedisServer::port).collect(Collectors.toSet());
            assertEquals(3, ports.size());
            for (RedisServer redis : servers) {
                try (Jedis jedis = redis.client()) {
                    assertEquals("PONG", jedis.ping());
                }
                try (Jedis anonymous = new Jedis(redis.host(), redis.port())) {
                    assertThrows(JedisDataException.class, anonymous::ping);
                }
            }
        } finally {
            servers.forEach(RedisServer::close);
        }
    }

    @Test
    void mariaDbAnswersAndRefusesBeyondMaxConnections() throws Exception {
        long t0 = System.nanoTime();
        Path datadir;
        try (MariaDbServer db = MariaDbServer.start("--max-connections=10")) {
            System.out.println("mariadb started in " + millisSince(t0) + " ms at " + db.jdbcUrl());
            List<Connection> open = new ArrayList<>();
            try (Connection root = db.connect(); Statement st = root.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT VERSION(), @@datadir")) {
                    assertTrue(rs.next());
                    assertTrue(rs.getString(1).contains("MariaDB"), rs.getString(1));
                    datadir = Path.of(rs.getString(2));
                }
                st.execute("CREATE USER 'plain'@'%' IDENTIFIED BY 'pw'");
                SQLException refused = null;
                while (refused == null && open.size() < 20) {
                    try {
                        open.add(db.connect("plain", "pw"));
                    } catch (SQLException e) {
                        refused = e;
                    }
                }
                assertTrue(refused != null, "no connection refused");
                assertEquals(1040, refused.getErrorCode(), refused.toString());
                assertEquals(9, open.size());
            } finally {
                for (Connection c : open) {
                    c.close();
                }
            }
            assertTrue(Files.isDirectory(datadir));
            db.stop();
            assertFalse(db.isRunning());
            assertThrows(SQLException.class, db::connect);
        }
        assertFalse(Files.exists(datadir));
    }

    @Test
    void kafkaProducesConsumesAndDies() throws Exception {
        long t0 = System.nanoTime();
        try (KafkaBroker kafka = KafkaBroker.start()) {
            System.out.println("kafka started in " + millisSince(t0) + " ms at " + kafka.bootstrapServers());
            kafka.createTopic("smoke", 1);
            Map<String, Object> producerConfig = kafka.clientConfig();
            producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
                producer.send(new ProducerRecord<>("smoke", "k", "hello")).get(30, TimeUnit.SECONDS);
            }
            Map<String, Object> consumerConfig = kafka.clientConfig();
            consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
                TopicPartition tp = new TopicPartition("smoke", 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                        values.add(r.value());
                    }
                }
                assertEquals(List.of("hello"), values);
            }
            kafka.stop();
            assertFalse(kafka.isRunning());
            Map<String, Object> shortTimeouts = kafka.clientConfig();
            shortTimeouts.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500);
            shortTimeouts.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
            try (Admin admin = Admin.create(shortTimeouts)) {
                assertThrows(ExecutionException.class, () -> admin.listTopics().names().get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void dockerRunsAnOomKilledContainer() throws Exception {
        long t0 = System.nanoTime();
        try (DockerEngine docker = DockerEngine.start()) {
            System.out.println("docker engine (private=" + docker.isPrivate() + ") ready in " + millisSince(t0)
                    + " ms at " + docker.dockerHost());
            long t1 = System.nanoTime();
            docker.ensureImage();
            System.out.println("image ready in " + millisSince(t1) + " ms");
            String name = "irm-oom-" + UUID.randomUUID().toString().substring(0, 8);
            docker.runContainer(name, List.of("--memory", "32m", "--memory-swap", "32m"),
                    "sh", "-c", "x=$(head -c 200000000 /dev/zero | tr \"\\0\" x)");
            assertEquals(137, docker.waitContainer(name, Duration.ofSeconds(60)));
            assertEquals("true", docker.inspect(name, "{{.State.OOMKilled}}"));
            String sleeper = "irm-sleep-" + UUID.randomUUID().toString().substring(0, 8);
            docker.runContainer(sleeper, List.of(), "sleep", "300");
            assertEquals("true", docker.inspect(sleeper, "{{.State.Running}}"));
            assertEquals("hi", docker.docker("exec", sleeper, "echo", "hi"));
        }
    }
}
