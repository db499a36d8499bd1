import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What to show in place of the panel, given why it failed and a way to try again. */
  fallback(error: Error, retry: () => void): ReactNode;
  children: ReactNode;
}

/**
 * Keeps one panel's failure to that panel: on a wall screen a crashed map must not take the figures and the
 * status bar down with it.
 */
export class PanelBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('panel failed', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (error) return this.props.fallback(error, () => this.setState({ error: null }));
    return this.props.children;
  }
}
