import { useTranslation } from 'react-i18next';
import {
  CODE_LENGTH,
  MODE_LABELS,
  type HandoverReview,
  type Mode,
  type ReviewItem,
} from '../../../src/domain';
import { formatChinaClock } from '../workspace/time';

const ITEM_GROUPS = ['new', 'escalated', 'resolved', 'goneOverdue', 'alarms'] as const;

interface GroupsProps {
  review: HandoverReview;
  names: Record<string, string>;
  onOpen: (incidentId: string) => void;
}

function modeLabel(mode: Mode, language: string): string {
  return MODE_LABELS[mode][language === 'en' ? 'en' : 'zh'];
}

function placeOf(item: { jurisdictionCode: string }, names: Record<string, string>): string {
  return names[item.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? item.jurisdictionCode;
}

/** What happened in the shift, one column per kind, each item a link to the incident. */
export function ReviewGroups({ review, names, onOpen }: GroupsProps) {
  const { t, i18n } = useTranslation();
  const itemRow = (item: ReviewItem, group: string) => (
    <li key={`${group}-${item.incidentId}-${item.at}`}>
      <button className="link" onClick={() => onOpen(item.incidentId)}>
        <span className="review-time">{formatChinaClock(item.at, i18n.language).slice(-5)}</span>
        <span className={`risk risk-${item.riskLevel ?? 'ungraded'}`}>
          {t(`risk.${item.riskLevel ?? 'ungraded'}`)}
        </span>
        <span className="review-title" translate="no">
          {item.title}
        </span>
        <span className="muted" translate="no">
          {placeOf(item, names)} · {t(`stage.${item.stage}`)}
        </span>
      </button>
    </li>
  );
  return (
    <div className="review-groups">
      {ITEM_GROUPS.map((group) => (
        <section key={group} className={`review-group group-${group}`} data-testid={`review-${group}`}>
          <h3>
            {t(`handover.groups.${group}`)} <span className="review-count">{review[group].length}</span>
          </h3>
          {review[group].length === 0 ? (
            <p className="muted">{t('handover.none')}</p>
          ) : (
            <ul>{review[group].map((item) => itemRow(item, group))}</ul>
          )}
        </section>
      ))}
      <section className="review-group group-modeSwitches" data-testid="review-modeSwitches">
        <h3>
          {t('handover.groups.modeSwitches')}{' '}
          <span className="review-count">{review.modeSwitches.length}</span>
        </h3>
        {review.modeSwitches.length === 0 ? (
          <p className="muted">{t('handover.none')}</p>
        ) : (
          <ul>
            {review.modeSwitches.map((change) => (
              <li key={`${change.jurisdictionCode}-${change.at}`} translate="no">
                <span className="review-time">{formatChinaClock(change.at, i18n.language).slice(-5)}</span>
                {t('handover.modeSwitch', {
                  place: names[change.jurisdictionCode] ?? change.jurisdictionCode,
                  from: modeLabel(change.previous, i18n.language),
                  to: modeLabel(change.mode, i18n.language),
                  by: names[change.by] ?? t('words.someone'),
                  reason: change.reason,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The items the incoming operator takes over: overdue first, then by deadline, with their units. */
export function StillOpenTable({ review, names, onOpen }: GroupsProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="still-open" data-testid="review-stillOpen">
      <h3>{t('handover.stillOpen', { count: review.stillOpen.length })}</h3>
      <div className="still-open-scroll">
        <table>
          <thead>
            <tr>
              <th>{t('handover.columns.title')}</th>
              <th>{t('handover.columns.place')}</th>
              <th>{t('handover.columns.stage')}</th>
              <th>{t('handover.columns.owners')}</th>
              <th>{t('handover.columns.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {review.stillOpen.map((item) => (
              <tr key={item.incidentId} className={item.overdue ? 'overdue' : undefined}>
                <td>
                  <span className={`risk risk-${item.riskLevel ?? 'ungraded'}`}>
                    {t(`risk.${item.riskLevel ?? 'ungraded'}`)}
                  </span>{' '}
                  <button className="link" translate="no" onClick={() => onOpen(item.incidentId)}>
                    {item.title}
                  </button>
                </td>
                <td translate="no">{placeOf(item, names)}</td>
                <td>{t(`stage.${item.stage}`)}</td>
                <td translate="no">
                  {item.unitIds.length === 0
                    ? t('handover.unassigned')
                    : item.unitIds.map((unitId) => names[unitId] ?? unitId).join('、')}
                </td>
                <td>
                  {item.deadline ? formatChinaClock(item.deadline, i18n.language) : t('handover.noDeadline')}
                  {item.overdue && <span className="overdue-badge">{t('handover.overdue')}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
