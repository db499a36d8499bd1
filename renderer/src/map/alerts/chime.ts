/**
 * A short two-note chime for a new high-risk incident, synthesised with the Web Audio API: nothing to
 * download. Browsers keep audio silent until the page has been interacted with, so the context is opened
 * on the operator's first click and reused after that.
 */
let context: AudioContext | undefined;

export function unlockChime(): void {
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
}

const NOTES = [
  { hz: 988, at: 0 },
  { hz: 740, at: 0.2 },
];
const NOTE_SECONDS = 0.18;

export function playChime(): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime;
  for (const note of NOTES) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.hz;
    gain.gain.setValueAtTime(0.0001, start + note.at);
    gain.gain.exponentialRampToValueAtTime(0.35, start + note.at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + note.at + NOTE_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + note.at);
    oscillator.stop(start + note.at + NOTE_SECONDS + 0.02);
  }
}
