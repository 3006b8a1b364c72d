// When seeded rows happen: over the last `days` days, busier in the
// afternoon (UTC) than at night, as SQL expressions over a uniform u in [0, 1).
export type TClock = { start: Date; end: Date; days: number };

// Peak-to-trough ratio (1 + A) / (1 - A): four times busier at 14:00 than at 02:00.
const A = 0.6;
const PEAK_HOUR_UTC = 14;

export function clockFor({ days, now = new Date() }: { days: number; now?: Date }): TClock {
  return { start: new Date(now.getTime() - days * 86_400_000), end: now, days };
}

// s -> s - A (sin(2 pi s + phase) - sin phase) / 2 pi maps [0, days] onto
// itself (days is whole) and is increasing, so u -> g(u days) keeps every row
// in the window while its density follows 1 / (1 - A cos(2 pi s + phase)):
// highest where the cosine is 1, placed at the peak hour.
function warped(clock: TClock, u: string) {
  const startHour = clock.start.getUTCHours() + clock.start.getUTCMinutes() / 60;
  const peak = ((((PEAK_HOUR_UTC - startHour) / 24) % 1) + 1) % 1;
  const phase = -2 * Math.PI * peak;
  const s = `(${clock.days}::float8 * (${u}))`;
  return `(${s} - ${A} * (sin(2 * pi() * ${s} + (${phase})) - (${Math.sin(phase)})) / (2 * pi()))`;
}

// A moment in the window, leaving `marginSeconds` free at its end (for the
// later turns of a conversation that starts there).
export function momentSql(clock: TClock, u: string, marginSeconds = 0) {
  const secondsPerDay = (clock.end.getTime() - clock.start.getTime() - marginSeconds * 1000) / 1000 / clock.days;
  return `('${clock.start.toISOString()}'::timestamptz + make_interval(secs => ${warped(clock, u)} * ${secondsPerDay}))`;
}

// A UUID (version 7 layout: time first) like the ones turns and conversations
// get, ordered by time so the batches append to their indexes.
export function uuidSql(at: string) {
  return `((${millis(at)} || '7' || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid::text)`;
}

// An id shaped like Prisma's cuid (25 characters, starting with c), ordered by
// time like one, so the feed's (created_at, id) tie-break behaves as it does live.
export function cuidSql(at: string) {
  return `('c' || substr(${millis(at)}, 2) || substr(md5(random()::text), 1, 13))`;
}

const millis = (at: string) => `lpad(to_hex((extract(epoch FROM ${at}) * 1000)::bigint), 12, '0')`;
