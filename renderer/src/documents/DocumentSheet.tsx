import type { OfficialDocument } from '../../../src/domain';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** An official document as printed: red title, number, addressee, body, numbered requirements, issuer and date. */
export function DocumentSheet({ document }: { document: OfficialDocument }) {
  return (
    <>
      <h1>{document.title}</h1>
      <p className="doc-number">{document.number}</p>
      <p className="addressee">{document.addressee}</p>
      {document.paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      {document.requirements.length > 0 && (
        <>
          <p>具体要求如下：</p>
          {document.requirements.map((requirement, index) => (
            <p key={index}>
              {NUMERALS[index]}、{requirement}
            </p>
          ))}
        </>
      )}
      <p className="signature">
        {document.issuer}
        <br />
        {document.date}
      </p>
    </>
  );
}
