/** What is wrong with a draft, each worded problem once, however many fields it was found in. */
export function ProblemList({ problems }: { problems: ReadonlyMap<string, string> }) {
  if (problems.size === 0) return null;
  return (
    <ul className="notice error">
      {[...new Set(problems.values())].map((problem) => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  );
}
