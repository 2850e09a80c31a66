package cn.dsr.workingdays;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One date that the State Council's notice sets apart from the ordinary week: a public holiday
 * (放假, {@code offDay}) or a makeup working day on a weekend (调休上班, not {@code offDay}).
 */
public record Adjustment(LocalDate date, boolean offDay, String name) {

    public Adjustment {
        Objects.requireNonNull(date, "date");
        name = name == null || name.isBlank() ? null : name.strip();
    }
}
