package dev.eventmart.events.activity;

/** What the ingestion endpoint learned about the client: User-Agent, derived device type, client IP. */
public record ClientContext(String userAgent, DeviceType deviceType, String clientIp) {

    public static final ClientContext UNKNOWN = new ClientContext(null, DeviceType.UNKNOWN, null);
}
