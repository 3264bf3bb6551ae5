package dev.eventmart.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as a map, read the way Compose reads it: anchors and merge keys resolved, environment and
 * build arguments in either map or list form, ports in the short syntax.
 */
final class ComposeFile {

    private static final Pattern SHORT_PORT = Pattern.compile("(?:([0-9.]+):)?(\\d+):(\\d+)(?:/tcp)?");

    private final Map<String, Object> services;

    ComposeFile(Map<String, Object> document) {
        this.services = map(document.get("services"), "services");
    }

    Set<String> services() {
        return new TreeSet<>(services.keySet());
    }

    /** The services built from this repository's Dockerfile. */
    Set<String> builtServices() {
        Set<String> built = new TreeSet<>();
        services.forEach((name, definition) -> {
            if (map(definition, name).containsKey("build")) {
                built.add(name);
            }
        });
        return built;
    }

    Map<String, Object> service(String name) {
        return map(services.get(name), name);
    }

    String image(String name) {
        Object image = service(name).get("image");
        return image == null ? null : image.toString();
    }

    Map<String, String> environment(String name) {
        return keyValues(service(name).get("environment"));
    }

    Map<String, String> buildArgs(String name) {
        return keyValues(map(service(name).get("build"), name + ".build").get("args"));
    }

    /** Service name → condition ({@code service_started} for the short list form). */
    Map<String, String> dependsOn(String name) {
        Object dependsOn = service(name).get("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> list) {
            list.forEach(dependency -> conditions.put(dependency.toString(), "service_started"));
        }
        else if (dependsOn instanceof Map<?, ?> map) {
            map.forEach((dependency, options) -> conditions.put(dependency.toString(),
                    String.valueOf(map(options, name + ".depends_on").getOrDefault("condition", "service_started"))));
        }
        return conditions;
    }

    /** The health check's command as one string, or null without one. */
    String healthcheck(String name) {
        Object healthcheck = service(name).get("healthcheck");
        if (healthcheck == null) {
            return null;
        }
        Object test = map(healthcheck, name + ".healthcheck").get("test");
        return test instanceof List<?> parts ? String.join(" ", parts.stream().map(Object::toString).toList())
                : String.valueOf(test);
    }

    /**
     * The files and directories of the repository mounted into the container (short syntax, source starting with
     * {@code ./}): container path → path relative to the repository's root.
     */
    Map<String, String> bindMounts(String name) {
        Object volumes = service(name).get("volumes");
        Map<String, String> mounts = new LinkedHashMap<>();
        if (volumes instanceof List<?> list) {
            for (Object volume : list) {
                String[] parts = volume.toString().split(":");
                if (parts[0].startsWith("./") && parts.length >= 2) {
                    mounts.put(parts[1], parts[0].substring(2));
                }
            }
        }
        return mounts;
    }

    List<PortMapping> ports(String name) {
        Object ports = service(name).get("ports");
        if (ports == null) {
            return List.of();
        }
        return ((List<?>) ports).stream().map(port -> {
            Matcher matcher = SHORT_PORT.matcher(port.toString());
            if (!matcher.matches()) {
                throw new IllegalStateException(name + ": port " + port + " is not [ip:]host:container");
            }
            return new PortMapping(matcher.group(1), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)));
        }).toList();
    }

    record PortMapping(String hostIp, int hostPort, int containerPort) {
    }

    private static Map<String, String> keyValues(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> result.put(key.toString(), entry == null ? null : entry.toString()));
        }
        else if (value instanceof List<?> list) {
            for (Object item : list) {
                String[] keyAndValue = item.toString().split("=", 2);
                result.put(keyAndValue[0], keyAndValue.length > 1 ? keyAndValue[1] : null);
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException(what + " is not a mapping in docker-compose.yml: " + value);
    }
}
