import type { z } from 'zod';
import type { LifecycleActionType } from './action';
import { instantOfChinaClock } from './china-time';
import { operatorCommandSchema, type OperatorCommand } from './command';
import type { Difficulty } from './difficulty';
import { wordingOfIssue, type FieldIssue } from './field-issue';
import type { Incident, Satisfaction } from './incident';
import type { RiskLevel } from './risk';
import { wording, type Wording } from './wording';

/** Distributes the command types across `OperatorCommand` so each keeps its own fields. */
type WithoutId<C> = C extends unknown ? Omit<C, 'commandId'> : never;
/** A command as the operator composes it, before it is given the id that makes a retry harmless. */
export type CommandDraft = WithoutId<OperatorCommand>;

/** What an operator may do to an incident from its action panel: a lifecycle action, or a note. */
export type IncidentActionChoice = LifecycleActionType | 'addNote';

/** What an incident's action form holds, as typed and chosen; each action reads the fields it asks for. */
export interface IncidentFormValues {
  /** The note, reason, requirement or summary, as typed. */
  text: string;
  riskLevel: RiskLevel;
  unitIds: readonly string[];
  /** The handling deadline as China's wall clock shows it, to the minute: "2026-03-02T17:30". */
  deadline: string;
  /** The unit reporting in on its order. */
  unitId: string;
  /** Empty until chosen: a dispute's grade sets a grid worker's pay, so it is never assumed. */
  difficulty: Difficulty | '';
  resolver: string;
  satisfaction: Satisfaction;
}
export type IncidentFormField = keyof IncidentFormValues;

/** The incident as it stood when the operator began the form, and what the form needs to know of it. */
export interface DraftingBase {
  incident: Pick<Incident, 'id' | 'version' | 'kind'>;
  /** The grid's roll of workers who may have mediated a dispute; empty where the grid keeps none. */
  gridWorkers: readonly string[];
}

export interface DraftProblem {
  field: IncidentFormField;
  words: Wording;
}
export type DraftOutcome = { ok: true; draft: CommandDraft } | { ok: false; problems: DraftProblem[] };

// Characters nobody sees, and controls other than tab and line breaks: pasted text brings them, they carry
// nothing the operator meant, and a reason made only of them would pass for one. Removed before any limit counts.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Typed text as a command carries it: without invisible characters, trimmed. */
export function cleanTypedText(text: string): string {
  return text.replace(INVISIBLE, '').trim();
}

const optionalNote = (text: string) => (text ? { note: text } : {});

/** How an action's command is drafted from the form. */
interface ActionDrafter {
  fields(values: IncidentFormValues, text: string): Record<string, unknown>;
  /** Choices the form requires that the command's schema leaves optional or cannot see. */
  check?(values: IncidentFormValues, base: DraftingBase): DraftProblem[];
}

const required = (field: IncidentFormField): DraftProblem => ({ field, words: wording('fieldRequired') });

const DRAFTERS: Record<IncidentActionChoice, ActionDrafter> = {
  report: { fields: (_values, text) => optionalNote(text) },
  assess: { fields: (values, text) => ({ riskLevel: values.riskLevel, ...optionalNote(text) }) },
  assign: {
    fields: (values) => ({ unitIds: [...values.unitIds], deadline: instantOfChinaClock(values.deadline) }),
    check: (values) => (values.unitIds.length === 0 ? [required('unitIds')] : []),
  },
  acknowledge: {
    fields: (values, text) => ({ unitId: values.unitId, ...optionalNote(text) }),
    check: (values) => (values.unitId ? [] : [required('unitId')]),
  },
  escalate: { fields: (_values, text) => ({ reason: text }) },
  issueSupervisionNotice: { fields: (_values, text) => ({ requirement: text }) },
  resolve: {
    fields: (values, text) => ({
      summary: text,
      ...(values.difficulty ? { difficulty: values.difficulty } : {}),
      ...(values.resolver ? { resolver: values.resolver } : {}),
    }),
    check: resolveChoices,
  },
  recordFollowUp: { fields: (values, text) => ({ satisfaction: values.satisfaction, note: text }) },
  close: { fields: (_values, text) => ({ reason: text }) },
  addNote: { fields: (_values, text) => ({ text }) },
};

/** A dispute is graded, since its subsidy pays by the grade, and names its mediator where the grid has a roll. */
function resolveChoices(values: IncidentFormValues, base: DraftingBase): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (base.incident.kind !== 'dispute') return problems;
  if (!values.difficulty) problems.push({ field: 'difficulty', words: wording('disputeNeedsDifficulty') });
  if (base.gridWorkers.length > 0) {
    if (!values.resolver) problems.push(required('resolver'));
    else if (!base.gridWorkers.includes(values.resolver))
      problems.push({ field: 'resolver', words: wording('fieldInvalid') });
  }
  return problems;
}

/** The form field a command field is typed in. */
const FORM_FIELD: Record<string, IncidentFormField> = {
  note: 'text',
  reason: 'text',
  requirement: 'text',
  summary: 'text',
  text: 'text',
  riskLevel: 'riskLevel',
  unitIds: 'unitIds',
  deadline: 'deadline',
  unitId: 'unitId',
  difficulty: 'difficulty',
  resolver: 'resolver',
  satisfaction: 'satisfaction',
};

/** The schema a command of this type is checked against, without the id it is given when it is sent. */
function draftSchemaOf(type: IncidentActionChoice): z.ZodObject {
  const schema = operatorCommandSchema.options.find((option) => option.shape.type.value === type);
  return (schema as z.ZodObject).omit({ commandId: true });
}

/**
 * The command an incident's action form drafts, checked as the hub will check it; or, field by field, what is
 * missing or wrong. Pure: the same values and base always draft the same command.
 */
export function draftIncidentCommand(
  action: IncidentActionChoice,
  values: IncidentFormValues,
  base: DraftingBase,
): DraftOutcome {
  const drafter = DRAFTERS[action];
  const envelope =
    action === 'addNote'
      ? { incidentId: base.incident.id }
      : { incidentId: base.incident.id, baseVersion: base.incident.version };
  const candidate = {
    type: action,
    ...envelope,
    ...drafter.fields(values, cleanTypedText(values.text)),
  };
  const problems = drafter.check?.(values, base) ?? [];
  const parsed = draftSchemaOf(action).safeParse(candidate);
  if (!parsed.success) {
    const checked = new Set(problems.map((problem) => problem.field));
    for (const issue of parsed.error.issues) {
      const field = FORM_FIELD[String(issue.path[0])] ?? 'text';
      // A choice the form found missing is said once, as missing, not again as the schema's limit.
      if (!checked.has(field)) problems.push({ field, words: wordingOfIssue(issue as FieldIssue) });
    }
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  return { ok: true, draft: parsed.data as CommandDraft };
}
