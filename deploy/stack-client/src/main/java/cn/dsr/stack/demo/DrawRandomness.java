package cn.dsr.stack.demo;

import cn.dsr.draw.core.Hashes;
import cn.dsr.stack.client.Api;
import tools.jackson.databind.JsonNode;

/**
 * The randomness of the demo bureau's draws (commit-reveal, DRAW-SPEC §3): two parties commit to
 * their secrets and a lottery of the day is named when the draw is scheduled, before any of them
 * is known; afterwards both parties reveal and the head enters the lottery result.
 */
public final class DrawRandomness {

    public static final String BUREAU_SECRET = "5d0c7e2a9f3b4816a2c4e6f8091b3d5f7a9c1e3f5b7d9f1a3c5e7a9b1d3f5e7a";
    public static final String OBSERVER_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    /** The lottery result the draws take as public randomness (福彩3D of the day, entered by hand). */
    public static final String LOTTERY_RESULT = "508";

    private DrawRandomness() {}

    /** The sources a draw is scheduled with: both parties' commitments and the lottery drawn on {@code lotteryDay}. */
    public static String sources(String lotteryDay) {
        return """
                [{"source":"party:bureau","commitment":"%s"},{"source":"party:observer","commitment":"%s"},{"source":"lottery:fc3d:%s"}]"""
                .formatted(Hashes.commitment("bureau", BUREAU_SECRET), Hashes.commitment("observer", OBSERVER_SECRET), lotteryDay);
    }

    /** Schedules one draw of the plans; answers the service's answer as it is, refusals included. */
    public static Api.Response schedule(Api operator, String lotteryDay, String... planIds) {
        return operator.post("/api/draw/draws", "{\"plans\":[\"" + String.join("\",\"", planIds) + "\"],\"sources\":" + sources(lotteryDay) + "}");
    }

    /** Both parties reveal their secrets; the head (or the coordinator) enters the lottery result. */
    public static void reveal(Api operator, Api head, JsonNode draw) {
        String uri = "/api/draw/draws/" + draw.get("id").asString() + "/randomness";
        QuarterStory.expect(200, operator.post(uri, "{\"source\":\"party:bureau\",\"value\":\"" + BUREAU_SECRET + "\"}"));
        QuarterStory.expect(200, operator.post(uri, "{\"source\":\"party:observer\",\"value\":\"" + OBSERVER_SECRET + "\"}"));
        QuarterStory.expect(200, head.post(uri, "{\"source\":\"" + lottery(draw) + "\",\"value\":\"" + LOTTERY_RESULT + "\"}"));
    }

    /** The lottery source a scheduled draw names. */
    public static String lottery(JsonNode draw) {
        for (JsonNode source : draw.get("sources")) {
            if (source.get("source").asString().startsWith("lottery:")) return source.get("source").asString();
        }
        throw new IllegalStateException("no lottery source in " + draw);
    }
}
