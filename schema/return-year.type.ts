import { Field, Float, Int, ObjectType } from 'type-graphql';
import { FigureSource } from './figure-source.type.js';

@ObjectType({ simpleResolvers: true, description: 'Return work in one year for one agency, as published (återvändande).' })
export class ReturnYear {
  @Field(() => Int, { description: 'Reference year (år).' })
  year!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Agency (myndighet): migrationsverket, polismyndigheten, kriminalvarden; null for all agencies together.',
  })
  agency!: string | null;

  @Field(() => Float, { nullable: true, description: 'Persons departed under a removal order (utresta).' })
  departed!: number | null;

  @Field(() => Float, { nullable: true, description: 'Voluntary departures (självmant utresta).' })
  voluntaryDepartures!: number | null;

  @Field(() => Float, { nullable: true, description: 'Enforced departures (utresta med tvång, verkställda).' })
  enforcedDepartures!: number | null;

  @Field(() => Float, { nullable: true, description: 'Cases handed over to the police (överlämnade till Polismyndigheten).' })
  handedToPolice!: number | null;

  @Field(() => Float, { nullable: true, description: 'Dublin transfers carried out (överföringar enligt Dublinförordningen).' })
  dublinTransfers!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Voluntary return share (andel självmant utresta), catalogue metric voluntary_return_share; on the all-agencies row only.',
  })
  voluntaryShare!: number | null;

  @Field(() => [FigureSource], { description: 'The published figures these values come from (källor).' })
  sources!: FigureSource[];
}
