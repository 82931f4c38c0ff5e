package jp.horenso.escalation.onboarding.service;

/**
 * Onboard the organisation of a bundle (the YAML of a seed file).
 *
 * @param dryRun only check and say what would be created; store nothing
 * @param onboardedBy the installation administrator's user name, or {@link OnboardingService#SEED}
 */
public record OnboardCommand(String bundle, boolean dryRun, String onboardedBy) {}
