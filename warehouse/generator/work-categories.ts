import { yearStart } from './calendar.js';
import type { RandomStream } from './seeded-random.js';

/**
 * The categories A–D of first-time work-permit applications, introduced in 2024 (Tabell 8.4, line 2850 ff.):
 * applications received in 2024 by sex — women 17 942 / 5 593 / 2 250 / 3 853, men 21 954 / 7 774 / 3 681 /
 * 6 453. A first-time work permit case received from 2024 on gets a category drawn with these shares; earlier
 * cases have none. (Tabell 8.4 counts more applications than Tabell 8.3's first-time row, so its shares are used,
 * not its counts.)
 */
export const WORK_CATEGORIES = ['category_a', 'category_b', 'category_c', 'category_d'] as const;
const RECEIVED_2024: Readonly<Record<string, readonly number[]>> = {
  female: [17_942, 5_593, 2_250, 3_853],
  male: [21_954, 7_774, 3_681, 6_453],
};
const CATEGORIES_FROM = yearStart(2024);

export function drawWorkCategory(caseType: string, segment: string, sex: string, receivedDay: number, random: RandomStream): string | null {
  if (caseType !== 'WORK' || segment !== 'first_time' || receivedDay < CATEGORIES_FROM) return null;
  return WORK_CATEGORIES[random.pick(RECEIVED_2024[sex] ?? RECEIVED_2024.male!)] as string;
}
