package cn.dsr.stack.demo;

import cn.dsr.stack.client.ComingYearCalendar;
import cn.dsr.stack.demo.QuarterStory.Entity;
import cn.dsr.stack.demo.QuarterStory.OpenWork;
import cn.dsr.stack.demo.QuarterStory.Visit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The demo data of {@code ./stack --demo}: tells {@link QuarterStory} against the running stack
 * and prints what it made and which demo user sees what. Run again, it adds another batch.
 *
 * <p>Usage: {@code java -jar deploy/stack-client/target/stack-client-exec.jar [gateway] [issuer]}
 * (defaults: the local stack's http://localhost:8080 and http://localhost:9000).
 */
public final class DemoQuarter {

    private DemoQuarter() {}

    public static void main(String[] args) {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        String issuer = args.length > 1 ? args[1] : "http://localhost:9000";
        QuarterStory story = QuarterStory.onStack(gateway, issuer);
        System.out.println("\nDemo data: telling 周口市's quarter " + story.quarter() + " (batch " + story.run() + ") through " + gateway + " ...");
        long started = System.nanoTime();
        OpenWork open;
        try {
            ComingYearCalendar.cover(story.as("city.coord")).ifPresent(m -> System.out.println("Note: " + m));
            open = story.tellWhole();
        } catch (RuntimeException | AssertionError e) {
            System.err.println("\nThe demo data could not be created: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(summary(story, open, gateway, (System.nanoTime() - started) / 1_000_000_000L));
    }

    static String summary(QuarterStory story, OpenWork open, String gateway, long seconds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nDemo data ready in %d s: quarter %s, batch %s%n", seconds, story.quarter(), story.run()));
        out.append("\nEntities (imported from .xlsx) and what their visits found:\n");
        Map<String, String> taskOf = new HashMap<>();
        for (Visit v : story.visitsAssigned()) taskOf.put(v.entity().uscc(), v.taskId());
        for (Entity e : story.entities()) {
            String outcome = e.conclusion() == null ? "visit assigned, not recorded yet" : e.conclusion() + (e.corrected() ? " (corrected, head approved)" : "")
                    + (e.problemFound() ? ", rectification closed" : "") + ", public";
            out.append(String.format(Locale.ROOT, "  %s %-14s %-16s %-15s %s  task %s%n", e.district(), e.batch(), e.uscc(), e.name(), outcome,
                    taskOf.getOrDefault(e.uscc(), "-")));
        }
        out.append("\nOfficers linked to the demo inspectors: ");
        story.officers().values().forEach(o -> out.append(o.name()).append('=').append(o.account()).append("  "));
        out.append("\n\nPlans and draws:\n");
        out.append("  西华县 plan ").append(story.plansMade().district()).append(", draw ").append(story.drawIds().get(0)).append(": executed, recorded, disclosed\n");
        out.append("  周口市 cross-district plan ").append(story.plansMade().crossDistrict()).append(", draw ").append(story.drawIds().get(1))
                .append(": executed, recorded, disclosed\n");
        out.append("  商水县 draw ").append(open.openDrawId()).append(": executed, its visit waits for its record\n");
        out.append("  西华县 draw ").append(open.scheduledDrawId()).append(": scheduled, waits for its randomness\n");
        out.append("\nSign in (password demo) and see:\n");
        out.append("  xh.operator    reveal party:bureau / party:observer of draw ").append(open.scheduledDrawId()).append(", then execute it\n");
        out.append("  xh.head        enter the lottery result of that draw; the approved correction and reviews in the history\n");
        out.append("  ss.inspector1  task ").append(open.openVisit().taskId()).append(" at ").append(open.openVisit().entity().name())
                .append(": record it (ss.inspector2 is on the team too)\n");
        out.append("  xh.inspector1  the visits recorded in both districts (the cross-district visit in 商水县)\n");
        out.append("  ss.head        results waiting for review once ss.inspector1 records\n");
        out.append("  city.coord     the cross-district plan, the statistics of ").append(story.quarter()).append(" (/api/disclosure/statistics?period=")
                .append(story.quarter()).append(")\n");
        out.append("  anyone         ").append(gateway).append("/public/disclosure/ (the portal), ").append(gateway).append("/public/draw/draws/")
                .append(story.drawIds().get(0)).append("/record (verify it with draw-service/verify-draw)\n");
        out.append("  credit-bureau  the feed disclosure.public.v1 on Kafka, or ").append(gateway).append("/public/disclosure/changes\n");
        return out.toString();
    }
}
