import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './dialog.css';

/** What Tab can land on inside a dialog. */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  /** What a screen reader announces the dialog as. */
  label: string;
  /** Called when the operator dismisses it: Esc, or a close button of its own. */
  onClose(): void;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/**
 * Every dialog of the wall: a native modal <dialog>, shown in the top layer above the map and everything else,
 * with the page behind it inert. Tab cycles inside it, Esc closes it, and focus returns to what opened it.
 * Rendered while open; the parent closes it by no longer rendering it.
 */
export function Dialog({ label, onClose, className, testId, children }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const latestOnClose = useRef(onClose);
  useEffect(() => {
    latestOnClose.current = onClose;
  });

  useLayoutEffect(() => {
    const element = dialog.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    // Esc closes a modal dialog natively (Chromium may skip `cancel`, never `close`): the parent is told.
    const onNativeClose = () => latestOnClose.current();
    element.addEventListener('close', onNativeClose);
    return () => {
      element.removeEventListener('close', onNativeClose);
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  /** Tab past the last control comes back to the first, and Shift+Tab the other way: focus never leaves. */
  const keepFocusInside = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const controls = [...dialog.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (control) => control.offsetParent !== null || control === document.activeElement,
    );
    const first = controls[0];
    const last = controls.at(-1);
    if (!first || !last) return event.preventDefault();
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !dialog.current!.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.current!.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <dialog
      ref={dialog}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-label={label}
      aria-modal="true"
      data-testid={testId}
      onKeyDown={keepFocusInside}
    >
      {children}
    </dialog>,
    document.body,
  );
}
