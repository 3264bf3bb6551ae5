package dev.eventmart.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key=value} arguments with typed getters and defaults. */
record Options(Map<String, String> values) {

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --key=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return new Options(values);
    }

    String string(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    String required(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return value;
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(string(key, Integer.toString(fallback)));
    }

    double decimal(String key, double fallback) {
        return Double.parseDouble(string(key, Double.toString(fallback)));
    }

    List<Double> decimals(String key, String fallback) {
        return Arrays.stream(string(key, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Double::parseDouble).toList();
    }

    List<String> strings(String key, String fallback) {
        return Arrays.stream(string(key, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
