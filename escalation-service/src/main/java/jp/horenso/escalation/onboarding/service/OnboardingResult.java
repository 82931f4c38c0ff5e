package jp.horenso.escalation.onboarding.service;

/**
 * What an onboarding created (or, for a dry run, would create).
 *
 * @param chainSteps the steps of chain version 1
 * @param outsideBodies the outside bodies (関係機関) the chain tells
 */
public record OnboardingResult(
        String organisation,
        String caseNumberPrefix,
        String classificationScheme,
        boolean dryRun,
        int units,
        int people,
        int positions,
        int deputies,
        int chainVersion,
        int chainSteps,
        int outsideBodies,
        int publicContacts) {}
