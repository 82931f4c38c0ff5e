package jp.horenso.incident.cases.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An incident cannot be discovered before it occurred; reported on the {@code discoveredAt} field. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DiscoveredNotBeforeOccurred.Validator.class)
public @interface DiscoveredNotBeforeOccurred {

    String message() default "{horenso.validation.discoveredBeforeOccurred}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the two times when both are present (their own constraints report missing ones). */
    class Validator implements ConstraintValidator<DiscoveredNotBeforeOccurred, IncidentReportRequest> {
        @Override
        public boolean isValid(IncidentReportRequest request, ConstraintValidatorContext context) {
            if (request == null
                    || request.occurredAt() == null
                    || request.discoveredAt() == null
                    || !request.discoveredAt().isBefore(request.occurredAt())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("discoveredAt")
                    .addConstraintViolation();
            return false;
        }
    }
}
