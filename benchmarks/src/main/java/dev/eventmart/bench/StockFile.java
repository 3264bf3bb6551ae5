package dev.eventmart.bench;

import dev.eventmart.invariants.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock before a run, handed from the fault harness's load ({@link ChaosLoad}) to its judge ({@link ChaosCheck}),
 * which run as two processes: {@code restock <units>} then one {@code <product> <available> <reserved> <sold>} line
 * per product.
 */
record StockFile(Map<String, Units> before, int restock) {

    static void write(Path file, Map<String, Units> stock, int restock) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("restock " + restock);
        stock.forEach((product, units) -> lines.add(product + " " + units.available() + " " + units.reserved() + " "
                + units.sold()));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static StockFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int restock = Integer.parseInt(lines.getFirst().split(" ")[1]);
        Map<String, Units> before = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.split(" ");
            before.put(parts[0], new Units(Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3])));
        }
        return new StockFile(before, restock);
    }
}
