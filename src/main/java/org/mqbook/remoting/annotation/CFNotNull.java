package org.mqbook.remoting.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a custom-header field that must be present in {@code extFields}.
 * {@link org.mqbook.remoting.protocol.RemotingCommand#decodeCommandCustomHeader(Class)} rejects
 * a command that lacks it (4.7.1 only logged and left the field null).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.LOCAL_VARIABLE})
public @interface CFNotNull {
}
