interface Entry {
  at: number;
  order: number;
  run: () => void;
}

/** Tasks keyed by simulated time; tasks due at the same time run in the order they were scheduled. */
export class Scheduler {
  private readonly heap: Entry[] = [];
  private scheduled = 0;

  schedule(at: number, run: () => void): void {
    this.heap.push({ at, order: this.scheduled++, run });
    this.siftUp(this.heap.length - 1);
  }

  /** Removes and returns every task due by `now`, earliest first. */
  takeDue(now: number): { at: number; run: () => void }[] {
    const due: { at: number; run: () => void }[] = [];
    while (this.heap.length > 0 && this.heap[0]!.at <= now) due.push(this.pop());
    return due;
  }

  private before(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private pop(): Entry {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i]!, this.heap[parent]!)) return;
      [this.heap[i], this.heap[parent]] = [this.heap[parent]!, this.heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if (left < this.heap.length && this.before(this.heap[left]!, this.heap[smallest]!)) smallest = left;
      if (right < this.heap.length && this.before(this.heap[right]!, this.heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [this.heap[i], this.heap[smallest]] = [this.heap[smallest]!, this.heap[i]!];
      i = smallest;
    }
  }
}
