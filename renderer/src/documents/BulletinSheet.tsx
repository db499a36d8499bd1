import { isBulletinHeading } from '../../../src/domain';

/** A bulletin as printed: the red title, then its numbered headings and indented paragraphs. */
export function BulletinSheet({ title, body }: { title: string; body: string }) {
  const lines = body.split('\n').filter((line) => line.trim() !== '');
  return (
    <>
      <h1>{title}</h1>
      {lines.map((line, index) =>
        isBulletinHeading(line) ? <h2 key={index}>{line.trim()}</h2> : <p key={index}>{line.trim()}</p>,
      )}
    </>
  );
}
