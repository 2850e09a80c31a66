package cn.dsr.draw.core.verify;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.draw.DeclaredSource;
import cn.dsr.draw.core.draw.DrawInput;
import cn.dsr.draw.core.draw.EntityDraw;
import cn.dsr.draw.core.draw.InspectorMatching;
import cn.dsr.draw.core.draw.Randomness;
import cn.dsr.draw.core.draw.RandomnessValue;
import cn.dsr.draw.core.draw.Selected;
import cn.dsr.draw.core.json.Jcs;
import cn.dsr.draw.core.json.JsonArray;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonParser;
import cn.dsr.draw.core.json.JsonString;
import cn.dsr.draw.core.json.JsonValue;
import cn.dsr.draw.core.matching.Matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Verifies a published draw record {@code {input, randomness, output, resultDigest}} by
 * recomputing it. The input and randomness must be well-formed (they are what everything is
 * recomputed from); the output and resultDigest are only compared, so a wrong or missing value
 * there is a mismatch, not a malformed record.
 */
public final class Verifier {

    public static final String INPUT_DIGEST = "inputDigest";
    public static final String COMMITMENTS = "commitments";
    public static final String SEED = "seed";
    public static final String SELECTION = "selection";
    public static final String ASSIGNMENTS = "assignments";
    public static final String OUTPUT = "output";
    public static final String RESULT_DIGEST = "resultDigest";

    private static final String MISSING = "(missing)";

    private Verifier() {
    }

    /** Verifies with the format's own inspector matching (docs/draw-format.md §14). */
    public static VerificationReport verify(String recordJson) {
        return verify(recordJson, Matching.DSR);
    }

    public static VerificationReport verify(String recordJson, InspectorMatching matching) {
        JsonValue record;
        try {
            record = JsonParser.parse(recordJson);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("not a JSON document of dsr-draw/1: " + e.getMessage());
        }
        return verify(record, matching);
    }

    public static VerificationReport verify(JsonValue record, InspectorMatching matching) {
        JsonValue inputTree;
        DrawInput input;
        Randomness randomness;
        JsonValue outputTree;
        JsonFields output;
        Optional<JsonValue> resultDigest;
        try {
            JsonFields r = JsonFields.of(record, "record").allowOnly("input", "randomness", "output", RESULT_DIGEST);
            inputTree = r.required("input");
            input = DrawInput.fromJson(inputTree, "input");
            randomness = Randomness.fromJson(r.required("randomness"), "randomness");
            outputTree = r.required("output");
            output = JsonFields.of(outputTree, "output");
            resultDigest = r.optional(RESULT_DIGEST);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(e.getMessage());
        }

        List<Check> checks = new ArrayList<>();
        // The digest of the input exactly as published, which is what was committed to.
        String inputDigest = Hashes.digestOf(inputTree);
        checks.add(compare(INPUT_DIGEST, "hex(H(JCS(input)))", inputDigest, output.optional(INPUT_DIGEST)));
        checks.add(commitments(input, randomness));
        byte[] seed = randomness.seed(inputDigest);
        checks.add(compare(SEED, "H(JCS(seed document))", Hashes.hex(seed), output.optional(SEED)));
        List<Selected> selected = EntityDraw.select(input, seed);
        checks.add(selection(selected, output.optional("selected")));
        checks.add(assignments(input, seed, selected, output.optional(ASSIGNMENTS), matching));
        checks.add(outputEnvelope(input, output));
        // Every member of the published output was compared above, so its digest is the recomputed one.
        checks.add(compare(RESULT_DIGEST, "hex(H(JCS(output)))", Hashes.digestOf(outputTree), resultDigest));
        return new VerificationReport(checks);
    }

    private static Check compare(String name, String what, String expected, Optional<JsonValue> found) {
        String shown = show(found);
        if (found.isPresent() && found.get() instanceof JsonString s && s.value().equals(expected)) {
            return Check.pass(name, what + " = " + expected);
        }
        return Check.fail(name, what + " does not match the record", expected, shown);
    }

