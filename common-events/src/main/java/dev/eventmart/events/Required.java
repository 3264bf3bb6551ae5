package dev.eventmart.events;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field every event carries, never null. The record's constructor refuses null, the codec refuses a payload
 * without the field, and the published JSON Schema lists it as {@code required}; a field without this annotation
 * may be null (primitives never are). Making a field required, or no longer required, is a breaking change: it
 * needs a new schema version.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonProperty(required = true)
public @interface Required {
}
