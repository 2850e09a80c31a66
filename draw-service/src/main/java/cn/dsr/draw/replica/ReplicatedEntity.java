package cn.dsr.draw.replica;

import java.time.LocalDate;
import java.util.List;

/** An entity of the roster replica, with the fields a plan's scope and a visit need. */
public record ReplicatedEntity(String id, String tenant, String uscc, String name, String address, String district,
                               String status, LocalDate registrationDate, String industry, String category, boolean offSite,
                               String creditRisk, boolean positiveList, List<String> labels, long rosterRevision) {}
