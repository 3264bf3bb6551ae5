package dev.eventmart.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the processes under test from /proc: each named JVM ({@code --pids=name:pid,...}), every PostgreSQL
 * process on the machine (other users of the server count too), this load generator, and the whole machine.
 * {@link #start()} then {@link Window#stop()} gives CPU seconds per process over a window.
 */
final class CpuSampler {

    static final String MACHINE = "machine";
    static final String POSTGRES = "postgres";
    static final String GENERATOR = "load generator";

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final double ticksPerSecond;
    private final int cores = Runtime.getRuntime().availableProcessors();

    CpuSampler(Options options) {
        for (String entry : options.strings("pids", "")) {
            String[] parts = entry.split(":");
            pids.put(parts[0], Long.parseLong(parts[1]));
        }
        pids.put(GENERATOR, ProcessHandle.current().pid());
        this.ticksPerSecond = options.decimal("clk-tck", 100);
    }

    Long pid(String name) {
        return pids.get(name);
    }

    int cores() {
        return cores;
    }

    Window start() {
        return new Window(sample(), System.nanoTime());
    }

    final class Window {
        private final Map<String, Long> before;
        private final long startNanos;

        private Window(Map<String, Long> before, long startNanos) {
            this.before = before;
            this.startNanos = startNanos;
        }

        /** CPU seconds used per process (and the machine: busy seconds over all cores) since start. */
        Usage stop() {
            Map<String, Long> after = sample();
            double wall = (System.nanoTime() - startNanos) / 1e9;
            Map<String, Double> seconds = new LinkedHashMap<>();
            after.forEach((name, ticks) -> seconds.put(name, (ticks - before.getOrDefault(name, 0L)) / ticksPerSecond));
            return new Usage(seconds, wall, cores);
        }
    }

    record Usage(Map<String, Double> seconds, double wallSeconds, int cores) {

        double seconds(String name) {
            return seconds.getOrDefault(name, 0.0);
        }

        /** Share of one core, in percent (200 % = both cores of a 2-core machine). */
        double percentOfCore(String name) {
            return 100.0 * seconds(name) / wallSeconds;
        }

        /** The busiest processes, e.g. "analytics-service 120 %, kafka 40 %, machine 95 % busy". */
        String summary() {
            StringBuilder text = new StringBuilder();
            seconds.entrySet().stream().filter(e -> !e.getKey().equals(MACHINE))
                    .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .filter(e -> 100.0 * e.getValue() / wallSeconds >= 5)
                    .forEach(e -> text.append(text.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                            .append(Math.round(100.0 * e.getValue() / wallSeconds)).append(" %"));
            text.append("; machine ").append(Math.round(100.0 * seconds(MACHINE) / wallSeconds / cores))
                    .append(" % busy");
            return text.toString();
        }
    }

    private Map<String, Long> sample() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
        ticks.put(POSTGRES, postgresTicks());
        ticks.put(MACHINE, machineBusyTicks());
        return ticks;
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        try {
                            String stat = Files.readString(p.resolve("stat"));
                            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                            return comm.startsWith("postgres") ? processTicks(Long.parseLong(p.getFileName().toString())) : 0;
                        } catch (IOException | RuntimeException e) {
                            return 0;
                        }
                    }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long machineBusyTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            return total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]); // minus idle and iowait
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