    /** Every declared source revealed, nothing undeclared, every party secret matching its commitment. */
    private static Check commitments(DrawInput input, Randomness randomness) {
        if (input.sources().isEmpty()) {
            return Check.notApplicable(COMMITMENTS, "the input declares no sources");
        }
        int parties = 0;
        for (DeclaredSource declared : input.sources()) {
            Optional<RandomnessValue> revealed = randomness.get(declared.source());
            if (revealed.isEmpty()) {
                return Check.fail(COMMITMENTS, declared.source() + " was declared but not revealed",
                        "a value for " + declared.source(), MISSING);
            }
            if (declared.partyId().isPresent()) {
                parties++;
                String computed = Hashes.commitment(declared.partyId().get(), revealed.get().value());
                if (!computed.equals(declared.commitment().orElseThrow())) {
                    return Check.fail(COMMITMENTS, declared.source() + ": the revealed secret does not match the commitment",
                            declared.commitment().get(), computed);
                }
            }
        }
        Set<String> declared = input.sources().stream().map(DeclaredSource::source).collect(Collectors.toSet());
        Set<String> undeclared = randomness.values().stream().map(RandomnessValue::source)
                .filter(s -> !declared.contains(s)).collect(Collectors.toCollection(TreeSet::new));
        if (!undeclared.isEmpty()) {
            return Check.fail(COMMITMENTS, "randomness from sources the input did not declare",
                    "only " + declared.stream().sorted().toList(), undeclared.toString());
        }
        return Check.pass(COMMITMENTS, count(parties, "party secret matches its commitment",
                "party secrets match their commitments") + "; "
                + count(input.sources().size(), "declared source", "declared sources") + " revealed");
    }

    private static Check selection(List<Selected> expected, Optional<JsonValue> found) {
        if (found.isEmpty() || !(found.get() instanceof JsonArray array)) {
            return Check.fail(SELECTION, "output.selected is not an array", expected.size() + " selections", show(found));
        }
        List<JsonValue> actual = array.elements();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            JsonValue e = expected.get(i).toJson();
            if (!e.equals(actual.get(i))) {
                return Check.fail(SELECTION, "output.selected[" + i + "] differs", Jcs.canonical(e),
                        Jcs.canonical(actual.get(i)));
            }
        }
        if (expected.size() != actual.size()) {
            int i = Math.min(expected.size(), actual.size());
            return Check.fail(SELECTION, "output.selected has " + actual.size() + " entries, expected " + expected.size(),
                    i < expected.size() ? Jcs.canonical(expected.get(i).toJson()) : "(end of selection)",
                    i < actual.size() ? Jcs.canonical(actual.get(i)) : "(end of selection)");
        }
        long strata = expected.stream().map(Selected::stratum).distinct().count();
        return Check.pass(SELECTION, count(expected.size(), "entity", "entities") + " in "
                + count((int) strata, "stratum", "strata") + " recomputed");
    }

    private static Check assignments(DrawInput input, byte[] seed, List<Selected> selected, Optional<JsonValue> found,
            InspectorMatching matching) {
        if (input.matching().isEmpty()) {
            return found.isEmpty()
                    ? Check.notApplicable(ASSIGNMENTS, "entity-only draw: no matching in the input")
                    : Check.fail(ASSIGNMENTS, "an entity-only draw has no assignments", MISSING, show(found));
        }
        if (found.isEmpty()) {
            return Check.fail(ASSIGNMENTS, "the input has a matching but the output no assignments", "assignments", MISSING);
        }
        JsonValue expected;
        try {
            expected = matching.assign(input, seed.clone(), selected);
        } catch (RuntimeException e) {
            return Check.fail(ASSIGNMENTS, "cannot recompute the matching: " + e.getMessage(), "(not computable)",
                    show(found));
        }
        return expected.equals(found.get())
                ? Check.pass(ASSIGNMENTS, "teams of " + count(expected instanceof JsonArray a ? a.elements().size() : 0,
                        "visit", "visits") + " recomputed")
                : Check.fail(ASSIGNMENTS, "output.assignments differs from the recomputed matching",
                        Jcs.canonical(expected), show(found));
    }

    /** The output's remaining members: its format, its drawId, and nothing unknown. */
    private static Check outputEnvelope(DrawInput input, JsonFields output) {
        Optional<JsonValue> format = output.optional("format");
        if (!new JsonString(DrawInput.FORMAT).equals(format.orElse(null))) {
            return Check.fail(OUTPUT, "output.format", DrawInput.FORMAT, show(format));
        }
        Optional<JsonValue> drawId = output.optional("drawId");
        if (!new JsonString(input.drawId()).equals(drawId.orElse(null))) {
            return Check.fail(OUTPUT, "output.drawId is not the input's", input.drawId(), show(drawId));
        }
        try {
            output.allowOnly("format", "drawId", INPUT_DIGEST, SEED, "selected", ASSIGNMENTS);
        } catch (IllegalArgumentException e) {
            return Check.fail(OUTPUT, e.getMessage(), "format, drawId, inputDigest, seed, selected[, assignments]",
                    "extra member(s)");
        }
        return Check.pass(OUTPUT, "format and drawId agree with the input");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String show(Optional<JsonValue> value) {
        if (value.isEmpty()) {
            return MISSING;
        }
        return value.get() instanceof JsonString s ? s.value() : Jcs.canonical(value.get());
    }
}
