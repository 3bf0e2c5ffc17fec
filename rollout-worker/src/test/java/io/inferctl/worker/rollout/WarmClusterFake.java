package io.inferctl.worker.rollout;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.rollout.FailureCode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.when;

/**
 * The endpoint's Deployments and Service as the saga's mock cluster shows them, changed by the
 * saga's own calls: enough state for warm standby paths to be tested given-when-then.
 */
final class WarmClusterFake {

    private final Map<Integer, Cluster.Deployed> deployments = new TreeMap<>();
    private Integer served;

    WarmClusterFake(Cluster cluster) {
        when(cluster.deployments(any())).thenAnswer(call -> new ArrayList<>(deployments.values()));
        when(cluster.servedDeployment(any())).thenAnswer(call -> served);
        doAnswer(call -> {
            VersionRef ref = call.getArgument(0);
            EndpointConfig config = call.getArgument(1);
            Cluster.Deployed before = deployments.get(ref.version());
            deployments.put(ref.version(), new Cluster.Deployed(ref.version(), Workloads.fingerprint(config),
                    before == null ? null : before.warmAs(), before == null ? null : before.warmUntil(),
                    call.getArgument(2), config.accelerator().type(), before == null ? null : before.claimedBy()));
            return null;
        }).when(cluster).applyVersion(any(), any(), anyInt());
        doAnswer(call -> {
            VersionRef ref = call.getArgument(0);
            Cluster.Deployed d = deployments.get(ref.version());
            if (d == null) {
                // As the Kubernetes API answers a patch of a Deployment that is not there.
                throw new ClusterFailure(FailureCode.CLUSTER_API_ERROR, "deployments.apps \"" + ref + "\" not found", null);
            }
            deployments.put(ref.version(), new Cluster.Deployed(d.version(), d.workload(), call.getArgument(1),
                    call.getArgument(3), call.getArgument(2), d.acceleratorType(), null));
            return null;
        }).when(cluster).keepWarm(any(), anyInt(), anyInt(), any());
        doAnswer(call -> {
            VersionRef ref = call.getArgument(0);
            Cluster.Deployed d = deployments.get(ref.version());
            deployments.put(ref.version(), new Cluster.Deployed(d.version(), d.workload(), d.warmAs(), d.warmUntil(),
                    d.replicas(), d.acceleratorType(), call.getArgument(1)));
            return null;
        }).when(cluster).claim(any(), anyInt());
        doAnswer(call -> deployments.remove(((VersionRef) call.getArgument(0)).version()))
                .when(cluster).removeVersion(any());
        doAnswer(call -> served = ((VersionRef) call.getArgument(0)).version()).when(cluster).routeTraffic(any());
    }

    /** A Deployment serving {@code config}, selected by the Service. */
    WarmClusterFake serving(int version, EndpointConfig config, int replicas) {
        deployments.put(version, new Cluster.Deployed(version, Workloads.fingerprint(config), null, null, replicas,
                config.accelerator().type(), null));
        served = version;
        return this;
    }

    /** A superseded Deployment kept warm for version {@code warmAs} until {@code until}. */
    WarmClusterFake warm(int version, int warmAs, EndpointConfig config, Instant until) {
        deployments.put(version, new Cluster.Deployed(version, Workloads.fingerprint(config), warmAs, until, 1,
                config.accelerator().type(), null));
        return this;
    }

    List<Integer> deployed() {
        return List.copyOf(deployments.keySet());
    }

    Cluster.Deployed get(int version) {
        return deployments.get(version);
    }

    Integer served() {
        return served;
    }
}
