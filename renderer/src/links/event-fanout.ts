type Listener = (payload: unknown) => void;

/** Fans events from one source out to the listeners of each name. */
export class EventFanout {
  private readonly listeners = new Map<string, Set<Listener>>();

  add(name: string, listener: Listener): () => void {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener);
    return () => this.listeners.get(name)?.delete(listener);
  }

  dispatch(name: string, payload: unknown): void {
    this.listeners.get(name)?.forEach((listener) => listener(payload));
  }
}
