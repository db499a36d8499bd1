import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JURISDICTION_LEVELS, levelOfCode } from '../../../src/domain';
import { desktopApi } from '../api-client';
import './i18n';

export interface ScopeChoice {
  code: string;
  name: string;
}

/** The places a scope can be: the operator's jurisdiction and the divisions one level below it, by name. */
const choicesByRoot = new Map<string, Promise<ScopeChoice[]>>();

async function readChoices(root: string): Promise<ScopeChoice[]> {
  const level = levelOfCode(root);
  const below = level && JURISDICTION_LEVELS[JURISDICTION_LEVELS.indexOf(level) + 1];
  if (!level) return [];
  const [own, children] = await Promise.all([
    desktopApi.call('region.boundaries', { level, scope: root }),
    below ? desktopApi.call('region.boundaries', { level: below, scope: root }) : null,
  ]);
  const named = (result: typeof own | null) =>
    result?.ok
      ? result.value.features.map(({ properties }) => ({ code: properties.code, name: properties.name }))
      : [];
  return [...named(own), ...named(children).sort((a, b) => a.code.localeCompare(b.code))];
}

function useScopeChoices(root: string): ScopeChoice[] | null {
  const [choices, setChoices] = useState<ScopeChoice[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    let pending = choicesByRoot.get(root);
    if (!pending) {
      pending = readChoices(root);
      choicesByRoot.set(root, pending);
    }
    void pending.then((found) => !cancelled && setChoices(found));
    return () => {
      cancelled = true;
    };
  }, [root]);
  return choices;
}

/**
 * Chooses the place a list or a document covers, by name: its own choice, made here and nowhere else, so a
 * drill-down on another tab never changes what it shows. `value` undefined is the operator's whole jurisdiction.
 */
export function ScopePicker({
  root,
  value,
  onChange,
  testId,
}: {
  root: string;
  value: string | undefined;
  onChange(scope: string | undefined): void;
  testId: string;
}) {
  const { t } = useTranslation();
  const choices = useScopeChoices(root);
  return (
    <label className="scope-picker">
      {t('controls.scope.label')}
      <select
        data-testid={testId}
        value={value ?? root}
        translate="no"
        disabled={!choices}
        onChange={(event) => onChange(event.target.value === root ? undefined : event.target.value)}
      >
        {!choices && <option value={value ?? root}>{t('controls.scope.loading')}</option>}
        {choices?.map((choice) => (
          <option key={choice.code} value={choice.code}>
            {choice.name}
          </option>
        ))}
      </select>
    </label>
  );
}
