package dev.eventmart.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxRequestSize largest request body a service accepts; larger ones get {@code 413} */
@ConfigurationProperties("eventmart.web")
public record WebProperties(@DefaultValue("256KB") DataSize maxRequestSize) {
}
