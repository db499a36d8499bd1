/**
 * A short two-note chime for a new high-risk incident, synthesised with the Web Audio API: nothing to
 * download. One context serves the whole page. Where the shell allows audio without a gesture (Electron, and
 * the Chromium `pingan start` opens) it runs at once; where the browser holds it suspended until someone
 * interacts, the screen says so (see `useSound`) and a click resumes it.
 */
let context: AudioContext | undefined;

export type SoundState = 'checking' | 'running' | 'blocked';

/** A context allowed to play starts within moments; one still suspended after this is being held back. */
const START_GRACE_MS = 2_000;
let graceOver = false;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function audio(): AudioContext {
  if (!context) {
    context = new AudioContext();
    context.addEventListener('statechange', notify);
    setTimeout(() => {
      graceOver = true;
      notify();
    }, START_GRACE_MS);
  }
  return context;
}

// Made as the page loads, so whether it runs is the shell's policy alone, not whatever first touched the page.
audio();

export function soundState(): SoundState {
  const state = audio().state;
  if (state === 'running') return 'running';
  return graceOver ? 'blocked' : 'checking';
}

export function subscribeSound(listener: () => void): () => void {
  audio();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resumes a held-back context; called from a click, which the browser counts as the gesture it waits for. */
export function unlockChime(): void {
  const current = audio();
  if (current.state === 'suspended') void current.resume();
}

const NOTES = [
  { hz: 988, at: 0 },
  { hz: 740, at: 0.2 },
];
const NOTE_SECONDS = 0.18;

export function playChime(): void {
  const current = audio();
  if (current.state !== 'running') return;
  const start = current.currentTime;
  for (const note of NOTES) {
    const oscillator = current.createOscillator();
    const gain = current.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.hz;
    gain.gain.setValueAtTime(0.0001, start + note.at);
    gain.gain.exponentialRampToValueAtTime(0.35, start + note.at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + NOTE_SECONDS);
    oscillator.connect(gain).connect(current.destination);
    oscillator.start(start + note.at);
    oscillator.stop(start + note.at + NOTE_SECONDS + 0.02);
  }
}
