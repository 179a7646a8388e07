package org.mqbook.common.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a configuration field worth showing on its own: {@code -m} of the startup commands prints
 * only these ({@code MixAll.printObjectProperties(logger, config, true)}), {@code -p} prints all.
 * Read next: {@code org.mqbook.common.MixAll#printObjectProperties}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD})
public @interface ImportantField {
}
