package dev.foyer.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a result as "key  value" lines, with each list of maps (the steps) as a table. */
final class Table {
    private Table() {}

    static String render(Map<String, Object> result) {
        Map<String, Object> scalars = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        flatten("", result, scalars, tables);
        StringBuilder out = new StringBuilder();
        int width = scalars.keySet().stream().mapToInt(String::length).max().orElse(0);
        scalars.forEach((k, v) -> out.append(String.format("%-" + width + "s  %s%n", k, v)));
        tables.forEach((name, rows) -> {
            out.append('\n').append(name).append(":\n");
            out.append(grid(rows));
        });
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> scalars,
            Map<String, List<Map<String, Object>>> tables) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                flatten(key, (Map<String, Object>) m, scalars, tables);
            } else if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Object row : l) {
                    Map<String, Object> flat = new LinkedHashMap<>();
                    flatten("", (Map<String, Object>) row, flat, new LinkedHashMap<>());
                    rows.add(flat);
                }
                tables.put(key, rows);
            } else {
                scalars.put(key, v);
            }
        });
    }

    private static String grid(List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>();
        rows.forEach(r -> r.keySet().forEach(c -> {
            if (!columns.contains(c)) {
                columns.add(c);
            }
        }));
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (Map<String, Object> r : rows) {
                widths[i] = Math.max(widths[i], String.valueOf(r.getOrDefault(columns.get(i), "")).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, widths, columns.toArray());
        for (Map<String, Object> r : rows) {
            line(out, widths, columns.stream().map(c -> r.getOrDefault(c, "")).toArray());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, int[] widths, Object[] cells) {
        for (int i = 0; i < cells.length; i++) {
            out.append(String.format("%" + widths[i] + "s", cells[i])).append(i + 1 < cells.length ? "  " : "\n");
        }
    }
}
