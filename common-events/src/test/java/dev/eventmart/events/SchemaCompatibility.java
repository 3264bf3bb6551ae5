package dev.eventmart.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a payload schema may replace the committed schema of the same event type and version. Both ways
 * must keep working while old and new producers and consumers share a topic that also still holds old events: a
 * consumer built against either schema must read events written against the other. So a field may not disappear
 * or change its type, format or allowed values (a new enum constant is not additive: a consumer that does not know
 * it cannot read the event), a field may not become required or stop being required (or start or stop accepting
 * null), and a new field must be optional. A new optional field is fine: consumers ignore what they do not know,
 * and read its absence in old events as null.
 *
 * <p>Written here rather than taken from a library: Confluent's JSON Schema compatibility checker is not published
 * on Maven Central and Apicurio's schema utilities did not resolve from it; the rules are short, they are this
 * codebase's versioning policy, and {@code SchemaCompatibilityTests} pins each of them.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    /** What makes {@code generated} unfit to keep the version of {@code committed}; empty when it may. */
    static List<String> breakingChanges(JsonNode committed, JsonNode generated) {
        List<String> changes = new ArrayList<>();
        new Comparison(committed, generated, changes).compare(committed, generated, "");
        return changes;
    }

    private record Comparison(JsonNode oldRoot, JsonNode newRoot, List<String> changes) {

        void compare(JsonNode oldNode, JsonNode newNode, String path) {
            Shape before = Shape.of(oldRoot, oldNode);
            Shape after = Shape.of(newRoot, newNode);
            String at = path.isEmpty() ? "the payload" : path;
            if (!before.types().equals(after.types())) {
                changes.add(at + " changed type from " + before.types() + " to " + after.types());
                return;
            }
            if (!before.text("format").equals(after.text("format"))) {
                changes.add(at + " changed format from '" + before.text("format") + "' to '" + after.text("format")
                        + "'");
                return;
            }
            if (!before.values("enum").equals(after.values("enum"))) {
                changes.add(at + " changed its allowed values from " + before.values("enum") + " to "
                        + after.values("enum"));
                return;
            }
            compareProperties(before, after, path);
            if (before.schema().has("items") || after.schema().has("items")) {
                compareNested(before.schema().get("items"), after.schema().get("items"), path + "[]");
            }
            JsonNode oldValues = before.schema().get("additionalProperties");
            JsonNode newValues = after.schema().get("additionalProperties");
            if (oldValues != null && oldValues.isObject() || newValues != null && newValues.isObject()) {
                compareNested(oldValues, newValues, path + "{}");
            }
        }

        private void compareProperties(Shape before, Shape after, String path) {
            JsonNode oldProperties = before.schema().path("properties");
            JsonNode newProperties = after.schema().path("properties");
            Set<String> oldRequired = before.values("required");
            Set<String> newRequired = after.values("required");
            for (String name : oldProperties.propertyNames()) {
                String property = path.isEmpty() ? name : path + "." + name;
                if (!newProperties.has(name)) {
                    changes.add(property + " was removed");
                    continue;
                }
                if (oldRequired.contains(name) != newRequired.contains(name)) {
                    changes.add(property
                            + (newRequired.contains(name) ? " became required" : " is no longer required"));
                }
                else {
                    compareNullability(oldProperties.get(name), newProperties.get(name), property);
                }
                compare(oldProperties.get(name), newProperties.get(name), property);
            }
            for (String name : newProperties.propertyNames()) {
                if (!oldProperties.has(name) && newRequired.contains(name)) {
                    changes.add((path.isEmpty() ? name : path + "." + name)
                            + " is new and required, but events written before it do not have it");
                }
            }
        }

        private void compareNested(JsonNode oldNode, JsonNode newNode, String path) {
            if (oldNode == null || newNode == null) {
                changes.add(path + (oldNode == null ? " was added" : " was removed"));
                return;
            }
            compareNullability(oldNode, newNode, path);
            compare(oldNode, newNode, path);
        }

        private void compareNullability(JsonNode oldNode, JsonNode newNode, String path) {
            boolean wasNullable = Shape.of(oldRoot, oldNode).nullable();
            boolean isNullable = Shape.of(newRoot, newNode).nullable();
            if (wasNullable != isNullable) {
                changes.add(path + (isNullable ? " may now be null" : " may no longer be null"));
            }
        }
    }

    /**
     * A schema with its local {@code $ref} resolved and its nullability taken apart from its type: the generator
     * writes a nullable value as {@code "type": ["string", "null"]}, or as {@code anyOf} with {@code {"type": "null"}}
     * around a reference.
     */
    private record Shape(JsonNode schema, Set<String> types, boolean nullable) {

        static Shape of(JsonNode root, JsonNode node) {
            JsonNode schema = resolve(root, node);
            boolean nullable = false;
            JsonNode anyOf = schema.path("anyOf");
            if (anyOf.isArray() && anyOf.size() == 2) {
                for (int i = 0; i < 2; i++) {
                    if ("null".equals(anyOf.get(i).path("type").asString(null))) {
                        nullable = true;
                        schema = resolve(root, anyOf.get(1 - i));
                    }
                }
            }
            Set<String> types = new TreeSet<>();
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asString()));
            }
            else if (type.isString()) {
                types.add(type.asString());
            }
            nullable |= types.remove("null");
            return new Shape(schema, types, nullable);
        }

        String text(String keyword) {
            return schema.path(keyword).asString("");
        }

        Set<String> values(String keyword) {
            Set<String> values = new TreeSet<>();
            schema.path(keyword).forEach(value -> values.add(value.asString()));
            return values;
        }

        private static JsonNode resolve(JsonNode root, JsonNode node) {
            JsonNode resolved = node;
            while (resolved.has("$ref")) {
                String ref = resolved.get("$ref").asString();
                if (!ref.startsWith("#")) {
                    throw new IllegalArgumentException("only local references are supported, found " + ref);
                }
                resolved = root.at(ref.substring(1));
                if (resolved.isMissingNode()) {
                    throw new IllegalArgumentException("unresolvable reference " + ref);
                }
            }
            return resolved;
        }
    }
}
