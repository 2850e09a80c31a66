package cn.dsr.draw.core.draw;

import cn.dsr.draw.core.Hashes;
import cn.dsr.draw.core.json.JsonFields;
import cn.dsr.draw.core.json.JsonObject;
import cn.dsr.draw.core.json.JsonValue;

import java.util.Objects;
import java.util.Optional;

/**
 * A randomness source announced with the commitment ({@code input.sources}). A party source
 * carries the party's commitment {@code hex(H(u8(partyId) ‖ 0x00 ‖ secret))}; a public source
 * (lottery, beacon) carries none, its value being published by a third party.
 */
public record DeclaredSource(String source, Optional<String> commitment) {

    public DeclaredSource {
        SourceNames.require(source);
        Objects.requireNonNull(commitment, "commitment");
        boolean party = SourceNames.partyId(source).isPresent();
        if (party && commitment.isEmpty()) {
            throw new IllegalArgumentException("declared source " + source + " needs the party's commitment");
        }
        if (!party && commitment.isPresent()) {
            throw new IllegalArgumentException("declared source " + source + " is public and takes no commitment");
        }
        if (commitment.isPresent() && !Hashes.isLowerHex(commitment.get(), 64)) {
            throw new IllegalArgumentException("commitment of " + source + " must be 64 lowercase hex digits");
        }
    }

    public static DeclaredSource party(String partyId, String commitment) {
        return new DeclaredSource(SourceNames.PARTY + partyId, Optional.of(commitment));
    }

    public static DeclaredSource publicValue(String source) {
        return new DeclaredSource(source, Optional.empty());
    }

    /** The {@code <id>} of a {@code party:<id>} source: the string the commitment hashes. */
    public Optional<String> partyId() {
        return SourceNames.partyId(source);
    }

    JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder().put("source", source);
        commitment.ifPresent(c -> b.put("commitment", c));
        return b.build();
    }

    static DeclaredSource fromJson(JsonValue value, String path) {
        JsonFields f = JsonFields.of(value, path).allowOnly("source", "commitment");
        return new DeclaredSource(f.string("source"), f.optionalString("commitment"));
    }
}
