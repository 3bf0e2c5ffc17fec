package io.inferctl.infra.kafka;

import java.util.Arrays;

/**
 * One node of a multi-node KRaft cluster: broker and controller in one process, one of
 * {@code voters}. Every node of a cluster is given the same voters and cluster id; with three,
 * topics get three replicas and a write needs two (one broker may die).
 *
 * @param nodeId         this node's id, one of the voters'
 * @param controllerPort where this node's controller listens, as named in {@code voters}
 * @param voters         {@code id@host:controllerPort} of every node, comma-separated
 * @param clusterId      the id every node is formatted with (22 characters, base64 of a UUID)
 */
public record KafkaClusterNode(int nodeId, int controllerPort, String voters, String clusterId) {

    public KafkaClusterNode {
        if (Arrays.stream(voters.split(",")).noneMatch(voter -> voter.startsWith(nodeId + "@"))) {
            throw new IllegalArgumentException("node " + nodeId + " is not among the voters " + voters);
        }
    }

    /** Nodes in the cluster. */
    public int size() {
        return voters.split(",").length;
    }

    /** Replicas of every topic: all nodes, up to three. */
    public int replicas() {
        return Math.min(3, size());
    }

    /** Replicas a write needs: one broker may be down. */
    public int minInSyncReplicas() {
        return Math.max(1, replicas() - 1);
    }
}
