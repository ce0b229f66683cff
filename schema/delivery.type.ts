import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DeliveringAgency, DeliveryKind, DeliveryStatus, type DeliveryStatusCode } from './delivery-enums.js';
import { PageInfo } from './page-info.type.js';

@ObjectType({ simpleResolvers: true, description: 'How many faults of one kind a delivery had (antal fel per slag).' })
export class RejectCount {
  @Field(() => String, { description: 'The kind of fault (felslag), e.g. UNMAPPED_CODE, TYPE, DUPLICATE_KEY (docs/ingest.md).' })
  kind!: string;

  @Field(() => Int, { description: 'Faults of that kind (antal); complete, never capped.' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A code no code map maps, with how often it came (okänd kod).' })
export class UnmappedCode {
  @Field(() => String, { description: 'Resource (resurs) it came in.' })
  resource!: string;

  @Field(() => String, { description: 'Field (fält) it came in.' })
  field!: string;

  @Field(() => String, { description: 'The code as delivered (kod).' })
  code!: string;

  @Field(() => Int, { description: 'Rows with it (antal rader).' })
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'One rejected cell or row of a delivery (avvisad rad).' })
export class DeliveryReject {
  @Field(() => String, { description: 'Resource (resurs).' })
  resource!: string;

  @Field(() => Int, { description: 'Row number in the file, counting data rows from 1 (radnummer).' })
  row!: number;

  @Field(() => String, { nullable: true, description: "The row's key in the agency's system (källnyckel)." })
  sourceKey!: string | null;

  @Field(() => String, { description: 'Field (fält).' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The cell as delivered (cellvärde); null where empty.' })
  cell!: string | null;

  @Field(() => String, { description: 'The kind of fault (felslag).' })
  kind!: string;

  @Field(() => String, { description: 'What is wrong (felmeddelande).' })
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: "One delivery of an agency's extract and what became of it (leverans)." })
export class Delivery {
  @Field(() => ID, { description: 'The warehouse’s id of the delivery (leverans-id).' })
  deliveryId!: string;

  @Field(() => DeliveringAgency, { description: 'The agency that delivered it (myndighet).' })
  agency!: string;

  @Field(() => Int, { description: "The agency's extract id (uttagsnummer), increasing per agency." })
  extractId!: number;

  @Field(() => DeliveryKind, { description: 'Full or delta (uttagstyp).' })
  kind!: string;

  @Field(() => DeliveryStatus, { description: 'What became of it (status).' })
  status!: DeliveryStatusCode;

  @Field(() => String, { nullable: true, description: 'Why refused, or what was done (meddelande).' })
  message!: string | null;

  @Field(() => String, { nullable: true, description: 'When the agency took the extract, ISO timestamp (uttaget).' })
  extractedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'First day the extract covers, ISO date (periodens början).' })
  periodStart!: string | null;

  @Field(() => String, { nullable: true, description: 'Last day the extract covers, ISO date (periodens slut).' })
  periodEnd!: string | null;

  @Field(() => String, { description: 'When the warehouse received it, ISO timestamp (mottagen).' })
  receivedAt!: string;

  @Field(() => String, { nullable: true, description: 'When it was published or refused, ISO timestamp (klar).' })
  finishedAt!: string | null;

  @Field(() => Int, { description: 'Rows in its files (rader).' })
  rowsTotal!: number;

  @Field(() => Int, { description: 'Rows rejected (avvisade rader).' })
  rowsRejected!: number;

  @Field(() => Int, { description: 'Rows applied to the warehouse, deletions included (tillämpade rader).' })
  rowsApplied!: number;

  @Field(() => Int, {
    description: 'Rows whose case (or referenced record) has not been delivered yet: held, and published once it is (väntande rader).',
  })
  rowsHeld!: number;

  @Field(() => [RejectCount], { description: 'Faults by kind (fel per slag).' })
  rejectsByKind!: RejectCount[];

  @Field(() => [UnmappedCode], { description: 'Codes no code map maps (okända koder): usually the map needs a row.' })
  unmappedCodes!: UnmappedCode[];

  @Field(() => [DeliveryReject], { description: 'The first 20 faults, in file order (de första felen).' })
  firstErrors!: DeliveryReject[];

  @Field(() => String, { nullable: true, description: 'The warehouse generation it was published in (generation).' })
  generation!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A page of deliveries, newest first (leveranser).' })
export class DeliveryConnection {
  @Field(() => [Delivery], { description: 'The deliveries of this page (leveranser).' })
  nodes!: Delivery[];

  @Field(() => PageInfo, { description: 'Where the next page starts (sidinformation).' })
  pageInfo!: PageInfo;
}
