package cn.dsr.draw.draw;

import java.util.List;

/**
 * One visit (进一次门、查多项事): an entity drawn by one or more plans, every item that selected it,
 * and its team. The shape of a visit in {@code cn.gov.mee.dsr.draw.executed.v1}.
 */
public record Visit(String visitId, Entity entity, List<Item> items, String method, Joint joint, List<Inspector> inspectors) {

    public record Entity(String uscc, String name, String address, String district, String category) {}

    public record Item(String planId, String stratum, String itemId, String itemName, List<String> requiredExpertise) {}

    public record Joint(String kind, String initiating, List<String> cooperating) {}

    public record Inspector(String inspectorId, String name, String kind, String district) {}
}
