package io.inferctl.events.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a canary's steps, {@code <weight>%:<duration>} separated by commas, e.g.
 * {@code 10%:5m,50%:5m}: the new version gets 10% of traffic for 5 minutes, then 50% for 5
 * minutes, then all of it. One string rather than a list keeps the policy inside the field model
 * (one value per setting, diffed as a whole) and reads the same in a diff as in a request.
 */
public final class CanarySteps {

    /** The most steps a canary may have. */
    public static final int MAX_STEPS = 10;
    /** The longest a single step may last. */
    public static final Duration MAX_STEP = Duration.ofHours(24);

    private static final Pattern STEP = Pattern.compile("([1-9][0-9]?)%:([1-9][0-9]{0,4})([smh])");

    /** One step: the new version's share of traffic and how long it holds. */
    public record Step(int weightPercent, Duration duration) {
    }

    private CanarySteps() {
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, in words fit for a field error
     */
    public static List<Step> parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("must list at least one step, e.g. 10%:5m,50%:5m");
        }
        String[] parts = text.split(",", -1);
        if (parts.length > MAX_STEPS) {
            throw new IllegalArgumentException("must have at most " + MAX_STEPS + " steps");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            Matcher m = STEP.matcher(parts[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("step " + (i + 1) + " ('" + parts[i] + "') must be <weight 1-99>%:<duration>"
                        + " with the duration in s, m or h, e.g. 10%:5m");
            }
            int weight = Integer.parseInt(m.group(1));
            long amount = Long.parseLong(m.group(2));
            Duration duration = switch (m.group(3)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (duration.compareTo(MAX_STEP) > 0) {
                throw new IllegalArgumentException("step " + (i + 1) + " must last at most 24h");
            }
            if (!steps.isEmpty() && weight <= steps.get(steps.size() - 1).weightPercent()) {
                throw new IllegalArgumentException("step " + (i + 1) + " must give more traffic than the step before ("
                        + steps.get(steps.size() - 1).weightPercent() + "%)");
            }
            steps.add(new Step(weight, duration));
        }
        return List.copyOf(steps);
    }
}
