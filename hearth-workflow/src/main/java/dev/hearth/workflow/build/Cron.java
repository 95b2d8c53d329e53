package dev.hearth.workflow.build;

import java.util.Locale;
import java.util.Set;

/** Checks POSIX cron lines as GitHub's {@code schedule} accepts them: five fields, ranges, steps, names. */
final class Cron {
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final Set<String> MONTHS = Set.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final Set<String> DAYS = Set.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private Cron() {
    }

    static boolean isValid(String cron) {
        String[] fields = cron.trim().split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (int f = 0; f < 5; f++) {
            for (String item : fields[f].split(",", -1)) {
                if (!item(item, f)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean item(String item, int field) {
        String range = item;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            String step = item.substring(slash + 1);
            if (!isNumber(step) || Integer.parseInt(step) == 0) {
                return false;
            }
        }
        if (range.equals("*")) {
            return true;
        }
        int dash = range.indexOf('-');
        if (dash >= 0) {
            return value(range.substring(0, dash), field) && value(range.substring(dash + 1), field);
        }
        return value(range, field);
    }

    private static boolean value(String v, int field) {
        if (isNumber(v)) {
            int n = Integer.parseInt(v);
            return n >= RANGES[field][0] && n <= RANGES[field][1];
        }
        String u = v.toUpperCase(Locale.ROOT);
        return (field == 3 && MONTHS.contains(u)) || (field == 4 && DAYS.contains(u));
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
