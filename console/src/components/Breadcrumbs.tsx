// Breadcrumbs: where a page sits (Service › list › resource), each level but the last a link.
import { Link } from '../router';

export function Breadcrumbs({ items }: { items: [label: string, to?: string][] }) {
  return (
    <nav aria-label="Breadcrumb" className="crumbs">
      <ol>
        {items.map(([label, to], i) => (
          <li key={i}>{to && i < items.length - 1 ? <Link to={to}>{label}</Link> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
