import type { ComponentType } from 'react';
import type { IncidentActionChoice } from '../../../../src/domain';
import { AcknowledgeForm } from './AcknowledgeForm';
import { AssessForm } from './AssessForm';
import { AssignForm } from './AssignForm';
import { CloseForm } from './CloseForm';
import { EscalateForm } from './EscalateForm';
import { FollowUpForm } from './FollowUpForm';
import type { ActionFormProps } from './form-props';
import { NoteForm } from './NoteForm';
import { ReportForm } from './ReportForm';
import { ResolveForm } from './ResolveForm';
import { SupervisionNoticeForm } from './SupervisionNoticeForm';

/** The fields each action asks for. */
export const ACTION_FORMS: Record<IncidentActionChoice, ComponentType<ActionFormProps>> = {
  report: ReportForm,
  assess: AssessForm,
  assign: AssignForm,
  acknowledge: AcknowledgeForm,
  escalate: EscalateForm,
  issueSupervisionNotice: SupervisionNoticeForm,
  resolve: ResolveForm,
  recordFollowUp: FollowUpForm,
  close: CloseForm,
  addNote: NoteForm,
};
