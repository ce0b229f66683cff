import { registerEnumType } from 'type-graphql';
import { CASE_TYPE_CODES, type CaseTypeCode as CaseTypeCodeValue } from '../warehouse/published/figure-vocabulary.js';

/** GraphQL enum of case types, built from the warehouse vocabulary so that the two never drift. */
export const CaseTypeCode = Object.fromEntries(CASE_TYPE_CODES.map((c) => [c, c])) as { [K in CaseTypeCodeValue]: K };
export type CaseTypeCode = CaseTypeCodeValue;

registerEnumType(CaseTypeCode, {
  name: 'CaseTypeCode',
  description: 'Case type (ärendeslag).',
  valuesConfig: {
    ASYLUM: { description: 'Asylum (asyl).' },
    TEMPORARY_PROTECTION: { description: 'Temporary protection under the Temporary Protection Directive (massflyktsdirektivet).' },
    FAMILY: { description: 'Family ties (anknytning).' },
    WORK: { description: 'Work permits (arbetsmarknad).' },
    EEA: { description: 'EEA right of residence (EES).' },
    STUDY: { description: 'Studies (studerande).' },
    VISA: { description: 'Visas (visering).' },
    VISIT: { description: 'Visits (besök).' },
    CITIZENSHIP: { description: 'Citizenship (medborgarskap).' },
    ENFORCEMENT_IMPEDIMENT: { description: 'Impediment to enforcement (verkställighetshinder).' },
    STATE_COMPENSATION: { description: 'State compensation to municipalities and regions (statlig ersättning).' },
    REVOCATION: { description: 'Revocation of permits and status (återkallelse).' },
    REMIGRATION: { description: 'Remigration grants (återvandringsbidrag).' },
    RESETTLEMENT: { description: 'Resettlement of quota refugees (vidarebosättning).' },
    RETURN: { description: 'Return (återvändande).' },
    DETENTION: { description: 'Detention (förvar).' },
    RECEPTION: { description: 'Reception of asylum seekers (mottagning).' },
    PASSPORT: { description: 'Aliens’ passports and travel documents (främlingspass och resedokument).' },
    OTHER: { description: 'Other (övrigt).' },
  },
});
