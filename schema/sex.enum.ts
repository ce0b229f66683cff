import { registerEnumType } from 'type-graphql';

/** Sex as the reports split it (kön); the warehouse stores the lower-case code. */
export enum Sex {
  FEMALE = 'female',
  MALE = 'male',
}

registerEnumType(Sex, {
  name: 'Sex',
  description: 'Sex as the reports split it (kön). Omit for both (totalt).',
  valuesConfig: {
    FEMALE: { description: 'Women or girls (kvinnor, flickor).' },
    MALE: { description: 'Men or boys (män, pojkar).' },
  },
});
