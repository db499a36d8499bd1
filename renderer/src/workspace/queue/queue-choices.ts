import { useState } from 'react';
import type { QueueFilter } from '../../../../src/core/contract/queue';
import { TIMED_STAGES, type IncidentCategory, type IncidentSource, type Stage } from '../../../../src/domain';
import { useSessionStatus } from '../../hooks/useDesktop';

export const RISK_CHOICES = ['high', 'medium', 'low', 'ungraded'] as const;
export type RiskChoice = (typeof RISK_CHOICES)[number];
/** The open incidents (every stage with a deadline), or one stage. */
export type StageTab = 'open' | Stage;

/** The queue's filters as the operator has set them; an empty choice is "any". */
export interface QueueChoices {
  stageTab: StageTab;
  risk: RiskChoice | '';
  category: IncidentCategory | '';
  source: IncidentSource | '';
  unitId: string;
  overdueOnly: boolean;
  supervisedHere: boolean;
  text: string;
}

const NO_CHOICES: QueueChoices = {
  stageTab: 'open',
  risk: '',
  category: '',
  source: '',
  unitId: '',
  overdueOnly: false,
  supervisedHere: false,
  text: '',
};

/** The filter the core reads the queue with: "supervised here" means by the operator's own centre. */
export function queueFilterOf(choices: QueueChoices, ownCentre: string | undefined): QueueFilter {
  const { stageTab, risk, category, source, unitId, overdueOnly, supervisedHere, text } = choices;
  return {
    stages: stageTab === 'open' ? [...TIMED_STAGES] : [stageTab],
    ...(risk ? { risks: [risk] } : {}),
    ...(category ? { categories: [category] } : {}),
    ...(source ? { sources: [source] } : {}),
    ...(unitId ? { unitId } : {}),
    ...(overdueOnly ? { overdueOnly } : {}),
    ...(supervisedHere && ownCentre ? { supervisedBy: ownCentre } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
  };
}

/** The operator's queue filters, and the filter they make. */
export function useQueueChoices() {
  const [choices, setChoices] = useState<QueueChoices>(NO_CHOICES);
  const ownCentre = useSessionStatus()?.operator?.jurisdiction;
  const choose = (change: Partial<QueueChoices>) => setChoices((current) => ({ ...current, ...change }));
  return { choices, choose, filter: queueFilterOf(choices, ownCentre) };
}
