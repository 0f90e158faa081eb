/**
 * What an item reads: the one walker over rule expressions that the finder (memo keys,
 * populations), the application form (its questions), the policy pages and the catalogue's lint
 * share. It works on the expressions as written (an item need not compile to be walked).
 */

/** The variable names an expression reads: `{"var": name}` anywhere inside it, and the names `missing`/`missing_some` test. */
export function variablesIn(expr: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(expr)) for (const e of expr) variablesIn(e, out);
  else if (typeof expr === 'object' && expr !== null)
    for (const [op, arg] of Object.entries(expr)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string') out.add(name);
      } else if (op === 'missing' && Array.isArray(arg)) {
        for (const n of arg) if (typeof n === 'string') out.add(n);
      } else if (op === 'missing_some' && Array.isArray(arg) && Array.isArray(arg[1])) {
        for (const n of arg[1]) if (typeof n === 'string') out.add(n);
      }
      variablesIn(arg, out);
    }
  return out;
}

/** An item as written, or as much of it as the walker needs. */
export interface ReadableItem {
  readonly criteria?: unknown;
  readonly region?: unknown;
  readonly amount?: { readonly formula?: unknown } | null;
  readonly caps?: unknown;
}

/**
 * The variables an item reads, in the order a form asks them: its criteria, its region (an
 * item with a region reads `region`), its amount formula, its caps.
 */
export function itemReads(item: ReadableItem): string[] {
  const out = new Set<string>();
  const criteria = Array.isArray(item.criteria) ? item.criteria : [];
  for (const c of criteria) variablesIn(typeof c === 'object' && c !== null && 'rule' in c ? (c as { rule: unknown }).rule : c, out);
  if (typeof item.region === 'string' && item.region !== '') out.add('region');
  variablesIn(item.amount?.formula, out);
  const caps = Array.isArray(item.caps) ? item.caps : [];
  for (const c of caps) variablesIn(typeof c === 'object' && c !== null && 'amount' in c ? (c as { amount: unknown }).amount : c, out);
  return [...out];
}
