package dev.irm.connector.kafka;

import dev.irm.connector.TrainingPeer;
import dev.irm.support.LoopbackServer;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
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
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
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
 * topic of one partition, one empty consumer group; ApiVersions, Metadata, DescribeCluster, ListGroups,
 * FindCoordinator, DescribeGroups and ListOffsets answered, any other request with its own error response.
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

    private void serve(Socket client) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
             DataOutputStream out = new DataOutputStream(client.getOutputStream())) {
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
            default -> AbstractRequest.parseRequest(header.apiKey(), version, body).request
                    .getErrorResponse(0, Errors.UNKNOWN_SERVER_ERROR.exception()).data();
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
