package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Owner references and namespaces: deletes objects whose owners are all gone (background cascade),
 * deletes dependents of an owner deleted in the foreground and lets the owner go once they are gone,
 * strips owner references for orphaning deletions, and empties a terminating namespace before it goes.
 */
public final class GarbageCollector implements Reconciler {

    private final ClusterStore store;
    private final Deletion deletion;

    public GarbageCollector(ClusterStore store) {
        this.store = store;
        this.deletion = new Deletion(store);
    }

    @Override
    public void reconcile(ControlLoop loop) {
        List<Map.Entry<ObjectKey, ObjectNode>> all = new ArrayList<>();
        for (ResourceType type : ResourceTypes.all()) {
            store.list(type, null).forEach(o -> all.add(Map.entry(Meta.key(type, o), o)));
        }
        Set<String> uids = new HashSet<>();
        all.forEach(e -> uids.add(Meta.uid(e.getValue())));
        for (Map.Entry<ObjectKey, ObjectNode> entry : all) {
            ObjectNode object = entry.getValue();
            if (Meta.isBeingDeleted(object)) {
                finishDeletion(entry.getKey(), object, all);
            } else if (hasOnlyMissingOwners(object, uids)) {
                deletion.delete(entry.getKey(), Deletion.Propagation.BACKGROUND, null);
            }
        }
    }

    private void finishDeletion(ObjectKey key, ObjectNode owner, List<Map.Entry<ObjectKey, ObjectNode>> all) {
        if (key.type().equals(ResourceTypes.NAMESPACES)) {
            emptyNamespace(key, all);
            return;
        }
        String uid = Meta.uid(owner);
        List<Map.Entry<ObjectKey, ObjectNode>> dependents = all.stream()
                .filter(e -> Meta.isOwnedBy(e.getValue(), uid))
                .toList();
        if (Deletion.hasFinalizer(owner, Deletion.ORPHAN_FINALIZER)) {
            for (Map.Entry<ObjectKey, ObjectNode> dependent : dependents) {
                store.updateIfPresent(dependent.getKey(), d -> {
                    ArrayNode kept = Json.array();
                    d.path("metadata").path("ownerReferences").forEach(ref -> {
                        if (!uid.equals(ref.path("uid").asText())) {
                            kept.add(ref);
                        }
                    });
                    Json.metadata(d).set("ownerReferences", kept);
                    return d;
                });
            }
            deletion.removeFinalizer(key, Deletion.ORPHAN_FINALIZER);
        } else if (Deletion.hasFinalizer(owner, Deletion.FOREGROUND_FINALIZER)) {
            if (dependents.isEmpty()) {
                deletion.removeFinalizer(key, Deletion.FOREGROUND_FINALIZER);
                return;
            }
            for (Map.Entry<ObjectKey, ObjectNode> dependent : dependents) {
                if (!Meta.isBeingDeleted(dependent.getValue())) {
                    deletion.delete(dependent.getKey(), Deletion.Propagation.FOREGROUND, null);
                }
            }
        }
    }

    private void emptyNamespace(ObjectKey namespaceKey, List<Map.Entry<ObjectKey, ObjectNode>> all) {
        List<Map.Entry<ObjectKey, ObjectNode>> content = all.stream()
                .filter(e -> e.getKey().type().namespaced() && e.getKey().namespace().equals(namespaceKey.name()))
                .toList();
        if (content.isEmpty()) {
            store.updateIfPresent(namespaceKey, ns -> {
                ns.with("spec").putArray("finalizers");
                return ns;
            });
            return;
        }
        for (Map.Entry<ObjectKey, ObjectNode> object : content) {
            if (!Meta.isBeingDeleted(object.getValue())) {
                deletion.delete(object.getKey(), Deletion.Propagation.BACKGROUND, 0L);
            }
        }
    }

    private static boolean hasOnlyMissingOwners(JsonNode object, Set<String> uids) {
        JsonNode refs = object.path("metadata").path("ownerReferences");
        if (!refs.isArray() || refs.isEmpty()) {
            return false;
        }
        for (JsonNode ref : refs) {
            if (uids.contains(ref.path("uid").asText())) {
                return false;
            }
        }
        return true;
    }
}
