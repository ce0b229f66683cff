/** The part of jsonstat-toolkit (no types of its own) the tests read JSON-stat back with. */
declare module 'jsonstat-toolkit' {
  interface JsonStatCategory {
    label: string;
    unit: { label?: string; decimals?: number } | null;
  }
  interface JsonStatDimension {
    id: string[];
    label: string;
    role: string | null;
    Category(id: string): JsonStatCategory | null;
  }
  interface JsonStat {
    class: string;
    id: string[];
    n: number;
    length: number;
    role: Record<string, string[] | null> | null;
    Dimension(id: string): JsonStatDimension | null;
    Data(coordinates: Record<string, string>): { value: number | string | null; status: string | null } | null;
    Unflatten<T>(each: (coordinates: Record<string, string>, cell: { value: number | null; status: string | null }) => T | undefined): T[];
  }
  export default function JSONstat(input: unknown): JsonStat;
}
