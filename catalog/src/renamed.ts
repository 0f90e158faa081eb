/**
 * Names a fact used to have. When documents asked one fact under their own names, the catalogue
 * consolidated them into one shared variable (catalog/README.md, "Shared variables"); a caller that
 * still sends an old name — a saved calculator link, an integration written against the earlier
 * catalogue — is understood under the new one, never asked twice. A figure that became a published
 * parameter (the PBoC benchmark rate) is no longer an input: a value sent under its old name is
 * ignored, since the parameter's dated value applies.
 */

/** Old variable name → the shared variable that now holds the same fact with the same type. */
export const RENAMED_VARIABLES: Readonly<Record<string, string>> = Object.freeze({
  yt_startup_region: 'founded_firm_region',
  yx_founded_firm_region: 'founded_firm_region',
  nn_startup_loan_requested: 'guaranteed_loan_requested',
  yt_guaranteed_loan_requested: 'guaranteed_loan_requested',
  yx_loan_requested: 'guaranteed_loan_requested',
  yx_enterprise_loan_requested: 'guaranteed_loan_requested',
  yt_guaranteed_loan_granted: 'guaranteed_loan_granted',
  yx_loan_granted: 'guaranteed_loan_granted',
  yx_enterprise_loan_granted: 'guaranteed_loan_granted',
  nn_startup_loan_interest_subsidy_amount: 'guaranteed_loan_interest_subsidy_due',
  yt_guaranteed_loan_interest_subsidy_due: 'guaranteed_loan_interest_subsidy_due',
  yx_loan_interest_subsidy_due: 'guaranteed_loan_interest_subsidy_due',
  yx_enterprise_loan_interest_subsidy_due: 'guaranteed_loan_interest_subsidy_due',
  yuetang_guaranteed_loan_interest_due: 'guaranteed_loan_interest_subsidy_due',
  nn_completed_startup_training: 'attended_startup_training',
  yx_attended_startup_training: 'attended_startup_training',
  nn_training_subsidy_amount: 'startup_training_subsidy_due',
  yx_startup_training_subsidy_due: 'startup_training_subsidy_due',
  nn_entered_base_on: 'entered_base_on',
});

/** Old variable names of figures that are now dated parameters: no longer inputs. */
export const RETIRED_VARIABLES: ReadonlySet<string> = new Set(['nn_pboc_benchmark_rate']);

/**
 * A profile with old names read under the new ones. A value already given under the new name
 * wins; `nn_has_startup_guaranteed_loan` (a yes/no that became an amount) is not mapped, since no
 * amount can be read from it.
 */
export function underCurrentNames(profile: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(profile)) {
    if (RETIRED_VARIABLES.has(name)) continue;
    const current = RENAMED_VARIABLES[name];
    if (current === undefined) out[name] = value;
    else if (!(current in profile) && !(current in out)) out[current] = value;
  }
  return out;
}
