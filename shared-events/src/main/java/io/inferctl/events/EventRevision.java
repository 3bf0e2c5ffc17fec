package io.inferctl.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The revision of an event's published shape. It is stored with every event and named in the
 * Kafka record's type, so a change to an event's fields must raise it and come with an upcaster.
 * Kept as our own annotation so that this contract depends on no framework.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventRevision {
    String value();
}
