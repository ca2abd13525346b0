import { formatPeso } from '../../domain/money';

/**
 * What the views print. Ids show their last 8 characters (the random end of
 * a UUID; the start of a v7 id is its timestamp, alike for orders placed
 * together), and the order search finds an order by them.
 */
export const fmt = {
  peso: formatPeso,
  shortId: (id: string) => id.slice(-8),
  /** "3 min", "5 h", "2 d": how long ago */
  age(iso: string | null, now = Date.now()): string {
    if (!iso) return '';
    const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min`;
    if (s < 86_400) return `${Math.floor(s / 3600)} h`;
    return `${Math.floor(s / 86_400)} d`;
  },
  /** "in 7 min" / "7 min ago" */
  until(iso: string | null, now = Date.now()): string {
    if (!iso) return '';
    const ms = Date.parse(iso) - now;
    return ms >= 0 ? `in ${fmt.age(new Date(now - ms).toISOString(), now)}` : `${fmt.age(iso, now)} ago`;
  },
  /** UTC, to the minute: what the database holds, without a time zone guess */
  time: (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : ''),
  label: (s: string) => s.replace(/_/g, ' '),
  promo: (p: { kind: string; value: number }) => (p.kind === 'percent' ? `${p.value}% off` : p.kind === 'fixed' ? `${formatPeso(p.value)} off` : 'free shipping'),
  ms: (v: number | null) => (v === null ? '—' : v < 1000 ? `${v} ms` : `${(v / 1000).toFixed(1)} s`),
};
