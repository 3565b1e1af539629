package io.oslo4j.messaging.objects;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Marks a record or class as an oslo.versionedobjects object, so that
 * {@link VersionedObjectModule} reads and writes it as oslo's object primitive:
 *
 * <pre>{@code
 * {"nova_object.name": "Instance", "nova_object.namespace": "nova", "nova_object.version": "2.8",
 *  "nova_object.data": {"uuid": "...", "vm_state": "active"}, "nova_object.changes": ["uuid", "vm_state"]}
 * }</pre>
 *
 * <p>What the Java type's properties are:
 * <ul>
 * <li>the fields of {@code data}, named in snake_case as Python's are ({@code vmState} is
 * {@code vm_state}; {@code @JsonProperty} renames one); fields the Java type does not declare are
 * ignored, so a sender may add fields in a newer minor version;</li>
 * <li>a null property is an <em>unset</em> field: it is left out of {@code data} and of
 * {@code changes}, and a field missing from {@code data} is null. Every property that is set is
 * listed in {@code changes}, as a freshly built Python object reports them;</li>
 * <li>other objects, lists and maps of them nest as they do in Python.</li>
 * </ul>
 *
 * <p>Reading checks the primitive against the annotation: the name and namespace must be this
 * type's, and the major version the same (oslo's rule for a compatible object); any minor version
 * is accepted, newer or older.
 *
 * @since 0.2
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@JacksonAnnotationsInside
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public @interface VersionedObject {

	/** The object's name, oslo's {@code obj_name()}: the Python class name. Default: the Java simple name. */
	String name() default "";

	/** The project namespace, oslo's {@code OBJ_PROJECT_NAMESPACE}: {@code "nova"}, {@code "cinder"}. */
	String namespace();

	/** The version this Java type implements, {@code MAJOR.MINOR}: what it sends and the major it accepts. */
	String version();

	/**
	 * The prefix of the primitive's keys, oslo's {@code OBJ_SERIAL_NAMESPACE}. Default
	 * {@code <namespace>_object} ({@code nova_object}, {@code cinder_object}); objects on
	 * oslo.versionedobjects' own base class, which Neutron keeps, use {@code "versioned_object"}.
	 */
	String keyPrefix() default "";

}
