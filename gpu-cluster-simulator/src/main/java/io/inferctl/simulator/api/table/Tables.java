package io.inferctl.simulator.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.ResourceType;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing: answers {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io} with a
 * {@code meta.k8s.io/v1 Table}, which is what {@code kubectl get} prints. Columns follow kubectl's
 * defaults for each kind; priority-1 columns appear with {@code -o wide}.
 */
public final class Tables {

    private Tables() {
    }

    /** Whether an Accept header asks for a Table. */
    public static boolean wanted(String accept) {
        return accept != null && accept.contains("as=Table");
    }

    /**
     * @param includeObject {@code None}, {@code Metadata} (the default) or {@code Object}
     */
    public static ObjectNode table(ResourceType type, List<? extends JsonNode> objects, String resourceVersion,
            String includeObject, Instant now) {
        Printer printer = Printers.forType(type);
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        for (Column column : printer.columns()) {
            ObjectNode definition = columns.addObject();
            definition.put("name", column.name());
            definition.put("type", column.type());
            definition.put("format", column.format());
            definition.put("description", column.description());
            definition.put("priority", column.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : printer.cells(object, now)) {
                if (cell instanceof Integer i) {
                    cells.add(i);
                } else if (cell instanceof Long l) {
                    cells.add(l);
                } else {
                    cells.add(String.valueOf(cell));
                }
            }
            if ("Object".equalsIgnoreCase(includeObject)) {
                row.set("object", object);
            } else if (!"None".equalsIgnoreCase(includeObject)) {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.path("metadata"));
            }
        }
        return table;
    }

    /** A column of a table. */
    public record Column(String name, String type, String format, String description, int priority) {

        static Column of(String name, String description) {
            return new Column(name, "string", "", description, 0);
        }

        static Column nameColumn() {
            return new Column("Name", "string", "name", "Name must be unique within a namespace.", 0);
        }

        static Column integer(String name, String description) {
            return new Column(name, "integer", "", description, 0);
        }

        static Column wide(String name, String description) {
            return new Column(name, "string", "", description, 1);
        }

        static Column age() {
            return new Column("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when "
                    + "this object was created.", 0);
        }
    }

    /** How one kind prints. */
    interface Printer {

        List<Column> columns();

        List<Object> cells(JsonNode object, Instant now);
    }
}
