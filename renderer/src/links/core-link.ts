/**
 * The renderer's own link to its desktop core — the WebSocket to the local shell, or the Electron bridge —
 * as the transport sees it. The core's status says nothing once the core is gone, so this is what tells the
 * screen its figures have stopped moving.
 */
export type CoreLinkState =
  { state: 'connecting' } | { state: 'up'; since: number } | { state: 'down'; since: number };

type Listener = () => void;

export class CoreLink {
  private current: CoreLinkState = { state: 'connecting' };
  private readonly listeners = new Set<Listener>();

  get = (): CoreLinkState => this.current;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The core answered: the link is up (again). */
  up(): void {
    if (this.current.state === 'up') return;
    this.set({ state: 'up', since: Date.now() });
  }

  /** The link dropped; a drop while already down keeps the time it first went down. */
  down(): void {
    if (this.current.state === 'down') return;
    this.set({ state: 'down', since: Date.now() });
  }

  private set(next: CoreLinkState): void {
    this.current = next;
    this.listeners.forEach((listener) => listener());
  }
}
