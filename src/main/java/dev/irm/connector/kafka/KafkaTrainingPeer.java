package dev.irm.connector.kafka;

import dev.irm.connector.TrainingPeer;
import dev.irm.support.LoopbackServer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * The training run's Kafka ({@link TrainingPeer}): one broker that is also the controller and coordinator, one
 * topic of one partition, one empty consumer group 5 behind; ApiVersions, Metadata, DescribeCluster, ListGroups,
 * FindCoordinator, DescribeGroups, ListOffsets, OffsetFetch and DescribeTopicPartitions answered, any other request
 * with its own error response.
 * Messages are kafka-clients' own, so they stay in step with the client.
 */
final class KafkaTrainingPeer implements TrainingPeer {
    private static final int NODE = 1;
    private static final String NAME = "irm-training";
    private final LoopbackServer server;
    private final Uuid topicId = Uuid.randomUuid();
    private final ApiVersionsResponseData apiVersions;

    KafkaTrainingPeer() throws IOException {
        // built before listening: it walks every API's message classes, longer than irm's probe waits in a cold JVM
        apiVersions = new ApiVersionsResponseData()
                .setApiKeys(ApiVersionsResponse.brokerApiVersions(ApiMessageType.ListenerType.BROKER, false, false));
        bytes(apiVersions, ApiKeys.API_VERSIONS.latestVersion());
        server = new LoopbackServer("training-kafka", this::serve);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("bootstrap", server.address());
    }

