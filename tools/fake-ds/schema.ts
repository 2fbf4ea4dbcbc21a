// The subset of démarches simplifiées' GraphQL schema the census sync uses, written from the API
// reference (../shared/reference/demarches-simplifiees-api.md and the platform's public schema):
// every query the fake server receives is parsed and validated against it, then executed.

import { buildSchema, type GraphQLSchema } from 'graphql';

const CHAMP_FIELDS = `
  id: ID!
  champDescriptorId: String!
  label: String!
  stringValue: String
  updatedAt: ISO8601DateTime!
  prefilled: Boolean!`;

export const SCHEMA_SDL = `
"""An ISO 8601 date and time, such as 2026-03-02T08:00:00+01:00."""
scalar ISO8601DateTime
"""An ISO 8601 date, such as 2026-03-02."""
scalar ISO8601Date
"""A large integer, sent as a string."""
scalar BigInt

type Query {
  demarche(number: Int!): Demarche!
}

enum DossierState {
  en_construction
  en_instruction
  accepte
  refuse
  sans_suite
}

enum DemarcheState {
  brouillon
  publiee
  close
  depubliee
}

enum Order {
  ASC
  DESC
}

enum TypeDeChamp {
  text
  textarea
  email
  phone
  number
  integer_number
  decimal_number
  checkbox
  yes_no
  drop_down_list
  multiple_drop_down_list
  linked_drop_down_list
  date
  datetime
  annuaire_education
  header_section
  explication
  repetition
}

type Demarche {
  id: ID!
  number: Int!
  title: String!
  state: DemarcheState!
  activeRevision: Revision!
  dossiers(
    first: Int
    after: String
    last: Int
    before: String
    state: DossierState
    order: Order
    updatedSince: ISO8601DateTime
    createdSince: ISO8601DateTime
    archived: Boolean
  ): DossierConnection!
  deletedDossiers(
    first: Int
    after: String
    last: Int
    before: String
    order: Order
    deletedSince: ISO8601DateTime
  ): DeletedDossierConnection!
}

type Revision {
  id: ID!
  champDescriptors: [ChampDescriptor!]!
}

type ChampDescriptor {
  id: ID!
  label: String!
  type: TypeDeChamp!
  description: String
  required: Boolean!
}

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

type DossierConnection {
  nodes: [Dossier]
  pageInfo: PageInfo!
}

type DeletedDossierConnection {
  nodes: [DeletedDossier]
  pageInfo: PageInfo!
}

type DeletedDossier {
  id: ID!
  number: Int!
  state: DossierState!
  reason: String!
  dateSupression: ISO8601DateTime!
}

type Profile {
  id: ID!
  email: String!
}

type Address {
  label: String!
}

type PersonneMorale {
  siret: String!
  libelleNaf: String
  address: Address!
}

type PersonnePhysique {
  nom: String!
  prenom: String!
  email: String
}

union Demandeur = PersonneMorale | PersonnePhysique

type Label {
  id: ID!
  name: String!
}

type Traitement {
  state: DossierState!
  dateTraitement: ISO8601DateTime!
  emailAgentTraitant: String
  motivation: String
}

type Dossier {
  id: ID!
  number: Int!
  state: DossierState!
  archived: Boolean!
  dateDepot: ISO8601DateTime!
  dateDerniereModification: ISO8601DateTime!
  datePassageEnInstruction: ISO8601DateTime
  dateTraitement: ISO8601DateTime
  motivation: String
  usager: Profile!
  demandeur: Demandeur!
  champs: [Champ!]!
  annotations: [Champ!]!
  labels: [Label!]!
  traitements: [Traitement!]!
}

interface Champ {${CHAMP_FIELDS}
}

type TextChamp implements Champ {${CHAMP_FIELDS}
  value: String
}

type CheckboxChamp implements Champ {${CHAMP_FIELDS}
  value: Boolean!
}

type YesNoChamp implements Champ {${CHAMP_FIELDS}
  value: Boolean
}

type IntegerNumberChamp implements Champ {${CHAMP_FIELDS}
  value: BigInt
}

type DecimalNumberChamp implements Champ {${CHAMP_FIELDS}
  value: Float
}

type DateChamp implements Champ {${CHAMP_FIELDS}
  date: ISO8601Date
}

type DatetimeChamp implements Champ {${CHAMP_FIELDS}
  datetime: ISO8601DateTime
}

type DropDownListChamp implements Champ {${CHAMP_FIELDS}
  value: String
}

type MultipleDropDownListChamp implements Champ {${CHAMP_FIELDS}
  values: [String!]!
}

type LinkedDropDownListChamp implements Champ {${CHAMP_FIELDS}
  primaryValue: String
  secondaryValue: String
}

type AnnuaireEducationChamp implements Champ {${CHAMP_FIELDS}
}

type HeaderSectionChamp implements Champ {${CHAMP_FIELDS}
}

type Row {
  id: ID!
  champs: [Champ!]!
}

type RepetitionChamp implements Champ {${CHAMP_FIELDS}
  rows: [Row!]!
}
`;

let built: GraphQLSchema | undefined;

export function dsSchema(): GraphQLSchema {
  built ??= buildSchema(SCHEMA_SDL);
  return built;
}