    private void serve(InputStream raw, OutputStream rawOut) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw)); DataOutputStream out = new DataOutputStream(rawOut)) {
            while (true) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                ByteBuffer request = ByteBuffer.wrap(frame);
                RequestHeader header = RequestHeader.parse(request);
                ApiMessage answer = answer(header, request);
                ByteBuffer head = bytes(new ResponseHeaderData().setCorrelationId(header.correlationId()),
                        header.apiKey().responseHeaderVersion(header.apiVersion()));
                ByteBuffer body = bytes(answer, header.apiVersion());
                out.writeInt(head.remaining() + body.remaining());
                out.write(head.array(), head.arrayOffset() + head.position(), head.remaining());
                out.write(body.array(), body.arrayOffset() + body.position(), body.remaining());
                out.flush();
            }
        } catch (EOFException e) {
            // the client closed the connection
        } catch (IOException | RuntimeException e) {
            // a request this peer cannot read: the client sees the connection close
        }
    }

    private static ByteBuffer bytes(org.apache.kafka.common.protocol.Message message, short version) {
        return MessageUtil.toByteBufferAccessor(message, version).buffer();
    }

    private ApiMessage answer(RequestHeader header, ByteBuffer request) {
        short version = header.apiVersion();
        ByteBufferAccessor body = new ByteBufferAccessor(request);
        return switch (header.apiKey()) {
            case API_VERSIONS -> apiVersions;
            case METADATA -> metadata();
            case DESCRIBE_CLUSTER -> new DescribeClusterResponseData().setClusterId(NAME).setControllerId(NODE)
                    .setBrokers(new DescribeClusterResponseData.DescribeClusterBrokerCollection(List.of(
                            new DescribeClusterResponseData.DescribeClusterBroker().setBrokerId(NODE).setHost("127.0.0.1").setPort(server.port()))
                            .iterator()));
            case LIST_GROUPS -> new ListGroupsResponseData().setGroups(List.of(new ListGroupsResponseData.ListedGroup()
                    .setGroupId(NAME).setProtocolType("consumer").setGroupState("Empty").setGroupType("classic")));
            case FIND_COORDINATOR -> findCoordinator(new FindCoordinatorRequestData(body, version));
            case DESCRIBE_GROUPS -> describeGroups(new DescribeGroupsRequestData(body, version));
            case LIST_OFFSETS -> listOffsets(new ListOffsetsRequestData(body, version));
            case OFFSET_FETCH -> offsetFetch(new OffsetFetchRequestData(body, version));
            case DESCRIBE_TOPIC_PARTITIONS -> describeTopicPartitions(new DescribeTopicPartitionsRequestData(body, version));
            default -> AbstractRequest.parseRequest(header.apiKey(), version, body).request
                    .getErrorResponse(0, Errors.UNSUPPORTED_VERSION.exception()).data(); // the client falls back where it can
        };
    }

    private MetadataResponseData metadata() {
        MetadataResponseData.MetadataResponseBrokerCollection brokers = new MetadataResponseData.MetadataResponseBrokerCollection();
        brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(NODE).setHost("127.0.0.1").setPort(server.port()));
        MetadataResponseData.MetadataResponseTopicCollection topics = new MetadataResponseData.MetadataResponseTopicCollection();
        topics.add(new MetadataResponseData.MetadataResponseTopic().setName(NAME).setTopicId(topicId).setPartitions(List.of(
                new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(0).setLeaderId(NODE).setLeaderEpoch(0)
                        .setReplicaNodes(List.of(NODE)).setIsrNodes(List.of(NODE)))));
        return new MetadataResponseData().setClusterId(NAME).setControllerId(NODE).setBrokers(brokers).setTopics(topics);
    }

    private FindCoordinatorResponseData findCoordinator(FindCoordinatorRequestData request) {
        List<FindCoordinatorResponseData.Coordinator> coordinators = new ArrayList<>();
        for (String key : request.coordinatorKeys()) {
            coordinators.add(new FindCoordinatorResponseData.Coordinator().setKey(key).setNodeId(NODE).setHost("127.0.0.1").setPort(server.port()));
        }
        return request.coordinatorKeys().isEmpty()
                ? new FindCoordinatorResponseData().setNodeId(NODE).setHost("127.0.0.1").setPort(server.port())
                : new FindCoordinatorResponseData().setCoordinators(coordinators);
    }

    private static DescribeGroupsResponseData describeGroups(DescribeGroupsRequestData request) {
        List<DescribeGroupsResponseData.DescribedGroup> groups = new ArrayList<>();
        for (String group : request.groups()) {
            groups.add(new DescribeGroupsResponseData.DescribedGroup().setGroupId(group).setGroupState("Empty").setProtocolType("consumer"));
        }
        return new DescribeGroupsResponseData().setGroups(groups);
    }

    private static ListOffsetsResponseData listOffsets(ListOffsetsRequestData request) {
        List<ListOffsetsResponseData.ListOffsetsTopicResponse> topics = new ArrayList<>();
        for (ListOffsetsRequestData.ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsResponseData.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
            for (ListOffsetsRequestData.ListOffsetsPartition p : topic.partitions()) {
                partitions.add(new ListOffsetsResponseData.ListOffsetsPartitionResponse().setPartitionIndex(p.partitionIndex())
                        .setOffset(10).setTimestamp(-1).setLeaderEpoch(0));
            }
            topics.add(new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(topic.name()).setPartitions(partitions));
        }
        return new ListOffsetsResponseData().setTopics(topics);
    }

    /** The group committed offset 5 of every partition asked for (of the one topic when none is named): a lag of 5. */
    private OffsetFetchResponseData offsetFetch(OffsetFetchRequestData request) {
        List<OffsetFetchResponseData.OffsetFetchResponseGroup> groups = new ArrayList<>();
        for (OffsetFetchRequestData.OffsetFetchRequestGroup group : request.groups()) {
            List<OffsetFetchResponseData.OffsetFetchResponseTopics> topics = new ArrayList<>();
            if (group.topics() == null) {
                topics.add(committed(NAME, topicId, List.of(0)));
            } else {
                group.topics().forEach(t -> topics.add(committed(t.name(), t.topicId(), t.partitionIndexes())));
            }
            groups.add(new OffsetFetchResponseData.OffsetFetchResponseGroup().setGroupId(group.groupId()).setTopics(topics));
        }
        return new OffsetFetchResponseData().setGroups(groups);
    }

    private static OffsetFetchResponseData.OffsetFetchResponseTopics committed(String name, Uuid id, List<Integer> partitions) {
        List<OffsetFetchResponseData.OffsetFetchResponsePartitions> out = new ArrayList<>();
        partitions.forEach(p -> out.add(new OffsetFetchResponseData.OffsetFetchResponsePartitions().setPartitionIndex(p).setCommittedOffset(5)
                .setCommittedLeaderEpoch(0).setMetadata("")));
        return new OffsetFetchResponseData.OffsetFetchResponseTopics().setName(name).setTopicId(id).setPartitions(out);
    }

    private DescribeTopicPartitionsResponseData describeTopicPartitions(DescribeTopicPartitionsRequestData request) {
        DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopicCollection topics =
                new DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopicCollection();
        for (DescribeTopicPartitionsRequestData.TopicRequest t : request.topics()) {
            topics.add(new DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic().setName(t.name())
                    .setTopicId(topicId).setPartitions(List.of(new DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition()
                            .setPartitionIndex(0).setLeaderId(NODE).setLeaderEpoch(0).setReplicaNodes(List.of(NODE)).setIsrNodes(List.of(NODE))
                            .setEligibleLeaderReplicas(List.of()).setLastKnownElr(List.of()).setOfflineReplicas(List.of()))));
        }
        return new DescribeTopicPartitionsResponseData().setTopics(topics);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
